"""The demo shows the whole programme, in German and English, and loads twice safely."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from events.models import (
    EventFormat,
    EventPage,
    EventSeriesPage,
    ExpressionOfInterest,
    FAQPage,
    Registration,
)
from repository.models import ModelProjectPage, PublicationPage, SolutionPage
from tests.demo import install_demo

pytestmark = pytest.mark.django_db


def test_the_demo_shows_the_whole_programme_and_loads_twice(client):
    install_demo()
    now = timezone.now()
    german = EventPage.objects.filter(locale__language_code="de")
    # Every Start Smart format; "other" is also the Akademie's course sessions.
    shown = set(german.exclude(format="other").values_list("format", flat=True))
    assert shown == set(EventFormat.values) - {"other"}
    assert german.filter(end__lt=now).exists() and german.filter(start__gt=now).exists()
    series = EventSeriesPage.objects.get(locale__language_code="de",
                                         slug="peer-learning-mobilitaet")
    assert series.sessions().count() == 6 and series.host is not None
    assert Registration.objects.filter(status="waitlisted").count() == 2
    assert set(ExpressionOfInterest.objects.values_list("status", flat=True)) >= {
        "new", "contacted", "scheduled", "declined"}
    assert FAQPage.objects.count() == 2
    counts = (EventPage.objects.count(), Registration.objects.count(),
              ExpressionOfInterest.objects.count())

    out = StringIO()
    call_command("load_demo", "events", stdout=out)
    assert "created" not in out.getvalue()
    assert counts == (EventPage.objects.count(), Registration.objects.count(),
                      ExpressionOfInterest.objects.count())

    for url in ("/de/veranstaltungen/", "/en/events/", "/de/veranstaltungen/ical/",
                "/de/veranstaltungen/peer-learning-mobilitaet/",
                "/en/events/peer-learning-mobility/", "/de/fragen/", "/en/questions/"):
        assert client.get(url).status_code == 200, url
    faq = client.get("/de/fragen/").content.decode()
    assert "Was kostet die Teilnahme?" in faq and "030 1234 5670" in faq
    workshop = client.get("/de/veranstaltungen/themenworkshop-change/").content.decode()
    assert "0 Plätze frei" in workshop and "2 Personen warten" in workshop


def test_the_demo_conference_links_its_outcomes_both_ways_in_both_languages(client):
    install_demo()
    for language, event_url, title, solution_title in (
            ("de", "/de/veranstaltungen/regionalkonferenz-sued/", "Regionalkonferenz Süd in Ulm",
             "Offenes Datenportal"),
            ("en", "/en/events/regionalkonferenz-sued/", "Southern regional conference in Ulm",
             "Open data portal")):
        event = EventPage.objects.get(locale__language_code=language,
                                      slug="regionalkonferenz-sued")
        assert event.end < timezone.now()
        html = client.get(event_url).content.decode()
        solution = SolutionPage.objects.get(locale__language_code=language, title=solution_title)
        publication = PublicationPage.objects.get(
            locale__language_code=language, slug__in=["leitfaden-urbane-datenplattformen",
                                                      "guideline-urban-data-platforms"])
        assert f'href="{solution.url}">{solution_title}</a>' in html
        assert f'href="{publication.url}">{publication.title}</a>' in html
        project = ModelProjectPage.objects.get(locale__language_code=language,
                                               slug="smart-city-ulm")
        assert f'href="{project.url}">{project.title}</a>' in html
        for page in (solution, publication, project):
            shown = client.get(page.url).content.decode()
            assert f'<a href="{event_url}">{title}</a>' in shown, page.url
        # The slides and minutes, in the event's language, and in the API both ways.
        document = {"de": "Folien und Protokoll", "en": "Slides and minutes"}[language]
        assert f">{document}</a>" in html
        outcomes = client.get(f"/api/v2/events/{event.pk}/").json()["outcomes"]
        [attached] = [item["value"] for item in outcomes if item["type"] == "document"]
        assert attached["label"] == document and attached["file_extension"] == "pdf"
        assert client.get(attached["url"]).status_code == 200
        for endpoint, page in (("solutions", solution), ("publications", publication),
                               ("model-projects", project)):
            answer = client.get(f"/api/v2/{endpoint}/{page.pk}/").json()
            assert [occasion["id"] for occasion in answer["discussed_at"]] == [event.pk]
