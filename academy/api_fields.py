"""API fields of the Akademie's pages (imported by the page models, so they import no
model themselves)."""

from __future__ import annotations

from typing import Any

from rest_framework.fields import Field


class CourseModulesField(Field):
    """A course's modules in order (the last is the final module), with hours, the
    event series of their sessions and their learning material."""

    def get_attribute(self, instance: Any) -> Any:
        return instance

    def to_representation(self, course: Any) -> list[dict[str, Any]]:
        return [{"id": module.pk, "title": module.title, "summary": module.summary,
                 "hours": module.hours, "series": module.series_id,
                 "prerequisite_module": module.prerequisite_module_id,
                 "material": module.material.stream_block.get_api_representation(
                     module.material)}
                for module in course.modules()]
