from django.conf import settings
from django.shortcuts import render

from .slugs import HAN


def bad_request(request, exception=None):
    return render(request, "400.html", status=400)


def permission_denied(request, exception=None):
    """The project's own refusals say why in Chinese; Wagtail's and Django's (no reason, or English) say nothing."""
    reason = str(exception or "")
    context = {
        "reason": reason if HAN.search(reason) else "",
        "in_admin": request.path.startswith(f"/{settings.WAGTAILADMIN_PATH}"),
    }
    return render(request, "403.html", context, status=403)


def page_not_found(request, exception=None):
    return render(request, "404.html", status=404)


def server_error(request):
    # Rendered without a request context: the database or settings may be what failed.
    return render(None, "500.html", status=500)
