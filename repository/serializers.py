"""API forms of the repository's fields: topics and tags by name and slug, in the page's
language; the municipality embedded."""

from __future__ import annotations

from typing import Any

from rest_framework.fields import Field
from rest_framework.serializers import ListSerializer

from repository.discussed_at import remembered


class TopicsField(Field):
    """The page's topics in its own language. In a listing, topics come prefetched and
    their translations are looked up once per locale for all items (cached in the
    serializer context, which every item shares)."""

    def __init__(self, topic_model: type, **kwargs: Any):
        self.topic_model = topic_model
        super().__init__(**kwargs)

    def get_attribute(self, instance):
        return instance

    def to_representation(self, page) -> list[dict[str, Any]]:
        topics = list(page.topics.all())
        if any(topic.locale_id != page.locale_id for topic in topics):
            cache = self.context.setdefault("topics_by_locale", {})
            if page.locale_id not in cache:
                cache[page.locale_id] = {
                    topic.translation_key: topic
                    for topic in self.topic_model.objects.filter(locale_id=page.locale_id)
                }
            by_key = cache[page.locale_id]
            topics = [by_key.get(topic.translation_key, topic) for topic in topics]
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


class DiscussedAtField(Field):
    """Where the page was discussed (repository.discussed_at): worked out once for every
    page of the answer (a listing shares the serializer context), so a listing costs the
    same queries however many items it shows, and none while the content is unchanged."""

    def __init__(self, **kwargs: Any):
        kwargs.setdefault("read_only", True)
        super().__init__(**kwargs)

    def get_attribute(self, instance):
        return instance

    def to_representation(self, page) -> list[dict[str, Any]]:
        found = self.context.setdefault("discussed_at", {})
        if page.pk not in found:
            # The whole answer of a listing (its query set has been read already).
            answer = self.root.instance if isinstance(self.root, ListSerializer) else None
            pages = list(answer) if answer is not None else [page]
            if page not in pages:
                pages = [page]
            found.update(remembered(pages))
        request = self.context.get("request")
        return [occasion.api_representation(request) for occasion in found.get(page.pk, [])]
