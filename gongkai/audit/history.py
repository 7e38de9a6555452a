"""An object's history, and any audit event, in words a member of staff reads: the one history
builder of the platform (item pages, application and ticket detail pages, the audit trail).

Each app names its own action codes in ``<app>/audit_labels.py``::

    LABELS = {"item.create": _("创建"), "item.publish": _("发布"), …}
    DESCRIBE = {"item.create": describe_created}      # optional: event -> str, for special cases

The audit app finds them at first use, as Django's admin finds ``admin.py`` (the audit app is
below the apps whose codes it shows, and never imports them). A code no app names is shown as it
is, so a missing label is visible rather than hidden. Changes ``{field: [old, new]}`` are worded
generically from the target model: the field's verbose name, and a choice's label for its value
("状态：新收到 → 办理中").
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from django.apps import apps
from django.db import models
from django.utils.translation import gettext as _

from gongkai.audit.models import AuditEvent, AuditKind
from gongkai.lib.registry import app_modules

Describe = Callable[[AuditEvent], str]
EMPTY = "（空）"


@lru_cache(maxsize=1)
def _declared() -> tuple[dict[str, Any], dict[str, Describe]]:
    labels: dict[str, Any] = {}
    describers: dict[str, Describe] = {}
    for module in app_modules("audit_labels"):
        labels.update(getattr(module, "LABELS", {}))
        describers.update(getattr(module, "DESCRIBE", {}))
    return labels, describers


def labels() -> dict[str, Any]:
    """Every action code that some app names, with its label."""
    return dict(_declared()[0])


def action_label(code: str) -> str:
    label = _declared()[0].get(code)
    return str(label) if label is not None else code


def _model(target_type: str) -> type[models.Model] | None:
    try:
        return apps.get_model(target_type) if target_type else None
    except (LookupError, ValueError):
        return None


def _field(model: type[models.Model] | None, name: str) -> models.Field | None:
    if model is None:
        return None
    try:
        field = model._meta.get_field(name)
    except Exception:  # FieldDoesNotExist, or a reverse relation
        return None
    return field if isinstance(field, models.Field) else None


def _value(field: models.Field | None, value: Any) -> str:
    if value is None or value == "":
        return EMPTY
    if field is not None and field.choices:
        for key, label in field.flatchoices:
            if str(key) == str(value):
                return str(label)
    if isinstance(value, bool):
        return _("是") if value else _("否")
    if isinstance(value, list | tuple):
        return "、".join(_value(None, v) for v in value) or EMPTY
    return str(value)


def describe_changes(event: AuditEvent) -> str:
    """``{field: [old, new]}`` in words: "状态：新收到 → 办理中；延长天数：（空）→ 10"."""
    model = _model(event.target_type)
    parts = []
    for name, change in (event.changes or {}).items():
        field = _field(model, name)
        label = str(field.verbose_name) if field is not None else name
        if isinstance(change, list | tuple) and len(change) == 2:
            old, new = change
            parts.append(f"{label}：{_value(field, old)} → {_value(field, new)}")
        else:
            parts.append(f"{label}：{_value(field, change)}")
    return "；".join(parts)


def describe(event: AuditEvent) -> str:
    """The event's details: the app's own words for its code where it gives them, else the changes."""
    special = _declared()[1].get(event.action)
    return special(event) if special is not None else describe_changes(event)


@dataclass(frozen=True)
class Entry:
    at: Any
    who: str
    what: str
    detail: str
    note: str
    personal: bool  # a look at personal data, not a change
    action: str


def entry(event: AuditEvent) -> Entry:
    return Entry(
        at=event.at,
        who=event.actor_name or _("系统"),
        what=action_label(event.action),
        detail=describe(event),
        note=event.note,
        personal=event.kind == AuditKind.PERSONAL_VIEW,
        action=event.action,
    )


def history(target: models.Model, *, newest_first: bool = True, limit: int = 200) -> list[Entry]:
    """What happened to ``target``, in words, newest first unless asked otherwise."""
    order = ("-at", "-id") if newest_first else ("at", "id")
    events = AuditEvent.objects.filter(target_type=target._meta.label_lower, target_id=str(target.pk))
    return [entry(e) for e in events.order_by(*order)[:limit]]
