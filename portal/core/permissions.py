"""Who may delete a page. Wagtail lets whoever may change a page delete it while it is a draft; here reviewers change
what they review, so only those who may also create or publish pages there may delete them."""

from wagtail.models import PagePermissionTester


class PortalPagePermissionTester(PagePermissionTester):
    def can_delete(self, ignore_bulk=False):
        allowed = super().can_delete(ignore_bulk=ignore_bulk)
        return allowed and (self.user.is_superuser or bool({"add", "publish"} & self.permissions))


class PortalPagePermissions:
    """Mixed into the project's page types: the delete view, bulk delete and the admin API's delete action all ask
    `permissions_for_user`, so none of them lets a reviewer delete."""

    def permissions_for_user(self, user):
        return PortalPagePermissionTester(user, self)
