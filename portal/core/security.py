"""Content-Security-Policy per area of the site, and the client address used by login throttling."""

from csp.middleware import CSPMiddleware
from django.conf import settings

# Wagtail 8's date/time widgets and InlinePanel print small inline <script>s whose text varies per field, so no
# hash can list them and Wagtail sets no nonce: the admin (logged-in staff only) needs 'unsafe-inline' scripts.
# The public site allows no inline script at all.
ADMIN_POLICY_UPDATE = {"script-src": ["'unsafe-inline'"]}


def is_admin_path(path):
    return path.startswith("/" + settings.WAGTAILADMIN_PATH)


class PortalCSPMiddleware(CSPMiddleware):
    """The site-wide policy from CONTENT_SECURITY_POLICY, loosened only as far as the Wagtail admin needs."""

    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only=report_only)
        if not report_only and is_admin_path(request.path_info):
            parts.update = {**ADMIN_POLICY_UPDATE, **(parts.update or {})}
        return parts


def client_ip(request):
    """REMOTE_ADDR, or the address the nearest of TRUSTED_PROXY_COUNT proxies saw when we run behind proxies."""
    proxies = settings.TRUSTED_PROXY_COUNT
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    if proxies and forwarded:
        addresses = [address.strip() for address in forwarded.split(",") if address.strip()]
        if addresses:
            return addresses[max(len(addresses) - proxies, 0)]
    return request.META.get("REMOTE_ADDR")
