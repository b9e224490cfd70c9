"""The model-project chooser: a searchable list of the model projects in the page's
language (home/choosers.py), instead of Wagtail's page chooser, which opens at the root
of the page tree and makes the editor walk to the project database."""

from __future__ import annotations

from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from home.choosers import LocalizedChooseResultsView, LocalizedChooserViewSet, LocalizedChooseView


class ModelProjectSearch:
    chooser_search_fields = ("title", "municipality__name")
    ordering = ["title"]

    def get_object_list(self) -> QuerySet:
        return super().get_object_list().select_related("municipality")


class ModelProjectChooseView(ModelProjectSearch, LocalizedChooseView):
    pass


class ModelProjectChooseResultsView(ModelProjectSearch, LocalizedChooseResultsView):
    pass


class ModelProjectChooserViewSet(LocalizedChooserViewSet):
    model = "repository.ModelProjectPage"
    icon = "site"
    choose_one_text = _("Choose a model project")
    choose_another_text = _("Choose another model project")
    choose_view_class = ModelProjectChooseView
    choose_results_view_class = ModelProjectChooseResultsView


model_project_chooser_viewset = ModelProjectChooserViewSet(
    "model_project_chooser", url_prefix="repository/model-project-chooser",
)
