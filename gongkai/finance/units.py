"""Who publishes what: the district's budget units (the board's rows), and the finance bureau
that publishes the district's own budget and final accounts (区本级)."""

from __future__ import annotations

from django.db.models import Q, QuerySet

from gongkai.finance.models import Level
from gongkai.orgs.models import Organisation, OrgKind


def budget_units(district: Organisation) -> QuerySet[Organisation]:
    """The district's active budget units (预算单位), in the tree's order."""
    return Organisation.objects.filter(
        district_id=district.pk, kind=OrgKind.BUDGET_UNIT, is_active=True
    ).order_by("sort_order", "id")


def finance_bureau(district: Organisation) -> Organisation | None:
    """The district's finance bureau (区财政局), which publishes the district's own budget."""
    return (
        Organisation.objects.filter(district_id=district.pk, kind=OrgKind.DEPARTMENT, is_active=True)
        .filter(Q(short_name="财政局") | Q(name__endswith="财政局"))
        .order_by("sort_order", "id")
        .first()
    )


def level_of(unit: Organisation) -> str:
    return Level.GOVERNMENT if unit.is_district else Level.DEPARTMENT


def publisher_for(unit: Organisation) -> Organisation | None:
    """In whose name the unit's disclosures are published: its own, or for the district's the
    finance bureau's."""
    if unit.is_district:
        return finance_bureau(unit)
    return unit
