"""What may be done to the project's pages.

- Who may delete one: Wagtail lets whoever may change a page delete it while it is a draft; here reviewers change
  what they review, so only those who may also create or publish pages there may delete them.
- What a visitor may send: reading only (the public forms are views of their own), so POST, PUT, PATCH and DELETE
  to a page, its feed or its export are 405.
"""

from http import HTTPMethod

from wagtail.models import PagePermissionTester


class PortalPagePermissionTester(PagePermissionTester):
    def can_delete(self, ignore_bulk=False):
        allowed = super().can_delete(ignore_bulk=ignore_bulk)
        return allowed and (self.user.is_superuser or bool({"add", "publish"} & self.permissions))


class PortalPagePermissions:
    """Mixed into every page type of the project: the delete view, bulk delete and the admin API's delete action all
    ask `permissions_for_user`, so none of them lets a reviewer delete; Wagtail answers 405 outside
    `allowed_http_methods`."""

    allowed_http_methods = [HTTPMethod.GET, HTTPMethod.HEAD, HTTPMethod.OPTIONS]

    def permissions_for_user(self, user):
        return PortalPagePermissionTester(user, self)
