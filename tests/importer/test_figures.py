"""Unit tests for portal.importer.figures (pure Python, no Django, no database)."""

from __future__ import annotations

import importlib.util
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from portal.exchange.numbers import base_unit
from portal.importer.figures import Figure, extract_figures, parse_chinese_number, split_sentences

HERE = Path(__file__).resolve().parent
GOLD_PATH = Path(__file__).resolve().parents[2].parent / "shared" / "figures_dev.jsonl"
SEEDS_DIR = GOLD_PATH.parent / "seeds"


def surfaces(text: str, **kwargs) -> list[tuple]:
    return [(f.value, f.unit, f.qualifier) for f in extract_figures(text, **kwargs)]


def only(text: str) -> Figure:
    figures = extract_figures(text)
    assert len(figures) == 1, [f.to_dict() for f in figures]
    return figures[0]


# ---------------------------------------------------------------------------- Chinese numerals


@pytest.mark.parametrize(
    ("numeral", "expected"),
    [
        ("十", 10),
        ("两万", 20000),
        ("一百多", 100),
        ("近千", 1000),
        ("百余", 100),
        ("十余", 10),
        ("二十三", 23),
        ("一百零五", 105),
        ("三千五百万", 35_000_000),
        ("一亿二千万", 120_000_000),
        ("两", 2),
        ("四", 4),
        ("十万", 100_000),
        ("四十五点六", 45.6),
        ("三点五", 3.5),
        ("零点八", 0.8),
        ("二十点零五", 20.05),
    ],
)
def test_parse_chinese_number(numeral, expected):
    assert parse_chinese_number(numeral) == expected


@pytest.mark.parametrize("numeral", ["三八", "二〇一七", "", "十十", "abc", "百千", "三点", "点五", "三点十", "三点两"])
def test_parse_chinese_number_rejects_non_amounts(numeral):
    assert parse_chinese_number(numeral) is None


# ---------------------------------------------------------------------------- sentences


def test_split_sentences_marks_quotes_and_line_breaks():
    text = "  他说:“做好了。”然后走了;再见!\n新的一行 没有句号\n\n好吗?"
    sentences = [text[s:e] for s, e in split_sentences(text)]
    assert sentences == ["他说:“做好了。”", "然后走了;", "再见!", "新的一行 没有句号", "好吗?"]


def test_split_sentences_ascii_marks_and_empty_text():
    assert split_sentences("") == []
    text = "a;b!c?d"
    assert [text[s:e] for s, e in split_sentences(text)] == ["a;", "b!", "c?", "d"]


# ---------------------------------------------------------------------------- included patterns


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("全县已建立村级协会175个,其中企业协会12个。", [(175, "个", ""), (12, "个", "")]),
        (
            "全县辖14个乡镇,面积960平方公里,人口38万。",
            [(14, "个", ""), (960, "平方公里", ""), (38, "万", "")],
        ),
        ("为86名群众开展免费体检,服务320人次。", [(86, "名", ""), (320, "人次", "")]),
        ("投入资金12.5万元,建成活动室3间。", [(12.5, "万元", ""), (3, "间", "")]),
        ("发放鼠药25公斤、灭蟑药40盒。", [(25, "公斤", ""), (40, "盒", "")]),
        ("出生人口性别比为108,人口自然增长率4.6‰。", [(108, "", ""), (4.6, "‰", "")]),
        ("统计准确率为97,较上年提高。", [(97, "", "")]),
        ("独生子女占比1/4。", [(0.25, "比例", "")]),
        ("按5元/人发放误工补贴。", [(5, "元/人", "")]),
        ("共走访1,200户。", [(1200, "户", "")]),
        ("上报3篇以上得2分。", [(3, "篇", "以上"), (2, "分", "")]),
        ("(六)入户抽查。(60分)", [(60, "分", "")]),
        ("社区设7大服务区。", [(7, "大服务区", "")]),
        ("百分之九十五的群众满意。", [(95, "%", "")]),
    ],
)
def test_arabic_and_unit_patterns(text, expected):
    assert surfaces(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("组织培训十余次。", [(10, "次", "余")]),
        ("成立两支队伍。", [(2, "支", "")]),
        ("每年举办四期学习班。", [(4, "期", "")]),
        ("开展一百多次活动。", [(100, "次", "多")]),
        ("发放百余份资料。", [(100, "份", "余")]),
        ("参与群众近千人。", [(1000, "人", "近")]),
        ("发放近两万份资料。", [(2, "万份", "近")]),
        ("投入一万元。", [(1, "万元", "")]),
        ("考核得十分。", [(10, "分", "")]),
    ],
)
def test_chinese_numerals(text, expected):
    assert surfaces(text) == expected


