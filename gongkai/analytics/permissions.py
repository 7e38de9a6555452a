"""Whose participation figures a user may see: the one place the staff views and the export ask.

``analytics.view`` is held by leaders, the disclosure office's coordinator and the auditor (the role
table, ``gongkai.accounts.roles``). The office and the auditor reach the whole district: they see
the district and may narrow it to any organisation. A unit's leader sees their organisation (with
the units below it) and may narrow it to one of those, never another's. The portal's searches are
the district's, not an organisation's: only who sees the whole district sees them.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet

from gongkai.accounts.permissions import has_any, primary_district_id, reach
from gongkai.orgs.models import Organisation

PERMISSION = "analytics.view"


def can_open(user) -> bool:
    return has_any(user, PERMISSION)


def district_of(user) -> Organisation:
    """The district the user works in; PermissionDenied when they may not see its figures."""
    if not can_open(user):
        raise PermissionDenied
    district = Organisation.objects.filter(pk=primary_district_id(user)).first()
    if district is None:
        raise PermissionDenied
    return district


def sees_district(user, district: Organisation) -> bool:
    return district.pk in reach(user, PERMISSION).districts


def choosable(user, district: Organisation) -> QuerySet[Organisation]:
    """The organisations of ``district`` whose figures the user may see, the district itself first
    when they reach all of it."""
    orgs = Organisation.objects.filter(district_id=district.pk, is_active=True)
    if not sees_district(user, district):
        orgs = orgs.filter(pk__in=reach(user, PERMISSION).orgs)
    return orgs.order_by("sort_order", "id")


def default_organisation(user, district: Organisation) -> Organisation:
    """What the page shows first: the district for the office, else the user's own organisation
    (the highest one they reach)."""
    if sees_district(user, district):
        return district
    orgs = list(choosable(user, district))
    if not orgs:
        raise PermissionDenied
    ids = {o.pk for o in orgs}
    # the highest: an organisation whose parent the user does not reach
    tops = [o for o in orgs if o.parent_id not in ids]
    return tops[0]


def require(user, district: Organisation, organisation: Organisation) -> None:
    """PermissionDenied unless the user may see ``organisation``'s figures (or the district's)."""
    if organisation.pk == district.pk:
        if not sees_district(user, district):
            raise PermissionDenied
        return
    if (
        organisation.district_id != district.pk
        or not choosable(user, district).filter(pk=organisation.pk).exists()
    ):
        raise PermissionDenied
