"""Settings shared by every environment. Values that differ per deployment come from
the environment (see platform/.env.example); nothing secret lives here."""

from datetime import timedelta
from pathlib import Path

import dj_database_url
from csp.constants import NONCE
from django.utils.translation import gettext_lazy as _

from config.env import cache_from_url, env_bool, env_float, env_int, env_list, env_str
from config.plugins import (
    api_parsers_of,
    context_processors_of,
    discover,
    installed_apps_for,
    login_urls_of,
    middleware_of,
    settings_of,
)

BASE_DIR = Path(__file__).resolve().parent.parent.parent
VAR_DIR = Path(env_str("PLATFORM_VAR_DIR", str(BASE_DIR / "var")))

DEBUG = env_bool("DEBUG", False)
SECRET_KEY = env_str("SECRET_KEY")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["localhost", "127.0.0.1", "[::1]"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

# Plugins: feature apps switched on and off from the environment (config/plugins.py);
# by default every plugin of the checkout. What they need is derived from their
# declarations below (context processors, sign-in URL, their own settings).
PLATFORM_PLUGINS = installed_apps_for(env_list("PLATFORM_PLUGINS", discover()))

INSTALLED_APPS = [
    "config",
    *PLATFORM_PLUGINS,
    "wagtail_localize",
    "wagtail_localize.locales",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.settings",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail.api.v2",
    "wagtail",
    "modelcluster",
    "taggit",
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django_tasks",
    "django_tasks_db",
    "axes",
    "csp",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django_permissions_policy.PermissionsPolicyMiddleware",
    "config.middleware.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Compresses the pages (WhiteNoise has served static files compressed already, above
    # it); Django pads each compressed page with random bytes against BREACH.
    "django.middleware.gzip.GZipMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "config.middleware.PlatformLocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    *middleware_of(PLATFORM_PLUGINS),
    # Last: turns a locked-out sign-in anywhere (the admin's too) into home.limits's 429.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"
CSRF_FAILURE_VIEW = "config.views.csrf_failure"
WSGI_APPLICATION = "config.wsgi.application"

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
                "django.template.context_processors.i18n",
                "wagtail.contrib.settings.context_processors.settings",
                *context_processors_of(PLATFORM_PLUGINS),
            ],
        },
    },
]

# Database: a SQLite file by default (the embedded setup), PostgreSQL in production/CI.
DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL", f"sqlite:///{VAR_DIR / 'platform.sqlite3'}"),
        conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 60),
        conn_health_checks=True,
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

CACHES = {"default": cache_from_url(env_str("CACHE_URL", "locmem://platform"))}
# Anonymous visitors' pages are kept this many seconds at most (0: not kept); any change
# of content retires them at once. Proxies in front may keep them as long.
PAGE_CACHE_SECONDS = env_int("PAGE_CACHE_SECONDS", 60)

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Languages: German first, English second; public URLs carry the prefix (/de/, /en/).
LANGUAGE_CODE = "de"
LANGUAGES = [("de", "Deutsch"), ("en", "English")]
WAGTAIL_I18N_ENABLED = True
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
LOCALE_PATHS = [BASE_DIR / "config" / "locale"]
USE_I18N = True
USE_TZ = True
TIME_ZONE = "Europe/Berlin"

STATIC_URL = "/static/"
STATIC_ROOT = Path(env_str("STATIC_ROOT", str(VAR_DIR / "static")))
# The KERN design system's built CSS, script and fonts, installed by npm from the committed
# package-lock.json (`make run`/`make test` run `npm ci`), served as /static/kern/; next to
# them the part of KERN's stylesheet the site uses (kern.site.min.css, which
# tools/kern/build.mjs writes into build/kern/ after `npm ci`).
STATICFILES_DIRS = [("kern", BASE_DIR / "build" / "kern"),
                    ("kern", BASE_DIR / "node_modules" / "@kern-ux" / "native" / "dist")]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(VAR_DIR / "media")))
