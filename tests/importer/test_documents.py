"""portal.importer.documents: cleaning the seeds, .docx structure, bad input. No database."""

import time
from pathlib import Path

import pytest
from docx.text.paragraph import Paragraph

from portal.importer import reading
from portal.importer.documents import DocumentError, decode_text, for_matching, parse_document

from .factories import make_docx, many_paragraphs_docx, word_file, zip_bomb_docx

SEEDS = Path(__file__).resolve().parents[2].parent / "shared" / "seeds"
assert SEEDS.is_dir(), f"找不到样本文档目录 {SEEDS}（应在仓库旁的 ../shared/seeds）"
BOILERPLATE = [
    "APP永久免费入口",
    "10:23:59",
    "由会员分享",
    "下载可任意编辑",
    "第3/7页",
    "限制150内",
    "配套讲稿",
    "禁止商用",
    "中文期刊网精心挑选",
    "仅供参考",
    "关 键 词",
]


def seed(prefix: str):
    path = next(SEEDS.glob(prefix + "_*.txt"))
    return parse_document(path.name, path.read_bytes())


def headings(document):
    return [(b.level, b.text) for b in document.blocks if b.kind == "heading"]


def all_text(document):
    return document.text


@pytest.mark.parametrize("prefix", ["000", "001", "004"])
def test_seeds_lose_boilerplate_and_keep_figures(prefix):
    document = seed(prefix)
    for junk in BOILERPLATE:
        assert junk not in all_text(document)
    assert len(document.figures) >= 15
    assert len(document.content_hash) == 64


def test_seed_000_title_headings_duplicates_and_placeholders():
    document = seed("000")
    assert document.title == "镇计生协会2020年上半年工作总结范文"
    assert ("h2", "一、20xx年工作总结") in headings(document)
    assert ("h3", "(一)落实“五个到位”,大力加强组织建设。") in headings(document)
    assert all_text(document).count("(二)拓宽范围,不断提升服务水平。") == 1
    assert all_text(document).count("一是抓经常性工作") == 1
    assert "开展“新春游园”活动" in all_text(document)  # a line broken mid-sentence is re-joined
    codes = {flag.code for flag in document.flags}
    assert {"boilerplate", "duplicates", "placeholder"} <= codes


def test_seed_001_chunk_markers_rejoined_and_paragraphs_split():
    document = seed("001")
    text = all_text(document)
    assert document.title == "乡镇计生工作上半年总结范文"  # the download site's "3篇" is not part of it
    assert "将论坛分为18个板块" in text
    assert "6、18" not in text
    assert "一是广泛开展集中性宣传活动。" in text
    assert ("h3", "下半年工作计划") in headings(document)
    assert ("h2", "二、惩罚不到位。") in headings(document)
    assert "倡导婚育新风”宣传活动" in text  # mojibake ? restored
    codes = {flag.code for flag in document.flags}
    assert {"chunks", "mojibake", "missing_number", "truncated"} <= codes
    figures = {(f.value, f.unit, f.qualifier) for f in document.figures}
    assert (18, "个", "") not in figures or "18个板块" in text
    assert (15000, "份", "余") in figures


def test_seed_004_is_flagged_as_a_bundle_with_score_headings():
    document = seed("004")
    assert document.title == "社区宣传活动计划范文"
    assert ("h2", "社区宣传活动计划范文1") in headings(document)
    assert ("h4", "1、开展宣传活动。(5分)") in headings(document)
    assert any(flag.code == "bundle" for flag in document.flags)


def test_halfwidth_normalisation_is_for_matching_only():
    assert for_matching("（一）１２，：") == "(一)12,:"
    document = parse_document("a.txt", "协会简报\n（一）组织建设\n全镇建立协会１２个，会员３００人。".encode())
    assert ("h3", "（一）组织建设") in headings(document)
    assert "全镇建立协会１２个，会员３００人。" in all_text(document)


@pytest.mark.parametrize(
    ("line", "level"),
    [
        ("一、基本情况", "h2"),
        ("(二)主要做法", "h3"),
        ("1.宣传活动", "h4"),
        ("2、入户随访", "h4"),
        ("第三章 组织", "h2"),
    ],
)
def test_numbered_headings(line, level):
    document = parse_document("a.txt", f"标题\n{line}\n正文内容写在这里，全年开展活动12次。".encode())
    assert headings(document) == [(level, line)]


