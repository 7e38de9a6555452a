"""Who may see and do what in supervision: the one place its views and actions ask.

The disclosure office (the coordinator, and the auditor read-only) sees the whole district: every
finding, every unit's scorecard and the ranking; the coordinator runs the checks and sets the
thresholds and weights (``supervision.manage``). A department's staff (``supervision.view``) see
the findings and the scorecard of their own organisation and the units below it, never the
ranking nor another unit's details.
"""

from __future__ import annotations

from django.db.models import QuerySet

from gongkai.accounts.permissions import has_perm, primary_district_id, reach, scope
from gongkai.accounts.roles import roles_with
from gongkai.orgs.models import Organisation
from gongkai.supervision.models import Finding


def visible_findings(user) -> QuerySet[Finding]:
    return scope(Finding.objects.all(), user, "supervision.view", "unit")


def sees_district(user, district: Organisation) -> bool:
    """The office's view: the district as a whole, the ranking included."""
    return district.pk in reach(user, "supervision.view").districts


def may_manage(user, district: Organisation) -> bool:
    return has_perm(user, "supervision.manage", district)


def may_see_unit(user, unit: Organisation) -> bool:
    return has_perm(user, "supervision.view", unit)


def home_of(user) -> Organisation | None:
    """The organisation whose standing the user's supervision pages show: the district for the
    office, else the first organisation where the user holds ``supervision.view``."""
    district_id = primary_district_id(user)
    r = reach(user, "supervision.view")
    if not r:
        return None
    if district_id in r.districts:
        return Organisation.objects.get(pk=district_id)
    if r.districts:
        return Organisation.objects.get(pk=min(r.districts))
    membership = (
        user.memberships.filter(role__in=roles_with("supervision.view"), organisation__is_active=True)
        .select_related("organisation")
        .order_by("pk")
        .first()
    )
    return membership.organisation if membership else None