# Files that only some readers may see (post attachments in peer groups): outside the
# media root, so the web server never serves them; the application checks each request.
PRIVATE_MEDIA_ROOT = Path(env_str("PRIVATE_MEDIA_ROOT", str(VAR_DIR / "private-media")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "attachments": {"BACKEND": "django.core.files.storage.FileSystemStorage",
                    "OPTIONS": {"location": PRIVATE_MEDIA_ROOT / "attachments",
                                "base_url": "/attachments-are-not-served-by-url/"}},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

# Mail
EMAIL_BACKEND = env_str("EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend")
EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
EMAIL_USE_SSL = env_bool("EMAIL_USE_SSL", False)
EMAIL_TIMEOUT = env_int("EMAIL_TIMEOUT", 10)
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "Smart Cities <noreply@localhost>")
SERVER_EMAIL = env_str("SERVER_EMAIL", DEFAULT_FROM_EMAIL)

# Search: unset ELASTICSEARCH_URL means database search (the embedded default).
ELASTICSEARCH_URL = env_str("ELASTICSEARCH_URL")
# Seconds a search, suggestion or "similar" request waits for the engine before the
# database answers instead: short enough for a page.
SEARCH_QUERY_TIMEOUT = env_float("SEARCH_QUERY_TIMEOUT", 0.5)
# Seconds a bulk request of search_rebuild or search_reconcile may take, how often a bulk
# request that timed out or met 429/502/503/504 is tried again, and the first pause
# between tries (doubling each time, at most a minute).
SEARCH_BULK_TIMEOUT = env_float("SEARCH_BULK_TIMEOUT", 30)
SEARCH_BULK_RETRIES = env_int("SEARCH_BULK_RETRIES", 5)
SEARCH_BULK_BACKOFF = env_float("SEARCH_BULK_BACKOFF", 1)
# After a timeout or failed connection, searches skip the engine for this many seconds;
# then one request tries it again (search/breaker.py).
SEARCH_BREAKER_COOLOFF = env_float("SEARCH_BREAKER_COOLOFF", 30)
# Extra keyword arguments for the Elasticsearch client (the tests add a node class here).
ELASTICSEARCH_CLIENT_OPTIONS: dict = {}

# Content-Security-Policy (django-csp): scripts, styles, fonts and images from the platform
# itself only; no inline script (a template that needs one takes request.csp_nonce); no
# framing. The Wagtail admin still writes inline scripts and styles (date pickers, inline
# panels), so /admin/ gets ADMIN_CSP_DIRECTIVES instead (config.middleware).
_FRAME_SOURCES = env_list("CSP_FRAME_SRC", [])  # e.g. https://www.youtube-nocookie.com
CSP_DIRECTIVES = {
    "default-src": ["'self'"],
    "script-src": ["'self'", NONCE],
    "style-src": ["'self'"],
    "img-src": ["'self'", "data:"],
    "font-src": ["'self'"],
    "connect-src": ["'self'"],
    "frame-src": ["'self'", *_FRAME_SOURCES],
    "object-src": ["'none'"],
    "base-uri": ["'self'"],
    "form-action": ["'self'"],
    "frame-ancestors": ["'none'"],
}
ADMIN_CSP_DIRECTIVES = {
    **CSP_DIRECTIVES,
    "script-src": ["'self'", "'unsafe-inline'"],
    "style-src": ["'self'", "'unsafe-inline'"],
    "img-src": ["'self'", "data:", "blob:"],
    # The page editor's live preview is an iframe of the admin itself.
    "frame-ancestors": ["'self'"],
    "frame-src": ["'self'", "blob:", *_FRAME_SOURCES],
}
CONTENT_SECURITY_POLICY = {"DIRECTIVES": CSP_DIRECTIVES}
# Browser features no page of the platform uses, switched off for every page.
PERMISSIONS_POLICY = {feature: [] for feature in (
    "accelerometer", "autoplay", "camera", "display-capture", "geolocation", "gyroscope",
    "magnetometer", "microphone", "midi", "payment", "usb", "browsing-topics")}
# Wagtail's admin would fetch avatars and release news from other hosts.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAIL_ENABLE_UPDATE_CHECK = False

# Sign-in lockout (django-axes, see home/limits.py): every way to prove who one is counts
# its failures together, per client address and account, for a cool-off period.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = env_int("LOGIN_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = timedelta(minutes=env_int("LOGIN_COOLOFF_MINUTES", 15))
AXES_LOCKOUT_PARAMETERS = [["ip_address", "username"]]
AXES_RESET_ON_SUCCESS = True
AXES_DISABLE_ACCESS_LOG = True  # failures are counted; successful sign-ins are not logged
AXES_VERBOSE = False
# How axes names the account, reads the client address and answers a lockout comes
# from the plugin that owns sign-in limits (its declared settings, merged at the end).
# Proxies in front of the platform that append to X-Forwarded-For (0: clients connect
# directly). The client address of lockouts and rate limits is read behind them.
TRUSTED_PROXY_COUNT = env_int("TRUSTED_PROXY_COUNT", 0)

# Accounts: the sign-in page a plugin offers (login_url), else the admin's.
LOGIN_URL, LOGIN_REDIRECT_URL = login_urls_of(PLATFORM_PLUGINS, ("wagtailadmin_login", "/"))
WAGTAIL_FRONTEND_LOGIN_URL = LOGIN_URL

# The knowledge index: "elasticsearch" when a cluster is configured, else "database".
SEARCH_BACKEND = env_str("SEARCH_BACKEND", "elasticsearch" if ELASTICSEARCH_URL else "database")
SEARCH_INDEX_ALIAS = env_str("SEARCH_INDEX_ALIAS", "knowledge")
# Replicas of the knowledge index; unset: platform/search/analysis.json's (1). A
# single-node cluster is green only with 0.
SEARCH_INDEX_REPLICAS = env_int("SEARCH_INDEX_REPLICAS", None)
# When the engine does not answer: "database" answers from the database, "unavailable"
# says so with HTTP 503.
SEARCH_FALLBACK = env_str("SEARCH_FALLBACK", "database")
# Index jobs wait at most this long for the engine, so publishing never hangs on it.
SEARCH_SYNC_TIMEOUT = env_float("SEARCH_SYNC_TIMEOUT", 2)
# Analysers and synonym lists: data, read by the code (platform/search/).
SEARCH_SETTINGS_DIR = BASE_DIR / "platform/search"
# Wagtail's own admin search: the database by default, Elasticsearch when asked for.
ADMIN_SEARCH_BACKEND = env_str("ADMIN_SEARCH_BACKEND", "database")
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
if ADMIN_SEARCH_BACKEND == "elasticsearch" and ELASTICSEARCH_URL:
    WAGTAILSEARCH_BACKENDS = {"default": {
        "BACKEND": "wagtail.search.backends.elasticsearch8",
        "URLS": [url.strip() for url in ELASTICSEARCH_URL.split(",") if url.strip()],
        "INDEX": env_str("ADMIN_SEARCH_INDEX", "wagtail-admin"),
        "TIMEOUT": SEARCH_SYNC_TIMEOUT,
    }}

# /readyz: seconds each dependency's check may take (they run in parallel), and seconds
# an answer is reused before the dependencies are asked again.
READINESS_TIMEOUT = env_float("READINESS_TIMEOUT", 0.5)
READINESS_CACHE_SECONDS = env_float("READINESS_CACHE_SECONDS", 5)

# Background tasks (search index jobs, Wagtail's own): in-process by default; production
# sets django_tasks_db.DatabaseBackend and runs `manage.py db_worker`.
TASKS = {"default": {
    "BACKEND": env_str("TASKS_BACKEND", "django_tasks.backends.immediate.ImmediateBackend"),
}}

# Wagtail
WAGTAIL_SITE_NAME = _("Smart Cities knowledge platform")
WAGTAILADMIN_BASE_URL = env_str("WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000")
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "odp", "ods", "odt", "pdf", "pptx", "txt", "xlsx", "zip"]
# Absolute URLs (API, sitemap, calendars, e-mails) name the site that is served
# (home/site_urls.py): in production the Wagtail Site's hostname and port, never the
# request's Host header; development and the tests take the host and port asked.
SITE_URL_FROM_REQUEST = False
WAGTAILAPI_LIMIT_MAX = 100