def test_article_clause_splits_marker_from_text():
    document = parse_document("a.txt", "某某条例\n第一条 为了规范协会工作，制定本条例。".encode())
    assert headings(document) == [("h3", "第一条")]
    assert document.blocks[1].text == "为了规范协会工作，制定本条例。"


def test_markdown_headings_and_title():
    document = parse_document("a.md", "# 协会简报\n\n## 工作动态\n\n全县发放宣传品2600余份。\n".encode())
    assert document.title == "协会简报"
    assert headings(document) == [("h2", "工作动态")]


def test_docx_headings_table_and_image():
    document = parse_document("材料.docx", make_docx())
    kinds = [block.kind for block in document.blocks]
    assert document.title == "白水镇计生协会经验交流材料"
    assert headings(document) == [("h2", "一、基本情况"), ("h3", "（一）组织网络")]
    assert kinds.count("table") == 1 and kinds.count("image") == 1
    table = next(b for b in document.blocks if b.kind == "table")
    assert table.rows == [["指标", "数量", "单位"], ["村级协会", "17", "个"]]
    image = next(b for b in document.blocks if b.kind == "image").image
    assert image.data.startswith(b"\x89PNG")
    values = {(f.value, f.unit, f.qualifier) for f in document.figures}
    assert {(17, "个", ""), (3200, "人", "余"), (12.5, "万元", "")} <= values


# ---------------------------------------------------------------------------- bad input


