"""The two rules every write path asks, wherever it is (editor, review, 从Word提取数字, bulk actions, admin API):
may this user change the page now (Wagtail's locks), and may its content be published or approved (the page type's
`publish_blockers()`)."""

from wagtail.locks import ScheduledForPublishLock, WorkflowLock

from portal.checks.checks import sensitive_word_blockers


def lock_refusal(page, user) -> str:
    """Why `user` may not change `page` now, in Chinese; "" if they may. The same locks as Wagtail's editor: a review
    step (only its reviewers edit), scheduled publication, a lock someone set."""
    lock = page.get_lock()
    if lock is None or not lock.for_user(user):
        return ""
    if isinstance(lock, WorkflowLock):
        return f"这个页面正在审核（{lock.task.name}），只有这一步的审核员可以修改；审核结束或退回后才能再改。"
    if isinstance(lock, ScheduledForPublishLock):
        return "这个页面已安排定时发布，取消定时发布后才能修改。"
    return "这个页面已被锁定，解锁后才能修改。"


def publish_blockers(page) -> list[str]:
    """Why the page's latest revision, which approving or publishing would publish, may not be approved or published
    yet (Chinese, one reason a line): a sensitive word anywhere in it, and its type's own rules (an experience
    material's unconfirmed figures)."""
    submitted = page.specific.get_latest_revision_as_object()
    own_rules = submitted.publish_blockers() if hasattr(submitted, "publish_blockers") else []
    return sensitive_word_blockers(submitted) + own_rules
