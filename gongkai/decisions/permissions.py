"""Who may see and do what with the 双公示 registry: the one place staff views and the actions ask.

The rules about roles live in ``gongkai.accounts.roles`` (``decision.view``, ``decision.edit``,
``decision.publish``). A decision belongs to the organisation that made it (许可机关 / 处罚机关): a
department's staff see and change their own decisions and those of the units below it; the
disclosure office's coordinator and the auditor reach the whole district. The district's rules
(公示时限, 公示期限) are the office's: ``decision.edit`` on the district itself.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet

from gongkai.accounts.permissions import has_any, has_perm, reach, scope
from gongkai.decisions.models import Batch, Decision
from gongkai.decisions.workflow import TRANSITIONS
from gongkai.orgs.models import Organisation

VERB_PERMISSIONS: dict[str, str] = {
    "view": "decision.view",
    "record": "decision.edit",
    "import": "decision.edit",
    "export": "decision.view",
    "rules": "decision.edit",
    **{verb: t.permission for verb, t in TRANSITIONS.items() if t.permission},
}


def may(user, verb: str, organisation: Organisation | None) -> bool:
    """May ``user`` apply ``verb`` to a decision of ``organisation``? (Permission only, not state.)"""
    return has_perm(user, VERB_PERMISSIONS[verb], organisation)


def require(user, verb: str, organisation: Organisation | None) -> None:
    """Raise PermissionDenied unless ``may``; every action calls this before it changes anything."""
    if not may(user, verb, organisation):
        raise PermissionDenied(f"{VERB_PERMISSIONS[verb]} refused")


def can_open(user) -> bool:
    return has_any(user, "decision.view")


def can_edit_somewhere(user) -> bool:
    return has_any(user, "decision.edit")


def visible_decisions(user) -> QuerySet[Decision]:
    """Decisions of the organisations the user may see (``decision.view``), every state."""
    return scope(Decision.objects.all(), user, "decision.view", "organisation")


def visible_batches(user) -> QuerySet[Batch]:
    return scope(Batch.objects.all(), user, "decision.view", "organisation")


def editable_orgs(user, district_id: int | None) -> QuerySet[Organisation]:
    """Active organisations of the district whose decisions the user may record."""
    return scope(
        Organisation.objects.filter(district_id=district_id, is_active=True), user, "decision.edit", ""
    ).order_by("sort_order", "id")


def publishing_orgs(user, district_id: int | None) -> QuerySet[Organisation]:
    return scope(
        Organisation.objects.filter(district_id=district_id, is_active=True), user, "decision.publish", ""
    ).order_by("sort_order", "id")


def visible_orgs(user, district_id: int | None) -> QuerySet[Organisation]:
    return scope(Organisation.objects.filter(district_id=district_id), user, "decision.view", "").order_by(
        "sort_order", "id"
    )


def sees_whole_district(user, district_id: int | None) -> bool:
    return district_id in reach(user, "decision.view").districts
