"""Who may see and do what in the catalog: the one place staff views, API handlers and the actions
ask. The rules about roles live in ``gongkai.accounts.roles``; this module names the catalog's
questions (which permission a verb needs, which queues concern a user) and the reads that respect
them.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q, QuerySet

from gongkai.accounts.permissions import has_any, has_perm, org_filter, reach, scope
from gongkai.catalog.models import Item, State, Version
from gongkai.catalog.workflow import PENDING_STATES, TRANSITIONS
from gongkai.orgs.models import Organisation

# --- what a user may do -----------------------------------------------------------------------

# The permission each verb of the catalog needs; the workflow's verbs take theirs from
# ``workflow.TRANSITIONS``. Actions check these, and pages ask the same table what to offer.
VERB_PERMISSIONS: dict[str, str] = {
    "view": "item.view",
    "create": "item.edit",
    "correct": "item.edit",
    "attach": "item.edit",
    "detach": "item.edit",
    "withdraw": "item.withdraw",
    "import": "catalog.import",
    **{verb: transition.permission for verb, transition in TRANSITIONS.items()},
}


def may(user, verb: str, organisation: Organisation | None) -> bool:
    """May ``user`` apply ``verb`` to a record of ``organisation``? (Permission only, not state.)"""
    return has_perm(user, VERB_PERMISSIONS[verb], organisation)


def require(user, verb: str, organisation: Organisation | None) -> None:
    """Raise PermissionDenied unless ``may``; every action calls this before it changes anything."""
    if not may(user, verb, organisation):
        raise PermissionDenied(f"{VERB_PERMISSIONS[verb]} refused")


def can_act(user, verb: str, version: Version) -> bool:
    """May ``user`` apply the workflow verb to ``version`` now: the state allows it, and the user may."""
    return version.state in TRANSITIONS[verb].sources and may(user, verb, version.item.organisation)


def can_open_catalog(user) -> bool:
    """The workbench's catalog pages (dashboard, item list, to-dos) concern this user."""
    return has_any(user, "item.view")


def can_create_items(user) -> bool:
    """The user may write items for some organisation (the "new item" page and its buttons)."""
    return has_any(user, "item.edit")


# --- visibility -------------------------------------------------------------------------------


def visible_versions(user) -> QuerySet[Version]:
    """Versions of items whose organisation the user may see (``item.view``)."""
    return scope(Version.objects.all(), user, "item.view", "item__organisation")


def visible_items(user) -> QuerySet[Item]:
    return scope(Item.objects.all(), user, "item.view", "organisation")


def visible_orgs(user, district_id: int | None) -> QuerySet[Organisation]:
    """Organisations of the district whose items the user may see (the item list's filter)."""
    return scope(Organisation.objects.filter(district_id=district_id), user, "item.view", "").order_by(
        "sort_order", "id"
    )


def editable_orgs(user) -> QuerySet[Organisation]:
    """Active organisations in which the user may write items (``item.edit``)."""
    return scope(Organisation.objects.filter(is_active=True), user, "item.edit", "").order_by(
        "sort_order", "id"
    )


def visible_org_ids(user, district_id: int | None) -> frozenset[int] | None:
    """The organisations of ``district_id`` whose items the user sees, for figures: None when the
    user sees the whole district (a district-wide role), else the organisations of their roles and
    those below them."""
    found = reach(user, "item.view")
    return None if district_id in found.districts else found.orgs


# --- work queues ------------------------------------------------------------------------------
# Each returns a Q over Version, so that several queues can be counted in one aggregate query.


def my_drafts_q(user) -> Q:
    """Drafts I wrote, or drafts of organisations where I am an editor."""
    return (
        Q(state=State.DRAFT)
        & (Q(author=user) | org_filter(user, "item.edit", "item__organisation"))
        & org_filter(user, "item.view", "item__organisation")
    )


def rejected_drafts_q(user) -> Q:
    """My drafts that a reviewer or leader sent back with a reason."""
    return my_drafts_q(user) & ~Q(last_rejection="")


def awaiting_review_q(user) -> Q:
    """Submitted versions in organisations where I hold the confidentiality review."""
    return Q(state=State.SUBMITTED) & org_filter(user, "item.review", "item__organisation")


def awaiting_approval_q(user) -> Q:
    """Reviewed versions in organisations where I approve publication."""
    return Q(state=State.REVIEWED) & org_filter(user, "item.approve", "item__organisation")


def scheduled_q(user) -> Q:
    return Q(state=State.SCHEDULED) & org_filter(user, "item.view", "item__organisation")


QUEUES = {
    "drafts": my_drafts_q,
    "rejected": rejected_drafts_q,
    "review": awaiting_review_q,
    "approve": awaiting_approval_q,
    "scheduled": scheduled_q,
}

# The permission that makes a queue worth showing to a user at all.
QUEUE_PERMISSIONS = {
    "drafts": "item.edit",
    "rejected": "item.edit",
    "review": "item.review",
    "approve": "item.approve",
    "scheduled": "item.view",
}


def relevant_queues(user) -> list[str]:
    """The queues that concern ``user`` (an editor has no review queue), in ``QUEUES`` order."""
    return [name for name in QUEUES if has_any(user, QUEUE_PERMISSIONS[name])]


def queue(user, name: str) -> QuerySet[Version]:
    """The versions of one work queue (a key of ``QUEUES``)."""
    return Version.objects.filter(QUEUES[name](user))


def queue_counts(user, names) -> dict[str, int]:
    """Sizes of several work queues in one query."""
    return Version.objects.filter(state__in=PENDING_STATES).aggregate(
        **{name: Count("pk", filter=QUEUES[name](user)) for name in names}
    )
