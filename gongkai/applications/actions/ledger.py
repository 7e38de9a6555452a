"""Importing an office's ledger (依申请公开台账): the applications it handled before it used the
platform, with their outcomes, so that the year's annual report counts them (table 三 and 四 are
computed from the applications, whichever way they came in)."""

from __future__ import annotations

import datetime as dt
import hashlib
import io
from typing import IO

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from gongkai.accounts.permissions import require
from gongkai.applications import ledger
from gongkai.applications.models import (
    ApplicantType,
    Application,
    ApplicationCounter,
    LedgerImport,
    ReviewCase,
    Status,
)
from gongkai.applications.outcomes import ApplicantCategory
from gongkai.audit.log import record
from gongkai.lib import querycode
from gongkai.orgs.models import Organisation

# What a row says of an application, compared when its ledger number was imported before.
COMPARED = {
    "received_on": "收到申请日期",
    "channel": "申请方式",
    "category": "申请人类别",
    "description": "申请内容",
    "outcome": "办理结果",
    "replied_on": "答复日期",
}


def _numbers(district: Organisation, year: int, count: int) -> list[str]:
    """``count`` application numbers of ``district`` and ``year``, reserved at once (the counter row
    is locked until the transaction ends, as ``counters.next_value`` does for one)."""
    counter, _created = ApplicationCounter.objects.get_or_create(district=district, year=year)
    counter = ApplicationCounter.objects.select_for_update().get(pk=counter.pk)
    first = counter.last + 1
    counter.last += count
    counter.save(update_fields=["last"])
    return [f"{district.code[2:8]}-{year}-{serial:05d}" for serial in range(first, first + count)]


def _differences(app: Application, values: dict) -> list[str]:
    """The columns in which a row differs from the application its ledger number imported before.
    An application imported while open and replied on the platform since is not a difference when
    the row still shows it open: the ledger stopped where the platform took over."""
    if not values.get("outcome") and app.status == Status.CLOSED and app.outcome:
        compared = {k: v for k, v in COMPARED.items() if k not in ("outcome", "replied_on")}
    else:
        compared = COMPARED
    return [
        label
        for attr, label in compared.items()
        if (getattr(app, attr) or None) != (values.get(attr) or None)
    ]


def _application(organisation: Organisation, batch: LedgerImport, row: ledger.Row, number: str) -> Application:
    v = row.values
    category = v["category"]
    name = v.get("name", "")
    replied = v.get("replied_on")
    return Application(
        district_id=organisation.district_id,
        organisation=organisation,
        number=number,
        query_code_hash=querycode.code_hash(querycode.new_code()),
        status=Status.CLOSED if replied else Status.PROCESSING,
        channel=v["channel"],
        submitted_at=timezone.make_aware(dt.datetime.combine(v["received_on"], dt.time.min)),
        received_on=v["received_on"],
        registered_by=batch.imported_by,
        applicant_type=ApplicantType.NATURAL if category == ApplicantCategory.NATURAL else ApplicantType.LEGAL,
        category=category,
        name=name,
        org_name="" if category == ApplicantCategory.NATURAL else name,
        phone="",
        description=v["description"],
        outcome=v.get("outcome", ""),
        replied_on=replied,
        reply_summary=v.get("note", ""),
        ledger_import=batch,
        ledger_number=v.get("ledger_number", ""),
    )


