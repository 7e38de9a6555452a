"""Amounts as the finance tables print them."""

from django import template

from gongkai.finance.tables import fmt

register = template.Library()


@register.filter
def wan(value) -> str:
    """1234.5 → 1,234.50; None → —."""
    if value is None or value == "":
        return "—"
    return fmt(value)


@register.filter
def get_item(mapping, key):
    """``mapping[key]`` in a template (None when absent)."""
    try:
        return mapping.get(key)
    except AttributeError:
        return None


@register.filter
def kind_label(kind: str) -> str:
    from gongkai.finance.models import Kind

    return str(Kind(kind).label)


@register.filter
def late_for(board, kind: str) -> int:
    """Units late with ``kind`` on a completeness board."""
    return board.late_per_kind(kind)
