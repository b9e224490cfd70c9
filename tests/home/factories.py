import factory
import wagtail_factories
from wagtail.models import Locale, Page, Site

from home.models import ContactPerson, HomePage, StandardPage


class HomePageFactory(wagtail_factories.PageFactory):
    title = "Startseite"
    slug = factory.Sequence(lambda n: f"home-{n}")
    hero_title = "Wissen für alle Kommunen"
    hero_text = "Lösungen aus den Modellprojekten Smart Cities."

    class Meta:
        model = HomePage


class StandardPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Seite {n}")
    slug = factory.Sequence(lambda n: f"seite-{n}")
    intro = "Eine Einführung."
    show_in_menus = True

    class Meta:
        model = StandardPage


class ContactPersonFactory(factory.django.DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Person {n}")
    role = "Beratung"
    email = factory.Sequence(lambda n: f"person{n}@kts.example")
    locale = factory.LazyFunction(lambda: Locale.objects.get(language_code="de"))

    class Meta:
        model = ContactPerson


def publish(page: Page) -> Page:
    page.refresh_from_db(fields=["path", "depth", "numchild", "url_path"])
    page.save_revision().publish()
    page.refresh_from_db()
    return page


def translate(page: Page, language_code: str, **fields) -> Page:
    """An English (or other) translation of a page, published, with the given fields."""
    translated = page.specific.copy_for_translation(Locale.objects.get(language_code=language_code))
    for name, value in fields.items():
        setattr(translated, name, value)
    translated.save()
    return publish(translated).specific


def bilingual_site() -> Site:
    """The default site, rooted at a German home page that has an English translation."""
    root = Page.get_first_root_node()
    german = Locale.objects.get(language_code="de")
    home = root.add_child(instance=HomePage(
        title="Startseite", slug="start", hero_title="Wissen für alle Kommunen", locale=german,
    ))
    publish(home)
    translate(home, "en", title="Home", slug="start-en", hero_title="Knowledge for everyone")
    Site.objects.all().delete()
    return Site.objects.create(
        hostname="localhost", port=80, root_page=home, is_default_site=True, site_name="Test",
    )
