"""Absolute URLs name the site that is served (home/site_urls.py): the `find/` redirect,
`html_url` and `detail_url`, e-mail links, the calendar's URL and UID, and sitemap.xml
follow the host and port asked in development, and the Wagtail Site in production; a
forged Host header never reaches a link or an e-mail."""

from __future__ import annotations

import io
import json
import re
from urllib.request import urlopen

import icalendar
import pytest
import vobject
from django.core import mail

from community import notifications
from events.models import Registration
from events.registrations import emails
from tests.community.factories import make_user
from tests.events.factories import event_calendar, make_event

pytestmark = pytest.mark.django_db

ASKED = "localhost:8123"
SERVED = f"http://{ASKED}"


@pytest.fixture
def development(settings):
    """The development rule, with the development server's allowed hosts."""
    settings.SITE_URL_FROM_REQUEST = True
    settings.ALLOWED_HOSTS = ["localhost", "127.0.0.1", "[::1]"]


@pytest.fixture
def production(settings, site):
    """The production rule, with a site configured at a port of its own and a lax
    ALLOWED_HOSTS, so that only the rule keeps a forged host out."""
    settings.SITE_URL_FROM_REQUEST = False
    settings.ALLOWED_HOSTS = ["*"]
    site.hostname, site.port = "platform.example", 8443
    site.save()
    return "http://platform.example:8443"


def links(text: str) -> list[str]:
    """The platform's own links in a text (not an event's video-conference link)."""
    return [link for link in re.findall(r"https?://[^\s>]+", text)
            if "konferenz.example" not in link]


def register_as_guest(client, event, host):
    mail.outbox = []
    return client.post(f"/de/veranstaltungen/{event.pk}/anmelden/", {
        "name": "Gast Person", "email": "gast@kommune.example", "organisation": "Neustadt",
        "consent": "on"}, HTTP_HOST=host)


def test_find_redirects_to_the_port_asked_and_html_url_names_it(client, site, development):
    response = client.get("/api/v2/pages/find/?html_path=/de/", HTTP_HOST=ASKED)
    assert response.status_code == 302
    assert response["Location"] == f"/api/v2/pages/{site.root_page_id}/"
    detail = client.get(response["Location"], HTTP_HOST=ASKED).json()
    assert detail["meta"]["html_url"] == f"{SERVED}/de/"
    listed = client.get("/api/v2/pages/?fields=html_url", HTTP_HOST=ASKED).json()["items"]
    assert {item["meta"]["detail_url"].split("/api/")[0] for item in listed} == {SERVED}
    assert f"{SERVED}/en/" in {item["meta"]["html_url"] for item in listed}


def test_the_events_endpoint_and_its_feed_name_the_port_asked(client, site, development):
    event = make_event(event_calendar(site), title="Auftakt")
    detail = client.get(f"/api/v2/events/{event.pk}/", HTTP_HOST=ASKED).json()
    assert detail["meta"]["html_url"] == f"{SERVED}{event.url}"
    for feed in ("/api/v2/events/feed.ics", "/de/veranstaltungen/ical/",
                 f"/de/veranstaltungen/{event.pk}/kalender.ics"):
        body = client.get(feed, HTTP_HOST=ASKED).content
        vevent = icalendar.Calendar.from_ical(body).walk("VEVENT")[0]
        assert str(vevent["URL"]) == f"{SERVED}{event.url}", feed
        assert str(vevent["UID"]) == f"event-{event.translation_key}@localhost"
        second = vobject.readOne(io.StringIO(body.decode())).vevent
        assert second.url.value == f"{SERVED}{event.url}"


def test_the_sitemap_names_the_port_asked(client, site, development):
    xml = client.get("/sitemap.xml", HTTP_HOST=ASKED).content.decode()
    locations = re.findall(r"<loc>([^<]+)</loc>", xml)
    assert f"{SERVED}/de/" in locations and f"{SERVED}/en/" in locations
    assert all(location.startswith(f"{SERVED}/") for location in locations)


