"""定时发布 (报告菜单): the pages approved to go live later, with when, so editors and admins see what is queued."""

from dataclasses import dataclass

from wagtail.models import Page, Revision
from wagtail.permission_policies.pages import PagePermissionPolicy

from .feedback import chinese_datetime
from .views import UserListingView


@dataclass
class ScheduledPage:
    page: Page
    go_live: str
    expiry: str
    approved_by: str


def pages_user_may_change(user):
    return PagePermissionPolicy().instances_user_has_any_permission_for(user, ["change", "publish"])


def scheduled_pages(user):
    """Every page `user` may edit with a revision approved to go live later, soonest first."""
    revisions = (
        Revision.page_revisions.filter(approved_go_live_at__isnull=False)
        .select_related("user")
        .order_by("approved_go_live_at")
    )
    pages = pages_user_may_change(user).in_bulk([int(revision.object_id) for revision in revisions])
    return [
        ScheduledPage(
            page=pages[int(revision.object_id)],
            go_live=chinese_datetime(revision.approved_go_live_at),
            expiry=chinese_datetime(expire_at) if (expire_at := revision.as_object().expire_at) else "不过期",
            approved_by=(revision.user.get_full_name() or revision.user.get_username()) if revision.user else "",
        )
        for revision in revisions
        if int(revision.object_id) in pages
    ]


def may_see_scheduled_pages(user):
    return pages_user_may_change(user).exists()


class ScheduledPagesView(UserListingView):
    page_title = "定时发布"
    header_icon = "time"
    template_name = "workflow/scheduled_pages.html"
    rows_for = staticmethod(scheduled_pages)
