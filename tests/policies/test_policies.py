import datetime
import json

import feedparser
import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from wagtail.rich_text import RichText
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from portal.policies.models import DocType, PolicyIndexPage, PolicyIssuer, PolicyPage, Validity
from tests.core.budget import queries_for
from tests.core.factories import build_ladder
from tests.page_types import creatable_under
from tests.policies.factories import (
    IssuingAgencyFactory,
    PolicyAttachmentFactory,
    PolicyIndexPageFactory,
    PolicyPageFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def index(home):
    return PolicyIndexPageFactory(parent=home)


def publish(page):
    page.save_revision().publish()
    return page


def test_texts_are_added_only_in_the_policy_library(home, index):
    text = PolicyPageFactory(parent=index)
    assert PolicyIndexPage in creatable_under(home) and PolicyPage not in creatable_under(home)
    assert creatable_under(index) == {PolicyPage}
    assert creatable_under(text) == set()
    assert PolicyPage._meta.verbose_name == "政策文件"


# 发文字号 stored parts


def test_document_number_parts_are_stored_on_save(index):
    page = PolicyPageFactory(parent=index, document_number=" 云计生协发（２０２４）１２号 ")
    page.refresh_from_db()
    assert page.document_number == "云计生协发（２０２４）１２号"
    assert (page.document_agency_code, page.document_year, page.document_serial) == ("云计生协发", 2024, 12)
    assert not page.document_number_flagged


@pytest.mark.parametrize("raw", ["闽委办〔XX〕56号", "省12号文件", "白计生协〔2026〕 号"])
def test_unreadable_document_number_is_kept_and_flagged(index, raw):
    page = PolicyPageFactory(parent=index, document_number=raw)
    page.full_clean()  # never a validation error
    page.refresh_from_db()
    assert page.document_number == raw and page.document_number_flagged


def test_text_without_document_number_is_not_flagged(index):
    page = PolicyPageFactory(parent=index, document_number="")
    assert not page.document_number_flagged and page.document_year is None


def test_changing_the_number_updates_the_parts(index):
    page = PolicyPageFactory(parent=index, document_number="甲〔2024〕1号")
    page.document_number = "乙〔2025〕2号"
    publish(page)
    page.refresh_from_db()
    assert (page.document_agency_code, page.document_year, page.document_serial) == ("乙", 2025, 2)


# Validation messages


def errors_of(page):
    with pytest.raises(ValidationError) as caught:
        page.full_clean()
    return caught.value.message_dict


def test_effective_date_before_written_date_is_refused(index):
    page = PolicyPageFactory(parent=index)
    page.written_date, page.effective_date = datetime.date(2025, 3, 1), datetime.date(2025, 2, 1)
    assert errors_of(page)["effective_date"] == ["施行日期不能早于成文日期"]


def test_publication_before_written_date_is_refused(index):
    page = PolicyPageFactory(parent=index)
    page.written_date, page.date = datetime.date(2025, 3, 1), datetime.date(2025, 2, 1)
    assert errors_of(page)["date"] == ["发布日期不能早于成文日期"]


@pytest.mark.parametrize("validity", [Validity.已废止, Validity.失效])
def test_repealed_or_expired_without_replacement_or_date_is_refused(index, validity):
    page = PolicyPageFactory(parent=index)
    page.validity = validity
    assert errors_of(page)["validity"] == [f"“{validity}”的文件须填写替代文件或废止日期"]


def test_repealed_with_a_date_or_a_replacement_is_accepted(index):
    newer = PolicyPageFactory(parent=index)
    by_date = PolicyPageFactory(parent=index)
    by_date.validity, by_date.repealed_date = Validity.已废止, by_date.written_date + datetime.timedelta(days=30)
    by_date.full_clean()
    by_text = PolicyPageFactory(parent=index)
    by_text.validity, by_text.replaced_by = Validity.已废止, newer
    by_text.full_clean()


def test_amended_without_amending_text_is_refused(index):
    page = PolicyPageFactory(parent=index)
    page.validity = Validity.已修改
    assert errors_of(page)["replaced_by"] == ["“已修改”的文件须选择修改它的文件"]


def test_valid_text_with_repeal_date_is_refused(index):
    page = PolicyPageFactory(parent=index)
    page.repealed_date = page.written_date + datetime.timedelta(days=10)
    assert "有效的文件不能填写废止日期" in errors_of(page)["repealed_date"][0]


def test_text_cannot_replace_or_interpret_itself(index):
    page = PolicyPageFactory(parent=index, doc_type=DocType.解读)
    page.validity, page.replaced_by, page.interprets = Validity.已修改, page, page
    errors = errors_of(page)
    assert errors["replaced_by"] == ["替代文件不能是本文件"]
    assert errors["interprets"] == ["解读不能解读它自己"]


def test_only_an_interpretation_may_interpret(index):
    text = PolicyPageFactory(parent=index)
    page = PolicyPageFactory(parent=index, doc_type=DocType.通知)
    page.interprets = text
    assert errors_of(page)["interprets"] == ["只有文种为“解读”的文件才能选择被解读的文件"]


def test_issuer_row_needs_an_agency_or_a_name(index):
    row = PolicyIssuer(page=PolicyPageFactory(parent=index))
    with pytest.raises(ValidationError) as caught:
        row.full_clean()
    assert "请选择发文机关或填写机关名称" in str(caught.value)


def test_issuer_row_takes_the_agency_name(index):
    agency = IssuingAgencyFactory(name="云溪市卫生健康委员会")
    row = PolicyIssuer.objects.create(page=PolicyPageFactory(parent=index), agency=agency)
    assert row.name == "云溪市卫生健康委员会"


# Detail page


def full_text(index):
    first = IssuingAgencyFactory(name="云溪市计划生育协会", code="云计生协")
    second = IssuingAgencyFactory(name="云溪市民政局", code="云民")
    page = PolicyPageFactory(
        parent=index,
        title="关于加强会员之家建设的意见",
        document_number="云计生协〔2024〕15号",
        index_number="YXJSX-2024-00015",
        doc_type=DocType.意见,
        subject="协会建设",
        date=datetime.date(2024, 8, 30),
        written_date=datetime.date(2024, 8, 28),
        effective_date=datetime.date(2024, 9, 1),
        overview="提出会员之家的四项标准。",
        body=[
            (
                "clause",
                {"level": "section", "number": "一、", "heading": "建设标准", "text": RichText("<p>有场地。</p>")},
            ),
            ("clause", {"level": "article", "number": "第一条", "heading": "", "text": RichText("<p>条文内容。</p>")}),
        ],
    )
    PolicyIssuer.objects.create(page=page, agency=first, sort_order=0)
    PolicyIssuer.objects.create(page=page, agency=second, sort_order=1)
    return page


def test_full_text_shows_its_metadata_block_and_clauses(index, client):
    page = full_text(index)
    PolicyAttachmentFactory(page=page, title="附件1：申报表", document__title="申报表")
    content = client.get(page.url).content.decode()
    for label, value in [
        ("索引号", "YXJSX-2024-00015"),
        ("发文机关", "云溪市计划生育协会、云溪市民政局"),
        ("发文字号", "云计生协〔2024〕15号"),
        ("文种", "意见"),
        ("主题分类", "协会建设"),
        ("成文日期", "2024年8月28日"),
        ("发布日期", "2024年8月30日"),
        ("施行日期", "2024年9月1日"),
        ("有效性", "有效"),
    ]:
        assert f"<dt>{label}</dt><dd>" in content and value in content
    assert '<h2 class="clause-title"><span class="clause-number">一、</span>建设标准</h2>' in content
    assert '<strong class="clause-number">第一条</strong>' in content and "条文内容。" in content
    assert "提出会员之家的四项标准。" in content
    assert 'class="banner' not in content
    assert "附件1：申报表</a>" in content and "（TXT，950\xa0字节）" in content


def test_text_with_optional_fields_missing_renders(index, client):
    page = PolicyPageFactory(
        parent=index, title="最简单的文件", document_number="", index_number="", written_date=None, summary=""
    )
    response = client.get(page.url)
    content = response.content.decode()
    assert response.status_code == 200 and "最简单的文件" in content
    for absent in (
        "<dt>索引号</dt>",
        "<dt>发文字号</dt>",
        "<dt>发文机关</dt>",
        "<dt>成文日期</dt>",
        "附件",
        "政策解读",
    ):
        assert absent not in content
    assert "<dt>发布日期</dt>" in content and "<dt>有效性</dt><dd>有效</dd>" in content


@pytest.mark.parametrize(
    ("validity", "lead"),
    [(Validity.已废止, "替代文件"), (Validity.已修改, "修改后的文件"), (Validity.失效, "替代文件")],
)
def test_banner_links_to_the_replacing_text(index, client, validity, lead):
    newer = PolicyPageFactory(parent=index, title="新的办法", document_number="云计生协〔2025〕4号")
    older = PolicyPageFactory(parent=index, title="旧的办法")
    older.validity, older.replaced_by = validity, newer
    publish(older)
    content = client.get(older.url).content.decode()
    assert '<div class="banner validity-banner" role="note">' in content
    assert f"<strong>本文件{validity}</strong>" in content
    assert f'{lead}：<a href="{newer.url}">新的办法</a>（云计生协〔2025〕4号）' in content
    newer_content = client.get(newer.url).content.decode()
    assert "本文件修改或废止的文件" in newer_content and f'<a href="{older.url}">旧的办法</a>' in newer_content


def test_banner_without_replacement_gives_the_date(index, client):
    page = PolicyPageFactory(parent=index)
    page.validity, page.repealed_date = Validity.失效, datetime.date(2025, 12, 31)
    publish(page)
    content = client.get(page.url).content.decode()
    assert "<strong>本文件失效</strong>（2025年12月31日）" in content and "替代文件：" not in content


def test_unpublished_replacement_is_not_linked(index, client):
    newer = PolicyPageFactory(parent=index, title="尚未发布的新办法")
    older = PolicyPageFactory(parent=index)
    older.validity, older.replaced_by = Validity.已修改, newer
    publish(older)
    newer.unpublish()
    content = client.get(older.url).content.decode()
    assert "<strong>本文件已修改</strong>" in content and "尚未发布的新办法" not in content


def test_interpretation_links_both_ways(index, client):
    text = PolicyPageFactory(parent=index, title="会员管理办法")
    first = PolicyPageFactory(parent=index, title="办法解读", doc_type=DocType.解读, interprets=text)
    second = PolicyPageFactory(parent=index, title="图解办法", doc_type=DocType.解读, interprets=text)
    text_content = client.get(text.url).content.decode()
    assert "政策解读" in text_content
    assert (
        f'<a href="{first.url}">办法解读</a>' in text_content and f'<a href="{second.url}">图解办法</a>' in text_content
    )
    interpretation = client.get(first.url).content.decode()
    assert f'本文是对<a href="{text.url}">《会员管理办法》</a>的解读' in interpretation
    table = client.get(index.url).content.decode()
    assert f'<a class="interpretation-link" href="{text.url}#interpretations-heading">解读' in table


# Index table, filters, feed


def test_index_lists_texts_as_a_table(index, client):
    page = full_text(index)
    content = client.get(index.url).content.decode()
    assert '<table class="data-table policy-table">' in content
    for column in ("索引号", "标题", "发文字号", "发布日期", "有效性"):
        assert f'<th scope="col">{column}</th>' in content
    assert f'<th scope="row">\n        <a href="{page.url}">关于加强会员之家建设的意见</a>' in content
    assert '<td data-label="发文字号">云计生协〔2024〕15号</td>' in content and "2024年8月30日" in content
    assert '<td class="validity" data-label="有效性">有效</td>' in content


@pytest.fixture
def filtered_texts(index):
    notice = PolicyPageFactory(parent=index, title="某通知", doc_type=DocType.通知, date=datetime.date(2024, 5, 1))
    measures = PolicyPageFactory(parent=index, title="某办法", doc_type=DocType.办法, date=datetime.date(2025, 5, 1))
    joint = PolicyPageFactory(parent=index, title="联合意见", doc_type=DocType.意见, date=datetime.date(2025, 6, 1))
    for page, names in ((notice, ["市计生协"]), (measures, ["市计生协"]), (joint, ["市卫健委", "市计生协"])):
        for order, name in enumerate(names):
            PolicyIssuer.objects.create(page=page, name=name, sort_order=order)
    notice.written_date = None
    notice.validity, notice.repealed_date = Validity.失效, datetime.date(2024, 12, 31)
    publish(notice)
    return {"notice": notice, "measures": measures, "joint": joint}


def listed_titles(client, url):
    response = client.get(url)
    assert response.status_code == 200
    content = response.content.decode()
    return {title for title in ("某通知", "某办法", "联合意见") if f">{title}</a>" in content}


@pytest.mark.parametrize(
    ("query", "titles"),
    [
        ("", {"某通知", "某办法", "联合意见"}),
        ("?doc_type=办法", {"某办法"}),
        ("?agency=市卫健委", {"联合意见"}),
        ("?agency=市计生协", {"某通知", "某办法", "联合意见"}),
        ("?year=2024", {"某通知"}),
        ("?validity=失效", {"某通知"}),
        ("?validity=有效&year=2025&agency=市计生协", {"某办法", "联合意见"}),
        ("?doc_type=办法&agency=市卫健委", set()),
    ],
)
def test_index_filters(filtered_texts, client, query, titles):
    assert listed_titles(client, f"/policies/{query}") == titles


@pytest.mark.parametrize(
    "query",
    [
        "?doc_type=不存在",
        "?agency=<script>alert(1)</script>",
        "?year=abc",
        "?year=99999999999999999999",
        "?validity=有 效",
        "?page=-1",
        "?page=abc&year=",
        "?doc_type=",
        "?orgunit=qingxi",
    ],
)
def test_junk_filter_values_are_ignored(filtered_texts, client, query):
    assert listed_titles(client, f"/policies/{query}") == {"某通知", "某办法", "联合意见"}


def test_filter_form_offers_only_existing_values_with_labels(filtered_texts, client):
    content = client.get("/policies/").content.decode()
    for label in ("文种", "发文机关", "年份", "有效性"):
        assert f">{label}</label>" in content
    assert '<option value="办法">办法</option>' in content and '<option value="条例">' not in content
    assert '<option value="市卫健委">市卫健委</option>' in content
    assert '<option value="失效">失效</option>' in content and '<option value="已废止">' not in content
    assert 'name="orgunit"' not in content


def test_year_archive_and_feed(filtered_texts, client):
    assert listed_titles(client, "/policies/year/2025/") == {"某办法", "联合意见"}
    assert client.get("/policies/year/2019/").status_code == 404
    response = client.get("/policies/feed/")
    assert response.status_code == 200 and response["Content-Type"].startswith("application/rss+xml")
    feed = feedparser.parse(response.content)
    assert not feed.bozo and feed.feed.title == "政策法规"
    assert [entry.title for entry in feed.entries] == ["联合意见", "某办法", "某通知"]
    assert feed.entries[0].link == filtered_texts["joint"].full_url


# API


def test_api_exposes_metadata_as_fields(index, client):
    page = full_text(index)
    page.document_number = "云计生协〔2024〕15号"
    attachment = PolicyAttachmentFactory(page=page, title="附件1：申报表")
    newer = PolicyPageFactory(parent=index, title="修订后的意见")
    page.validity, page.replaced_by = Validity.已修改, newer
    publish(page)
    interpretation = PolicyPageFactory(parent=index, doc_type=DocType.解读, interprets=page)
    response = client.get("/api/v2/pages/?type=policies.PolicyPage&fields=*&order=id")
    assert response.status_code == 200
    item = next(item for item in response.json()["items"] if item["id"] == page.pk)
    assert item["index_number"] == "YXJSX-2024-00015"
    assert item["document_number"] == "云计生协〔2024〕15号"
    assert (item["document_agency_code"], item["document_year"], item["document_serial"]) == ("云计生协", 2024, 15)
    assert item["document_number_flagged"] is False
    assert [issuer["name"] for issuer in item["issuers"]] == ["云溪市计划生育协会", "云溪市民政局"]
    assert item["issuers"][0]["agency"]["code"] == "云计生协"
    assert (item["doc_type"], item["subject"], item["validity"]) == ("意见", "协会建设", "已修改")
    assert (item["written_date"], item["date"], item["effective_date"]) == ("2024-08-28", "2024-08-30", "2024-09-01")
    assert item["repealed_date"] is None
    assert item["replaced_by"]["id"] == newer.pk and item["replaced_by"]["title"] == "修订后的意见"
    assert item["replaced_by"]["html_url"].endswith(newer.url)
    assert [link["id"] for link in item["interpretations"]] == [interpretation.pk]
    assert item["interprets"] is None and item["replaces"] == []
    assert item["overview"] == "提出会员之家的四项标准。"
    assert item["body"][0]["type"] == "clause" and item["body"][0]["value"]["number"] == "一、"
    [row] = item["attachments"]
    assert row["display_title"] == "附件1：申报表" and row["file_extension"] == "txt"
    assert row["file_size"] == attachment.document.file_size > 0 and row["document"]["id"] == attachment.document_id
    newer_item = next(item for item in response.json()["items"] if item["id"] == newer.pk)
    assert [link["id"] for link in newer_item["replaces"]] == [page.pk]


def test_api_with_optional_fields_missing(index, client):
    PolicyPageFactory(parent=index, document_number="", written_date=None)
    [item] = client.get("/api/v2/pages/?type=policies.PolicyPage&fields=*").json()["items"]
    assert item["document_year"] is None and item["issuers"] == [] and item["attachments"] == []
    assert item["replaced_by"] is None and item["interpretations"] == [] and item["written_date"] is None


# Admin


def admin_form(index, **overrides):
    data = {
        "title": "后台新建的文件",
        "slug": "from-admin",
        "summary": "",
        "overview": "",
        "body": streamfield([]),
        "attachments": inline_formset([]),
        "index_number": "",
        "document_number": "测〔XX〕3号",
        "doc_type": "通知",
        "subject": "",
        "issuers": inline_formset([{"agency": "", "name": "测试机关"}]),
        "written_date": "2025-03-01",
        "date": "2025-03-05",
        "effective_date": "2025-03-10",
        "validity": "有效",
        "replaced_by": "",
        "repealed_date": "",
        "interprets": "",
    }
    return nested_form_data(data | overrides)


def test_editor_creates_a_text_with_tabs_and_a_flagged_number(index, admin_client):
    url = f"/{settings.WAGTAILADMIN_PATH}pages/add/policies/policypage/{index.pk}/"
    form = admin_client.get(url).content.decode()
    for tab in ("正文", "元数据", "推广"):
        assert tab in form
    response = admin_client.post(url, admin_form(index))
    assert response.status_code == 302, response.content.decode()[:3000]
    page = PolicyPage.objects.get(slug="from-admin")
    assert page.document_number == "测〔XX〕3号" and page.document_number_flagged
    assert page.issuer_names() == ["测试机关"]
    listing = admin_client.get(f"/{settings.WAGTAILADMIN_PATH}policy_texts/?document_number_flagged=true")
    assert "文号待核" in listing.content.decode() and "测〔XX〕3号" in listing.content.decode()
    assert admin_client.get(f"/{settings.WAGTAILADMIN_PATH}pages/{page.pk}/edit/").status_code == 200
    agencies = admin_client.get(f"/{settings.WAGTAILADMIN_PATH}snippets/policies/issuingagency/")
    assert agencies.status_code == 200


def test_editor_sets_the_unit_a_text_is_about(index, admin_client):
    county = build_ladder()["county"]
    url = f"/{settings.WAGTAILADMIN_PATH}pages/add/policies/policypage/{index.pk}/"
    assert 'name="orgunit"' in admin_client.get(url).content.decode()
    response = admin_client.post(url, admin_form(index, orgunit=county.pk))
    assert response.status_code == 302, response.content.decode()[:3000]
    assert PolicyPage.objects.get(slug="from-admin").orgunit == county


def test_admin_shows_the_date_error_in_chinese(index, admin_client):
    url = f"/{settings.WAGTAILADMIN_PATH}pages/add/policies/policypage/{index.pk}/"
    response = admin_client.post(url, admin_form(index, effective_date="2025-02-01"))
    assert response.status_code == 200
    assert "施行日期不能早于成文日期" in response.content.decode()
    assert not PolicyPage.objects.filter(slug="from-admin").exists()


def test_admin_refuses_a_clause_number_in_the_wrong_form(index, admin_client):
    url = f"/{settings.WAGTAILADMIN_PATH}pages/add/policies/policypage/{index.pk}/"
    body = streamfield([("clause", {"level": "article", "number": "一、", "heading": "", "text": rich_text("")})])
    response = admin_client.post(url, admin_form(index, body=body))
    assert response.status_code == 200
    # StreamField errors reach the page inside the blocks' JSON, with non-ASCII characters escaped
    assert json.dumps("“条（第X条）”的序号应写成“第三条”这样的格式")[1:-1] in response.content.decode()


# Query budgets


def add_texts(index, count, agency, document):
    for _ in range(count):
        page = PolicyPageFactory(parent=index, date=datetime.date(2025, 5, 1))
        PolicyIssuer.objects.create(page=page, agency=agency, name=agency.name)
        PolicyAttachmentFactory(page=page, document=document)


def add_rows(page, index, count, agency, document):
    for _ in range(count):
        PolicyIssuer.objects.create(page=page, agency=agency, name=f"机关{PolicyIssuer.objects.count()}")
        PolicyAttachmentFactory(page=page, document=document)
        PolicyPageFactory(parent=index, doc_type=DocType.解读, interprets=page)


def test_query_counts_do_not_grow_with_texts_or_rows(index, client):
    agency = IssuingAgencyFactory()
    document = PolicyAttachmentFactory(page=PolicyPageFactory(parent=index)).document
    newer = PolicyPageFactory(parent=index)
    detail = PolicyPageFactory(parent=index)
    detail.validity, detail.replaced_by = Validity.已修改, newer
    publish(detail)
    add_texts(index, 5, agency, document)
    add_rows(detail, index, 5, agency, document)
    urls = ["/policies/", "/policies/?doc_type=通知&year=2025&validity=有效", detail.url, "/policies/feed/"]
    with_5 = {url: queries_for(client, url) for url in urls}
    add_texts(index, 45, agency, document)
    add_rows(detail, index, 45, agency, document)
    with_50 = {url: queries_for(client, url) for url in urls}
    assert with_5 == with_50  # the site-wide budget is tests/core/test_query_budget.py
