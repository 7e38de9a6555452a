"""The Jinja2 environment of the portal's busiest pages.

Most of the platform's templates are the Django template language's. A few public pages that
every visitor opens and staff see rendered anew on every request (the item page first) are
Jinja2 templates under ``<app>/jinja2/``: Jinja2 compiles a template to Python once, and draws
the item page in about half the time the Django template language took, which was the
largest single cost of that page. They extend ``portal/base.jinja``, the same shell as
``portal/base.html`` (a test holds the two to the same HTML), and get the same context: the
district, the lazily drawn header and footer (``portal/shell.py``), and ``request``.

Names available in these templates, each the same function the Django templates use:
``_``/``gettext``/``ngettext`` (Django's translations, with named ``%(name)s`` values as
``{% blocktranslate %}`` writes them), ``static``, ``url`` (``remembered_reverse``),
``breadcrumbs``, ``print_button``; filters ``date`` (in the local time zone, as Django's) and
``filesizeformat``.
"""

from __future__ import annotations

from django.contrib.staticfiles.storage import staticfiles_storage
from django.template import defaultfilters
from django.utils.timezone import template_localtime
from django.utils.translation import gettext, ngettext
from jinja2 import Environment
from markupsafe import Markup

from gongkai.lib.urls import remembered_reverse
from gongkai.portal.templatetags.portal_tags import breadcrumbs, print_button


def static(path: str) -> str:
    """``{% static path %}``: the storage remembers each name's URL (lib/staticstorage.py)."""
    return staticfiles_storage.url(path)


def local_date(value, format_string: str | None = None) -> str:
    """Django's ``date`` filter, on the value in the current time zone as Django's templates show
    an aware datetime."""
    return defaultfilters.date(template_localtime(value), format_string)


def translate(message: str, **variables) -> Markup:
    """``_("…")``: Django's translation of a template's own text, trusted as ``{% translate %}``
    trusts it, with each named ``%(name)s`` filled by an escaped value as ``{% blocktranslate
    with name=… %}`` fills it. (Jinja2's i18n extension does the same through three calls of the
    template context per use; a template shows several.)"""
    text = Markup(gettext(message))  # noqa: S704 — the template's own text
    return text % variables if variables else text


def translate_plural(singular: str, plural: str, number: int, **variables) -> Markup:
    """``ngettext("…", "…", n)``, with ``%(num)s`` standing for ``n`` as in Jinja2's i18n."""
    return Markup(ngettext(singular, plural, number)) % {"num": number, **variables}  # noqa: S704


def environment(**options) -> Environment:
    options.setdefault("keep_trailing_newline", True)  # as Django's templates end
    options.pop("autoescape", None)  # always on, whatever the settings say
    env = Environment(autoescape=True, **options)
    env.globals.update(
        _=translate,
        gettext=translate,
        ngettext=translate_plural,
        static=static,
        url=remembered_reverse,
        breadcrumbs=breadcrumbs,
        print_button=print_button,
    )
    env.filters.update(date=local_date, filesizeformat=defaultfilters.filesizeformat)
    return env

