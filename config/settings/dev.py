"""The embedded default: `make run` on a laptop. SQLite, database search, mail to the console."""

from config.env import env_bool, env_str

from .base import *  # noqa: F403

DEBUG = env_bool("DEBUG", True)
# A development-only key; production.py refuses to run with it.
SECRET_KEY = env_str("SECRET_KEY", "django-insecure-development-only-key")
WAGTAILAPI_BASE_URL = env_str("WAGTAILAPI_BASE_URL", "http://127.0.0.1:8000")
EMAIL_BACKEND = env_str("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
STORAGES = {
    **STORAGES,  # noqa: F405
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

VAR_DIR.mkdir(parents=True, exist_ok=True)  # noqa: F405  (the SQLite file and media live here)
