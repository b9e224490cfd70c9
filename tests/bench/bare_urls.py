"""The load benchmark's bare Django view (tests/bench/bare_settings.py): a short page
from a constant, no template, no database, no cache."""

from django.http import HttpRequest, HttpResponse
from django.urls import path

from config import health

PAGE = b"<!doctype html><html lang=de><title>bare</title><p>Bare Django view.</p></html>"


def bare(request: HttpRequest) -> HttpResponse:
    return HttpResponse(PAGE, content_type="text/html; charset=utf-8")


# /healthz as in config.urls: the benchmark waits for it before it starts.
urlpatterns = [path("bare/", bare), path("healthz", health.healthz)]
