"""Content-Security-Policy per area of the site, the client address used by login throttling, and malformed requests
answered 400."""

from csp.middleware import CSPMiddleware
from django.conf import settings
from django.core.exceptions import BadRequest
from django.utils.datastructures import MultiValueDictKeyError

from .views import bad_request

# Wagtail 8's date/time widgets and InlinePanel print small inline <script>s whose text varies per field, and the
# StreamField/table editors (Handsontable, Draftail) insert <style> elements: no hash can list them and Wagtail sets
# no nonce, so the admin (logged-in staff only) needs 'unsafe-inline' scripts and styles. The public site does not.
# style-src is replaced, not extended: browsers ignore 'unsafe-inline' next to the 500 page's hash.
ADMIN_POLICY_UPDATE = {"script-src": ["'unsafe-inline'"]}
ADMIN_POLICY_REPLACE = {"style-src": ["'self'", "'unsafe-inline'"]}


def is_admin_path(path):
    return path.startswith("/" + settings.WAGTAILADMIN_PATH)


class PortalCSPMiddleware(CSPMiddleware):
    """The site-wide policy from CONTENT_SECURITY_POLICY, loosened only as far as the Wagtail admin needs."""

    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only=report_only)
        if not report_only and is_admin_path(request.path_info):
            parts.update = {**ADMIN_POLICY_UPDATE, **(parts.update or {})}
            parts.replace = {**ADMIN_POLICY_REPLACE, **(parts.replace or {})}
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


class RejectNullBytesMiddleware:
    """A NUL byte in the path or query string is always an attack or a broken client. PostgreSQL cannot store it
    and full-text query parsers choke on it, so answer 400 before any view sees it."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if "\x00" in request.path or any("\x00" in key + value for key, value in request.GET.items()):
            raise BadRequest("请求中含有空字符")
        return self.get_response(request)


class IncompleteFormMiddleware:
    """A POST without a field that form code reads by key (a crafted edit form without `body-count`: Wagtail's
    StreamField reads it with []) raises MultiValueDictKeyError, which would be a 500; it is a bad request."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if request.method == "POST" and isinstance(exception, MultiValueDictKeyError):
            return bad_request(request, exception)
        return None
