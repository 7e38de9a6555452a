"""Who may see and do what with the power list: the one place staff views and the actions ask.

The rules about roles live in ``gongkai.accounts.roles`` (``power.view``, ``power.edit``,
``power.publish``). A change belongs to its implementing organisation (实施主体): a department's
editor records and sees the changes of its own powers (and those of the units below it); the
disclosure office's coordinator and the auditor reach the whole district. A source document
belongs to the organisation that issued it; its number and title are seen by everyone who keeps
powers in its district (they record their own changes under it), its changes only as above.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet

from gongkai.accounts.permissions import has_any, has_perm, reach, scope
from gongkai.orgs.models import Organisation
from gongkai.powers.models import Power, PowerChange, SourceDocument
from gongkai.powers.workflow import TRANSITIONS

# The permission each verb needs; the document's verbs take theirs from ``workflow.TRANSITIONS``.
VERB_PERMISSIONS: dict[str, str] = {
    "view": "power.view",
    "create_document": "power.edit",
    "export": "power.view",
    **{verb: transition.permission for verb, transition in TRANSITIONS.items()},
}


def may(user, verb: str, organisation: Organisation | None) -> bool:
    """May ``user`` apply ``verb`` to a record of ``organisation``? (Permission only, not state.)"""
    return has_perm(user, VERB_PERMISSIONS[verb], organisation)


def require(user, verb: str, organisation: Organisation | None) -> None:
    """Raise PermissionDenied unless ``may``; every action calls this before it changes anything."""
    if not may(user, verb, organisation):
        raise PermissionDenied(f"{VERB_PERMISSIONS[verb]} refused")


def can_open(user) -> bool:
    """The workbench's power-list pages concern this user."""
    return has_any(user, "power.view")


def can_edit_somewhere(user) -> bool:
    return has_any(user, "power.edit")


def visible_changes(user) -> QuerySet[PowerChange]:
    """Changes whose implementing organisation the user may see (``power.view``), drafts included."""
    return scope(PowerChange.objects.all(), user, "power.view", "organisation")


def visible_powers(user) -> QuerySet[Power]:
    """Powers with at least one change the user may see."""
    return Power.objects.filter(pk__in=visible_changes(user).values("power_id"))


def _districts(user, permission: str) -> QuerySet | frozenset[int]:
    found = reach(user, permission)
    if not found:
        return frozenset()
    return Organisation.objects.filter(Q(pk__in=found.districts) | Q(pk__in=found.orgs)).values("district_id")


def visible_documents(user) -> QuerySet[SourceDocument]:
    """Source documents of the districts in which the user keeps or reads powers."""
    districts = _districts(user, "power.view")
    if not districts:
        return SourceDocument.objects.none()
    return SourceDocument.objects.filter(district_id__in=districts)


def editable_orgs(user, district_id: int | None) -> QuerySet[Organisation]:
    """Active organisations of the district whose powers the user may record (``power.edit``)."""
    return scope(
        Organisation.objects.filter(district_id=district_id, is_active=True), user, "power.edit", ""
    ).order_by("sort_order", "id")


def visible_orgs(user, district_id: int | None) -> QuerySet[Organisation]:
    """Organisations of the district whose powers the user may see (the list's filter)."""
    return scope(Organisation.objects.filter(district_id=district_id), user, "power.view", "").order_by(
        "sort_order", "id"
    )


def visible_org_ids(user, district_id: int | None) -> frozenset[int] | None:
    """For figures: None when the user sees the whole district, else the organisations they see."""
    found = reach(user, "power.view")
    return None if district_id in found.districts else found.orgs
