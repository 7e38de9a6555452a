"""Who may see and do what with sector figures: the one place staff views and the actions ask.

The rules about roles live in ``gongkai.accounts.roles`` (``sector.view``, ``sector.edit``,
``sector.confirm``). A report belongs to its department: the department's editor fills it in,
its leader confirms it, and both see only their own organisation's reports (and those of the
units below it). The disclosure office's coordinator reaches the whole district: it keeps the
indicator catalog, sees every report, and may send back a confirmed one (``reopen``); the
auditor reads.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet

from gongkai.accounts.permissions import has_any, has_perm, reach, scope
from gongkai.orgs.models import Organisation
from gongkai.sectors.models import Report
from gongkai.sectors.workflow import TRANSITIONS

# The permission each verb needs; the report's verbs take theirs from ``workflow.TRANSITIONS``.
VERB_PERMISSIONS: dict[str, str] = {
    "view": "sector.view",
    "start": "sector.edit",
    "export": "sector.view",
    **{verb: transition.permission for verb, transition in TRANSITIONS.items()},
}
DISTRICT_WIDE_VERBS = frozenset(
    {"configure", *(verb for verb, transition in TRANSITIONS.items() if transition.district_wide)}
)
VERB_PERMISSIONS["configure"] = "sector.edit"


def _district_of(organisation: Organisation) -> Organisation:
    return organisation if organisation.is_district else organisation.district


def may(user, verb: str, organisation: Organisation | None) -> bool:
    """May ``user`` apply ``verb`` to a report (or indicator) of ``organisation``? Verbs of the
    office (keeping the catalog, sending back a confirmed report) need the permission for the
    whole district. Permission only, not state."""
    if organisation is None:
        return False
    target = _district_of(organisation) if verb in DISTRICT_WIDE_VERBS else organisation
    return has_perm(user, VERB_PERMISSIONS[verb], target)


def require(user, verb: str, organisation: Organisation | None) -> None:
    """Raise PermissionDenied unless ``may``; every action calls this before it changes anything."""
    if not may(user, verb, organisation):
        raise PermissionDenied(f"{VERB_PERMISSIONS[verb]} refused ({verb})")


def can_open(user) -> bool:
    """The workbench's sector pages concern this user."""
    return has_any(user, "sector.view")


def can_configure(user, district: Organisation) -> bool:
    return may(user, "configure", district)


def visible_reports(user) -> QuerySet[Report]:
    """Reports of the organisations the user may see (``sector.view``)."""
    return scope(Report.objects.all(), user, "sector.view", "organisation")


def editable_orgs(user, district_id: int | None) -> QuerySet[Organisation]:
    """Active organisations of the district whose reports the user may fill in (``sector.edit``)."""
    return scope(
        Organisation.objects.filter(district_id=district_id, is_active=True), user, "sector.edit", ""
    ).order_by("sort_order", "id")


def visible_orgs(user, district_id: int | None) -> QuerySet[Organisation]:
    """Organisations of the district whose reports the user may see (the lists' filters)."""
    return scope(Organisation.objects.filter(district_id=district_id), user, "sector.view", "").order_by(
        "sort_order", "id"
    )


def sees_whole_district(user, district_id: int | None) -> bool:
    return district_id in reach(user, "sector.view").districts