@pytest.mark.parametrize(
    ("text", "surface", "value", "unit", "qualifier", "arabic"),
    [
        ("筹集生育关怀基金四十五点六万元。", "四十五点六万元", 45.6, "万元", "", "筹集生育关怀基金45.6万元。"),
        ("县财政追加奖扶资金三点五万元。", "三点五万元", 3.5, "万元", "", "县财政追加奖扶资金3.5万元。"),
        ("全乡受益群众达零点八万人。", "零点八万人", 0.8, "万人", "", "全乡受益群众达0.8万人。"),
        ("募集爱心款十二点五万余元。", "十二点五万余元", 12.5, "万元", "余", "募集爱心款12.5万余元。"),
        ("辖区面积二十点零五平方公里。", "二十点零五平方公里", 20.05, "平方公里", "", "辖区面积20.05平方公里。"),
        ("政策知晓率达到百分之九十六点五。", "百分之九十六点五", 96.5, "%", "", "政策知晓率达到96.5%。"),
    ],
)
def test_chinese_decimals_are_one_number(text, surface, value, unit, qualifier, arabic):
    """四十五点六万元 is 45.6 万元, like 45.6万元: the label does not swallow 四十五点, the value is not 6 万元."""
    figure = only(text)
    assert text[figure.start : figure.end] == surface
    assert (figure.value, figure.unit, figure.qualifier) == (value, unit, qualifier)
    assert figure.metric == only(arabic).metric
    assert not re.search("[零一二三四五六七八九十点]", figure.metric)


@pytest.mark.parametrize(
    "text",
    ["上午八点半报到,九点三十分开会,十一点五分散会。", "从一点一滴做起,走好两点一线。", "讲清三点意见。"],
)
def test_chinese_point_in_clock_times_and_idioms_is_no_decimal(text):
    assert extract_figures(text) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("筹集资金3万余元。", [(3, "万元", "余")]),
        ("县级投入120余万元。", [(120, "万元", "余")]),
        ("发放宣传册6万多份。", [(6, "万份", "多")]),
        ("全年投入近3万元。", [(3, "万元", "近")]),
        ("接近全镇人口的8%。", [(8, "%", "近")]),
        ("活动场地约8公里。", [(8, "公里", "约")]),
        ("参会群众200人左右。", [(200, "人", "左右")]),
        ("常住300人以上小区。", [(300, "人", "以上")]),
        ("30人以下的小区。", [(30, "人", "以下")]),
        ("支出在5万元以内。", [(5, "万元", "以内")]),
        ("每月不低于80元。", [(80, "元", "不低于")]),
        ("全年不少于6次。", [(6, "次", "不少于")]),
        ("近500余人参加。", [(500, "人", "近+余")]),
        ("入户率达到95%以上。", [(95, "%", "以上")]),
    ],
)
def test_qualifiers(text, expected):
    assert surfaces(text) == expected


@pytest.mark.parametrize("text", ["共计发放300份。", "累计达到300份。", "控制在300份。", "最高可拿到300份。"])
def test_verbs_are_not_qualifiers(text):
    assert surfaces(text) == [(300, "份", "")]


@pytest.mark.parametrize(
    ("text", "value", "value_max", "unit"),
    [
        ("资助标准2-3万元。", 2, 3, "万元"),
        ("补助2500—4000元。", 2500, 4000, "元"),
        ("每点抽查30-40户。", 30, 40, "户"),
        ("奖励1.5－2.5万元。", 1.5, 2.5, "万元"),
    ],
)
def test_ranges(text, value, value_max, unit):
    figure = only(text)
    assert (figure.value, figure.value_max, figure.unit, figure.is_range) == (value, value_max, unit, True)


