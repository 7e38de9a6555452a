"""Amounts as procurement pages show them: 元 with thousands separators, 万元 with two decimals,
rates as percentages; an unknown amount as a dash."""

from __future__ import annotations

from decimal import Decimal

from django import template

from gongkai.procurement import money

register = template.Library()


@register.filter
def yuan(value: Decimal | None) -> str:
    """1234567.8 → 1,234,567.80"""
    if value is None or value == "":
        return "—"
    return f"{Decimal(value):,.2f}"


@register.filter
def wan(value: Decimal | None) -> str:
    """元 → 万元, two decimals: 12345678 → 1,234.57"""
    if value is None or value == "":
        return "—"
    return f"{money.wan(Decimal(value)):,.2f}"


@register.filter
def percent(value: Decimal | None) -> str:
    """3.08 → 3.08%"""
    if value is None or value == "":
        return "—"
    return f"{Decimal(value):.2f}%"
