"""The embedded default: `make run` on a laptop. SQLite, database search, mail to the console."""

from config.env import env_bool, env_str

from .base import *  # noqa: F403

DEBUG = env_bool("DEBUG", True)
# A development-only key; production.py refuses to run with it.
SECRET_KEY = env_str("SECRET_KEY", "django-insecure-development-only-key")
# Links name the host and port the browser asked (checked against ALLOWED_HOSTS); mail
# sent outside a request names WAGTAILADMIN_BASE_URL, which `make run` sets to its own.
SITE_URL_FROM_REQUEST = True
EMAIL_BACKEND = env_str("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
STORAGES = {
    **STORAGES,  # noqa: F405
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

VAR_DIR.mkdir(parents=True, exist_ok=True)  # noqa: F405  (the SQLite file and media live here)
