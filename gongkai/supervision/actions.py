"""Every state change of supervision, one function per verb.

- ``run_checks``: run the timeliness checks of a district on a day: open a finding for what is
  newly found, keep what is still found (its ``since`` kept), close what is no longer found (the
  day kept). Idempotent: a second run on the same day changes nothing. The daily job, the
  command and the office's button all call it;
- ``save_settings``: the office's thresholds and scorecard weights.

Each checks permission itself (a run without an actor is the platform's own job), runs in one
transaction and writes its audit event.
"""

from __future__ import annotations

import datetime as dt
import logging

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from gongkai.accounts.permissions import require
from gongkai.audit.log import diff, record, snapshot
from gongkai.orgs.models import Organisation
from gongkai.supervision import checks
from gongkai.supervision.models import (
    THRESHOLD_FIELDS,
    WEIGHT_FIELDS,
    Finding,
    SupervisionSettings,
    settings_of,
)

logger = logging.getLogger(__name__)


def _unit_id(unit) -> int:
    return unit if isinstance(unit, int) else unit.pk


@transaction.atomic
def run_checks(district: Organisation, *, actor=None, today: dt.date | None = None) -> dict:
    """Run every available rule over ``district`` as of ``today``; returns the counts."""
    if actor is not None:
        require(actor, "supervision.manage", district)
    if not district.is_district:
        raise ValidationError(_("只能对区（县）运行督查检查。"))
    today = today or timezone.localdate()
    ctx = checks.Context(district, today, settings_of(district))
    open_now = {
        (f.rule, f.object_type, f.object_id): f
        for f in Finding.objects.select_for_update().filter(district=district, closed_on__isnull=True)
    }
    seen: set[tuple[str, str, str]] = set()
    opened = kept = 0
    skipped = []
    for rule in checks.RULES.values():
        if not rule.available:
            skipped.append(rule.code)
            continue
        for found in rule.func(ctx):
            key = (rule.code, found.object_type, found.object_id)
            if key in seen:
                continue
            seen.add(key)
            existing = open_now.get(key)
            if existing is not None:
                existing.unit_id = _unit_id(found.unit)
                existing.object_label = found.object_label[:300]
                existing.detail = found.detail[:500]
                existing.fix = found.fix
                existing.url = found.url[:300]
                existing.checked_on = today
                existing.save(update_fields=["unit", "object_label", "detail", "fix", "url", "checked_on"])
                kept += 1
                continue
            Finding.objects.create(
                district=district,
                rule=rule.code,
                unit_id=_unit_id(found.unit),
                object_type=found.object_type,
                object_id=found.object_id,
                object_label=found.object_label[:300],
                url=found.url[:300],
                detail=found.detail[:500],
                fix=found.fix,
                since=min(found.since, today),
                found_on=today,
                checked_on=today,
            )
            opened += 1
    # a rule not run today (its app removed) neither confirms nor closes its findings
    closing = [f.pk for key, f in open_now.items() if key not in seen and key[0] not in skipped]
    closed = Finding.objects.filter(pk__in=closing).update(closed_on=today, checked_on=today)
    summary = {"opened": opened, "kept": kept, "closed": closed, "open": opened + kept, "skipped": skipped}
    record(
        "supervision.run_checks",
        actor=actor,
        organisation=district,
        note=_("新发现%(opened)s个问题，仍未整改%(kept)s个，已整改关闭%(closed)s个")
        % {"opened": opened, "kept": kept, "closed": closed},
    )
    logger.info("supervision checks of %s on %s: %s", district.pk, today, summary)
    return summary


@transaction.atomic
def save_settings(district: Organisation, data: dict, *, actor) -> SupervisionSettings:
    """Save the district's thresholds and weights (``data``: field → value, already parsed)."""
    require(actor, "supervision.manage", district)
    current = settings_of(district)
    fields = THRESHOLD_FIELDS + WEIGHT_FIELDS
    before = snapshot(current, fields)  # the defaults, until saved once
    for name in fields:
        if name in data:
            setattr(current, name, data[name])
    current.full_clean(exclude=["district"])
    weights = [getattr(current, name) for name in WEIGHT_FIELDS if name.startswith("weight_")]
    if sum(weights) == 0:
        raise ValidationError(_("各项指标权重之和须大于0。"))
    current.save()
    record(
        "supervision.save_settings",
        actor=actor,
        target=current,
        organisation=district,
        changes=diff(before, snapshot(current, fields)),
    )
    return current