def test_multiplier_and_to_dict():
    figure = only("落实帮扶资金1.5万元。")
    assert figure.multiplier == 10_000
    assert only("投入3亿元。").multiplier == 10**8
    assert only("发放300份。").multiplier == 1
    data = figure.to_dict()
    assert set(data) == {
        "sentence",
        "metric",
        "value",
        "unit",
        "qualifier",
        "value_max",
        "start",
        "end",
        "placeholder",
        "role",
        "is_range",
    }
    assert data["value"] == 1.5 and data["unit"] == "万元" and data["is_range"] is False


# ---------------------------------------------------------------------------- exclusions


@pytest.mark.parametrize(
    "text",
    [
        # years, dates, periods
        "2023年工作总结,20xx年度,今年4月20日召开大会,3月份开展活动,截止5月底,每月一日开例会。",
        "两年一次组织普查,一年一度培训,每季度检查,一年来成效明显,前几年政策。",
        # durations and ages
        "坚持两个星期下村,活动5天,10个月,3小时,30分钟,8时30分,服务0-3岁婴幼儿,3岁以下儿童。",
        # identifiers, timestamps, phones, page furniture
        "闽委办〔2024〕12号文件,(2023)5号,2021年02月01日10:23:59发布。",
        "咨询电话:0595-86881234,手机13905951234。",
        "详见第3/7页,共21页,限制150内,乡镇计生工作总结范文3篇,范文6。",
        # list and chunk markers
        "一、加强领导。(一)健全机构。一是抓宣传。1、开展活动。11、总结。",
        # day names
        "利用“5.29”纪念日、5·29会员活动日和三八妇女节开展宣传。",
        # ordinals
        "第一次自查获得全区第一,市8届和区15届科普宣传周,获得前三名。",
        # numerals in names and slogans
        "落实“五个到位”,开展“三联创”,争创“五好”协会,做好“两节”工作,严格执行“七不准”。",
        "实施五大工程,开展五期保健,落实门前四包,把政策带进千家万户,婚育新风进万家。",
        "学习党的十九大和十九届三中全会精神,落实“十五”规划,践行两个务必。",
        # hierarchy words
        "实行三级奖励,开展二级师资培训,三级联创。",
        # counts of the text's own points
        "重点加强了四个方面的能力建设,将四种特困户家庭纳入保障,落实八项规定。",
        # 一 + classifier as article or frequency
        "每季度召开一次会议,每人挂钩一户,建立一个领导小组,一套制度,一项内容,一条街,一批干部,再一次核实,一对一服务。",
        # vague amounts and rank thresholds
        "接待咨询数百人次,悬挂多幅标语,建设多处活动场所,副科级以上领导干部,副主任以上医师。",
        # the adverb 十分
        "工作十分重要,群众十分满意。",
        # model numbers
        "A4纸,H7N9病例。",
    ],
)
def test_exclusions(text):
    assert extract_figures(text) == []


def test_chunk_marker_before_real_number():
    assert surfaces("6、18个板块,各街居均有板块。") == [(18, "个", "")]


def test_quantity_attached_to_period_is_kept():
    figure = only("每月30元补贴。")
    assert (figure.value, figure.unit, figure.role) == (30, "元", "standard")
    assert "每月" in figure.metric


# ---------------------------------------------------------------------------- placeholders


def test_placeholders_only_on_request():
    text = "发放宣传单XX多份,先后投入余万元,占地面积达到平米,目前整建合格率已达。"
    assert extract_figures(text) == []
    figures = extract_figures(text, include_placeholders=True)
    assert len(figures) == 4
    assert all(f.placeholder and f.value is None for f in figures)
    assert [f.unit for f in figures] == ["份", "万元", "平米", ""]


# ---------------------------------------------------------------------------- metric, role, offsets


