"""Template tags of the portal shell: the column navigation and the disclosure office."""

from __future__ import annotations

from django import template

from gongkai.orgs.models import LeadingGroup
from gongkai.portal.navigation import NavLinks, nav_links
from gongkai.portal.queries import leading_group

register = template.Library()


@register.simple_tag(takes_context=True)
def portal_nav(context) -> NavLinks:
    request = context.get("request")
    return nav_links(request.path if request is not None else "")


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
