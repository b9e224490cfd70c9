import pytest

pytestmark = pytest.mark.django_db


def test_healthz_says_the_process_is_up(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}


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


def test_readyz_is_503_when_search_engine_is_unreachable(client, settings):
    settings.ELASTICSEARCH_URL = "http://127.0.0.1:9"
    settings.ELASTICSEARCH_TIMEOUT = 1
    response = client.get("/readyz")
    assert response.status_code == 503
    body = response.json()
    assert body == {"status": "unavailable", "checks": {"database": "ok", "search": "unreachable"}}
    assert "127.0.0.1" not in response.content.decode()


def test_probes_need_no_login_and_refuse_writes(client):
    assert client.post("/healthz").status_code == 405
    assert client.get("/readyz").status_code in {200, 503}
