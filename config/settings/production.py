"""Production: every deployment-specific value comes from the environment."""

from django.core.exceptions import ImproperlyConfigured

from config.env import env_bool, env_int

from .base import *  # noqa: F403


def check_secret_key(debug: bool, secret_key: str) -> None:
    """Refuse to serve with DEBUG off and a missing or development secret key."""
    if debug:
        return
    if not secret_key or secret_key.startswith("django-insecure") or len(secret_key) < 32:
        raise ImproperlyConfigured(
            "Set the SECRET_KEY environment variable to a long random value (at least 32 "
            "characters, e.g. from `python -c 'import secrets; print(secrets.token_urlsafe(50))'`)"
            "; production refuses to start with DEBUG off and a missing or default key."
        )


check_secret_key(DEBUG, SECRET_KEY)  # noqa: F405

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 0)
SESSION_COOKIE_SECURE = env_bool("SESSION_COOKIE_SECURE", True)
CSRF_COOKIE_SECURE = env_bool("CSRF_COOKIE_SECURE", True)
SECURE_CONTENT_TYPE_NOSNIFF = True
# /healthz and /readyz are probed over plain HTTP from inside the cluster.
SECURE_REDIRECT_EXEMPT = [r"^healthz$", r"^readyz$"]
