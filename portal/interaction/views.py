"""Public views: the 留言 form, the 找错 form, the thank-you page and 留言选登 (the published replies)."""

import logging

from django.conf import settings
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_protect
from django.views.decorators.http import require_GET, require_http_methods

from portal.core.sites import site_address

from . import throttle
from .forms import ErrorReportForm, MessageForm, same_site_path
from .models import Message, reply_working_days
from .privacy import mask_email, mask_name, mask_phone

logger = logging.getLogger(__name__)

MAX_REQUEST_BYTES = 48 * 1024  # the largest honest form (2000 Chinese characters, URL-encoded) is about 20 KiB
REPLIES_PER_PAGE = 10
TOO_MANY = "您提交得太频繁了。为防止垃圾信息，同一网络每小时最多提交 {limit} 次，请稍后再试，或拨打页面底部的联系电话。"
TOO_LARGE = "提交的内容过长，没有收到。请把内容缩短到每栏的字数限制以内后重新提交。"


def site_hosts(request):
    return {request.get_host(), site_address(settings.SITE_URL)[0]}


def log_submission(message):
    """One line per submission, personal data masked (the log filter would catch a bare mobile number too)."""
    logger.info(
        "收到%s #%s：称呼 %s，电话 %s，邮箱 %s，联系方式 %s",
        message.get_kind_display(),
        message.pk,
        mask_name(message.name) or "-",
        mask_phone(message.phone) or "-",
        mask_email(message.email) or "-",
        "已填" if message.contact else "-",
    )


def submission_view(request, form_class, template, form_kwargs=None, initial=None):
    """GET shows the form; POST checks size, honeypot, rate and fields, then saves and redirects to the thanks page.
    Every answer carries a CSRF token (never cached for another visitor: never_cache, and the page cache skips
    responses that use the token)."""
    form_kwargs = form_kwargs or {}
    status, notice = 200, ""
    if request.method == "POST":
        if int(request.META.get("CONTENT_LENGTH") or 0) > MAX_REQUEST_BYTES:
            form, status, notice = form_class(initial=initial, **form_kwargs), 413, TOO_LARGE
        else:
            form = form_class(request.POST, **form_kwargs)
            if throttle.submissions_left(request) <= 0:
                status, notice = 429, TOO_MANY.format(limit=throttle.limit())
            elif form.is_bot:
                throttle.count_submission(request)
                logger.warning("拦截疑似机器提交：隐藏的网址栏被填写（%s）", form_class.__name__)
                return redirect("interaction:thanks")
            elif form.is_valid():
                throttle.count_submission(request)
                message = form.save()
                log_submission(message)
                return redirect("interaction:thanks")
            else:
                status = 400
    else:
        form = form_class(initial=initial, **form_kwargs)
    context = {"form": form.describe_fields(), "notice": notice, "working_days": reply_working_days()}
    return render(request, template, context, status=status)


@never_cache
@csrf_protect
@require_http_methods(["GET", "POST"])
def message_form(request):
    return submission_view(request, MessageForm, "interaction/message_form.html")


@never_cache
@csrf_protect
@require_http_methods(["GET", "POST"])
def error_report_form(request):
    hosts = site_hosts(request)
    initial = {"page_url": same_site_path(request.GET.get("page", "")[:500], hosts) or ""}
    return submission_view(
        request, ErrorReportForm, "interaction/error_report_form.html", form_kwargs={"hosts": hosts}, initial=initial
    )


@require_GET
def thanks(request):
    return render(request, "interaction/thanks.html", {"working_days": reply_working_days()})


@require_GET
def replies(request):
    """留言选登: published questions and replies, newest reply first; no name, phone or email ever reaches it."""
    published = Message.objects.published().only("subject", "body", "submitted_at", "reply", "replied_at")
    page = Paginator(published.order_by("-replied_at", "-pk"), REPLIES_PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "interaction/replies.html", {"replies": page, "page_obj": page})
