from io import StringIO

import pytest
from django.core.management import call_command
from wagtail.models import Locale, Page, Revision, Site

from home.models import ContactPerson, FooterText, HomePage, PartnerOrganisation, SiteSettings
from tests.demo import install_demo
from tests.home.factories import StandardPageFactory, publish

pytestmark = pytest.mark.django_db


def load_demo() -> str:
    out = StringIO()
    call_command("load_demo", "home", stdout=out)
    return out.getvalue()


def snapshot() -> dict:
    return {
        "pages": sorted(Page.objects.values_list(
            "id", "title", "slug", "locale__language_code", "live", "latest_revision_id",
            "last_published_at", "path",
        )),
        "revisions": Revision.objects.count(),
        "people": sorted(ContactPerson.objects.values_list("id", "name", "role")),
        "partners": PartnerOrganisation.objects.count(),
        "footers": FooterText.objects.count(),
        "sites": sorted(Site.objects.values_list("id", "hostname", "root_page_id")),
        "settings": list(SiteSettings.objects.values_list("hotline", "email")),
    }


@pytest.mark.parametrize(("url", "text"), [
    ("/de/", "Wissen aus den Modellprojekten Smart Cities für alle Kommunen"),
    ("/en/", "Knowledge from the Model Projects Smart Cities for every municipality"),
    ("/de/start-smart/", "Peer-Learning-Reihen"),
    ("/en/start-smart/", "Peer-learning series"),
    ("/de/ueber-uns/", "Dr. Anna Berger"),
    ("/de/ueber-uns/", "Bundesinstitut für Bau-, Stadt- und Raumforschung (BBSR)"),
    ("/en/about-us/", "scientific support"),
    ("/en/about-us/", "Head of office"),
    ("/en/contact/", "Leyla Demir"),
])
def test_demo_site_is_bilingual(client, url, text):
    install_demo("home")
    response = client.get(url)
    assert response.status_code == 200
    assert text in response.content.decode()


def test_start_smart_page_presents_the_five_formats(client):
    install_demo("home")
    html = client.get("/de/start-smart/").content.decode()
    for title in ["Kick-off-Workshops", "Erstberatungen", "Peer-Learning-Reihen",
                  "Themenworkshops", "Regionalkonferenzen"]:
        assert f"<h3>{title}</h3>" in html


@pytest.mark.parametrize(("url", "form"), [
    ("/de/start-smart/", 'href="/de/start-smart/interesse/">Zur Interessenbekundung</a>'),
    ("/en/start-smart/", 'href="/en/start-smart/interest/">Express your interest</a>'),
])
def test_asking_for_a_consultation_leads_to_the_expression_of_interest(client, url, form):
    install_demo("home")
    assert form in client.get(url).content.decode()


def test_language_switcher_moves_between_demo_translations(client):
    install_demo("home")
    html = client.get("/de/ueber-uns/").content.decode()
    assert 'href="/en/about-us/"' in html


def test_footer_shows_contact_details_and_legal_links(client):
    install_demo("home")
    html = client.get("/en/").content.decode()
    assert "kontakt@kts-smartcities.example" in html
    assert 'href="/en/imprint/">Imprint</a>' in html


def test_running_the_demo_twice_changes_nothing():
    install_demo("home")
    before = snapshot()
    second = load_demo()
    assert snapshot() == before
    assert "created" not in second and "translated" not in second


def test_demo_leaves_an_editors_changes_alone():
    install_demo("home")
    page = Page.objects.get(slug="ueber-uns").specific
    page.title = "Wer wir sind"
    publish(page)
    load_demo()
    assert Page.objects.get(slug="ueber-uns").title == "Wer wir sind"


def test_demo_adds_its_pages_beside_existing_content():
    """A site that already has its own content keeps it: the demo gets a site of its own."""
    root = Page.get_first_root_node()
    intranet = root.add_child(instance=Page(title="Intranet", slug="intranet"))
    child = publish(StandardPageFactory(parent=intranet, title="Dienstplan"))
    Site.objects.all().delete()
    Site.objects.create(hostname="intranet.example", port=80, root_page=intranet,
                        is_default_site=True)
    before = sorted(Page.objects.values_list("id", "title", "latest_revision_id"))

    output = load_demo()

    assert Site.objects.get(is_default_site=True).root_page_id == intranet.id
    assert Page.objects.get(pk=child.pk).title == "Dienstplan"
    after = set(Page.objects.values_list("id", "title", "latest_revision_id"))
    assert set(before) <= after
    demo_site = Site.objects.get(hostname="demo.localhost")
    assert isinstance(demo_site.root_page.specific, HomePage)
    assert "demo site served at demo.localhost" in output


def test_demo_leaves_an_existing_home_page_and_its_pages_alone(client):
    """A city's own home page with a "kontakt" page: the demo must not write into them."""
    german = Locale.objects.get(language_code="de")
    root = Page.get_first_root_node()
    own_home = publish(root.add_child(instance=HomePage(
        title="Unsere Stadt", slug="unsere-stadt", hero_title="Willkommen", locale=german)))
    own_contact = publish(StandardPageFactory(parent=own_home, slug="kontakt", title="Rathaus"))
    Site.objects.all().delete()
    site = Site.objects.create(hostname="stadt.example", port=80, root_page=own_home,
                               is_default_site=True)
    SiteSettings.objects.create(site=site, email="rathaus@stadt.example")
    before = sorted(Page.objects.values_list("id", "title", "latest_revision_id"))

    load_demo()

    assert set(before) <= set(Page.objects.values_list("id", "title", "latest_revision_id"))
    own_home.refresh_from_db()
    assert not own_home.specific.featured and not own_home.specific.key_figures
    assert own_contact.get_translations().count() == 0
    assert SiteSettings.for_site(site).email == "rathaus@stadt.example"
    assert Site.objects.get(hostname="demo.localhost").root_page.title == (
        "Smart Cities – Wissen und Vernetzung"
    )


def test_demo_replaces_wagtails_untouched_welcome_page():
    welcome = Page.objects.get(depth=2, title="Welcome to your new Wagtail site!")
    load_demo()
    assert not Page.objects.filter(pk=welcome.pk).exists()
    assert isinstance(Site.objects.get(is_default_site=True).root_page.specific, HomePage)


def test_local_admin_credentials_stay_the_same_between_runs(settings, tmp_path):
    from django.contrib.auth import get_user_model

    settings.DEBUG = True
    settings.VAR_DIR = tmp_path
    first, second = StringIO(), StringIO()
    call_command("ensure_local_admin", stdout=first)
    call_command("ensure_local_admin", stdout=second)
    password = first.getvalue().split("Password: ")[1].strip()
    assert second.getvalue() == first.getvalue()
    assert get_user_model().objects.get(username="admin").check_password(password)


def test_local_admin_keeps_a_password_the_developer_changed(settings, tmp_path):
    from django.contrib.auth import get_user_model

    settings.DEBUG = True
    settings.VAR_DIR = tmp_path
    call_command("ensure_local_admin", stdout=StringIO())
    admin = get_user_model().objects.get(username="admin")
    admin.set_password("mein-eigenes")
    admin.save()
    out = StringIO()
    call_command("ensure_local_admin", stdout=out)
    assert "with the password you set" in out.getvalue()
    assert get_user_model().objects.get(username="admin").check_password("mein-eigenes")


def test_local_admin_is_refused_in_production(settings):
    from django.core.management.base import CommandError

    settings.DEBUG = False
    with pytest.raises(CommandError, match="only runs with DEBUG on"):
        call_command("ensure_local_admin", stdout=StringIO())
