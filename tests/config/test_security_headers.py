"""Security headers on every page type: a Content-Security-Policy without inline script
and without framing, a Permissions-Policy, and HSTS in production
(`check --deploy` clean). Before issue 24 no page sent a CSP or a Permissions-Policy,
and production sent no HSTS unless configured."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.test import Client
from wagtail.admin.widgets import AdminDateInput
from wagtail.models import Page

from tests.demo import install_demo

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[2]


def directives(header: str) -> dict[str, list[str]]:
    parts = (part.strip().split() for part in header.split(";") if part.strip())
    return {name: values for name, *values in parts}


def assert_strict(response) -> None:
    policy = directives(response["Content-Security-Policy"])
    assert policy["frame-ancestors"] == ["'none'"]
    assert "'unsafe-inline'" not in policy["script-src"]
    assert "'unsafe-eval'" not in policy["script-src"]
    assert policy["object-src"] == ["'none'"]
    assert "camera=()" in response["Permissions-Policy"]


def test_every_page_type_sends_the_strict_policy(client):
    install_demo()
    seen = {}
    for page in Page.objects.live().exclude(depth=1).specific().order_by("path"):
        kind = type(page).__name__
        if kind in seen:
            continue
        response = client.get(page.url)
        assert response.status_code == 200, page.url
        assert_strict(response)
        seen[kind] = page.url
    # The demo has pages of every plugin (home, repository, community, events).
    assert {"HomePage", "SolutionPage", "EventPage", "PeerGroupPage"} <= set(seen)
    for path in ("/de/suche/?q=daten", "/de/konto/anmelden/", "/de/gibt-es-nicht/",
                 "/api/v2/pages/"):
        assert_strict(client.get(path))


def test_an_inline_script_has_a_nonce_when_a_template_asks_for_one(rf, settings):
    from csp.middleware import CSPMiddleware

    request = rf.get("/")

    def view(request):
        from django.http import HttpResponse

        return HttpResponse(f'<script nonce="{request.csp_nonce}">1</script>')

    response = CSPMiddleware(view)(request)
    nonce = response.content.decode().split('nonce="')[1].split('"')[0]
    assert f"'nonce-{nonce}'" in directives(response["Content-Security-Policy"])["script-src"]


def test_the_admin_gets_its_own_policy_still_framed_by_nobody_else(site, django_user_model):
    admin = django_user_model.objects.create_superuser("admin@example.org",
                                                       "admin@example.org", "x")
    client = Client()
    client.force_login(admin)
    response = client.get("/admin/")
    policy = directives(response["Content-Security-Policy"])
    assert policy["frame-ancestors"] == ["'self'"]
    assert "'unsafe-inline'" in policy["script-src"]
    assert not any(value.startswith("'nonce-") for value in policy["script-src"])


def test_wagtail_admin_still_needs_inline_scripts():
    """The admin's relaxed policy works around Wagtail writing inline scripts. When this
    fails, Wagtail has stopped; drop ADMIN_CSP_DIRECTIVES' 'unsafe-inline'."""
    assert "<script>" in AdminDateInput().render("start", None, {"id": "id_start"})


def test_check_deploy_with_production_settings_warns_of_nothing():
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings.production",
           "SECRET_KEY": "x" * 20 + "production-like-secret-key-for-the-check",
           "ALLOWED_HOSTS": "platform.example.org", "DEBUG": "false"}
    env.pop("DATABASE_URL", None)
    done = subprocess.run([sys.executable, "manage.py", "check", "--deploy",
                           "--fail-level", "WARNING"], cwd=ROOT, env=env,
                          capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "no issues" in done.stdout


def test_production_sends_hsts_for_a_year_with_subdomains():
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings.production",
           "SECRET_KEY": "x" * 50}
    for name in ("SECURE_HSTS_SECONDS", "SECURE_HSTS_INCLUDE_SUBDOMAINS"):
        env.pop(name, None)
    code = ("import django; django.setup(); from django.conf import settings as s; "
            "print(s.SECURE_HSTS_SECONDS, s.SECURE_HSTS_INCLUDE_SUBDOMAINS)")
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env,
                          capture_output=True, text=True, check=True)
    assert done.stdout.split() == ["31536000", "True"]
    example = (ROOT / "platform" / ".env.example").read_text()
    assert "SECURE_HSTS_SECONDS=31536000" in example
    assert "SECURE_HSTS_INCLUDE_SUBDOMAINS=" in example
