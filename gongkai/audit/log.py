"""Writing to the audit trail. Actions call ``record``; nothing else writes AuditEvent rows."""

from __future__ import annotations

import contextvars
import datetime as dt
import decimal
from collections.abc import Iterable
from typing import Any

from django.db import models

from gongkai.audit.models import AuditEvent, AuditKind

# Set by AuditContextMiddleware for the length of a request, so actions need not pass the request.
current_ip: contextvars.ContextVar[str | None] = contextvars.ContextVar("gongkai_audit_ip", default=None)


def _plain(value: Any) -> Any:
    if isinstance(value, models.Model):
        return str(value)
    if isinstance(value, dt.datetime | dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, decimal.Decimal):
        return str(value)
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    if value is None or isinstance(value, str | int | float | bool):
        return value
    return str(value)


def snapshot(obj: models.Model, fields: Iterable[str]) -> dict[str, Any]:
    """The current values of ``fields`` on ``obj``, in a JSON-friendly form."""
    values = {}
    for name in fields:
        field = obj._meta.get_field(name)
        if field.is_relation and field.many_to_one:
            related = getattr(obj, name)
            values[name] = str(related) if related is not None else None
        else:
            values[name] = _plain(getattr(obj, name))
    return values


def diff(before: dict[str, Any], after: dict[str, Any]) -> dict[str, list[Any]]:
    """Fields whose value changed, as ``{field: [old, new]}``."""
    return {k: [before.get(k), after.get(k)] for k in after if before.get(k) != after.get(k)}


def _org_of(target: models.Model | None):
    from gongkai.orgs.models import Organisation

    if target is None:
        return None
    if isinstance(target, Organisation):
        return target
    return getattr(target, "organisation", None)


def record(
    action: str,
    *,
    actor=None,
    target: models.Model | None = None,
    organisation=None,
    changes: dict[str, list[Any]] | None = None,
    note: str = "",
    kind: str = AuditKind.CHANGE,
) -> AuditEvent:
    """Append one event. ``organisation`` defaults to the target's own organisation."""
    org = organisation if organisation is not None else _org_of(target)
    district_id = org.district_id if org is not None else getattr(actor, "district_id", None)
    return AuditEvent.objects.create(
        kind=kind,
        action=action,
        actor=actor if actor is not None and actor.is_authenticated else None,
        actor_name=(actor.display_name if actor is not None and actor.is_authenticated else "系统"),
        district_id=district_id,
        organisation=org,
        target_type=target._meta.label_lower if target is not None else "",
        target_id=str(target.pk) if target is not None else "",
        target_repr=str(target)[:200] if target is not None else "",
        changes=changes or {},
        note=note,
        ip=current_ip.get(),
    )
