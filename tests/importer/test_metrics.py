"""Proposing the 统计指标 of extracted figures (portal.importer.metrics), its scorer and the command's field."""

from __future__ import annotations

import importlib.util
import json
import os
import subprocess
import sys
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command

from portal.importer.figures import extract_figures
from portal.importer.metrics import MetricTerms, match_metric, normalise_label, propose_metric

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[1]
DEV_GOLD = REPO.parent / "shared" / "figures_dev_metrics.jsonl"
SEEDS = DEV_GOLD.parent / "seeds"

METRICS = [
    MetricTerms("members", ("会员", "会员人数")),
    MetricTerms("materials", ("宣传品", "宣传资料", "宣传材料")),
    MetricTerms("fund", ("生育关怀基金", "关怀基金")),
    MetricTerms("associations", ("村级协会", "协会")),
]


def _scorer():
    spec = importlib.util.spec_from_file_location("score_metrics", HERE / "score_metrics.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


SCORER = _scorer()
VOCABULARY = SCORER.vocabulary_terms("current")


def matched(sentence):
    return [match_metric(figure, METRICS) for figure in extract_figures(sentence)]


def proposed(sentence, aliases=None):
    by_label = {term.key: term for term in VOCABULARY}
    keys = [propose_metric(figure, VOCABULARY, aliases) for figure in extract_figures(sentence)]
    assert all(key is None or key in by_label for key in keys)
    return keys


# ---------------------------------------------------------------------------- names


def test_label_and_synonyms():
    assert matched("全镇发放宣传资料2600余份，发展会员3200人。") == ["materials", "members"]


def test_longest_name_wins():
    assert matched("全县已建立村级协会175个。") == ["associations"]
    assert matched("筹集生育关怀基金4300余万元。") == ["fund"]


def test_full_width_and_spaces_do_not_matter():
    assert matched("发放宣传 材料１５０００余份。") == ["materials"]


def test_no_match_is_none():
    assert matched("为246名群众开展免费体检。") == [None]


def test_names_end_on_a_word_boundary():
    # 会员 is not found inside 会员之家, 慰问 not inside 慰问金
    assert matched("建成会员之家35个。") == [None]
    assert proposed("为36户失独家庭发放慰问金7.2万元。") == [None, "慰问金"]


def test_name_spread_over_the_phrase_and_number_before_the_noun():
    assert proposed("春节期间走访慰问计生特殊家庭1260户。") == ["走访慰问家庭"]
    assert proposed("共走访慰问计生困难家庭860户。") == ["走访慰问家庭"]
    assert proposed("全县党员干部与480户计生困难家庭结对帮扶。") == ["帮扶困难家庭"]
    assert proposed("共发放2600份宣传品。") == ["宣传品"]
    assert proposed("为246名群众开展免费b超体检、乳腺诊断。") == ["免费体检"]
    assert proposed("外来务工人员1000多人参加活动。") == ["参与群众"]


def test_head_noun_decides():
    # the counted thing is 儿童, not the 困难家庭 they come from
    assert proposed("为42名计生困难家庭儿童送去学习用品。") == [None]


def test_unit_must_be_allowed():
    assert proposed("张贴宣传画1200张。") == [None]
    assert proposed("组织医疗队为育龄妇女开展免费健康体检2.3万人次。") == ["免费体检"]


# ---------------------------------------------------------------------------- filters


@pytest.mark.parametrize(
    "sentence",
    [
        "为50户失独家庭每户发放慰问金3000元。",  # per household
        "发放慰问金7.2万元,人均2000元。",  # per person (second figure)
        "小额贴息贷款260万元,户均3万元,单户最高5万元。",
        "确定每村(社区)帮扶10户。",  # per-village quota
        "发放慰问金63万元,比上年增长18%。",
        "全市共募集生育关怀资金1320万元,比去年同期增加260万元。",
        "全镇计生协会员人数比去年增加1200人。",
        "(上报5篇以上得1分,无则不得分)",
        "(资料齐全得5分,少资料扣1分,无资料不得分)",
        "各村(社区)开展集中宣传活动不少于4次。",
        "“三结合”帮扶户达到230户。",
        "流动人口政策生育率100%。",
        "社区计生专干对计划生育基本知识知晓率达95%。",
        "组织志愿者45人深入12个村入户宣传。",
        "计划新建会员活动室3个。",
        "其中查出妇科疾病1860例。",
    ],
)
def test_no_total_metric_for(sentence):
    keys = proposed(sentence)
    if sentence.startswith(("发放慰问金7.2", "小额", "发放慰问金63", "全市共募集")):
        keys = keys[1:]  # the first figure of these is a total; the rest are not
    assert keys and all(key is None for key in keys), keys


def test_rates_map_only_to_the_same_rate():
    assert proposed("群众对计生政策的知晓率达到96%,群众满意率为93.5%。") == ["政策知晓率", "群众满意率"]
    assert proposed("宣传覆盖率95%。") == [None]
    assert proposed("0-3岁婴幼儿家庭入户指导宣传率达到了100%。") == [None]


def test_a_target_gets_no_total_metric_but_a_target_rate_keeps_its_rate():
    figures = extract_figures("三是力争全年发放宣传品1.5万份,确保会员入会率达到90%以上。")
    assert [figure.role for figure in figures] == ["target", "target"]
    assert [propose_metric(figure, VOCABULARY) for figure in figures] == [None, "会员入会率"]


def test_part_of_a_breakdown_only_when_it_is_the_metric():
    assert proposed("常住人口3.2万人,其中已婚育龄妇女5860人。") == ["辖区人口", "育龄妇女"]
    assert proposed("全年走访315户(其中独生子女户187户,二女户96户)。") == ["走访慰问家庭", None, None]


@pytest.mark.parametrize(
    ("sentence", "metrics"),
    [
        ("镇财政投入资金50万元(含县级配套资金10万元)。", ["投入经费", None]),
        ("全年投入资金50万元,包含县级配套资金10万元。", ["投入经费", None]),
        ("全镇建成会员之家15个,其中新建3个。", ["会员之家", None]),
        ("全年走访慰问计生特殊家庭315户,其中独生子女户187户,二女户96户。", ["走访慰问家庭", None, None]),
        ("开展活动12场,包括健康讲座5场、义诊3场。", [None, "健康讲座", None]),
    ],
)
def test_parts_of_含_and_其中_breakdowns(sentence, metrics):
    """A part after 含/包含/包括 or 其中 (also the next item of the list) is its total's metric only when it is
    named as such: 县级配套资金 is no second 投入经费, 健康讲座 is one of the activities."""
    assert proposed(sentence) == metrics


def test_from_to_pairs():
    assert proposed("全县会员人数由去年的5.2万人增加到5.8万人。") == [None, "计生协会员"]


@pytest.mark.parametrize(
    ("sentence", "metrics"),
    [
        ("政策知晓率由90%提高到95%。", [None, "政策知晓率"]),
        ("全镇政策知晓率从86.5%提高到98%。", [None, "政策知晓率"]),
        ("会员入会率由30%上升至36%。", [None, "会员入会率"]),
        ("会员入会率由30%到36%。", [None, "会员入会率"]),
        ("群众满意率由2024年的88%提高为96%。", [None, "群众满意率"]),
        ("全镇会员从3200人增加到3500人。", [None, "计生协会员"]),
        ("会员之家由12个增至18个。", [None, "会员之家"]),
    ],
)
def test_the_earlier_value_of_a_from_to_pair_is_no_metric_value(sentence, metrics):
    """Only the value reached counts: the earlier one in a total would add 由 and 到 together."""
    assert proposed(sentence) == metrics


def test_monthly_standard_maps_to_the_standard_metric_only():
    assert proposed("每名中心户长每月补贴50元。") == ["中心户长补贴(每月)"]
    assert proposed("全县配备中心户长2300余名。") == ["中心户长"]


def test_off_topic_bundle_part():
    part = "社区卫生工作计划范文2\n" + "社区组织爱国卫生宣传活动6次,发放宣传资料600份。" * 20
    assert {key for key in proposed("乡镇计生工作总结范文1\n计生协发放宣传品2600份。\n" + part)[1:]} == {None}


# ---------------------------------------------------------------------------- aliases


def test_alias_wins_over_the_rules_but_not_over_unit_and_role():
    aliases = {normalise_label("对联"): "宣传品"}
    assert proposed("组织春节慰问活动,送对联162份。", aliases) == ["宣传品"]
    # unit not allowed: 副
    assert proposed("组织春节慰问活动,送对联162副。", aliases) == [None]
    figure = extract_figures("为每户送对联2份。")[0]
    assert propose_metric(figure, VOCABULARY, {normalise_label(figure.metric): "宣传品"}) is None  # per household


def test_normalised_label():
    assert normalise_label(" 宣传资料（折页） ") == normalise_label("宣传资料(折页)") == "宣传资料(折页)"
    assert normalise_label("“二女户”") == "二女户"


# ---------------------------------------------------------------------------- scores on labelled sets


@pytest.mark.skipif(not DEV_GOLD.exists(), reason=f"dev set not found at {DEV_GOLD}")
def test_dev_scores_stay_above_the_floor():
    current = SCORER.score(DEV_GOLD, SEEDS, "current")
    assert current["precision"] >= 0.90 and current["recall"] >= 0.85, (current["wrong"], current["missed"])
    # with the starting vocabulary the dev set was labelled against, nothing it calls null is proposed
    start = SCORER.score(DEV_GOLD, SEEDS, "start")
    assert start["precision"] >= 0.95 and start["recall"] >= 0.60, (start["wrong"], start["missed"])


@pytest.mark.parametrize("gold", ["heldout_metrics.jsonl", "heldout2_metrics.jsonl", "heldout3_metrics.jsonl"])
def test_own_held_out_texts(gold):
    result = SCORER.score(SCORER.HELDOUT_DIR / gold, SCORER.HELDOUT_DIR, "current")
    assert result["mappable"] >= 15
    assert result["precision"] >= 0.90 and result["recall"] >= 0.85, (result["wrong"], result["missed"])


def test_quota_of_a_scoring_sheet_but_not_a_townships_own_target():
    assert proposed("对社区计生专干集中培训不少于4次(有培训记录和内容)。\n(5分)") == [None, None]
    assert proposed("全年计划筹集关怀资金不少于200万元。") == [None]  # a target: no total metric
    assert proposed("全年筹集关怀资金不少于200万元。") == ["募集资金"]


def test_qualified_parts_of_a_stock():
    assert proposed("建立“五好”协会小组860个。") == [None]
    assert proposed("全县现有协会小组860个。") == ["协会小组"]
    assert proposed("救助计生困难户1120户,其中独生子女困难户460户。") == ["帮扶困难家庭", None]


# ---------------------------------------------------------------------------- extract_figures --format jsonl


@pytest.mark.django_db
def test_command_jsonl_has_the_proposed_metric_definition(metrics):
    out = StringIO()
    call_command("extract_figures", str(HERE / "data" / "heldout_baisha.txt"), "--format", "jsonl", stdout=out)
    rows = [json.loads(line) for line in out.getvalue().splitlines()]
    assert all(list(row)[-1] == "metric_definition" for row in rows)
    labels = set(metrics.values_list("label", flat=True))
    assert all(row["metric_definition"] is None or row["metric_definition"] in labels for row in rows)
    by_value = {(row["value"], row["unit"]): row["metric_definition"] for row in rows}
    assert by_value[(4120, "人")] == "计生协会员"
    assert by_value[(6500, "份")] == "宣传品"
    assert by_value[(1000, "元")] is None  # 每户发放救助金1000元


def test_command_piped_into_head_ends_quietly(tmp_path):
    source = tmp_path / "长材料.txt"
    source.write_text("全镇发放宣传品2600余份,避孕套300只,接受咨询500人次。\n" * 3000, encoding="utf-8")
    env = os.environ | {
        "DJANGO_SETTINGS_MODULE": "portal.settings.test",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'empty.sqlite3'}",
        "PORTAL_VAR_DIR": str(tmp_path / "var"),
    }
    command = [sys.executable, str(REPO / "manage.py"), "extract_figures", str(source), "--format", "jsonl"]
    producer = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env, cwd=REPO)
    first = producer.stdout.readline()
    producer.stdout.close()  # like head -1: the reader goes away
    stderr = producer.stderr.read().decode()
    producer.wait(timeout=120)
    assert json.loads(first)["value"] == 2600
    assert "Traceback" not in stderr and "BrokenPipeError" not in stderr, stderr
