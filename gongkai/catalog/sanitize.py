"""Rich-text bodies are cleaned with nh3 (the Ammonia sanitizer) before they are stored."""

from __future__ import annotations

import functools
import html as html_lib

import nh3

ALLOWED_TAGS = {
    "p",
    "br",
    "strong",
    "b",
    "em",
    "i",
    "u",
    "s",
    "sub",
    "sup",
    "span",
    "div",
    "blockquote",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "ul",
    "ol",
    "li",
    "table",
    "thead",
    "tbody",
    "tfoot",
    "tr",
    "th",
    "td",
    "caption",
    "a",
    "img",
    "hr",
    "pre",
    "code",
}
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "img": {"src", "alt", "width", "height"},
    "td": {"colspan", "rowspan", "align"},
    "th": {"colspan", "rowspan", "align", "scope"},
    "p": {"align"},
    "div": {"align"},
}


def clean_html(html: str) -> str:
    return nh3.clean(
        html or "",
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes={"http", "https", "mailto"},
        link_rel="noopener noreferrer",
    )


@functools.lru_cache(maxsize=256)
def clean_for_display(html: str) -> str:
    """``clean_html`` for pages that show stored bodies: bodies are cleaned when saved, and
    cleaned again on the way out against rows written around the actions (imports, bulk loads).
    The same body is shown again and again, so each process remembers its latest answers
    (cleaning is a pure function of the text; a long body takes nh3 tens of microseconds)."""
    return clean_html(html)


def plain_text(html: str) -> str:
    """The text of a body, for the search index and summaries."""
    return " ".join(html_lib.unescape(nh3.clean(html or "", tags=set())).split())
