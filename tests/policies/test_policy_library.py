"""The policy library as a visitor uses it: a keyword box and 主题分类/有效性 filters that keep working across
pages, attachments labelled with format and size, a 解读 that says when the text it explains has ended, and no
half-written 发文字号."""

import datetime
import re

import pytest
from django.core.files.base import ContentFile

from portal.policies.models import DocType, Subject, Validity
from tests.policies.factories import (
    DocumentFactory,
    PolicyAttachmentFactory,
    PolicyIndexPageFactory,
    PolicyPageFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def index(home):
    return PolicyIndexPageFactory(parent=home)


def listed_titles(content):
    return re.findall(r'<th scope="row">\s*<a href="[^"]+">([^<]+)</a>', content)


def test_keyword_searches_titles_and_document_numbers(index, client):
    PolicyPageFactory(parent=index, title="生育关怀专项资金管理办法", document_number="云计生协〔2025〕14号")
    PolicyPageFactory(parent=index, title="会员管理办法", document_number="云计生协〔2025〕4号")
    PolicyPageFactory(parent=index, title="青春健康教育通知", document_number="青计生协〔2025〕6号")
    assert sorted(listed_titles(client.get(index.url, {"q": "办法"}).content.decode())) == [
        "会员管理办法",
        "生育关怀专项资金管理办法",
    ]
    assert listed_titles(client.get(index.url, {"q": "青计生协"}).content.decode()) == ["青春健康教育通知"]
    assert "没有符合筛选条件的文件" in client.get(index.url, {"q": "不存在的词"}).content.decode()


def test_subject_and_validity_filters_keep_to_the_next_page(index, client, monkeypatch):
    monkeypatch.setattr(type(index), "per_page", 2)
    for number in range(3):
        PolicyPageFactory(parent=index, title=f"关怀有效{number}", subject=Subject.生育关怀)
    PolicyPageFactory(
        parent=index,
        title="关怀失效",
        subject=Subject.生育关怀,
        validity=Validity.失效,
        repealed_date=datetime.date(2025, 12, 31),
    )
    PolicyPageFactory(parent=index, title="协会建设", subject=Subject.协会建设)
    first = client.get(index.url, {"subject": "生育关怀", "validity": "有效"}).content.decode()
    assert len(listed_titles(first)) == 2 and "共 3 件" in first
    next_link = re.search(r'<a href="\?([^"]+)" rel="next">', first).group(1).replace("&amp;", "&")
    second = client.get(index.url + "?" + next_link).content.decode()
    assert [title for title in listed_titles(second)] == [
        title for title in ["关怀有效0", "关怀有效1", "关怀有效2"] if title not in listed_titles(first)
    ]
    assert '<option value="生育关怀" selected>生育关怀</option>' in second


def test_attachment_shows_its_format_and_size(index, client):
    page = PolicyPageFactory(parent=index)
    document = DocumentFactory(file=ContentFile(b"%PDF-1.4\n" + b"0" * 1_250_000, name="申报表.pdf"))
    PolicyAttachmentFactory(page=page, document=document, title="附件1：申报表")
    content = client.get(page.url).content.decode()
    assert '附件1：申报表</a> <span class="file-meta">（PDF，1.2\xa0MB）</span>' in content


def test_interpretation_of_a_repealed_text_says_so(index, client):
    text = PolicyPageFactory(
        parent=index,
        title="会员管理办法（试行）",
        validity=Validity.已废止,
        date=datetime.date(2024, 3, 1),
        repealed_date=datetime.date(2025, 4, 1),
    )
    interpretation = PolicyPageFactory(
        parent=index, title="《会员管理办法（试行）》解读", doc_type=DocType.解读, interprets=text
    )
    detail = client.get(interpretation.url).content.decode()
    assert "<strong>所解读的文件已废止</strong>" in detail
    assert "<dt>有效性</dt><dd>所解读的文件已废止</dd>" in detail
    listing = client.get(index.url).content.decode()
    assert '<td class="validity" data-label="有效性">所解读的文件已废止</td>' in listing


def test_interpretation_of_a_valid_text_is_plainly_valid(index, client):
    text = PolicyPageFactory(parent=index, title="关于印发《工作要点》的通知")
    interpretation = PolicyPageFactory(parent=index, doc_type=DocType.解读, interprets=text)
    detail = client.get(interpretation.url).content.decode()
    assert "所解读的文件" not in detail
    assert f'本文是对<a href="{text.url}">《关于印发〈工作要点〉的通知》</a>的解读' in detail


def test_an_incomplete_document_number_is_not_shown(index, client):
    page = PolicyPageFactory(parent=index, title="章程", document_number="白计生协〔2026〕 号")
    assert "〔2026〕 号" not in client.get(page.url).content.decode()
    assert "〔2026〕 号" not in client.get(index.url).content.decode()
    complete = PolicyPageFactory(parent=index, document_number="白计生协〔2026〕3号")
    assert "<dt>发文字号</dt><dd>白计生协〔2026〕3号</dd>" in client.get(complete.url).content.decode()


def test_the_filters_start_with_the_keyword_box_and_put_the_year_before_validity(index, client):
    PolicyPageFactory(parent=index, subject=Subject.生育关怀, doc_type=DocType.通知)
    content = client.get(index.url).content.decode()
    form = content[content.index('<form class="filters"') : content.index("</form>", content.index('class="filters"'))]
    labels = re.findall(r"<label for=\"[^\"]+\">([^<]+)</label>", form)
    assert labels == ["关键词", "主题分类", "文种", "发文机关", "年份", "有效性"]
