"""The policy workflow (政策编辑 → 合法性审核 → 发布) in the browser with the demo users: the policy editor enters a
text with its 发文字号, a city reviewer approves its legality, a city administrator approves its publication, and
the public /policies/ table lists it with its 文号. Each step's email goes to that step's group only."""

import pytest
from django.core import mail

from portal.policies.models import PolicyIndexPage, PolicyPage

from .conftest import screenshot
from .wagtail_admin import ADMIN, approve_in_editor, current_task, dashboard_review_row, recipients, submit_for_review

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

TITLE = "关于开展2026年度计生特殊家庭走访慰问活动的通知"
DOCUMENT_NUMBER = "云计生协发〔2026〕3号"
INDEX_NUMBER = "YXJSX-2026-00003"
ISSUER = "云溪市计划生育协会"
OVERVIEW = "市计生协部署元旦春节期间走访慰问计生特殊家庭，明确慰问对象、标准和时间。"


def test_policy_text_passes_legality_review_then_publication(sign_in, demo):
    index = PolicyIndexPage.objects.get()
    mail.outbox.clear()

    # 1. The policy editor enters the text with its 文号 and issuing body, and submits it.
    policy_editor = sign_in("policy_editor")
    policy_editor.goto(f"{demo}{ADMIN}pages/add/policies/policypage/{index.pk}/")
    policy_editor.fill("input[name=title]", TITLE)
    policy_editor.fill("textarea[name=overview]", OVERVIEW)
    policy_editor.get_by_role("tab", name="元数据").click()
    policy_editor.fill("input[name=index_number]", INDEX_NUMBER)
    policy_editor.fill("input[name=document_number]", DOCUMENT_NUMBER)
    policy_editor.fill("input[name='issuers-0-name']", ISSUER)
    assert "已创建并提交审核" in submit_for_review(policy_editor)
    policy = PolicyPage.objects.get(title=TITLE)
    assert (policy.document_agency_code, policy.document_year, policy.document_serial) == ("云计生协发", 2026, 3)
    assert current_task(policy).name == "合法性审核"
    assert recipients(mail.outbox) == [["city_reviewer@example.org"]]
    mail.outbox.clear()

    # 2. A city reviewer approves its legality; it is not published yet and only the administrators are asked next.
    admin = sign_in("city_admin")
    assert dashboard_review_row(admin, TITLE).count() == 0
    reviewer = sign_in("city_reviewer")
    assert dashboard_review_row(reviewer, TITLE).count() == 1
    approve_in_editor(reviewer, demo, policy)
    assert current_task(policy).name == "发布"
    assert not PolicyPage.objects.get(pk=policy.pk).live
    # the administrators are asked; the policy editor is told the legality step passed
    assert sorted(recipients(mail.outbox)) == [["city_admin@example.org"], ["policy_editor@example.org"]]
    mail.outbox.clear()

    # 3. A city administrator approves its publication, which publishes it; the policy editor is told.
    admin.reload()
    assert dashboard_review_row(admin, TITLE).count() == 1
    screenshot(admin, "workflow-policy-1-admin-dashboard")
    approve_in_editor(admin, demo, policy)
    policy = PolicyPage.objects.get(pk=policy.pk)
    assert policy.live and not policy.workflow_in_progress
    assert recipients(mail.outbox) == [["policy_editor@example.org"]]

    # 4. The public table lists it with its 索引号 and 文号.
    public = admin.context.browser.new_page()
    public.goto(f"{demo}/policies/")
    row = public.locator("table.policy-table tbody tr", has_text=TITLE)
    assert [cell.strip() for cell in row.locator("td").all_inner_texts()[:2]] == [INDEX_NUMBER, DOCUMENT_NUMBER]
    screenshot(public, "workflow-policy-2-public-table")
    public.close()
