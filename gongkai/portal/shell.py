"""The portal's header and footer, drawn once per process for each district, section and state.

Every public page shows the same header (for its section) and footer (for its district) until
something public changes. Each is drawn from its template on first use and kept in the
``fragments`` cache under a key that carries the page cache's generation (``pagecache``): a
publish, a withdrawal or an edit of an organisation bumps it, and the next page draws them anew.
``portal/base.html`` shows them as ``{{ portal_header }}`` and ``{{ portal_footer }}`` (lazy,
from the ``portal`` context processor): a cached one costs a key and one lookup.
"""

from __future__ import annotations

from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language

from gongkai.lib.pagecache import fragments, request_generation
from gongkai.portal.navigation import nav_links

SECONDS = 3600


def _kept(key: str, template: str, context: dict, request) -> SafeString:
    html = fragments().get(key)
    if html is None:
        html = render_to_string(template, context, request=request)
        fragments().set(key, html, SECONDS)
    return mark_safe(html)  # noqa: S308 — drawn by our own template, escaped there


def _district_key(request) -> str:
    district = getattr(request, "district", None)
    return f"{get_language()}:{district.pk if district is not None else 0}:{request_generation(request)}"


def header(request) -> SafeString:
    """The skip link, the masthead and the column navigation with this page's section marked."""
    links = nav_links(request.path)
    return _kept(
        f"portal:header:{_district_key(request)}:{links.current}",
        "portal/_header.html",
        {"nav_links": links},
        request,
    )


def footer(request) -> SafeString:
    """The disclosure office with its contacts, the sponsor and the copyright line."""
    year = timezone.localdate().year
    return _kept(
        f"portal:footer:{_district_key(request)}:{year}",
        "portal/_footer.html",
        {"portal_year": year},
        request,
    )
