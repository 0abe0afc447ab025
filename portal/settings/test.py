from .base import *  # noqa: F403
from .base import os

SECRET_KEY = "test-only-not-secret"
ALLOWED_HOSTS = ["*"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
STORAGES["staticfiles"]["BACKEND"] = "django.contrib.staticfiles.storage.StaticFilesStorage"  # noqa: F405
MEDIA_ROOT = Path(os.environ.get("TEST_MEDIA_ROOT", VAR_DIR / "test-media"))  # noqa: F405
WAGTAILADMIN_BASE_URL = "http://testserver"
SITE_URL = WAGTAILAPI_BASE_URL = "http://localhost"  # the test sites answer at localhost:80
# The page and fragment caches are off (query budgets measure cold renders); tests/core/test_page_cache.py turns
# them on. Each run gets its own cache: in memory, or its own key prefix in a shared Redis.
PAGE_CACHE = False
FRAGMENT_CACHE = False
for name in ("pages", "counters"):
    if os.environ.get("REDIS_URL"):
        CACHES[name] = {**CACHES[name], "KEY_PREFIX": f"test-{name}-{os.getpid()}"}  # noqa: F405
    else:
        CACHES[name] = {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": name}  # noqa: F405
