"""Template tags of the workbench shell: navigation, the signed-in user's roles, pagination links."""

from __future__ import annotations

from django import template
from django.core.paginator import Page

from gongkai.workbench.navigation import NavGroup, nav_for

register = template.Library()


@register.simple_tag(takes_context=True)
def workbench_nav(context) -> list[NavGroup]:
    request = context["request"]
    return nav_for(request.user, request.path)


@register.simple_tag
def staff_roles(user) -> list[tuple[str, str]]:
    """(organisation, role) pairs of the user's active memberships, for the header (one query)."""
    if not getattr(user, "is_authenticated", False):
        return []
    memberships = user.memberships.filter(organisation__is_active=True).select_related("organisation")
    return [(m.organisation.short_name or m.organisation.name, m.get_role_display()) for m in memberships]


@register.simple_tag(takes_context=True)
def page_url(context, number: int) -> str:
    """The current URL's query string with ``page`` set to ``number``; other filters are kept."""
    query = context["request"].GET.copy()
    query["page"] = number
    return "?" + query.urlencode()


@register.simple_tag
def elided_pages(page: Page, on_each_side: int = 2, on_ends: int = 1) -> list:
    return list(page.paginator.get_elided_page_range(page.number, on_each_side=on_each_side, on_ends=on_ends))