# Committed for real: the mails go out when the view's transaction commits, inside the
# request, as they do on a server (a test's outer transaction would hold them back).
@pytest.mark.django_db(transaction=True)
def test_registration_mails_link_to_the_port_asked(client, site, development):
    event = make_event(event_calendar(site), title="Auftakt")
    assert register_as_guest(client, event, ASKED).status_code == 302
    opt_in = mail.outbox[0]
    assert links(opt_in.body) and all(link.startswith(f"{SERVED}/") for link in
                                      links(opt_in.body))
    confirm = next(link for link in links(opt_in.body) if "/bestaetigen/" in link)
    assert client.get(confirm.removeprefix(SERVED), HTTP_HOST=ASKED).status_code == 200
    confirmation = mail.outbox[1]
    assert all(link.startswith(f"{SERVED}/") for link in links(confirmation.body))
    vevent = icalendar.Calendar.from_ical(confirmation.attachments[0][1]).walk("VEVENT")[0]
    assert str(vevent["URL"]) == f"{SERVED}{event.url}"


def test_a_forged_host_is_refused_before_any_mail_is_written(client, site, development):
    event = make_event(event_calendar(site), title="Auftakt")
    response = register_as_guest(client, event, "evil.example")
    assert response.status_code == 400
    assert mail.outbox == [] and not Registration.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_in_production_links_name_the_site_and_never_the_host_header(client, site,
                                                                     production):
    event = make_event(event_calendar(site), title="Auftakt")
    assert register_as_guest(client, event, "evil.example:666").status_code == 302
    body = mail.outbox[0].body
    assert "evil.example" not in body
    assert links(body) and all(link.startswith(f"{production}/") for link in links(body))
    feed = client.get("/api/v2/events/feed.ics", HTTP_HOST="evil.example").content
    vevent = icalendar.Calendar.from_ical(feed).walk("VEVENT")[0]
    assert str(vevent["URL"]) == f"{production}{event.url}"
    assert str(vevent["UID"]) == f"event-{event.translation_key}@platform.example"
    detail = client.get(f"/api/v2/pages/{event.pk}/", HTTP_HOST="platform.example:8443")
    assert detail.json()["meta"]["html_url"] == f"{production}{event.url}"
    xml = client.get("/sitemap.xml", HTTP_HOST="evil.example").content.decode()
    assert "evil.example" not in xml and f"<loc>{production}/de/</loc>" in xml


def test_mail_sent_outside_a_request_names_the_site_in_production(site, production):
    member = make_user("leserin")
    assert notifications.unsubscribe_url(member).startswith(f"{production}/")
    event = make_event(event_calendar(site), title="Auftakt")
    registration = Registration.objects.create(event=event, name="Gast",
                                               email="gast@kommune.example")
    mail.outbox = []
    emails.send_reminder(registration)
    assert all(link.startswith(f"{production}/") for link in links(mail.outbox[0].body))


def test_mail_sent_outside_a_request_names_the_configured_host_in_development(
        site, development, settings):
    settings.WAGTAILADMIN_BASE_URL = SERVED
    assert notifications.unsubscribe_url(make_user("leserin")).startswith(f"{SERVED}/")


@pytest.mark.django_db(transaction=True)
def test_a_live_server_on_a_random_port_names_its_own_port(live_server, site, development,
                                                          settings):
    event = make_event(event_calendar(site), title="Auftakt")
    served = live_server.url
    assert not served.endswith(":80")

    def read(path: str) -> bytes:
        with urlopen(f"{served}{path}", timeout=20) as answer:
            return answer.read()

    assert f"<loc>{served}/de/</loc>" in read("/sitemap.xml").decode()
    vevent = icalendar.Calendar.from_ical(read("/api/v2/events/feed.ics")).walk("VEVENT")[0]
    assert str(vevent["URL"]) == f"{served}{event.url}"
    detail = json.loads(read(f"/api/v2/events/{event.pk}/"))
    assert detail["meta"]["html_url"] == f"{served}{event.url}"
    assert detail["meta"]["detail_url"] == f"{served}/api/v2/events/{event.pk}/"