@pytest.mark.parametrize(
    ("text", "metric"),
    [
        ("免费发放宣传材料及宣传品15000余份,避孕套20000余只。", "宣传材料及宣传品"),
        ("为246名群众开展免费体检。", "开展免费体检的群众"),
        ("投入18万元的专向经费。", "专向经费"),
        ("各类宣传品的入户率达到95%以上。", "宣传品入户率"),
        # what is counted, not the office or county that did it
        ("清河县政府投入180万元,为全县412户计生特殊家庭购买保险。", "投入资金"),
        ("县计生协下拨慰问资金3万元。", "慰问资金"),
        ("龙潭镇为36户失独家庭发放慰问金7.2万元。", "失独家庭"),
        ("镇计生协会同镇妇联为42名计生困难家庭儿童送去学习用品。", "计生困难家庭儿童"),
        ("利用生育关怀基金为46户困难家庭解决实际困难。", "困难家庭"),
        ("县计生协联合县卫健局、县妇联等8个单位设立咨询台。", "单位"),
        ("全县党员干部与480户计生困难家庭结对帮扶。", "结对帮扶的计生困难家庭"),
        ("结对帮扶困难家庭30户。", "结对帮扶的困难家庭"),
        ("春节期间走访慰问计生特殊家庭1260户。", "走访慰问的计生特殊家庭"),
        ("区计生协培训同伴教育主持人35名。", "培训的同伴教育主持人"),
        # whole words, whole quotations
        ("文艺演出32场,举办健康知识讲座140余场。", "文艺演出"),
        ("其中已婚育龄妇女5860人。", "已婚育龄妇女"),
        ("“双岗”联系人制度落实率98%。", "“双岗”联系人制度落实率"),
        ("发放《致育龄群众的一封信》2000份。", "《致育龄群众的一封信》"),
        ("全年组织“5·29”会员活动日、“7·11”世界人口日等集中宣传活动86场次。", "集中宣传活动"),
        ("各村共张贴标语86条。", "标语"),
        # per-unit amounts, from-to pairs, a second unit of the same thing
        ("发放慰问金7.2万元,人均2000元。", "慰问金"),
        ("每户每年帮扶资金不少于500元。", "帮扶资金(每户每年)"),
        ("全县会员人数由去年的5.2万人增加到5.8万人。", "会员人数(去年)"),
        ("预计将购进各类早教教具达到62种600余件。", "早教教具"),
    ],
)
def test_metric_labels(text, metric):
    assert extract_figures(text)[0].metric == metric


@pytest.mark.parametrize(
    ("text", "metrics"),
    [
        ("发放慰问金7.2万元,人均2000元。", ["慰问金", "慰问金(人均)"]),
        ("全县会员人数由去年的5.2万人增加到5.8万人。", ["会员人数(去年)", "会员人数"]),
        ("预计将购进各类早教教具达到62种600余件。", ["早教教具", "早教教具"]),
        ("计划生育率100%、知识普及率95%、优质服务率90%以上。", ["计划生育率", "知识普及率", "优质服务率"]),
    ],
)
def test_metric_labels_of_every_figure(text, metrics):
    assert [figure.metric for figure in extract_figures(text)] == metrics


@pytest.mark.parametrize(
    ("text", "labels"),
    [
        ("覆盖率由90%提高到95%。", ["覆盖率(原)", "覆盖率"]),
        ("全乡避孕节育措施落实率从91.5%提高到97%。", ["避孕节育措施落实率(原)", "避孕节育措施落实率"]),
        ("会员入会率由30%上升至36%。", ["会员入会率(原)", "会员入会率"]),
        ("群众满意率由2024年的88%上升为96%。", ["群众满意率(2024年)", "群众满意率"]),
        ("村级会员之家由12个增至18个。", ["村级会员之家(原)", "村级会员之家"]),
        ("流动人口验证率由85%到93%。", ["流动人口验证率(原)", "流动人口验证率"]),
        ("会员人数由2025年的10个增加到12个。", ["会员人数(2025年)", "会员人数"]),
        ("患病率已由2002年前的62.94%下降至31%。", ["患病率(2002年前)", "患病率"]),
    ],
)
def test_from_to_pairs_mark_the_earlier_value(text, labels):
    """由X提高/上升/增加到(至/为)Y and 从X…到Y: X is the earlier value, whether or not a year comes with it. Both stay
    actual (figures_dev_README: 由2002年前的62.94%下降至31% gives two actual rows); the label and earlier_value tell
    the earlier one apart."""
    figures = extract_figures(text)
    assert [figure.metric for figure in figures] == labels
    assert [figure.earlier_value for figure in figures] == [True, False]
    assert [figure.role for figure in figures] == ["actual", "actual"]


