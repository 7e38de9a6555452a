"""Reads of the catalog that respect permissions. Every staff view and API handler uses these;
none re-implements the rules (those live in ``gongkai.accounts.permissions``)."""

from __future__ import annotations

from django.db.models import Q, QuerySet

from gongkai.accounts.permissions import org_filter, scope
from gongkai.catalog.models import Item, State, Version
from gongkai.orgs.models import Organisation

# --- visibility -------------------------------------------------------------------------------


def visible_versions(user) -> QuerySet[Version]:
    """Versions of items whose organisation the user may see (``item.view``)."""
    return scope(Version.objects.all(), user, "item.view", "item__organisation")


def visible_items(user) -> QuerySet[Item]:
    return scope(Item.objects.all(), user, "item.view", "organisation")


def editable_orgs(user) -> QuerySet[Organisation]:
    """Active organisations in which the user may write items (``item.edit``)."""
    return scope(Organisation.objects.filter(is_active=True), user, "item.edit", "").order_by(
        "sort_order", "id"
    )


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


def queue(user, name: str) -> QuerySet[Version]:
    """The versions of one work queue (a key of ``QUEUES``)."""
    return Version.objects.filter(QUEUES[name](user))