@transaction.atomic
def import_ledger(
    organisation: Organisation,
    upload: IO[bytes],
    *,
    actor,
    name: str = "",
    today: dt.date | None = None,
) -> ledger.ImportReport:
    """The ledger's applications into ``organisation``, all or nothing: if any row is wrong nothing
    is written and the report names each row, column and reason. A row whose ledger number was
    imported before with the same content is left as it is (此前已导入), so importing a ledger again
    adds only its new rows; the same file twice changes nothing.

    ``actor`` registers and handles applications in ``organisation`` (application.register and
    application.handle); None is a command run at the server (``manage.py import_applications``)."""
    if actor is not None:
        require(actor, "application.register", organisation)
        require(actor, "application.handle", organisation)
    if organisation.district_id is None or not organisation.is_active:
        raise ValidationError(_("只能为本区在用的机构导入台账。"))
    data = upload.read()
    report = ledger.read(io.BytesIO(data), today=today)
    if report.problems or report.bad_rows:
        return report
    sha = hashlib.sha256(data).hexdigest()
    earlier = LedgerImport.objects.filter(organisation=organisation, sha256=sha).first()
    if earlier is not None:
        # The very same file: every row is already there (even those without a ledger number).
        for row in report.rows:
            row.outcome = _("此前已导入（同一文件）")
        report.unchanged = len(report.rows)
        report.batch_id = earlier.pk
        return report

    numbered = [row.ledger_number for row in report.rows if row.ledger_number]
    existing = {
        app.ledger_number: app
        for app in Application.objects.filter(
            organisation=organisation, ledger_number__in=numbered
        ).select_related("ledger_import")
    }
    new_rows = []
    for row in report.rows:
        found = existing.get(row.ledger_number) if row.ledger_number else None
        if found is None:
            new_rows.append(row)
            continue
        differing = _differences(found, row.values)
        if differing:
            row.error(
                "台账编号",
                _("已于%(date)s导入（申请编号 %(number)s），但%(columns)s与当时不同；已导入的申请请在平台中办理或更正")
                % {
                    "date": timezone.localtime(
                        found.ledger_import.imported_at if found.ledger_import else found.submitted_at
                    ).date().isoformat(),
                    "number": found.number,
                    "columns": "、".join(differing),
                },
            )
        else:
            row.outcome = _("此前已导入")
            report.unchanged += 1
    if report.bad_rows:
        report.unchanged = 0
        return report

    batch = LedgerImport.objects.create(
        district_id=organisation.district_id,
        organisation=organisation,
        file_name=(name or "台账")[:200],
        sha256=sha,
        rows=len(report.rows),
        created=len(new_rows),
        unchanged=report.unchanged,
        imported_by=actor if actor is not None and actor.is_authenticated else None,
    )
    by_year: dict[int, list[ledger.Row]] = {}
    for row in new_rows:
        by_year.setdefault(row.values["received_on"].year, []).append(row)
    district = organisation.district
    applications: list[tuple[ledger.Row, Application]] = []
    for year, rows in sorted(by_year.items()):
        for row, number in zip(rows, _numbers(district, year, len(rows)), strict=True):
            applications.append((row, _application(organisation, batch, row, number)))
    Application.objects.bulk_create([app for _row, app in applications], batch_size=500)
    cases = [
        ReviewCase(
            application=app,
            kind=row.values["review_kind"],
            filed_on=row.values["review_filed_on"],
            result=row.values["review_result"],
        )
        for row, app in applications
        if row.values.get("review_kind")
    ]
    ReviewCase.objects.bulk_create(cases, batch_size=500)
    for row, app in applications:
        row.outcome = _("新增（申请编号 %(number)s）") % {"number": app.number}
        record(
            "application.import",
            actor=actor,
            target=app,
            organisation=organisation,
            changes={
                "status": [None, app.status],
                "received_on": [None, app.received_on.isoformat()],
                **({"outcome": [None, app.outcome]} if app.outcome else {}),
            },
            note=_("从依申请公开台账导入：%(file)s 第%(n)s行") % {"file": batch.file_name, "n": row.number},
        )
    report.created = len(applications)
    report.batch_id = batch.pk
    record(
        "application.ledger_import",
        actor=actor,
        target=batch,
        organisation=organisation,
        changes={"created": [0, report.created], "unchanged": [0, report.unchanged]},
        note=_("导入依申请公开台账 %(file)s：新增 %(created)s 件，此前已导入 %(unchanged)s 件")
        % {"file": batch.file_name, "created": report.created, "unchanged": report.unchanged},
    )
    return report


def ledger_organisation(code: str) -> Organisation:
    """The organisation named by its code (统一社会信用代码), its name or its short name, for the
    command; ValidationError if none or several."""
    code = code.strip()
    found = list(Organisation.objects.filter(code=code)[:2]) or list(
        Organisation.objects.filter(name=code)[:2]
    ) or list(Organisation.objects.filter(short_name=code)[:2])
    if not found:
        raise ValidationError(_("找不到机构“%(code)s”（请填统一社会信用代码或机构全称）。") % {"code": code})
    if len(found) > 1:
        raise ValidationError(_("有多个机构名为“%(code)s”，请用统一社会信用代码。") % {"code": code})
    return found[0]