def test_corrupt_docx():
    data = make_docx()
    with pytest.raises(DocumentError, match="损坏"):
        parse_document("坏.docx", data[: len(data) // 2])


def test_docx_without_word_part():
    with pytest.raises(DocumentError, match=r"损坏|不是有效"):
        parse_document("假.docx", b"PK\x03\x04" + b"\0" * 100)


def test_zip_bomb_docx_is_refused_quickly():
    bomb = zip_bomb_docx(unpacked_mb=120)
    started = time.perf_counter()
    with pytest.raises(DocumentError, match="压缩炸弹"):
        parse_document("炸弹.docx", bomb)
    assert time.perf_counter() - started < 1


def test_a_docx_of_100000_paragraphs_is_refused_by_counting_before_python_docx_reads_it(monkeypatch):
    data = many_paragraphs_docx(100_000)  # about 1.3 MB; python-docx took 200 s over it

    def python_docx_must_not_run(*args, **kwargs):
        raise AssertionError("python-docx opened a document the paragraph count should have refused")

    monkeypatch.setattr("docx.Document", python_docx_must_not_run)
    started = time.perf_counter()
    with pytest.raises(DocumentError, match="段落过多（超过 3,000 段）"):
        parse_document("十万段.docx", data)
    assert time.perf_counter() - started < 5  # about 0.1 s; generous for a loaded machine


def test_a_long_docx_under_the_limit_is_read_without_per_paragraph_style_lookups(monkeypatch):
    """python-docx's `paragraph.style` searches styles.xml on every call (10 s of CPU for 5,000 paragraphs)."""
    lookups = []
    style = Paragraph.style
    monkeypatch.setattr(Paragraph, "style", property(lambda paragraph: lookups.append(1) or style.fget(paragraph)))
    document = parse_document("三千段.docx", many_paragraphs_docx(3_000, heading_every=10))
    assert len([b for b in document.blocks if b.kind == "heading"]) == 300
    assert lookups == []


def test_a_docx_that_takes_too_long_to_read_is_refused_with_a_message(monkeypatch):
    monkeypatch.setattr(reading, "READ_SECONDS", 0)
    with pytest.raises(DocumentError, match="0 秒内没有读完"):
        parse_document("慢.docx", make_docx())


def test_only_the_first_images_of_a_docx_are_kept(monkeypatch):
    monkeypatch.setattr(reading, "MAX_IMAGES", 1)
    document = parse_document("图多.docx", make_docx(with_image=True, extra_images=1))
    assert [b.kind for b in document.blocks].count("image") == 1
    assert "只导入了前 1 张" in str(next(f for f in document.flags if f.code == "too_many_images"))


@pytest.mark.parametrize("data", [b"", b"   \n\n", "\ufeff".encode()])
def test_empty_file(data):
    with pytest.raises(DocumentError, match=r"空|没有可导入"):
        parse_document("空.txt", data)


def test_boilerplate_only_file():
    with pytest.raises(DocumentError, match="没有可导入的正文"):
        parse_document("a.txt", "2021年02月01日10:23:59\nAPP永久免费入口\n第3/7页\n".encode())


def test_unsupported_and_binary_files():
    with pytest.raises(DocumentError, match="不支持"):
        parse_document("a.pdf", b"%PDF-1.4")
    with pytest.raises(DocumentError, match="不是文本文件"):
        parse_document("a.txt", b"%PDF-1.4 binary")
    with pytest.raises(DocumentError, match="无法识别文件编码"):
        parse_document("a.txt", bytes(range(256)) * 50)
    with pytest.raises(DocumentError, match="控制字符"):
        parse_document("a.txt", b"\x00\x01\x02" * 500 + "会员".encode())


def test_gbk_and_gb18030_text():
    text = "白水镇计生协会工作总结\n全镇发放宣传品2600余份，覆盖率达95%以上。"
    document = parse_document("gbk.txt", text.encode("gbk"))
    assert document.title == "白水镇计生协会工作总结"
    assert any(flag.code == "encoding" for flag in document.flags)
    assert {(f.value, f.unit) for f in document.figures} == {(2600, "份"), (95, "%")}
    assert decode_text("\ufeff会员".encode())[0] == "会员"


def test_only_placeholders_is_flagged_not_an_error():
    document = parse_document("a.txt", "**镇20xx年工作总结\n全镇共有协会XX个，发放宣传单XX多份，投入余万元。".encode())
    assert not [f for f in document.figures if not f.placeholder]
    assert document.placeholder_count >= 2
    assert {"placeholder", "missing_number"} <= {flag.code for flag in document.flags}


def test_odd_unicode_is_cleaned_and_flagged():
    raw = "标题😀\n会员\u200f活动\x00室建成35个\u202e，发放\u200b宣传品2600余份。🎉".encode()
    document = parse_document("a.txt", raw)
    assert "\x00" not in document.text and "\u200f" not in document.text and "\u202e" not in document.text
    assert "🎉" in document.text
    assert any(flag.code == "invisible" for flag in document.flags)
    assert {(f.value, f.unit) for f in document.figures} >= {(35, "个"), (2600, "份")}


def test_twenty_megabytes_of_text_finishes_in_reasonable_time():
    paragraph = (SEEDS / "000_78aea941a35146b7.txt").read_text(encoding="utf-8")
    # Vary each copy so de-duplication does not make the job trivially small.
    body = "\n".join(f"第{i}批：{line}" for i in range(3000) for line in paragraph.splitlines() if line)
    data = body.encode()[: 20 * 1024 * 1024]
    data = data[: data.rfind(b"\n")]
    started = time.perf_counter()
    document = parse_document("大文件.txt", data)
    elapsed = time.perf_counter() - started
    print(
        f"\n20 MB text: {len(document.text)} chars, {len(document.figures)} figures, {elapsed:.1f}s, "
        f"{len(document.text) / elapsed:,.0f} chars/s"
    )
    assert elapsed < 120  # 13 s alone on the 2-core box; generous so a loaded CI machine does not flake
    assert len(document.figures) > 10_000


def test_old_doc_renamed_to_docx():
    with pytest.raises(DocumentError, match="旧版 Word"):
        parse_document("旧.docx", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 512)


def test_signature_and_date_stay_paragraphs():
    document = parse_document(
        "a.txt", "总结\n全年开展活动12次，发放宣传品2600余份。\n白水镇计生协会\n2024年5月10日".encode()
    )
    assert headings(document) == []


# ---------------------------------------------------------------------------- title, furniture, summary in Word files

REPORT = "全镇已建立村级协会17个，发展会员3200余人。今年开展宣传服务活动12次，发放宣传品2600余份。"


def test_a_heading_1_opening_a_word_file_is_its_title_and_not_repeated():
    document = parse_document(
        "新建文档.docx",
        word_file(("白水镇计生协会2024年工作总结", "Heading 1"), REPORT, ("一、基本情况", "Heading 2"), REPORT + "。"),
    )
    assert document.title == "白水镇计生协会2024年工作总结"
    assert document.blocks[0].kind == "paragraph" and document.blocks[0].text == REPORT
    assert headings(document) == [("h3", "一、基本情况")]


def test_the_title_style_wins_and_its_repeat_as_heading_1_is_dropped():
    document = parse_document(
        "新建文档.docx",
        word_file(
            "合集下载",
            ("白水镇计生协会2024年工作总结", "Title"),
            ("白水镇计生协会2024年工作总结", "Heading 1"),
            REPORT,
        ),
    )
    assert document.title == "白水镇计生协会2024年工作总结"
    assert [b.text for b in document.blocks] == [REPORT]


def test_a_heading_1_after_the_first_line_stays_a_section_heading():
    document = parse_document(
        "新建文档.docx", word_file("白水镇计生协会2024年工作总结", ("一、基本情况", "Heading 1"), REPORT)
    )
    assert document.title == "白水镇计生协会2024年工作总结"
    assert headings(document) == [("h2", "一、基本情况")]


def test_a_long_first_line_lends_its_first_sentence_not_the_file_name():
    long_line = "今年以来，白水镇计生协会围绕生育关怀和协会建设两条主线开展工作，" * 2 + "取得了明显成效。" + REPORT
    document = parse_document("新建文档.txt", long_line.encode())
    assert document.title == long_line.split("。")[0]  # its first sentence, 72 characters
    assert document.blocks[0].text == long_line  # the line stays in the body, whole


FURNITURE = [
    "1、下载文档前请自行甄别文档内容的完整性，平台不提供额外的编辑、内容补充、找答案等附加服务。",
    "2、“仅部分预览”的文档，不可在线预览部分如存在完整性等问题，可反馈申请退款。",
    "3、如文档侵犯您的权益，请联系客服反馈，我们会尽快为您处理（人工客服工作时间：9:00-18:30）。",
    "本文由范文网小编整理，希望能帮到你。",
    "第 2 页 共 5 页",
    "乡镇计生工作总结范文5篇",
    "更多相关文章：",
    "社区计生工作总结（精选10篇）",
    "2023年计生协会工作计划",
    "免责声明：本站所有文章均来自网络，如有侵权请联系删除。",
    "版权所有 © 2024 某某文库",
]


def test_download_site_furniture_leaves_body_and_summary():
    data = word_file(
        ("白水镇计生协会工作总结", "Title"),
        "合集下载",
        *FURNITURE[:4],
        REPORT,
        FURNITURE[4],
        FURNITURE[5],
        "下一步，我们将继续推动各项工作的开展。相关文档最新文档",
        *FURNITURE[6:],
    )
    document = parse_document("白水镇.docx", data)
    assert [b.text for b in document.blocks] == [REPORT, "下一步，我们将继续推动各项工作的开展。"]
    assert document.summary == REPORT
    assert any(flag.code == "boilerplate" for flag in document.flags)


def test_sentences_that_only_look_like_furniture_stay():
    kept = [
        "将宣传资料上传到网站供群众下载。",
        "不得侵犯计划生育家庭的合法权益。",
        "积分制管理办法在全镇推行，相关部门要密切配合。",
        "资金由会员提供，本文件由县计生协负责解释。",
        "全镇开展宣传活动12次。相关部门要密切配合，更多的群众参与到活动中来",  # a scrape cut mid-sentence
    ]
    document = parse_document("白水镇.docx", word_file(("白水镇计生协会工作总结", "Title"), *kept))
    assert [b.text for b in document.blocks] == kept


def test_the_summary_is_the_first_real_paragraph_cut_at_a_sentence_end():
    sentences = ["全镇已建立村级协会17个，发展会员3200余人，生育关怀基金达到12.5万元。"] * 3
    long_paragraph = "".join(f"第{n}项：{s}" for n, s in enumerate(sentences, 1))
    document = parse_document(
        "白水镇.docx",
        word_file(
            ("白水镇计生协会工作总结", "Title"),
            FURNITURE[0],
            ("一、基本情况", "Heading 1"),
            "白水镇计生协会",
            long_paragraph,
        ),
    )
    assert document.summary == f"第1项：{sentences[0]}第2项：{sentences[1]}"
    assert len(document.summary) <= 120 and long_paragraph.startswith(document.summary)


def test_a_docx_of_ten_thousand_short_paragraphs_is_refused_by_its_paragraph_count():
    """The audit's file: 10,000 lines like 第i段：全镇共有会员i人。 (a real material has at most 141 paragraphs)."""
    data = many_paragraphs_docx(10_000)
    with pytest.raises(DocumentError, match="段落过多（超过 3,000 段），请拆分成几个文件后再导入"):
        parse_document("一万段.docx", data)