@pytest.mark.parametrize(
    "text",
    [
        "由县财政拨付资金20万元到各村。",
        "从3月份开始,发放宣传品300份到各村。",
        "从事计生工作的专干45人,到12个村开展宣传。",
        "由于措施得力,会员增加到3500人。",
    ],
)
def test_no_from_to_pair(text):
    assert not any(figure.earlier_value for figure in extract_figures(text))


def breakdown(text: str) -> list[tuple]:
    """(value, value of its total or None) for each figure."""
    figures = extract_figures(text)
    return [(f.value, None if f.part_of is None else figures[f.part_of].value) for f in figures]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("全县已建立村级协会175个,其中企业协会12个。", [(175, None), (12, 175)]),
        ("全镇建成会员之家15个,其中新建3个。", [(15, None), (3, 15)]),
        ("全区发展会员3200人,其中新增流动人口会员410人。", [(3200, None), (410, 3200)]),
        ("投入资金50万元,含县级配套10万元。", [(50, None), (10, 50)]),
        ("镇财政投入帮扶资金50万元(含县级配套10万元)。", [(50, None), (10, 50)]),
        ("筹集关怀资金80万元(包括社会捐助20万元、企业捐赠15万元)。", [(80, None), (20, 80), (15, 80)]),
        ("筹集生育关怀基金四十五点六万元,其中社会捐赠12000元。", [(45.6, None), (12000, 45.6)]),
        ("全年走访315户(其中独生子女户187户,二女户96户,其他32户)。", [(315, None), (187, 315), (96, 315), (32, 315)]),
        ("全县共有会员之家96个。其中标准化会员之家15个。", [(96, None), (15, 96)]),
        # the total is the nearest figure of the same kind (户 here, not the 万元 in between)
        ("救助计生困难户1120户,发放救助金86万元,其中独生子女困难户460户。", [(1120, None), (86, None), (460, 1120)]),
        # figures_dev §6: a partial breakdown of a per-household maximum
        ("一户家庭最高可以拿到3400元,其中镇街奖励1400元。", [(3400, None), (1400, 3400)]),
    ],
)
def test_breakdown_parts_point_at_their_total(text, expected):
    assert breakdown(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # another kind of thing: 例 are findings of the 人次 examined, not a part in the same unit
        ("开展免费健康体检2.3万人次,其中查出妇科疾病1860例。", [(2.3, None), (1860, None)]),
        # 含 inside a word, 包括…在内 (that number is the total), 含 with no number
        ("退标奖的含金量最高,一户最高可得3400元。", [(3400, None)]),
        ("包括县乡干部在内共培训骨干120人,发放资料300份。", [(120, None), (300, None)]),
        ("投入资金(含县级配套)50万元,建成活动室3间。", [(50, None), (3, None)]),
        # parts never add up to more than the total
        ("投入资金20万元,其中县级配套30万元。", [(20, None), (30, None)]),
        # a clause that says another thing ends the breakdown
        ("筹集资金2860万元,其中社会捐助650万元,发放救助金300万元。", [(2860, None), (650, 2860), (300, None)]),
        ("会员3200人,其中流动人口会员410人,另新发展会员120人。", [(3200, None), (410, 3200), (120, None)]),
        # a from-to pair and per-unit quotas are no breakdown (figures_dev)
        ("患病率已由2002年前的62.94%下降至31%。", [(62.94, None), (31, None)]),
        ("确定每村(社区)帮扶10户,每部门帮扶6户,全镇共帮助200多户。", [(10, None), (6, None), (200, None)]),
        # 其中 with no total before it; rates, which do not add up
        ("其中已婚育龄妇女5860人。", [(5860, None)]),
        ("避孕节育措施覆盖率95%,其中农村覆盖率93%。", [(95, None), (93, None)]),
    ],
)
def test_no_breakdown(text, expected):
    assert breakdown(text) == expected


@pytest.mark.skipif(not GOLD_PATH.exists(), reason=f"dev set not found at {GOLD_PATH}")
def test_the_only_breakdown_of_the_dev_seeds_is_the_one_figures_dev_names():
    """figures_dev_README §6: 一户家庭最高可以拿到3400元,其中镇街奖励1400元 is the one 其中 breakdown of the seeds."""
    found = []
    for seed in sorted(SEEDS_DIR.glob("*.txt")):
        figures = extract_figures(seed.read_text(encoding="utf-8"))
        found += [(f.value, figures[f.part_of].value) for f in figures if f.part_of is not None]
    assert found == [(1400, 3400)]


