"""Who may see and do what with annual reports: the one place staff views and the actions ask.

A report belongs to its organisation. A department's staff see and draft their own (and those of
the units below it); the disclosure office's coordinator and the auditor reach the whole district,
the coordinator drafts and approves the district's report. The roles are in
``gongkai.accounts.roles`` (``report.view``, ``report.edit``, ``report.approve``).
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet

from gongkai.accounts.permissions import has_any, has_perm, scope
from gongkai.orgs.models import Organisation
from gongkai.reports.models import Report
from gongkai.reports.workflow import TRANSITIONS

VERB_PERMISSIONS: dict[str, str] = {
    "view": "report.view",
    "create": "report.edit",
    "trace": "report.view",
    **{verb: transition.permission for verb, transition in TRANSITIONS.items()},
}


def may(user, verb: str, organisation: Organisation | None) -> bool:
    """May ``user`` apply ``verb`` to a report of ``organisation``? (Permission only, not state.)"""
    return has_perm(user, VERB_PERMISSIONS[verb], organisation)


def require(user, verb: str, organisation: Organisation | None) -> None:
    if not may(user, verb, organisation):
        raise PermissionDenied(f"{VERB_PERMISSIONS[verb]} refused")


def can_open(user) -> bool:
    return has_any(user, "report.view")


def visible_reports(user) -> QuerySet[Report]:
    return scope(Report.objects.all(), user, "report.view", "organisation")


def visible_orgs(user, district_id: int | None) -> QuerySet[Organisation]:
    """Organisations of the district whose reports the user may see (the list's filter)."""
    return scope(Organisation.objects.filter(district_id=district_id), user, "report.view", "").order_by(
        "sort_order", "id"
    )


def creatable_orgs(user, district_id: int | None) -> QuerySet[Organisation]:
    """Active organisations of the district for which the user may generate a report."""
    return scope(
        Organisation.objects.filter(district_id=district_id, is_active=True), user, "report.edit", ""
    ).order_by("sort_order", "id")


# --- the website's yearly form: the district's, under report.view / report.edit / report.approve ---

WEBSITE_VERB_PERMISSIONS: dict[str, str] = {"view": "report.view", "create": "report.edit"}


def may_website(user, verb: str, district: Organisation) -> bool:
    from gongkai.reports.workflow import WEBSITE_TRANSITIONS

    permission = WEBSITE_VERB_PERMISSIONS.get(verb) or WEBSITE_TRANSITIONS[verb].permission
    return has_perm(user, permission, district)


def require_website(user, verb: str, district: Organisation) -> None:
    if not may_website(user, verb, district):
        raise PermissionDenied(f"website form {verb} refused")


def visible_website_forms(user):
    """The forms of the districts the user sees as a whole (the office, the auditor)."""
    from gongkai.reports.models import WebsiteForm

    return scope(WebsiteForm.objects.all(), user, "report.view", "district")
