from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from community.models import Municipality


class MunicipalityViewSet(SnippetViewSet):
    """Municipalities in the admin: searched through the search backend (name, AGS),
    filtered by federal state, size class and kind."""

    model = Municipality
    icon = "site"
    menu_label = _("Municipalities")
    menu_order = 250
    add_to_admin_menu = True
    list_display = ["name", "ags", "federal_state", "size_class", "population"]
    list_filter = ["federal_state", "size_class", "kind"]
    list_export = ["name", "ags", "federal_state", "kind", "size_class", "population",
                   "latitude", "longitude", "website"]
    ordering = ["name"]


register_snippet(MunicipalityViewSet)
