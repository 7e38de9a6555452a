"""Rich-text bodies are cleaned with nh3 (the Ammonia sanitizer) before they are stored."""

from __future__ import annotations

import functools
import html as html_lib
import re

import nh3
from django.conf import settings
from django.utils.http import url_has_allowed_host_and_scheme

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


# nh3 writes every attribute in double quotes and escapes ">" inside them: an <img> it left
# without its src is found by this pattern, and removed.
_IMG_WITHOUT_SRC_RE = re.compile(r"<img(?![^>]*\ssrc=\")[^>]*>")


def _own_hosts() -> set[str]:
    return {h for h in settings.ALLOWED_HOSTS if h and h != "*" and not h.startswith(".")}


def _is_own(url: str) -> bool:
    """A picture on the platform itself: a path of this site, or an address on one of its own
    host names. A picture elsewhere would tell that site who reads the page (tracking)."""
    url = url.strip()
    return bool(url) and url_has_allowed_host_and_scheme(url, allowed_hosts=_own_hosts())


def _attribute_filter(element: str, attribute: str, value: str) -> str | None:
    if element == "img" and attribute == "src" and not _is_own(value):
        return None
    return value


def clean_html(html: str) -> str:
    """A body fit to store and show: allowed tags and attributes only, links opened safely, and
    no picture from outside the platform (an <img> whose src is elsewhere is dropped)."""
    cleaned = nh3.clean(
        html or "",
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes={"http", "https", "mailto"},
        link_rel="noopener noreferrer",
        attribute_filter=_attribute_filter,
    )
    return _IMG_WITHOUT_SRC_RE.sub("", cleaned)


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
