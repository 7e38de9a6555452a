"""State changes of the duty roster (接听安排): one shift at a time, or a month from a spreadsheet.

Each checks ``hotline.configure`` for the district, runs in one transaction and is audited. Reading
and checking the spreadsheet is ``hotline.roster.parse``; only a file without errors is written.
"""

from __future__ import annotations

from typing import IO

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from gongkai.audit.log import diff, record, snapshot
from gongkai.hotline import roster
from gongkai.hotline.actions.settings import require_configure
from gongkai.hotline.models import DutyShift
from gongkai.orgs.models import Organisation

SHIFT_FIELDS = [
    "date",
    "shift",
    "person_name",
    "position",
    "organisation",
    "is_district_leader",
    "is_published",
]


@transaction.atomic
def save_shift(shift: DutyShift, *, actor, district: Organisation) -> DutyShift:
    """Add or change one shift (the form has set its fields)."""
    require_configure(actor, district)
    if shift.pk and not DutyShift.objects.filter(pk=shift.pk, district=district).exists():
        raise PermissionDenied("hotline.configure refused")
    if shift.organisation_id and shift.organisation.district_id != district.pk:
        raise ValidationError({"organisation": _("单位必须属于本区。")})
    error = roster.overlap_error(district.pk, shift.date, shift.shift, shift.pk)
    if error:
        raise ValidationError({"shift": error})
    before = snapshot(DutyShift.objects.get(pk=shift.pk), SHIFT_FIELDS) if shift.pk else {}
    created = shift.pk is None
    shift.district = district
    shift.full_clean()
    shift.save()
    record(
        "hotline.duty.add" if created else "hotline.duty.edit",
        actor=actor,
        target=shift,
        organisation=district,
        changes=diff(before, snapshot(shift, SHIFT_FIELDS)),
    )
    return shift


@transaction.atomic
def delete_shift(shift: DutyShift, *, actor) -> None:
    """Remove a shift that took no calls (one that did stays, for the record: unpublish it instead)."""
    district = Organisation.objects.get(pk=shift.district_id)
    require_configure(actor, district)
    calls = shift.tickets.count()
    if calls:
        raise ValidationError(
            _("该班次已接听%(n)s个来电，不能删除；如不再公布，可取消“已公布”。") % {"n": calls}
        )
    record(
        "hotline.duty.delete",
        actor=actor,
        target=shift,
        organisation=district,
        changes={k: [v, None] for k, v in snapshot(shift, SHIFT_FIELDS).items()},
    )
    shift.delete()


@transaction.atomic
def import_roster(
    upload: IO[bytes], *, district: Organisation, actor, publish: bool = True, name: str = ""
) -> roster.ImportReport:
    """Check the whole file (``roster.parse``), then write it in one transaction, or write nothing."""
    require_configure(actor, district)
    report = roster.parse(upload, district)
    if not report.ok:
        return report
    for row in report.rows:
        values = {
            "person_name": row.person_name,
            "position": row.position,
            "organisation": row.organisation,
            "is_district_leader": row.is_district_leader,
            "is_published": publish,
        }
        _shift, created = DutyShift.objects.update_or_create(
            district=district, date=row.date, shift=row.shift, defaults=values
        )
        if created:
            report.created += 1
        else:
            report.updated += 1
    record(
        "hotline.duty.import",
        actor=actor,
        organisation=district,
        changes={"created": [0, report.created], "updated": [0, report.updated]},
        note=name,
    )
    return report
