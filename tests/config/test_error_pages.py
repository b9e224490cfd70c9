import pytest
from django.test import Client

pytestmark = pytest.mark.django_db


def test_form_without_security_token_gets_a_readable_403(site):
    client = Client(enforce_csrf_checks=True)
    response = client.post("/en/", {"q": "x"})
    assert response.status_code == 403
    html = response.content.decode()
    assert "<h1>Form expired</h1>" in html
    assert '<html lang="en">' in html


def test_bad_host_header_gets_a_400_page_not_a_500(site):
    client = Client(raise_request_exception=False)
    response = client.get("/de/", HTTP_HOST="bad host name")
    assert response.status_code == 400
    assert "Ungültige Anfrage" in response.content.decode()


def test_error_pages_are_json_for_api_clients(site):
    client = Client(enforce_csrf_checks=True)
    response = client.post("/api/v2/pages/")
    assert response.status_code in {403, 405}
    assert response.json()["message"]
