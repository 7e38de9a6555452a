"""The view count of a public item (浏览次数), counted by the item page's script (``catalog:hit``)."""

from __future__ import annotations

from django.db import transaction
from django.db.models import F

from gongkai.catalog.models import Item
from gongkai.catalog.public import public_items
from gongkai.orgs.models import Organisation


@transaction.atomic
def count_view(district: Organisation | None, item_id: int) -> bool:
    """One more view of a public item of ``district``; False when the district has no such public
    item. Anyone may count (the page is public), so there is no actor and no audit event: a
    counter, not a change anyone owns, and one audit row per page view would drown the trail.

    One UPDATE of the counter (no read first, no lost counts under concurrency), and no model
    save: the portal's page cache stays, since the count is fetched by the script, not drawn in
    the cached page."""
    visible = public_items(district).filter(pk=item_id)
    return bool(Item.objects.filter(pk__in=visible.values("pk")).update(view_count=F("view_count") + 1))
