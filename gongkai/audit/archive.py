"""The audit trail written out for archiving: JSON Lines or CSV, one event a line, oldest first.

Each row carries every column of the event (the actor and organisations by id and by name, the
changes as JSON), so that the archive stands on its own after the database has moved on. The
writer streams from the database in chunks, and the file's SHA-256 is returned so the archive can be
checked later (``sha256sum``).
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import json
from pathlib import Path

from gongkai.audit.models import AuditEvent

FORMATS = ("jsonl", "csv")
COLUMNS = [
    "id",
    "at",
    "kind",
    "action",
    "actor_id",
    "actor_name",
    "district_id",
    "district",
    "organisation_id",
    "organisation",
    "target_type",
    "target_id",
    "target_repr",
    "changes",
    "note",
    "ip",
]


def events(since: dt.datetime | None = None, until: dt.datetime | None = None):
    """Events with ``since <= at < until``, oldest first."""
    queryset = AuditEvent.objects.select_related("district", "organisation").order_by("at", "id")
    if since is not None:
        queryset = queryset.filter(at__gte=since)
    if until is not None:
        queryset = queryset.filter(at__lt=until)
    return queryset


def row(event: AuditEvent) -> dict:
    return {
        "id": event.pk,
        "at": event.at.isoformat(),
        "kind": event.kind,
        "action": event.action,
        "actor_id": event.actor_id,
        "actor_name": event.actor_name,
        "district_id": event.district_id,
        "district": event.district.name if event.district_id else "",
        "organisation_id": event.organisation_id,
        "organisation": event.organisation.name if event.organisation_id else "",
        "target_type": event.target_type,
        "target_id": event.target_id,
        "target_repr": event.target_repr,
        "changes": event.changes,
        "note": event.note,
        "ip": event.ip or "",
    }


def export(path: Path, *, fmt: str, since=None, until=None) -> tuple[int, str]:
    """Write the events to ``path``; returns (number of events, SHA-256 of the file)."""
    if fmt not in FORMATS:
        raise ValueError(fmt)
    count = 0
    with path.open("w", encoding="utf-8", newline="") as out:
        if fmt == "csv":
            writer = csv.DictWriter(out, fieldnames=COLUMNS)
            writer.writeheader()
        for event in events(since, until).iterator(chunk_size=2000):
            values = row(event)
            if fmt == "csv":
                values["changes"] = json.dumps(values["changes"], ensure_ascii=False, sort_keys=True)
                writer.writerow({k: "" if v is None else v for k, v in values.items()})
            else:
                out.write(json.dumps(values, ensure_ascii=False, sort_keys=True) + "\n")
            count += 1
    return count, sha256_of(path)


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()
