import threading
import time

import pytest

from config import health

pytestmark = pytest.mark.django_db


def test_healthz_says_the_process_is_up(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}


def test_healthz_asks_no_dependency(client, django_assert_num_queries, settings):
    settings.ELASTICSEARCH_URL = "http://127.0.0.1:9"
    with django_assert_num_queries(0):
        assert client.get("/healthz").status_code == 200


def test_readyz_without_search_engine_reports_database_search(client, settings):
    settings.ELASTICSEARCH_URL = ""
    response = client.get("/readyz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "checks": {"database": "ok", "search": "database"}}


@pytest.mark.search_engine
def test_readyz_reaches_a_real_search_engine(client, search_engine):
    response = client.get("/readyz")
    assert response.status_code == 200
    assert response.json()["checks"]["search"] == "ok"


def test_readyz_stays_ready_without_the_engine_while_the_database_answers_searches(
        client, settings):
    settings.ELASTICSEARCH_URL, settings.SEARCH_BACKEND = "http://127.0.0.1:9", "elasticsearch"
    response = client.get("/readyz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok",
                               "checks": {"database": "ok", "search": "fallback"}}


def test_readyz_is_503_without_the_engine_when_told_not_to_fall_back(client, settings):
    settings.ELASTICSEARCH_URL, settings.SEARCH_BACKEND = "http://127.0.0.1:9", "elasticsearch"
    settings.SEARCH_FALLBACK = "unavailable"
    response = client.get("/readyz")
    assert response.status_code == 503
    body = response.json()
    assert body == {"status": "unavailable", "checks": {"database": "ok", "search": "unreachable"}}
    assert "127.0.0.1" not in response.content.decode()


def test_readyz_runs_the_checks_in_parallel_and_gives_up_on_a_hanging_one(
        client, settings, monkeypatch):
    settings.READINESS_TIMEOUT = 0.3
    release = threading.Event()
    ran = []

    def slow(name):
        def check():
            ran.append(name)
            release.wait(10)
            return True, "ok"
        return check

    monkeypatch.setattr(health, "readiness_checks",
                        lambda: [("first", slow("first")), ("second", slow("second"))])
    try:
        started = time.perf_counter()
        response = client.get("/readyz")
        took = time.perf_counter() - started
        # The second hanging check did not wait for the first: both ran at once.
        assert sorted(ran) == ["first", "second"]
        assert response.status_code == 503
        assert response.json()["checks"] == {"database": "ok", "first": "timeout",
                                             "second": "timeout"}
        assert took < 2 * (settings.READINESS_TIMEOUT + health.GRACE_SECONDS)
        # A check still hanging from the last round is not started a second time.
        client.get("/readyz")
        assert sorted(ran) == ["first", "second"]
    finally:
        release.set()


def test_readyz_reuses_its_answer_for_a_few_seconds(client, settings, monkeypatch):
    settings.READINESS_CACHE_SECONDS = 60
    health.readiness.forget()
    calls = []
    monkeypatch.setattr(health, "readiness_checks",
                        lambda: [("counted", lambda: calls.append(1) or (True, "ok"))])
    try:
        for _ in range(3):
            assert client.get("/readyz").json()["checks"]["counted"] == "ok"
        assert len(calls) == 1
    finally:
        health.readiness.forget()


def test_a_failing_check_says_error_and_nothing_more(client, monkeypatch):
    def broken():
        raise RuntimeError("secret host db.internal:5432")

    monkeypatch.setattr(health, "readiness_checks", lambda: [("broken", broken)])
    response = client.get("/readyz")
    assert response.status_code == 503
    assert response.json()["checks"]["broken"] == "error"
    assert "db.internal" not in response.content.decode()


def test_probes_need_no_login_and_refuse_writes(client):
    assert client.post("/healthz").status_code == 405
    assert client.get("/readyz").status_code in {200, 503}