# The API contract (config/api_schema.py): one OpenAPI 3.1 document generated from the
# mounted endpoints; JSON bodies are read by the parser a plugin declares (api_parsers:
# the site frame's refuses anything but an object), else by REST framework's own.
REST_FRAMEWORK = {
    "DEFAULT_SCHEMA_CLASS": "config.api_schema.PlatformAutoSchema",
    "DEFAULT_PARSER_CLASSES": [
        *(api_parsers_of(PLATFORM_PLUGINS) or ["rest_framework.parsers.JSONParser"]),
        "rest_framework.parsers.FormParser",
        "rest_framework.parsers.MultiPartParser",
    ],
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Smart Cities knowledge platform API",
    "VERSION": "2",
    "OAS_VERSION": "3.1.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SCHEMA_PATH_PREFIX": "/api/v2/",
    "SCHEMA_PATH_PREFIX_TRIM": False,
    "COMPONENT_SPLIT_REQUEST": True,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "PREPROCESSING_HOOKS": ["config.api_schema.only_api_routes"],
    # home.api.IdConverter: database ids, 1 to 2^63 - 1.
    "PATH_CONVERTER_OVERRIDES": {
        "id": {"type": "integer", "minimum": 1, "maximum": 2**63 - 1},
    },
}
# No SVG: it can carry scripts and would be served from the site's own origin.
WAGTAILIMAGES_EXTENSIONS = ["gif", "jpg", "jpeg", "png", "webp"]
WAGTAILEMBEDS_RESPONSIVE_HTML = True

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    # Every page save logs several task runs at INFO; keep them out of the console.
    "loggers": {
        "django_tasks": {"level": "WARNING"},
        "wagtail": {"level": env_str("WAGTAIL_LOG_LEVEL", "WARNING")},
    },
}

# Settings the enabled plugins declare for themselves (config/plugins.py); last, so
# that a plugin's own settings are never overwritten here.
globals().update(settings_of(PLATFORM_PLUGINS))
