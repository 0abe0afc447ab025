"""Settings shared by every environment. Everything that differs between machines comes from the environment."""

import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent.parent
VAR_DIR = Path(os.environ.get("PORTAL_VAR_DIR", BASE_DIR / "var"))


def env_list(name, default=""):
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def env_bool(name, default=False):
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


SECRET_KEY = os.environ.get("SECRET_KEY", "")
DEBUG = False
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "home",
    "search",
    "portal.core",
    "portal.news",
    "portal.policies",
    "portal.villages",
    "portal.activities",
    "portal.exchange",
    "portal.importer",
    "portal.workflow",
    "portal.editorial",
    "portal.interaction",
    "portal.checks",
    "portal.demo",
    "wagtail.contrib.settings",
    "wagtail.contrib.sitemaps",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.table_block",
    "wagtail.contrib.search_promotions",
    "wagtail.contrib.frontend_cache",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.api.v2",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "rest_framework",
    "axes",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
]

MIDDLEWARE = [
    "portal.core.logs.RequestIdMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "portal.core.security.PortalCSPMiddleware",
    "portal.core.security.RejectNullBytesMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "portal.core.cache.PageCacheMiddleware",  # before sessions: a cached page skips everything below
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    "axes.middleware.AxesMiddleware",
    "portal.core.security.IncompleteFormMiddleware",  # last: it sees a view's exception first
]

