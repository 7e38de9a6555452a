"""Bulk import of legacy items (site consolidation, data migration): the write, all or nothing.
Reading and checking the sheet is ``catalog/importer.py``; this takes the rows it validated."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from django.db import transaction

from gongkai.audit.log import record
from gongkai.catalog import permissions, search
from gongkai.catalog.importer import INDEX_RE
from gongkai.catalog.models import DisclosureMode, DocKind, IndexCounter, Item, State, Version
from gongkai.catalog.sanitize import clean_html
from gongkai.orgs.models import Organisation


@transaction.atomic
def import_items(
    records: list[dict],
    district: Organisation,
    *,
    actor=None,
    source: str = "",
    progress: Callable | None = None,
) -> list[Item]:
    """Create published items with their historical dates from ``importer.validate``'s records;
    all or nothing, one audit event for the batch.

    ``actor`` needs ``catalog.import`` for the district; None is the ``import_items`` command,
    run at the server by whoever administers it. Index numbers given in the sheet are kept, and
    each organisation's counter is moved past the highest one, so new items never take them.
    """
    if actor is not None:
        permissions.require(actor, "import", district)
    counters: dict[tuple[int, int], int] = {}
    items = []
    for rec in records:
        org: Organisation = rec["organisation"]
        published: dt.datetime = rec["published_at"]
        index_no = rec.get("index_no")
        if index_no:
            m = INDEX_RE.match(index_no)
            if m and m["code"] == org.code:
                key = (org.pk, int(m["year"]))
                counters[key] = max(counters.get(key, 0), int(m["serial"]))
        else:
            year = (rec.get("written_date") or published).year
            key = (org.pk, year)
            if key not in counters:
                counters[key] = (
                    IndexCounter.objects.filter(organisation=org, year=year)
                    .values_list("last", flat=True)
                    .first()
                    or 0
                )
            counters[key] += 1
            index_no = f"{org.code}/{year}-{counters[key]:05d}"
        item = Item.objects.create(
            district=district,
            organisation=org,
            index_no=index_no,
            first_published_at=published,
            created_at=published,
            created_by=actor,
        )
        version = Version.objects.create(
            item=item,
            number=1,
            state=State.PUBLISHED,
            column=rec["column"],
            topic=rec.get("topic"),
            title=rec["title"],
            doc_number=rec.get("doc_number", ""),
            doc_kind=rec.get("doc_kind", DocKind.INFORMATION),
            written_date=rec.get("written_date"),
            validity=rec.get("validity", ""),
            effective_date=rec.get("effective_date"),
            repealed_date=rec.get("repealed_date"),
            disclosure_mode=rec.get("disclosure_mode", DisclosureMode.PROACTIVE),
            keywords=rec.get("keywords", ""),
            summary=rec.get("summary", ""),
            body=clean_html(rec.get("body", "")),
            published_at=published,
            created_at=published,
            author=actor,
        )
        item.live = version
        item.save(update_fields=["live"])
        search.index_item(item)
        items.append(item)
        if progress:
            progress()
    for (org_id, year), last in counters.items():
        counter, _ = IndexCounter.objects.get_or_create(organisation_id=org_id, year=year)
        if counter.last < last:
            counter.last = last
            counter.save(update_fields=["last"])
    record(
        "item.import",
        actor=actor,
        organisation=district,
        note=f"导入 {len(items)} 条：{source}",
        changes={"count": [0, len(items)]},
    )
    return items
