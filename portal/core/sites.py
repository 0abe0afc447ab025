"""SITE_URL, the portal's one public address: the default Site record follows it, and production checks it."""

from urllib.parse import urlsplit

from django.conf import settings
from django.core.checks import Error, Tags, register
from django.db import DatabaseError

DEFAULT_PORTS = {"http": 80, "https": 443}


class SiteURLError(ValueError):
    pass


def site_address(url: str) -> tuple[str, int]:
    """("jsx.example.org", 443) for https://jsx.example.org; Wagtail's Site stores a host and a port, and reads
    port 443 as https."""
    parts = urlsplit(url)
    if parts.scheme not in DEFAULT_PORTS or not parts.hostname or parts.path.strip("/") or parts.query:
        raise SiteURLError(f"SITE_URL 应为“协议://主机[:端口]”，如 https://jsx.example.org（现在是“{url}”）")
    try:
        port = parts.port or DEFAULT_PORTS[parts.scheme]
    except ValueError as error:
        raise SiteURLError(f"SITE_URL 的端口不对：“{url}”") from error
    if parts.scheme == "http" and port == 443:
        raise SiteURLError("SITE_URL 用 http 时不能是 443 端口（Wagtail 把 443 端口当作 https）")
    return parts.hostname, port


def sync_default_site(**kwargs):
    """Make the default Site answer at SITE_URL (a post_migrate receiver)."""
    from wagtail.models import Site

    hostname, port = site_address(settings.SITE_URL)
    Site.objects.filter(is_default_site=True).exclude(hostname=hostname, port=port).update(hostname=hostname, port=port)


def default_site_address():
    from wagtail.models import Site

    try:
        site = Site.objects.filter(is_default_site=True).only("hostname", "port").first()
    except DatabaseError:  # not migrated yet: migrate will sync it
        return None
    return (site.hostname, site.port) if site else None


@register(Tags.urls)
def check_site_url(app_configs=None, **kwargs):
    """In production SITE_URL must be set, well formed, an allowed host, and what the default Site record says."""
    if settings.DEBUG or not hasattr(settings, "SITE_URL_MISSING"):
        return []
    if settings.SITE_URL_MISSING:
        return [Error("生产环境必须设置 SITE_URL（网站的公开地址，如 https://jsx.example.org）", id="portal.E001")]
    try:
        hostname, port = site_address(settings.SITE_URL)
    except SiteURLError as error:
        return [Error(str(error), id="portal.E002")]
    errors = []
    if hostname not in settings.ALLOWED_HOSTS and "*" not in settings.ALLOWED_HOSTS:
        errors.append(Error(f"SITE_URL 的主机“{hostname}”不在 ALLOWED_HOSTS 里", id="portal.E003"))
    recorded = default_site_address()
    if recorded is not None and recorded != (hostname, port):
        errors.append(
            Error(
                f"默认站点记录是 {recorded[0]}:{recorded[1]}，与 SITE_URL（{hostname}:{port}）不一致；"
                "运行 manage.py migrate 即可同步",
                id="portal.E004",
            )
        )
    return errors