ROOT_URLCONF = "portal.urls"
WSGI_APPLICATION = "portal.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
                "portal.core.cache.template_fragments",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{VAR_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("DB_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets readers run while an editor publishes; the timeout waits out short write locks.
    DATABASES["default"]["OPTIONS"] = {
        "timeout": 20,
        "transaction_mode": "IMMEDIATE",
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }
    DATABASES["default"]["CONN_MAX_AGE"] = 0
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"


def cache_config():
    redis_url = os.environ.get("REDIS_URL")
    if redis_url:
        return {
            "BACKEND": "portal.core.cache_backends.FailSafeRedisCache",  # misses instead of failing when Redis is down
            "LOCATION": redis_url,
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
            "KEY_PREFIX": os.environ.get("CACHE_KEY_PREFIX", "portal"),
            "TIMEOUT": 600,
        }
    return {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "portal", "TIMEOUT": 600}


def shared_cache_config(folder, **options):
    """A cache every worker shares: Redis when set, else files under var/<folder>."""
    if os.environ.get("REDIS_URL"):
        return cache_config()
    backend = "django.core.cache.backends.filebased.FileBasedCache"
    return {"BACKEND": backend, "LOCATION": VAR_DIR / folder, "OPTIONS": options}


CACHES = {
    "default": cache_config(),
    "pages": shared_cache_config("page-cache", MAX_ENTRIES=5000),  # whole pages for anonymous visitors
    "counters": shared_cache_config("counters"),  # public submissions per address and hour (portal.interaction)
}
PAGE_CACHE = env_bool("PAGE_CACHE", True)  # PAGE_CACHE=off to measure or debug uncached pages
# Parts many pages share (nav, breadcrumbs, filter choices, home's sections), kept until the next publish: they
# make a page-cache miss cheaper. FRAGMENT_CACHE=off to measure cold renders.
FRAGMENT_CACHE = env_bool("FRAGMENT_CACHE", True)
PAGE_CACHE_SECONDS = int(os.environ.get("PAGE_CACHE_SECONDS", "600"))  # bounds staleness of date-dependent text
PAGE_CACHE_MAX_AGE = int(os.environ.get("PAGE_CACHE_MAX_AGE", "60"))  # Cache-Control max-age/s-maxage
if os.environ.get("FRONTEND_CACHE_PURGE_URL"):  # a CDN or Varnish in front: purge changed pages there too
    WAGTAILFRONTENDCACHE = {
        "default": {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
            "LOCATION": os.environ["FRONTEND_CACHE_PURGE_URL"],
        }
    }
elif os.environ.get("CLOUDFRONT_DISTRIBUTION_ID"):
    WAGTAILFRONTENDCACHE = {
        "default": {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.CloudfrontBackend",
            "DISTRIBUTION_ID": os.environ["CLOUDFRONT_DISTRIBUTION_ID"],
        }
    }

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", "简体中文")]
WAGTAILADMIN_PERMITTED_LANGUAGES = LANGUAGES
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True
LOCALE_PATHS = [BASE_DIR / "locale"]

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", VAR_DIR / "media"))

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}


def s3_origin(endpoint_url, bucket, addressing_style, custom_domain):
    """scheme://host[:port] that every media URL starts with (for CSP img-src): the custom domain, else the endpoint
    itself (path style: endpoint/bucket/key) or the bucket as its subdomain (virtual style: bucket.endpoint/key)."""
    if custom_domain:
        return f"https://{custom_domain}"
    scheme, host = endpoint_url.split("://", 1)
    return f"{scheme}://{host}" if addressing_style == "path" else f"{scheme}://{bucket}.{host}"


# Uploads go to S3-compatible object storage (Aliyun OSS, Tencent COS, MinIO, AWS S3) through django-storages when a
# bucket is named, so that several app servers share them; else to MEDIA_ROOT on this machine. Objects are private
# and their URLs signed; boto3 reads AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY from the environment itself.
AWS_STORAGE_BUCKET_NAME = os.environ.get("AWS_STORAGE_BUCKET_NAME", "")
MEDIA_ORIGINS = []  # where images come from besides 'self' (CSP img-src)
SIGNED_MEDIA_URLS = False  # every media URL carries a signature that expires
if AWS_STORAGE_BUCKET_NAME:
    from botocore.config import Config

    STORAGES["default"] = {"BACKEND": "storages.backends.s3.S3Storage"}
    AWS_S3_ENDPOINT_URL = os.environ.get("AWS_S3_ENDPOINT_URL", "").rstrip("/")
    if "://" not in AWS_S3_ENDPOINT_URL:
        raise ImproperlyConfigured(
            "使用 S3 存储时必须设置 AWS_S3_ENDPOINT_URL，如 https://s3.oss-cn-hangzhou.aliyuncs.com"
        )
    AWS_S3_REGION_NAME = os.environ.get("AWS_S3_REGION_NAME") or None
    AWS_S3_ADDRESSING_STYLE = os.environ.get("AWS_S3_ADDRESSING_STYLE", "virtual")  # path for MinIO and moto
    if AWS_S3_ADDRESSING_STYLE not in ("virtual", "path"):
        raise ImproperlyConfigured("AWS_S3_ADDRESSING_STYLE 只能是 virtual 或 path")
    AWS_S3_CUSTOM_DOMAIN = os.environ.get("AWS_S3_CUSTOM_DOMAIN") or None  # a CDN: its URLs are never signed
    AWS_LOCATION = os.environ.get("AWS_LOCATION", "").strip("/")
    AWS_DEFAULT_ACL = "private"
    AWS_S3_SIGNATURE_VERSION = os.environ.get("AWS_S3_SIGNATURE_VERSION", "s3v4")
    # boto3 1.36+ adds a CRC checksum to every upload by default, which OSS, COS and older MinIO reject: only when
    # the API requires one (botocore's Config replaces django-storages' own, so it carries the style and signature).
    AWS_S3_CLIENT_CONFIG = Config(
        s3={"addressing_style": AWS_S3_ADDRESSING_STYLE},
        signature_version=AWS_S3_SIGNATURE_VERSION,
        request_checksum_calculation="when_required",
        response_checksum_validation="when_required",
    )
    AWS_S3_FILE_OVERWRITE = False
    AWS_QUERYSTRING_AUTH = env_bool("AWS_QUERYSTRING_AUTH", True)
    AWS_QUERYSTRING_EXPIRE = int(os.environ.get("AWS_QUERYSTRING_EXPIRE", str(24 * 60 * 60)))
    SIGNED_MEDIA_URLS = AWS_QUERYSTRING_AUTH and not AWS_S3_CUSTOM_DOMAIN
    # A cached page carries the image URLs signed when it was rendered: a fragment (PAGE_CACHE_SECONDS) inside a
    # page (PAGE_CACHE_SECONDS) kept by browsers and CDNs (PAGE_CACHE_MAX_AGE), then read for an hour. SigV4 URLs
    # last at most 7 days.
    shortest_expiry = 2 * PAGE_CACHE_SECONDS + 2 * PAGE_CACHE_MAX_AGE + 60 * 60
    if SIGNED_MEDIA_URLS and not shortest_expiry <= AWS_QUERYSTRING_EXPIRE <= 7 * 24 * 60 * 60:
        raise ImproperlyConfigured(
            f"AWS_QUERYSTRING_EXPIRE 须在 {shortest_expiry} 秒（缓存页里的图片地址不能先过期）到 604800 秒（7 天）之间"
        )
    MEDIA_ORIGINS = [
        s3_origin(AWS_S3_ENDPOINT_URL, AWS_STORAGE_BUCKET_NAME, AWS_S3_ADDRESSING_STYLE, AWS_S3_CUSTOM_DOMAIN)
    ]

DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

WAGTAIL_SITE_NAME = os.environ.get("WAGTAIL_SITE_NAME", "计生协门户")
# The one public address (scheme, host, port) that every absolute link follows: the default Site record (synced on
# every migrate), admin emails and the API's URLs. Production must set it (a system check, portal/core/sites.py).
SITE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000").rstrip("/")
WAGTAILADMIN_BASE_URL = os.environ.get("WAGTAILADMIN_BASE_URL", SITE_URL)
WAGTAIL_I18N_ENABLED = False
WAGTAIL_DATE_FORMAT = "%Y-%m-%d"
WAGTAIL_DATETIME_FORMAT = "%Y-%m-%d %H:%M"
WAGTAILIMAGES_FORMAT_CONVERSIONS = {"bmp": "png", "gif": "gif"}
WAGTAILDOCS_EXTENSIONS = ["pdf", "docx", "doc", "xlsx", "xls", "txt", "odt", "wps", "ofd", "zip"]
WAGTAILDOCS_MAX_UPLOAD_SIZE = 20 * 1024 * 1024
# Every document link is /documents/<id>/<name>: Wagtail checks the collection's privacy, then this server sends the
# file, or redirects to a signed URL that expires (S3). Unsigned bucket URLs never expire: those documents stream.
WAGTAILDOCS_SERVE_METHOD = "redirect" if SIGNED_MEDIA_URLS else "serve_view"
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
WAGTAILIMAGES_MAX_IMAGE_PIXELS = 40_000_000
WAGTAILIMAGES_EXTENSIONS = ["gif", "jpg", "jpeg", "png", "webp"]
WAGTAILAPI_BASE_URL = SITE_URL
WAGTAILAPI_LIMIT_MAX = 100
WAGTAILAPI_SEARCH_ENABLED = True

SEARCH_BACKEND = os.environ.get("SEARCH_BACKEND", "database")
# search.backends = Wagtail's database backend (SQLite FTS5 / PostgreSQL) with Chinese word segmentation.
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "search.backends"}}
# Wagtail 8 (modelsearch) reindexes a saved page through a django-tasks task; the immediate backend runs it
# in the request, so publish/unpublish update the index synchronously. Swap in a queue backend only with a worker.
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
SEARCH_LOG_FLUSH_SECONDS = int(os.environ.get("SEARCH_LOG_FLUSH_SECONDS", "60"))
# Chinese analysers for Elasticsearch (plugin needed): analysis-smartcn, or analysis-ik (ik_max_word to index,
# ik_smart to search; add search/dict/jsx_userdict.txt's words to IK's ext_dict). See README, 搜索.
ELASTICSEARCH_ANALYZERS = {"smartcn": ("smartcn", "smartcn"), "ik": ("ik_max_word", "ik_smart")}
if SEARCH_BACKEND == "elasticsearch":
    index_analyzer, search_analyzer = ELASTICSEARCH_ANALYZERS[os.environ.get("ELASTICSEARCH_ANALYZER", "smartcn")]
    WAGTAILSEARCH_BACKENDS["default"] = {
        "BACKEND": "wagtail.search.backends.elasticsearch8",
        "URLS": env_list("ELASTICSEARCH_URLS", "http://127.0.0.1:9200"),
        "INDEX": os.environ.get("ELASTICSEARCH_INDEX", "portal"),
        "INDEX_SETTINGS": {
            "settings": {
                "analysis": {
                    "analyzer": {
                        "default": {"type": index_analyzer},
                        "default_search": {"type": search_analyzer},
                    }
                }
            }
        },
    }
