"""The words of 原文指标 labels: rjieba with the portal's dictionaries, and the word lists that decide where a
label starts and ends (read by figures, labels and metrics)."""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

import rjieba

USER_DICT = Path(__file__).resolve().parents[2] / "search" / "dict" / "jsx_userdict.txt"


def _word_list(text: str) -> list[str]:
    return text.split()


def ending_re(words) -> re.Pattern:
    """A pattern that finds any of `words` at the end of a text."""
    return re.compile("(?:" + "|".join(re.escape(word) for word in sorted(words, key=len, reverse=True)) + ")$")


DOMAIN_WORDS = _word_list(
    "计生协 计生协会 计生专干 会员之家 中心户长 育龄妇女 困难家庭 困难户 特困家庭 二女户 独生子女户 纯女户 "
    "计生户 宣传品 宣传资料 宣传材料 宣传折页 避孕药具 避孕套 宣传栏 展板 慰问金 救助金 奖扶资金 扶助金 "
    "生育关怀基金 生育关怀资金 知晓率 满意率 入会率 入户率 计划生育率 普及率 志愿服务队 志愿者 免费体检 "
    "健康体检 两癌筛查 文艺演出 送戏下乡 健康讲座 计生专刊 人口学校 协会小组 会员小组 行政村 "
    "医疗队 外来务工人员 失独家庭 计生特殊家庭 特殊家庭"
)


def new_segmenter():
    """An rjieba of our own (the search app adds words to the shared one) with its user dictionary and ours."""
    segmenter = rjieba.Jieba()
    if USER_DICT.exists():
        for line in USER_DICT.read_text(encoding="utf-8").splitlines():
            parts = line.split()
            if len(parts) == 3:
                segmenter.add_word(parts[0], int(parts[1]), parts[2])
    for word in DOMAIN_WORDS:
        segmenter.add_word(word, 2000, "n")
    return segmenter


@cache
def word_segmenter():
    return new_segmenter()


# Words that start a clause but are not what is counted: list markers, time, scope, adverbs.
LABEL_LEADING_WORDS = set(
    _word_list(
        "截止目前 截至目前 截止 截至 目前 今年度 今年 去年 上半年 下半年 全年 年内 其中 同时 另外 此外 我镇 我区 "
        "我县 我市 我乡 我街道 我社区 全镇 全区 全县 全市 全乡 全街道 全村 本镇 本县 本区 本乡 各类 各种 各项 各级 "
        "共 共计 累计 积极 先后 分别 还 已 已经 又 并 均 都 将 在 给予 如 例如 同期 当年 年度 现 "
        "城区 全部 所有 全体 期间 多渠道 主动 及时 认真 广泛 深入 大力 首次 再次 一次性 计划 力争 确保 争取 "
        "预计 拟 要 努力 去 了 含 含有 包含 包括"
    )
)
# Words between what is counted and the number.
LABEL_TRAILING_WORDS = set(
    _word_list(
        "已 已经 均 都 共 共计 累计 合计 总计 达到了 达到 达 为 是 有 由 至 下降至 下降到 上升至 上升到 提高到 "
        "提高至 增加到 增加至 控制在 保持在 分别为 分别 的 了 约 近 接近 将近 不少于 不低于 计 突破 超过 仅为 "
        "仅 不到 只有 等 就 也 全镇 全县 全区 全市 全乡 本镇 本县 全村 已达 已达到 均达 均达到 均为 已为"
    )
)
# Verbs kept in a label because they say which people or households are counted (结对帮扶的困难家庭).
SERVICE_VERBS = set(
    _word_list(
        "走访 慰问 走访慰问 看望 帮扶 结对帮扶 结对 救助 资助 挂钩 扶持 救济 帮助 关爱 培训 表彰 奖励 补助 "
        "随访 筛查 检查 体检 服务 联系 包保 参加 参与 参训 参检 惠及 覆盖 受益 受教育 查出"
    )
)
# Verbs that only say how a thing was handed out or set up: the label is what follows (发放宣传品 → 宣传品).
DROP_VERBS = set(
    _word_list(
        "发放 印发 编印 印制 印刷 编发 张贴 悬挂 散发 分发 赠送 送 送去 送出 举办 开展 组织 建立 建成 成立 配备 "
        "组建 创办 出 召开 设立 播放 投入 安排 落实 下拨 拨付 拨出 筹集 募集 提供 购进 购买 更新 制作 设置 注册 "
        "招募 完成 接受 接待 解决 发展 制定 评选 确定 实施 争取 利用 依托 联合 拥有 现有 辖 下设 设有 共有 "
        "进行 主办 承办 协办 办 上报 报送 刊发 发布 建 设 有 达 达到 新建成 领取 获得 享受 得到 收到"
    )
)
# Verbs that change what is counted and so stay in front of it (新增会员 is not 会员).
KEEP_VERBS = {"新增", "新建", "新发展", "新成立", "新组建", "新吸收", "新招募"}
# How a body or a place ends (清河县政府, 县计生协, 龙潭镇): who did something, not what was counted.
BODY_ENDINGS = _word_list(
    "政府 党委 人大 政协 计生协 计生协会 协会 妇联 团委 工会 财政 卫生院 医院 中心 部门 街道 居委会 "
    "局 委 办 院 站 所 市 县 区 镇 乡"
)
PERSON_UNITS = {"人", "名", "位", "万人", "人次", "万人次", "例"}
HOUSEHOLD_UNITS = {"户", "家", "万户"}
PERSON_OR_HOUSEHOLD_UNITS = PERSON_UNITS | HOUSEHOLD_UNITS
MAX_LABEL_CHARS = 16
