from rest_framework.fields import Field
from wagtail.rich_text import expand_db_html


class RichTextAPIField(Field):
    """Rich text as ready-to-use HTML: internal page and document links become URLs."""

    def to_representation(self, value):
        return expand_db_html(value) if value else ""
