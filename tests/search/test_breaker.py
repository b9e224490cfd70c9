"""A paused engine (a socket that accepts and never answers) costs one search one
timeout; then the circuit breaker sends searches straight to the database for a
cool-off, a single probe tries the engine again, and the probes stay fast."""

from __future__ import annotations

import time

import pytest
from elastic_transport import ApiResponseMeta, HttpHeaders, NodeConfig
from elasticsearch import BadRequestError, ConnectionTimeout

from search.breaker import CLOSED, OPEN, PROBING, EngineBreaker, engine_breaker
from tests.engine_faults import SilentEngine
from tests.search.indexing import index_now

pytestmark = pytest.mark.django_db

API = "/api/v2/search/?q=Kommune"


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def indexed_db(knowledge, settings):
    settings.SEARCH_BACKEND = "database"
    index_now()
    return knowledge


@pytest.fixture
def paused_engine(indexed_db, settings):
    with SilentEngine() as silent:
        settings.ELASTICSEARCH_URL, settings.SEARCH_BACKEND = silent.url, "elasticsearch"
        settings.SEARCH_QUERY_TIMEOUT = 1.0
        settings.READINESS_TIMEOUT = 0.5
        yield silent


def timed(call):
    started = time.perf_counter()
    result = call()
    return result, time.perf_counter() - started


def fastest(call, times: int = 5) -> float:
    """The best of a few tries: the machine is shared, and one slow try says more about
    the neighbours than about the code."""
    return min(timed(call)[1] for _ in range(times))


def test_a_paused_engine_leaves_probes_fast_and_costs_one_search_one_timeout(
        client, paused_engine, settings):
    assert client.get("/healthz").status_code == 200
    assert fastest(lambda: client.get("/healthz")) < 0.05
    assert paused_engine.accepted == 0

    ready, took = timed(lambda: client.get("/readyz"))
    assert took < 1.0
    assert ready.status_code == 200
    assert ready.json()["checks"] == {"database": "ok", "search": "fallback"}

    first, took = timed(lambda: client.get(API))
    assert first.json()["meta"]["backend"] == "database"
    assert first.json()["meta"]["total_count"] == 3
    assert took >= settings.SEARCH_QUERY_TIMEOUT
    asked = paused_engine.accepted
    assert engine_breaker.snapshot().state == OPEN

    took = []
    for _ in range(5):
        answer, seconds = timed(lambda: client.get(API))
        assert answer.json()["meta"]["backend"] == "database"
        assert answer.json()["meta"]["total_count"] == 3
        took.append(seconds)
    # None waited for the engine; the fastest shows what the database alone costs (the
    # machine is shared: one slow try says more about the neighbours than the code).
    assert max(took) < settings.SEARCH_QUERY_TIMEOUT
    assert min(took) < 0.1
    page, took = timed(lambda: client.get("/de/suche/?q=Kommune"))
    assert page.status_code == 200 and "Bürgerbeteiligung online" in page.content.decode()
    suggest = client.get("/api/v2/search/suggest/?q=Kom")
    assert suggest.status_code == 200
    assert paused_engine.accepted == asked  # nobody asked the engine during the cool-off

    assert fastest(lambda: client.get("/healthz")) < 0.05
    ready, took = timed(lambda: client.get("/readyz"))
    assert took < 1.0 and ready.json()["checks"]["search"] == "fallback"


def test_told_not_to_fall_back_the_open_breaker_answers_503_at_once(
        client, paused_engine, settings):
    settings.SEARCH_FALLBACK = "unavailable"
    assert client.get(API).status_code == 503
    assert client.get(API).status_code == 503
    assert fastest(lambda: client.get(API)) < 0.1


@pytest.mark.search_engine
def test_after_the_cool_off_one_probe_finds_the_engine_back(
        client, paused_engine, settings, search_engine, monkeypatch):
    clock = Clock()
    monkeypatch.setattr(engine_breaker, "clock", clock)
    settings.SEARCH_BREAKER_COOLOFF = 30
    client.get(API)
    assert engine_breaker.snapshot().state == OPEN
    settings.ELASTICSEARCH_URL = search_engine  # the engine is back
    index_now()
    clock.now += 10
    assert client.get(API).json()["meta"]["backend"] == "database"  # still cooling off
    clock.now += 21
    probe = client.get(API).json()
    assert probe["meta"]["backend"] == "elasticsearch"
    assert engine_breaker.snapshot().state == CLOSED


def test_only_one_probe_at_a_time_and_a_failed_probe_starts_another_cool_off(settings):
    settings.SEARCH_BREAKER_COOLOFF = 30
    clock = Clock()
    breaker = EngineBreaker(clock=clock)
    assert breaker.admit()
    breaker.failed()
    assert breaker.snapshot().state == OPEN and not breaker.admit()
    clock.now += 30
    assert breaker.admit()  # the probe
    assert breaker.snapshot().state == PROBING
    assert not breaker.admit() and not breaker.admit()  # everyone else: the database
    breaker.failed()
    assert not breaker.admit()
    clock.now += 29
    assert not breaker.admit()
    clock.now += 1
    assert breaker.admit()
    breaker.succeeded()
    assert breaker.snapshot().state == CLOSED
    assert breaker.admit() and breaker.admit()


def test_a_probe_that_never_reports_back_is_replaced_after_a_cool_off(settings):
    settings.SEARCH_BREAKER_COOLOFF = 30
    clock = Clock()
    breaker = EngineBreaker(clock=clock)
    breaker.failed()
    clock.now += 30
    assert breaker.admit()  # this probe's thread dies without a word
    clock.now += 29
    assert not breaker.admit()
    clock.now += 1
    assert breaker.admit()


def test_a_refusal_is_an_answer_and_our_own_errors_say_nothing(settings):
    meta = ApiResponseMeta(status=400, http_version="1.1", headers=HttpHeaders(),
                           duration=0.0, node=NodeConfig("http", "localhost", 9200))
    breaker = EngineBreaker(clock=Clock())
    with pytest.raises(BadRequestError), breaker.guard():
        raise BadRequestError("bad query", meta, {})
    assert breaker.snapshot().state == CLOSED
    with pytest.raises(KeyError), breaker.guard():
        raise KeyError("ours")
    assert breaker.snapshot().state == CLOSED
    with pytest.raises(ConnectionTimeout), breaker.guard():
        raise ConnectionTimeout("timed out")
    assert breaker.snapshot().state == OPEN