def test_labels_are_whole_words_and_quotations_on_the_dev_seeds():
    """No label of the dev seeds starts inside a word of the sentence or holds half a quotation."""
    for seed in SEEDS_DIR.glob("*.txt"):
        for figure in extract_figures(seed.read_text(encoding="utf-8")):
            label = re.sub(r"\([^()]*\)$", "", figure.metric)
            for opening, closing in (("“", "”"), ("《", "》")):
                assert label.count(opening) == label.count(closing), figure.metric
            assert not label.startswith(("的", "了")), figure.metric


def test_off_topic_bundle_parts():
    on = "乡镇计生工作总结范文1\n" + "镇计生协发放宣传品2600份。" * 30
    off = "\n社区卫生工作计划范文2\n" + "社区组织爱国卫生宣传活动6次。" * 30
    figures = extract_figures(on + off)
    assert {figure.on_topic for figure in figures[:30]} == {True}
    assert {figure.on_topic for figure in figures[30:]} == {False}
    assert all(figure.on_topic for figure in extract_figures("社区组织爱国卫生宣传活动6次。" * 30))


@pytest.mark.parametrize(
    ("text", "role"),
    [
        ("今年共开展宣传活动6次。", "actual"),
        ("力争100%的社区实行居民自治。", "target"),
        ("每月30元补贴。", "standard"),
        ("(上报5篇以上得1分,无则不得分)", "threshold"),
        ("(六)入户抽查。(60分)", "score"),
    ],
)
def test_roles(text, role):
    assert extract_figures(text)[0].role == role


def test_offsets_point_at_the_figure():
    text = "上半年,我镇共组织各类集中性宣传活动十余次,免费发放宣传品15000余份。\n接近千人参加,约200人左右。"
    for figure in extract_figures(text):
        surface = text[figure.start : figure.end]
        assert figure.sentence == text[figure.sentence_start : figure.sentence_end]
        assert figure.sentence_start <= figure.start < figure.end <= figure.sentence_end
        assert any(ch.isdigit() for ch in surface) or any(ch in "十百千万两" for ch in surface)
    assert [text[f.start : f.end] for f in extract_figures(text)] == [
        "十余次",
        "15000余份",
        "接近千人",
        "约200人左右",
    ]


@settings(max_examples=300, deadline=None)
@given(
    st.text(
        alphabet=st.sampled_from(
            list("0123456789一二两三十百千万余多近约以上下-—%‰个人户元分份次点其中含由到“”()、,。;?!\n 第年月号页XX余")
        )
    )
    | st.text()
)
def test_property_never_crashes_and_offsets_are_consistent(text):
    for include in (False, True):
        figures = extract_figures(text, include_placeholders=include)
        for index, figure in enumerate(figures):
            assert figure.sentence == text[figure.sentence_start : figure.sentence_end]
            assert figure.sentence_start <= figure.start < figure.end <= figure.sentence_end
            assert figure.value is not None or figure.placeholder
            if figure.part_of is not None:  # a part points back at a total of its kind that is no part itself
                total = figures[figure.part_of]
                assert figure.part_of < index and total.part_of is None and total.value is not None
                assert base_unit(total.unit) == base_unit(figure.unit)
    for start, end in split_sentences(text):
        assert 0 <= start < end <= len(text)


# ---------------------------------------------------------------------------- dev set


def _load_scorer():
    spec = importlib.util.spec_from_file_location("score_figures", HERE / "score_figures.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.skipif(not GOLD_PATH.exists(), reason=f"dev set not found at {GOLD_PATH}")
def test_dev_set_precision_and_recall():
    result = _load_scorer().score(GOLD_PATH, SEEDS_DIR)
    assert result["precision"] >= 0.95, result["false_positives"]
    assert result["recall"] >= 0.90, result["false_negatives"]
    assert result["qualifier_accuracy"] >= 0.95
    assert result["range_accuracy"] >= 0.95
