from .base import *  # noqa: F403
from .base import ImproperlyConfigured, env_bool, os

DEBUG = False
if not SECRET_KEY:  # noqa: F405
    raise ImproperlyConfigured("生产环境必须设置 SECRET_KEY 环境变量")
SITE_URL_MISSING = "SITE_URL" not in os.environ  # an error of `manage.py check` (portal/core/sites.py)

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", str(60 * 60 * 24 * 365)))
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SESSION_COOKIE_SECURE = env_bool("SESSION_COOKIE_SECURE", True)
CSRF_COOKIE_SECURE = env_bool("CSRF_COOKIE_SECURE", True)
SESSION_COOKIE_HTTPONLY = True
# X-Frame-Options stays SAMEORIGIN (base): Wagtail's preview panel frames our own pages, and CSP frame-ancestors
# 'self' says the same. check --deploy asks for DENY unless there is such a reason.
SILENCED_SYSTEM_CHECKS = ["security.W019"]
