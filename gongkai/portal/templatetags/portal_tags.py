"""Template tags of the portal pages: breadcrumbs, the print button, the disclosure office and home panels."""

from __future__ import annotations

import functools

from django import template
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import get_language, gettext

from gongkai.orgs.models import LeadingGroup
from gongkai.orgs.queries import leading_group
from gongkai.portal.navigation import home_url

register = template.Library()


@register.simple_tag
def breadcrumbs(current, parent_url: str = "", parent_label: str = "") -> SafeString:
    """当前位置: 首页 › the optional parent › the current page. Every public page shows it, so it
    is drawn here in one call rather than by an included template (several times the cost), and
    remembered for the same words in the same language. The memo tells arguments apart by type
    too: a safe string is shown as it is, the same text as a plain string escaped."""
    return _breadcrumbs(get_language(), home_url(), current, parent_url or "", parent_label or "")


@functools.lru_cache(maxsize=1024, typed=True)
def _breadcrumbs(language, home: str, current, parent_url, parent_label) -> SafeString:
    parent = format_html('<li><a href="{}">{}</a></li>', parent_url, parent_label) if parent_url else ""
    return format_html(
        '<nav class="breadcrumbs" aria-label="{}">\n  <ol>\n    <li><a href="{}">{}</a></li>\n'
        '    {}<li><span aria-current="page">{}</span></li>\n  </ol>\n</nav>',
        gettext("当前位置"),
        home,
        gettext("首页"),
        parent,
        current,
    )


@register.simple_tag
def print_button() -> SafeString:
    """打印本页: shown by portal.js where printing works (hidden without scripts)."""
    return _print_button(get_language())


@functools.lru_cache(maxsize=16)
def _print_button(language) -> SafeString:
    return format_html(
        '<button type="button" class="tool-link print-link" data-print hidden>{}</button>', gettext("打印本页")
    )


@register.simple_tag(takes_context=True)
def portal_leading_group(context) -> LeadingGroup | None:
    """The district's leading group (with its office), or None; cached on the request."""
    request = context.get("request")
    if request is None or getattr(request, "district", None) is None:
        return None
    return leading_group(request)


@register.simple_tag(takes_context=True)
def render_home_panel(context, panel) -> str:
    """Render a registered home panel with the page context plus the panel's own context."""
    tpl = context.template.engine.get_template(panel.template_name)
    with context.push(panel.context):
        return tpl.render(context)


@register.filter
def person_members(members) -> list:
    """Leading-group members named as persons (组长、副组长 …)."""
    return [m for m in members if m.person_name or not m.organisation_id]


@register.filter
def unit_members(members) -> list:
    """Leading-group members that are member units (成员单位)."""
    return [m for m in members if m.organisation_id and not m.person_name]
