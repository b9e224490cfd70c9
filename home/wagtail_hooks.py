from django.http import HttpRequest
from django.templatetags.static import static
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.models import Page
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from home import translation_guard, translation_status
from home.choosers import LocalizedSnippetChooserViewSet
from home.featured import HOOK_NAME
from home.models import ContactPerson, FooterText, PartnerOrganisation


class ContactPersonViewSet(SnippetViewSet):
    model = ContactPerson
    icon = "user"
    menu_label = _("Contact people")
    list_display = ["name", "role", "organisation", "email"]
    search_fields = ["name", "role"]
    chooser_viewset_class = LocalizedSnippetChooserViewSet


class PartnerOrganisationViewSet(SnippetViewSet):
    model = PartnerOrganisation
    icon = "group"
    menu_label = _("Partners")
    list_display = ["name", "website"]
    search_fields = ["name"]
    chooser_viewset_class = LocalizedSnippetChooserViewSet


class FooterTextViewSet(SnippetViewSet):
    model = FooterText
    icon = "doc-full"
    menu_label = _("Footer text")


class PeopleAndPartnersGroup(SnippetViewSetGroup):
    items = (ContactPersonViewSet, PartnerOrganisationViewSet, FooterTextViewSet)
    menu_icon = "group"
    menu_label = _("People and partners")
    menu_name = "people_and_partners"


register_snippet(PeopleAndPartnersGroup)


def recently_published_pages(
    request: HttpRequest | None, home_page: Page, limit: int,
) -> list[dict[str, str]]:
    pages = (
        Page.objects.live()
        .public()
        .descendant_of(home_page)
        .filter(locale_id=home_page.locale_id)
        .exclude(alias_of__isnull=False)
        .order_by("-first_published_at")[:limit]
    )
    return [
        {"title": page.title, "url": page.get_url(request), "summary": page.search_description}
        for page in pages
    ]


@hooks.register(HOOK_NAME)
def register_recent_pages_slot():
    return "recent_pages", _("Recently published pages"), recently_published_pages


@hooks.register("insert_global_admin_css")
def dashboard_css() -> str:
    return format_html('<link rel="stylesheet" href="{}">', static("home/admin/dashboard.css"))


@hooks.register("construct_homepage_panels")
def translation_needs(request: HttpRequest, panels: list) -> None:
    if translation_status.may_translate(request.user):
        panels.append(translation_status.translation_panel(request))


# Ahead of wagtail-localize's own before_edit_page hook (order 0), which publishes at once.
hooks.register("before_edit_page", translation_guard.hold_publish_with_gaps, order=-10)
translation_guard.show_slug_beside_title()


@hooks.register("insert_global_admin_css")
def editors_admin_css() -> str:
    return format_html('<link rel="stylesheet" href="{}">',
                       static("home/admin/editors_admin.css"))


@hooks.register("insert_editor_js")
def character_count_js() -> str:
    # The counter's words from the catalogue, for the script to fill in.
    return format_html('<script src="{}" data-template="{}"></script>',
                       static("home/admin/character_count.js"),
                       _("%(count)s of %(max)s characters"))
