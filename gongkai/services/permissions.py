"""Who may see and do what with service items, guides and cases: the one place staff views and
the actions ask.

The rules about roles live in ``gongkai.accounts.roles`` (``service.view``, ``service.edit``,
``service.publish``, ``service.import``). A service item belongs to its implementing organisation
(实施机关), and so do its guides and its cases: a department's staff see and change their own (and
those of the units below it); the disclosure office's coordinator and the auditor reach the whole
district. A case source and its imports belong to the organisation that imports them (the service
centre, usually).
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet

from gongkai.accounts.permissions import has_any, has_perm, reach, scope
from gongkai.orgs.models import Organisation
from gongkai.services.models import CaseSource, ImportRun, ServiceCase, ServiceGuide, ServiceItem
from gongkai.services.workflow import TRANSITIONS

VERB_PERMISSIONS: dict[str, str] = {
    "view": "service.view",
    "create_item": "service.edit",
    "edit_item": "service.edit",
    "follow_up": "service.edit",
    "import": "service.import",
    "configure_source": "service.import",
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
    return has_any(user, "service.view")


def can_edit_somewhere(user) -> bool:
    return has_any(user, "service.edit")


def can_import_somewhere(user) -> bool:
    return has_any(user, "service.import")


def visible_items(user) -> QuerySet[ServiceItem]:
    return scope(ServiceItem.objects.all(), user, "service.view", "organisation")


def visible_guides(user) -> QuerySet[ServiceGuide]:
    return scope(ServiceGuide.objects.all(), user, "service.view", "item__organisation")


def visible_cases(user) -> QuerySet[ServiceCase]:
    return scope(ServiceCase.objects.all(), user, "service.view", "organisation")


def visible_sources(user) -> QuerySet[CaseSource]:
    return scope(CaseSource.objects.all(), user, "service.import", "organisation")


def visible_runs(user) -> QuerySet[ImportRun]:
    return scope(ImportRun.objects.all(), user, "service.import", "source__organisation")


def orgs_for(user, permission: str, district_id: int | None) -> QuerySet[Organisation]:
    """Active organisations of the district where the user holds ``permission``."""
    return scope(
        Organisation.objects.filter(district_id=district_id, is_active=True), user, permission, ""
    ).order_by("sort_order", "id")


def editable_orgs(user, district_id: int | None) -> QuerySet[Organisation]:
    return orgs_for(user, "service.edit", district_id)


def visible_orgs(user, district_id: int | None) -> QuerySet[Organisation]:
    return scope(Organisation.objects.filter(district_id=district_id), user, "service.view", "").order_by(
        "sort_order", "id"
    )


def visible_org_ids(user, district_id: int | None) -> frozenset[int] | None:
    """For figures: None when the user sees the whole district, else the organisations they see."""
    found = reach(user, "service.view")
    return None if district_id in found.districts else found.orgs
