"""Public reads for the portal: what a citizen may see of a district's organisations.

Everything here is already public (《条例》第十二条: the disclosure bodies' contacts).
"""

from __future__ import annotations

from django.db.models import Prefetch, QuerySet
from django.http import HttpRequest

from gongkai.orgs.models import LeadingGroup, LeadingGroupMember, Organisation, OrgKind

# The organisations that run their own disclosure work and are listed on the portal.
PUBLIC_KINDS = (OrgKind.DEPARTMENT, OrgKind.TOWN, OrgKind.STREET)

_CACHE_ATTR = "_portal_leading_group"


def leading_group(request: HttpRequest) -> LeadingGroup | None:
    """The leading group of the request's district with its office and members; one lookup per request.

    Both the home page and the footer of every page need it, so the result is kept on the request.
    """
    if not hasattr(request, _CACHE_ATTR):
        district = getattr(request, "district", None)
        group = None
        if district is not None:
            group = (
                LeadingGroup.objects.filter(district=district)
                .select_related("office", "office_host")
                .prefetch_related(
                    Prefetch(
                        "members",
                        queryset=LeadingGroupMember.objects.select_related("organisation").order_by(
                            "sort_order", "id"
                        ),
                    )
                )
                .first()
            )
        setattr(request, _CACHE_ATTR, group)
    return getattr(request, _CACHE_ATTR)


def public_orgs(district: Organisation) -> QuerySet[Organisation]:
    """The district's active departments, towns and streets, in their configured order."""
    return Organisation.objects.filter(district=district, kind__in=PUBLIC_KINDS, is_active=True).order_by(
        "sort_order", "id"
    )


def orgs_by_kind(district: Organisation) -> dict[str, list[Organisation]]:
    """``public_orgs`` split into departments and towns/streets (one query)."""
    groups: dict[str, list[Organisation]] = {"departments": [], "towns": []}
    for org in public_orgs(district):
        groups["departments" if org.kind == OrgKind.DEPARTMENT else "towns"].append(org)
    return groups
