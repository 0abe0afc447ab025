"""Vocabulary data the matcher (portal.importer.metrics) reads, pure Python (no Django, no migration needed).

``UNITS_NOT_PROPOSED``: units an editor may choose for a metric (migration 0006 allowed them) on which the
matcher still never proposes that metric. They are other classifiers for the same thing (15位中心户长,
500件宣传品, 52处宣传长廊), and the matching rules (docs/importer.md §5) keep a figure in a unit the
starting vocabulary does not allow out of the metric: whether 件 of 宣传品 are 份 is a person's call.
The 万/亿 multiples of a unit are never withheld. Keyed by the metric's label: a metric an editor renames
loses the entry (it then proposes on every unit it allows).
"""

UNITS_NOT_PROPOSED = {
    "会员之家": ("处", "间"),
    "计生协会员": ("位",),
    "中心户长": ("位",),
    "计生志愿者": ("位",),
    "专职工作人员": ("位",),
    "宣传品": ("件", "万件"),
    "宣传栏展板": ("处", "面"),
    "业务培训": ("场次",),
    "健康讲座": ("场次", "期"),
    "文艺演出": ("场次",),
    "咨询服务": ("人",),
    "免费体检": ("例",),
}
