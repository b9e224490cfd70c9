"""API forms of the repository's fields: topics and tags by name and slug, in the page's
language; the municipality embedded."""

from __future__ import annotations

from typing import Any

from rest_framework.fields import Field


class TopicsField(Field):
    def get_attribute(self, instance):
        return instance.localized_topics()

    def to_representation(self, topics) -> list[dict[str, Any]]:
        return [topic.api_representation() for topic in topics]


class TagsField(Field):
    def get_attribute(self, instance):
        return list(instance.tags.all())

    def to_representation(self, tags) -> list[dict[str, str]]:
        return [{"name": tag.name, "slug": tag.slug} for tag in tags]


class MunicipalityField(Field):
    def to_representation(self, municipality) -> dict[str, Any] | None:
        if municipality is None:
            return None
        return {
            "id": municipality.id,
            "name": municipality.name,
            "ags": municipality.ags,
            "federal_state": municipality.federal_state,
            "federal_state_name": municipality.get_federal_state_display(),
            "kind": municipality.kind,
            "size_class": municipality.size_class,
            "population": municipality.population,
        }


class StreamBodyField(Field):
    def to_representation(self, value):
        return value.stream_block.get_api_representation(value, self.context)