elif SEARCH_BACKEND != "database":
    raise ImproperlyConfigured(f"SEARCH_BACKEND 只能是 database 或 elasticsearch，而不是 {SEARCH_BACKEND!r}")

EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend")
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "portal@localhost")
# Review emails go to the members of the task's group only (a township's county reviewers), not to every superuser.
WAGTAILADMIN_NOTIFICATION_INCLUDE_SUPERUSERS = False
WAGTAIL_FINISH_WORKFLOW_ACTION = "portal.workflow.actions.publish_approved"
# An approval counts only for the revision it was given: a page changed mid-review is approved again before publishing.
WAGTAIL_WORKFLOW_REQUIRE_REAPPROVAL_ON_EDIT = True

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {
        "request_id": {"()": "portal.core.logs.RequestIdFilter"},
        "personal_data": {"()": "portal.core.logs.PersonalDataFilter"},
    },
    "formatters": {
        "json": {"()": "portal.core.logs.JsonFormatter"},
        "text": {"format": "%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s"},
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "filters": ["request_id", "personal_data"],
            "formatter": os.environ.get("LOG_FORMAT", "json"),
        }
    },
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {
        "django_tasks": {"level": "WARNING"},
        "wagtail": {"level": "WARNING"},
        "axes": {"level": "WARNING"},
    },
}

