"""Who may see and do what with budgets, final accounts and fees: the one place staff views and
the actions ask.

The rules about roles live in ``gongkai.accounts.roles`` (``finance.view``, ``finance.edit``,
``finance.publish``). A disclosure belongs to the organisation that publishes it (the budget unit;
for the district's own, the finance bureau): a department's editor keeps those of the units below
it; the disclosure office's coordinator and the auditor reach the whole district. A fee item
belongs to its collecting organisation (执收单位). The completeness board is the district's: every
one who reads finance figures anywhere in the district sees it whole (it is public in summary).
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet

from gongkai.accounts.permissions import has_any, has_perm, org_filter, reach, scope
from gongkai.finance.models import Disclosure, FeeItem
from gongkai.finance.workflow import TRANSITIONS
from gongkai.orgs.models import Organisation

VERB_PERMISSIONS: dict[str, str] = {
    "view": "finance.view",
    "create": "finance.edit",
    "export": "finance.view",
    "fee_edit": "finance.edit",
    "settings": "finance.edit",
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
    return has_any(user, "finance.view")


def can_edit_somewhere(user) -> bool:
    return has_any(user, "finance.edit")


def sees_whole_district(user, district_id: int | None) -> bool:
    return district_id in reach(user, "finance.view").districts


def visible_disclosures(user) -> QuerySet[Disclosure]:
    """Disclosures whose publishing organisation the user may see, drafts included."""
    return Disclosure.objects.filter(org_filter(user, "finance.view"))


def visible_fee_items(user) -> QuerySet[FeeItem]:
    return FeeItem.objects.filter(org_filter(user, "finance.view"))


def editable_orgs(user, district_id: int | None) -> QuerySet[Organisation]:
    """Active organisations of the district whose disclosures or fees the user may enter."""
    return scope(
        Organisation.objects.filter(district_id=district_id, is_active=True), user, "finance.edit", ""
    ).order_by("sort_order", "id")


def visible_orgs(user, district_id: int | None) -> QuerySet[Organisation]:
    return scope(Organisation.objects.filter(district_id=district_id), user, "finance.view", "").order_by(
        "sort_order", "id"
    )
