"""Settings for pytest and CI alike (one module, so both run the same configuration)."""

import os

from config.env import env_str

from .base import *  # noqa: F403

DEBUG = False
SECRET_KEY = "django-insecure-test-only-key"
ALLOWED_HOSTS = ["*"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
STORAGES = {
    **STORAGES,  # noqa: F405
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# Parallel test workers (pytest-xdist) each get their own file stores. (Set by xdist
# itself, so not a deployment variable.)
_WORKER = os.environ.get("PYTEST_XDIST_WORKER", "")
MEDIA_ROOT = VAR_DIR / f"test-media{_WORKER}"  # noqa: F405
PRIVATE_MEDIA_ROOT = VAR_DIR / f"test-private-media{_WORKER}"  # noqa: F405
STORAGES["attachments"] = {
    **STORAGES["attachments"],
    "OPTIONS": {"location": PRIVATE_MEDIA_ROOT / "attachments", "base_url": "/private/"},
}
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
WAGTAILADMIN_BASE_URL = "http://testserver"
# As in development: links follow the host and port of the request (tests of the
# production rule switch this off).
SITE_URL_FROM_REQUEST = True
# The search engine is chosen per test by fixtures; unset means database search.
ELASTICSEARCH_URL = env_str("ELASTICSEARCH_URL")
# The page cache is off for the suite, whose tests render a page, change the clock or
# rows behind the ORM's back and render again; tests/home/test_page_cache.py switches it
# on and proves each invalidation.
PAGE_CACHE_SECONDS = 0
# Every /readyz in a test asks afresh (the settings change between tests).
READINESS_CACHE_SECONDS = 0
LOGGING = {"version": 1, "disable_existing_loggers": False}
