"""Who may see and do what with procurement projects: the one place staff views and the actions ask.

The rules about roles live in ``gongkai.accounts.roles`` (``procurement.view``, ``procurement.edit``,
``procurement.publish``). A project belongs to its purchasing unit (采购单位): a department's staff
see and change the projects of their own organisation and of the units below it; the disclosure
office's coordinator and the auditor reach the whole district. Drafting a notice also needs the
catalog's ``item.edit`` for the purchasing unit (the catalog's own rule, checked by its action).
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet

from gongkai.accounts.permissions import has_any, has_perm, org_filter, reach, scope
from gongkai.orgs.models import Organisation
from gongkai.procurement.models import Project
from gongkai.procurement.workflow import TRANSITIONS

# The permission each verb needs; the project's verbs take theirs from ``workflow.TRANSITIONS``.
VERB_PERMISSIONS: dict[str, str] = {
    "view": "procurement.view",
    "record": "procurement.edit",
    "import": "procurement.edit",
    "export": "procurement.view",
    **{verb: transition.permission for verb, transition in TRANSITIONS.items()},
}


def may(user, verb: str, organisation: Organisation | None) -> bool:
    """May ``user`` apply ``verb`` to a project of ``organisation``? (Permission only, not state.)"""
    return has_perm(user, VERB_PERMISSIONS[verb], organisation)


def require(user, verb: str, organisation: Organisation | None) -> None:
    """Raise PermissionDenied unless ``may``; every action calls this before it changes anything."""
    if not may(user, verb, organisation):
        raise PermissionDenied(f"{VERB_PERMISSIONS[verb]} refused")


def can_open(user) -> bool:
    """The workbench's procurement pages concern this user."""
    return has_any(user, "procurement.view")


def can_edit_somewhere(user) -> bool:
    return has_any(user, "procurement.edit")


def visible_projects(user) -> QuerySet[Project]:
    """Projects whose purchasing unit the user may see (``procurement.view``), drafts included."""
    return Project.objects.filter(org_filter(user, "procurement.view"))


def editable_orgs(user, district_id: int | None) -> QuerySet[Organisation]:
    """Active organisations of the district whose projects the user may enter (``procurement.edit``)."""
    return scope(
        Organisation.objects.filter(district_id=district_id, is_active=True), user, "procurement.edit", ""
    ).order_by("sort_order", "id")


def visible_orgs(user, district_id: int | None) -> QuerySet[Organisation]:
    """Organisations of the district whose projects the user may see (the list's filter)."""
    return scope(Organisation.objects.filter(district_id=district_id), user, "procurement.view", "").order_by(
        "sort_order", "id"
    )


def visible_org_ids(user, district_id: int | None) -> frozenset[int] | None:
    """For figures: None when the user sees the whole district, else the organisations they see."""
    found = reach(user, "procurement.view")
    return None if district_id in found.districts else found.orgs
