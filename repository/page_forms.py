"""The solution page's form: topics and contact people in the page's language
(home/choice_fields.py), and the model project preset from where the page is made."""

from __future__ import annotations

from typing import Any

from home.choice_fields import LocalizedChoicesPageForm


class SolutionPageForm(LocalizedChoicesPageForm):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # A solution added below a model project belongs to it: editors should not have to
        # choose the page they just came from.
        model_project_model = self._meta.model._meta.get_field("model_project").related_model
        parent = self.parent_page
        if (not self.is_bound and self.instance.pk is None and parent is not None
                and parent.specific_class is model_project_model):
            self.initial["model_project"] = parent.pk