WAGTAILADMIN_PATH = os.environ.get("WAGTAILADMIN_PATH", "admin/").strip("/") + "/"

# Security: headers, CSP, login throttling and sessions (tested in tests/hardening).
X_FRAME_OPTIONS = "SAMEORIGIN"  # Wagtail's preview panel frames our own pages
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
SECURE_CONTENT_TYPE_NOSNIFF = True
SESSION_COOKIE_AGE = int(os.environ.get("SESSION_COOKIE_AGE", str(8 * 60 * 60)))
SESSION_EXPIRE_AT_BROWSER_CLOSE = True  # Wagtail's "remember me" opts a session into SESSION_COOKIE_AGE
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True
WAGTAIL_GRAVATAR_PROVIDER_URL = None  # no third-party requests from the admin
WAGTAIL_ENABLE_UPDATE_CHECK = False

CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        # The hash allows the inline <style> of templates/500.html, which must not depend on static files.
        "style-src": ["'self'", "'sha256-CyDCgS2utSJTQctPYNqXNYLO+zOh3/AFF7gyyfRy7Bw='"],
        "img-src": ["'self'", "data:", *MEDIA_ORIGINS, *env_list("CSP_IMG_SRC")],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "frame-src": ["'self'", *env_list("CSP_FRAME_SRC")],
        "frame-ancestors": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
    }
}

AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = float(os.environ.get("AXES_COOLOFF_HOURS", "0.5"))  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "security/lockout.html"
AXES_COOLOFF_MESSAGE = "登录失败次数过多，账号已暂时锁定，请稍后再试。"
AXES_CLIENT_IP_CALLABLE = "portal.core.security.client_ip"
TRUSTED_PROXY_COUNT = int(os.environ.get("TRUSTED_PROXY_COUNT", "0"))

WAGTAILIMAGES_IMAGE_FORM_BASE = "portal.core.uploads.SafeImageForm"
WAGTAILDOCS_DOCUMENT_FORM_BASE = "portal.core.uploads.SafeDocumentForm"

# 互动交流 (portal/interaction): working days to answer a 留言 or 找错, and submissions accepted per client address
# and hour (counted in the default cache: Redis when several servers share it).
INTERACTION_REPLY_WORKING_DAYS = int(os.environ.get("INTERACTION_REPLY_WORKING_DAYS", "5"))
INTERACTION_SUBMISSIONS_PER_HOUR = int(os.environ.get("INTERACTION_SUBMISSIONS_PER_HOUR", "5"))
