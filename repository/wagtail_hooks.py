from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from repository.models import Adoption, Topic


class TopicViewSet(SnippetViewSet):
    model = Topic
    icon = "tag"
    menu_label = _("Topics")
    menu_order = 200
    add_to_admin_menu = True
    list_display = ["name", "slug", "sort_order"]
    search_fields = ["name", "description"]
    ordering = ["sort_order", "name"]


register_snippet(TopicViewSet)


class AdoptionViewSet(SnippetViewSet):
    """The reuse ledger: which municipality took over which solution."""

    model = Adoption
    icon = "success"
    menu_label = _("Reuse ledger")
    menu_order = 210
    add_to_admin_menu = True
    list_display = ["municipality", "solution", "status", "adopted_on"]
    list_filter = ["status"]
    search_fields = ["municipality__name", "solution__title"]


register_snippet(AdoptionViewSet)
