"""The view count of a public item (浏览次数), counted by the item page's script (``catalog:hit``),
and its daily aggregate (``ViewDay``) for the participation analytics."""

from __future__ import annotations

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from gongkai.catalog.models import Item, ViewDay
from gongkai.catalog.public import public_items
from gongkai.orgs.models import Organisation


@transaction.atomic
def count_view(district: Organisation | None, item_id: int) -> bool:
    """One more view of a public item of ``district``; False when the district has no such public
    item. Anyone may count (the page is public), so there is no actor and no audit event: a
    counter, not a change anyone owns, and one audit row per page view would drown the trail.

    One UPDATE of the counter (no read first, no lost counts under concurrency), and no model
    save: the portal's page cache stays, since the count is fetched by the script, not drawn in
    the cached page. The day's row is added to the same way; the first view of a day inserts it
    (in a savepoint: when another request inserted it first, the UPDATE is tried again)."""
    visible = public_items(district).filter(pk=item_id)
    if not Item.objects.filter(pk__in=visible.values("pk")).update(view_count=F("view_count") + 1):
        return False
    day = timezone.localdate()
    same_day = ViewDay.objects.filter(item_id=item_id, day=day)
    if not same_day.update(views=F("views") + 1):
        try:
            with transaction.atomic():
                ViewDay.objects.create(item_id=item_id, day=day, views=1)
        except IntegrityError:
            same_day.update(views=F("views") + 1)
    return True
