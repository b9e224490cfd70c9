from rest_framework.fields import Field
from wagtail.rich_text import expand_db_html

from home.localization import localize_stream


class RichTextAPIField(Field):
    """Rich text as ready-to-use HTML: internal page and document links become URLs."""

    def to_representation(self, value: str) -> str:
        return expand_db_html(value) if value else ""


class LocalizedStreamField(Field):
    """A StreamField as structured JSON (like Wagtail's own serializer field), with its
    chosen pages and snippets in the page's own language."""

    def get_attribute(self, instance):
        stream = super().get_attribute(instance)
        localize_stream(stream, instance.locale_id)
        return stream

    def to_representation(self, value):
        return value.stream_block.get_api_representation(value, self.context)
