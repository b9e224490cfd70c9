"""The small Markdown dialect of posts, rendered and then sanitised with an allow-list
(nh3): paragraphs, emphasis, lists, quotes, code and links. Whatever else the HTML
holds (raw tags in the source, event handlers, comments, scripts) is removed; links
get rel="nofollow ugc" and keep only http(s) and mailto addresses."""

from __future__ import annotations

import re

import markdown
import nh3

ALLOWED_TAGS = {"p", "br", "strong", "em", "a", "ul", "ol", "li", "code", "pre",
                "blockquote"}
ALLOWED_ATTRIBUTES = {"a": {"href"}}
ALLOWED_SCHEMES = {"http", "https", "mailto"}


INVISIBLE = re.compile(r"[\x00-\x20\x7f]+")


def safe_address(tag: str, attribute: str, value: str) -> str | None:
    """Drop a link whose address, read the way a browser reads it (control characters
    and blanks removed), names a scheme other than the allowed ones."""
    if attribute != "href":
        return value
    squeezed = INVISIBLE.sub("", value).lower()
    scheme = squeezed.split("/", 1)[0].split("?", 1)[0].split("#", 1)[0]
    if ":" in scheme and scheme.split(":", 1)[0] not in ALLOWED_SCHEMES:
        return None
    return value


def render_markdown(source: str) -> str:
    rendered = markdown.markdown(source or "", extensions=["sane_lists"],
                                 output_format="html")
    return nh3.clean(rendered, tags=ALLOWED_TAGS, attributes=ALLOWED_ATTRIBUTES,
                     url_schemes=ALLOWED_SCHEMES, link_rel="nofollow ugc",
                     strip_comments=True, attribute_filter=safe_address)
