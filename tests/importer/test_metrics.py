"""Matching extracted figures to metric definitions by label or synonym (no database)."""

from portal.importer.figures import extract_figures
from portal.importer.metrics import MetricTerms, match_metric

METRICS = [
    MetricTerms("members", ("会员", "会员人数")),
    MetricTerms("materials", ("宣传品", "宣传资料", "宣传材料")),
    MetricTerms("fund", ("生育关怀基金", "关怀基金")),
    MetricTerms("associations", ("村级协会", "协会")),
]


def matched(sentence):
    return [match_metric(figure, METRICS) for figure in extract_figures(sentence)]


def test_label_and_synonyms():
    assert matched("全镇发放宣传资料2600余份，发展会员3200人。") == ["materials", "members"]


def test_longest_name_wins():
    assert matched("全县已建立村级协会175个。") == ["associations"]
    assert matched("筹集生育关怀基金4300余万元。") == ["fund"]


def test_full_width_and_spaces_do_not_matter():
    assert matched("发放宣传 材料１５０００余份。") == ["materials"]


def test_no_match_is_none():
    assert matched("为246名群众开展免费体检。") == [None]
