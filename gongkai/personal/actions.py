"""Revealing personal data to a staff member: the one way a full value reaches a person."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from gongkai.accounts.permissions import require
from gongkai.audit.log import record
from gongkai.audit.models import AuditKind
from gongkai.orgs.models import Organisation
from gongkai.personal import retention
from gongkai.personal.access import encrypted_field, organisation_of
from gongkai.personal.deidentify import deidentify
from gongkai.personal.retention import RetentionRule

if TYPE_CHECKING:
    from gongkai.accounts.models import User

PERMISSION = "personal.reveal"
PURGE = "personal.purge"


@transaction.atomic
def reveal(user: User, obj: models.Model, field_name: str, *, purpose: str = "") -> str:
    """The full value of ``obj.<field_name>`` for ``user``, written to the audit trail.

    Allowed to roles holding ``personal.reveal`` in the organisation that owns ``obj`` (see
    ``access.organisation_of``); raises ``PermissionDenied`` otherwise, and for a record without an
    owning organisation. The audit event names the field and the purpose, never the value.
    """
    field = encrypted_field(obj, field_name)
    org = organisation_of(obj)
    require(user, PERMISSION, org)
    value = getattr(obj, field.attname)
    note = str(field.verbose_name)
    if purpose.strip():
        note = f"{note}：{purpose.strip()}"
    record(
        action=PERMISSION,
        kind=AuditKind.PERSONAL_VIEW,
        actor=user,
        target=obj,
        organisation=org,
        note=note,
    )
    return value.plaintext() if value is not None else ""


@dataclass
class Purged:
    """What one retention rule did (or, in a dry run, would do) to the records past its period."""

    rule: RetentionRule
    cutoff: dt.date
    records: int = 0
    fields: int = 0
    files: int = 0
    by_district: dict[int | None, list[str]] = field(default_factory=dict)


PURGED_MARKER = "已删除-%(pk)s"


def _uniquely_indexed(model: type[models.Model]) -> set[str]:
    """Encrypted fields whose blind index is part of a unique constraint of ``model``."""
    fields = set()
    for constraint in model._meta.constraints:
        for name in getattr(constraint, "fields", ()):
            f = model._meta.get_field(name)
            if getattr(f, "source", None):
                fields.add(f.source)
    return fields


def _blank(rule: RetentionRule, obj: models.Model) -> tuple[list[str], list]:
    """Empty ``obj``'s personal data in memory; returns the changed fields and the files to delete."""
    encrypted = rule.encrypted_fields()
    values: dict[str, list[str]] = {kind: [] for kind in ("name", "address", "phone", "email")}
    for f in encrypted:
        value = getattr(obj, f.attname)
        if value is not None and f.kind in values:
            values[f.kind].append(value.plaintext())
    changed: list[str] = []
    for name in rule.deidentify:
        text = getattr(obj, name) or ""
        cleaned = deidentify(
            text,
            names=values["name"],
            addresses=values["address"],
            phones=values["phone"],
            emails=values["email"],
        )
        if cleaned != text:
            setattr(obj, name, cleaned)
            changed.append(name)
    unique = _uniquely_indexed(type(obj))
    for f in encrypted:
        value = getattr(obj, f.attname)
        if value is not None and value.plaintext():
            # A blind index under a unique constraint (one entry per person and list) cannot be
            # empty twice: the value becomes a marker naming the record, not the person.
            setattr(obj, f.attname, PURGED_MARKER % {"pk": obj.pk} if f.name in unique else "")
            changed.append(f.name)
            if (index := f.index_field()) is not None:
                changed.append(index.name)
    for name in rule.blank:
        if getattr(obj, name):
            setattr(obj, name, "")
            changed.append(name)
    for name in rule.null:
        if getattr(obj, name) is not None:
            setattr(obj, name, None)
            changed.append(name)
    files = []
    for name in rule.files:
        stored = getattr(obj, name)
        if stored:
            files.append((stored.storage, stored.name))
            setattr(obj, name, "")
            changed.append(name)
    return changed, files


def purge_personal(*, today: dt.date | None = None, dry_run: bool = False) -> list[Purged]:
    """Remove the personal data of every record past its retention period (``retention.py``).

    Encrypted fields are emptied (their blind indexes with them), free text is de-identified with
    the record's own data, the rule's plain fields emptied and files deleted once the transaction
    commits; every field the statistics read stays, so figures and annual reports are unchanged.
    Each record is purged once (``PurgedRecord``); each district gets one audit event per kind of
    record, naming the records. A dry run counts and changes nothing.
    """
    from gongkai.personal.models import PurgedRecord

    today = today or timezone.localdate()
    results = []
    for rule in retention.rules():
        result = Purged(rule, retention.cutoff(rule, today))
        with transaction.atomic():
            for obj in retention.due(rule, today).select_for_update(of=("self",)).iterator(chunk_size=500):
                changed, files = _blank(rule, obj)
                org = organisation_of(obj)
                result.records += 1
                result.fields += len([name for name in changed if not name.endswith("_hash")])
                result.files += len(files)
                result.by_district.setdefault(org.district_id if org else None, []).append(str(obj))
                if dry_run:
                    continue
                if changed:
                    obj.save(update_fields=changed)
                PurgedRecord.objects.create(
                    kind=rule.kind,
                    model=obj._meta.label_lower,
                    object_id=obj.pk,
                    object_repr=str(obj)[:200],
                    closed_on=obj._closed_on,
                )
                for storage, name in files:
                    transaction.on_commit(lambda storage=storage, name=name: storage.delete(name))
            if not dry_run:
                for district_id, names in result.by_district.items():
                    record(
                        action=PURGE,
                        kind=AuditKind.SYSTEM,
                        organisation=Organisation.objects.filter(pk=district_id).first(),
                        note=_(
                            "%(label)s %(n)d 条（%(years)d 年保存期满，办结于 %(cutoff)s 之前）：%(names)s"
                        )
                        % {
                            "label": rule.label,
                            "n": len(names),
                            "years": rule.years(),
                            "cutoff": result.cutoff.isoformat(),
                            "names": "、".join(names[:200]) + ("……" if len(names) > 200 else ""),
                        },
                    )
        results.append(result)
    return results
