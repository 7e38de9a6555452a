"""Service cases: their sources and column mappings, imports of the provincial platform's exports,
and the follow-up of a 差评.

An import is two steps. ``start_import`` (a staff page, or the command) records an ``ImportRun``
with the uploaded file and puts ``tasks.import_cases`` on the queue once its transaction commits;
``run_import`` (the task, or the command directly) reads the file row by row (``caseimport``) and
writes it in batches, each in its own transaction, moving the run's progress on after each, so the
staff page can show it while it runs. The natural key is (source, 办件编号): a row already there
and unchanged (same fingerprint) is left alone, a changed one is updated, a new one inserted — the
same export twice adds nothing. Rejected rows are collected with their row numbers and reasons
into a CSV attached to the run.

The batches are written with one ``executemany`` per batch rather than ``bulk_create``: at the
seed's 406,000 cases a year, building a model instance per row made the import about 6× the raw
parse-and-insert baseline of ``make bench`` (``services_import_csv``), where the goal is 2×.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import connection, transaction
from django.db.models import F, Q, Value
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext as _

from gongkai.audit.log import record
from gongkai.background import enqueue_on_commit
from gongkai.lib import pagecache
from gongkai.orgs.models import Organisation
from gongkai.services import caseimport, permissions
from gongkai.services.models import (
    BAD_RATINGS,
    CaseSource,
    FollowUp,
    FollowUpKind,
    ImportRun,
    ImportState,
    ServiceCase,
)

# Rows per batch, that is per transaction and per step of the run's progress. Each commit writes
# out every index page the batch touched; at the seed's 406,000 rows, batches of 2,000 (203
# commits) made the import 2.1× the raw baseline, of 20,000 (21 commits) 1.4×.
BATCH = 20_000
MAX_UPLOAD_MB = 200

# The table's columns in the order ``_values`` gives them.
INSERT_FIELDS = [
    "source",
    "case_no",
    "item",
    "organisation",
    "received_on",
    "accepted_on",
    "completed_on",
    "due_on",
    "result",
    "visits",
    "rating",
    "rated_on",
    "applicant_name",
    "applicant_phone",
    "fingerprint",
    "imported_at",
]
UPDATE_FIELDS = INSERT_FIELDS[2:]


# --- sources -------------------------------------------------------------------------------------


def _clean_mapping(mapping: dict[str, str] | None) -> dict[str, str]:
    cleaned = {}
    for name in caseimport.FIELD_NAMES:
        header = ((mapping or {}).get(name) or "").strip()[:100]
        if header and header != caseimport.DEFAULT_HEADERS[name]:
            cleaned[name] = header
    full = caseimport.mapping_of(cleaned)
    headers = [h for h in full.values() if h]
    duplicates = sorted({h for h in headers if headers.count(h) > 1})
    if duplicates:
        raise ValidationError(
            {"mapping": _("同一列不能对应两个字段：%(headers)s") % {"headers": "、".join(duplicates)}}
        )
    return cleaned


@transaction.atomic
def create_source(
    *, actor, organisation: Organisation, name: str, mapping: dict[str, str] | None = None
) -> CaseSource:
    """A platform export stream imported by ``organisation``, with its column mapping."""
    permissions.require(actor, "configure_source", organisation)
    name = (name or "").strip()
    if not name:
        raise ValidationError({"name": _("请填写来源名称。")})
    if CaseSource.objects.filter(district_id=organisation.district_id, name=name).exists():
        raise ValidationError({"name": _("本区已有名为“%(name)s”的办件来源。") % {"name": name}})
    source = CaseSource.objects.create(
        district_id=organisation.district_id,
        organisation=organisation,
        name=name[:100],
        mapping=_clean_mapping(mapping),
    )
    record(
        "service_source.create",
        actor=actor,
        target=source,
        organisation=organisation,
        changes={"name": [None, source.name], "mapping": [None, source.mapping]},
    )
    return source


@transaction.atomic
def save_mapping(source: CaseSource, *, actor, mapping: dict[str, str]) -> CaseSource:
    """Save the source's column mapping (headers left empty take the platform's usual ones)."""
    source = CaseSource.objects.select_for_update().select_related("organisation").get(pk=source.pk)
    permissions.require(actor, "configure_source", source.organisation)
    cleaned = _clean_mapping(mapping)
    if cleaned == source.mapping:
        return source
    old, source.mapping = source.mapping, cleaned
    source.save(update_fields=["mapping"])
    record("service_source.mapping", actor=actor, target=source, changes={"mapping": [old, cleaned]})
    return source


# --- imports -------------------------------------------------------------------------------------


@transaction.atomic
def start_import(source: CaseSource, *, actor, upload, name: str = "") -> ImportRun:
    """Record an import of ``upload`` (a CSV or XLSX export) and queue it as a background job."""
    source = CaseSource.objects.select_related("organisation").get(pk=source.pk)
    permissions.require(actor, "import", source.organisation)
    name = (name or getattr(upload, "name", "") or "").strip()
    try:
        caseimport.kind_of(name)
    except caseimport.FileProblem as exc:
        raise ValidationError({"file": str(exc)}) from None
    size = getattr(upload, "size", None)
    if size is not None and size > MAX_UPLOAD_MB * 1024 * 1024:
        raise ValidationError({"file": _("文件不能超过 %(mb)s MB，请分批导出。") % {"mb": MAX_UPLOAD_MB}})
    if ImportRun.objects.filter(source=source, state__in=[ImportState.QUEUED, ImportState.RUNNING]).exists():
        raise ValidationError(_("该来源有一次导入尚未完成，请等它完成后再导入。"))
    run = ImportRun(source=source, file_name=Path(name).name[:200], created_by=actor)
    run.file.save(Path(name).name, upload, save=False)
    run.save()
    record(
        "service_import.start",
        actor=actor,
        target=run,
        organisation=source.organisation,
        note=_("%(source)s：%(file)s") % {"source": source.name, "file": run.file_name},
    )
    from gongkai.services.tasks import import_cases

    enqueue_on_commit(import_cases, run.pk)
    return run


@transaction.atomic
def start_import_from_path(source: CaseSource, path: Path, *, actor=None) -> ImportRun:
    """An import of a file on the server (``manage.py import_service_cases``), run by the caller."""
    if actor is not None:
        permissions.require(actor, "import", source.organisation)
    caseimport.kind_of(path.name)
    run = ImportRun.objects.create(source=source, file_name=path.name[:200], created_by=actor)
    record(
        "service_import.start",
        actor=actor,
        target=run,
        organisation=source.organisation,
        note=_("%(source)s：%(file)s（命令行导入）") % {"source": source.name, "file": path.name},
    )
    return run


def _adapt(value: Any) -> Any:
    if isinstance(value, dt.datetime):
        return connection.ops.adapt_datetimefield_value(value)
    if isinstance(value, dt.date):
        return connection.ops.adapt_datefield_value(value)
    return value


class _AdaptedDates(dict):
    """Each date as the database takes it, adapted once (a year's export has a few hundred)."""

    def __missing__(self, day: dt.date | None) -> Any:
        found = self[day] = _adapt(day)
        return found


class _Writer:
    """Inserts and updates the batches with plain ``executemany`` (see the module's docstring)."""

    def __init__(self, source: CaseSource, now: dt.datetime):
        meta = ServiceCase._meta
        quote = connection.ops.quote_name
        fields = {f.name: f for f in meta.concrete_fields}
        self.encrypted = {name: fields[name] for name in ("applicant_name", "applicant_phone")}
        insert_columns = ", ".join(quote(fields[n].column) for n in INSERT_FIELDS)
        marks = ", ".join(["%s"] * len(INSERT_FIELDS))
        # Table and column names come from the model, quoted; every value is a parameter.
        self.insert_sql = f"INSERT INTO {quote(meta.db_table)} ({insert_columns}) VALUES ({marks})"  # noqa: S608
        sets = ", ".join(f"{quote(fields[n].column)} = %s" for n in UPDATE_FIELDS)
        self.update_sql = f"UPDATE {quote(meta.db_table)} SET {sets} WHERE {quote(meta.pk.column)} = %s"  # noqa: S608
        self.source_id = source.pk
        self.now = _adapt(now)
        self._dates = _AdaptedDates()

    def _values(self, case: caseimport.Case) -> list[Any]:
        date = self._dates
        name = (
            self.encrypted["applicant_name"].get_prep_value(case.applicant_name)
            if case.applicant_name
            else ""
        )
        phone = (
            self.encrypted["applicant_phone"].get_prep_value(case.applicant_phone)
            if case.applicant_phone
            else ""
        )
        return [
            self.source_id,
            case.case_no,
            case.item_id,
            case.organisation_id,
            date[case.received_on],
            date[case.accepted_on],
            date[case.completed_on],
            date[case.due_on],
            case.result,
            case.visits,
            case.rating,
            date[case.rated_on],
            name,
            phone,
            case.fingerprint,
            self.now,
        ]

    def write(self, new: list[caseimport.Case], changed: list[tuple[int, caseimport.Case]]) -> None:
        with connection.cursor() as cursor:
            if new:
                cursor.executemany(self.insert_sql, [self._values(c) for c in new])
            if changed:
                cursor.executemany(self.update_sql, [[*self._values(c)[2:], pk] for pk, c in changed])


def _batches(rows: Iterable, size: int) -> Iterable[list]:
    batch: list = []
    for row in rows:
        batch.append(row)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def run_import(
    run: ImportRun,
    *,
    path: Path | None = None,
    progress: Callable[[ImportRun], None] | None = None,
    batch_size: int = BATCH,
) -> ImportRun:
    """Read and write the run's file (or ``path``), batch by batch; safe to run again (a run
    already done or under way is left alone). The figures move on after every batch, in the batch's
    own transaction, so a run whose process died (re-queued by ``resume_stalled_imports``) goes on
    after the rows its committed batches read — read again without writing, so that the duplicate
    check and the rejects report are those of one whole pass."""
    now = timezone.now()
    claimed = ImportRun.objects.filter(pk=run.pk, state=ImportState.QUEUED).update(
        state=ImportState.RUNNING, started_at=Coalesce(F("started_at"), Value(now)), heartbeat_at=now
    )
    run = ImportRun.objects.select_related("source", "source__organisation").get(pk=run.pk)
    if not claimed:
        return run
    source = run.source
    file_path = path or Path(run.file.path)
    rejects = caseimport.RejectWriter()
    try:
        kind = caseimport.kind_of(run.file_name or file_path.name)
        total = caseimport.total_rows(file_path, kind)
        ImportRun.objects.filter(pk=run.pk).update(total_rows=total)
        run.total_rows = total
        rows = iter(caseimport.rows_of(file_path, kind))
        header = next(rows, None)
        if header is None:
            raise caseimport.FileProblem(_("文件是空的。"))
        reader = caseimport.RowReader(source.district_id, source.mapping, header)
        writer = _Writer(source, timezone.now())
        # A source with no cases yet (its first export) has nothing to look up: the reader
        # rejects a 办件编号 seen earlier in the file, so every row it passes is new. (Only one
        # import of a source runs at a time; the unique constraint stops a second one's rows.)
        fresh = not ServiceCase.objects.filter(source=source).exists()
        numbered = ((number, values) for number, values in enumerate(rows, start=2) if any(values))
        if run.rows_read:  # an interrupted attempt's batches are written: go on after them
            numbered = _after(numbered, run.rows_read, reader, rejects)
        for batch in _batches(numbered, batch_size):
            _write_batch(run, source, reader, writer, rejects, batch, fresh=fresh)
            if progress:
                progress(run)
    except (caseimport.FileProblem, UnicodeDecodeError, ValueError) as exc:
        message = (
            str(exc) if isinstance(exc, caseimport.FileProblem) else _("文件无法读取：%(e)s") % {"e": exc}
        )
        return _finish(run, rejects, ImportState.FAILED, message)
    except Exception as exc:
        _finish(run, rejects, ImportState.FAILED, _("导入中断：%(e)s") % {"e": exc})
        raise
    return _finish(run, rejects, ImportState.DONE, "")


def _after(numbered, done: int, reader, rejects):
    """The rows after the first ``done``, those read again (not written) on the way."""
    for index, (number, values) in enumerate(numbered):
        if index < done:
            found = reader.read(number, values)
            if isinstance(found, caseimport.Reject):
                rejects.add(found)
        else:
            yield number, values


# A running import that has written no batch for this long lost its process (a batch of 20,000 rows
# takes seconds).
STALLED_AFTER = dt.timedelta(minutes=10)


@transaction.atomic
def resume_stalled_imports(now: dt.datetime | None = None) -> dict[str, int]:
    """Imports whose process died (a worker killed or restarted mid-run): a run with its file kept
    (uploaded on the staff page) is queued again and goes on where its last batch ended; a run of a
    file on the server (``manage.py import_service_cases``) is marked failed, saying to run the
    command again (the rows already imported are not registered twice). Either way the source takes
    new imports again. Safe to run any time: a live run moves its heartbeat with every batch."""
    now = now or timezone.now()
    stalled = (
        ImportRun.objects.select_for_update()
        .filter(state=ImportState.RUNNING)
        .filter(
            Q(heartbeat_at__lt=now - STALLED_AFTER)
            | Q(heartbeat_at__isnull=True, started_at__lt=now - STALLED_AFTER)
        )
        .select_related("source__organisation")
    )
    resumed = failed = 0
    for run in stalled:
        organisation = run.source.organisation
        if run.file:
            ImportRun.objects.filter(pk=run.pk).update(state=ImportState.QUEUED)
            record(
                "service_import.resume",
                actor=None,
                target=run,
                organisation=organisation,
                note=_("导入进程中断，已读 %(n)d 行，从第 %(next)d 个有内容的行接着导入：%(file)s")
                % {"n": run.rows_read, "next": run.rows_read + 1, "file": run.file_name},
            )
            from gongkai.services.tasks import import_cases

            enqueue_on_commit(import_cases, run.pk)
            resumed += 1
        else:
            error = _("导入进程中断（已读 %(n)d 行）。请重新运行导入命令：已导入的办件不会重复登记。") % {
                "n": run.rows_read
            }
            ImportRun.objects.filter(pk=run.pk).update(state=ImportState.FAILED, error=error, finished_at=now)
            record("service_import.fail", actor=None, target=run, organisation=organisation, note=error)
            failed += 1
    return {"resumed": resumed, "failed": failed}


@transaction.atomic
def _write_batch(run, source, reader, writer, rejects, batch, *, fresh: bool = False) -> None:
    cases: list[caseimport.Case] = []
    for number, values in batch:
        found = reader.read(number, values)
        if isinstance(found, caseimport.Reject):
            rejects.add(found)
        else:
            cases.append(found)
    if fresh:
        writer.write(cases, [])
        _count_batch(run, rejects, len(batch), len(cases), 0, 0)
        return
    existing = {
        case_no: (pk, digest)
        for case_no, pk, digest in ServiceCase.objects.filter(
            source=source, case_no__in=[c.case_no for c in cases]
        ).values_list("case_no", "pk", "fingerprint")
    }
    new, changed, same = [], [], 0
    for case in cases:
        known = existing.get(case.case_no)
        if known is None:
            new.append(case)
        elif known[1] != case.fingerprint:
            changed.append((known[0], case))
        else:
            same += 1
    writer.write(new, changed)
    _count_batch(run, rejects, len(batch), len(new), len(changed), same)


def _count_batch(run, rejects, read: int, created: int, updated: int, unchanged: int) -> None:
    """Move the run's figures on by one batch, on the page too."""
    run.rows_read += read
    run.created += created
    run.updated += updated
    run.unchanged += unchanged
    run.rejected = rejects.count
    ImportRun.objects.filter(pk=run.pk).update(
        rows_read=run.rows_read,
        created=run.created,
        updated=run.updated,
        unchanged=run.unchanged,
        rejected=run.rejected,
        heartbeat_at=timezone.now(),
    )


@transaction.atomic
def _finish(run: ImportRun, rejects: caseimport.RejectWriter, state: str, error: str) -> ImportRun:
    run.state, run.error, run.finished_at = state, error, timezone.now()
    if rejects.count:
        run.rejects.save(f"rejects-{run.pk}.csv", ContentFile(rejects.content()), save=False)
    run.save(update_fields=["state", "error", "finished_at", "rejects"])
    run.first_rejects = rejects.first
    # The batches wrote without model signals: drop the portal's page cache once (the figures).
    pagecache.bump()
    record(
        "service_import.finish" if state == ImportState.DONE else "service_import.fail",
        actor=None,
        target=run,
        organisation=run.source.organisation,
        changes={
            "created": [0, run.created],
            "updated": [0, run.updated],
            "unchanged": [0, run.unchanged],
            "rejected": [0, run.rejected],
        },
        note=error or run.file_name,
    )
    return run


# --- 差评 follow-up --------------------------------------------------------------------------------


@transaction.atomic
def record_follow_up(case: ServiceCase, *, actor, kind: str, done_on: dt.date | None, note: str) -> FollowUp:
    """The follow-up of a 差评 (整改 or 回访): what was done, and when."""
    case = ServiceCase.objects.select_for_update(of=("self",)).select_related("organisation").get(pk=case.pk)
    permissions.require(actor, "follow_up", case.organisation)
    errors: dict[str, str] = {}
    if case.rating not in BAD_RATINGS:
        raise ValidationError(_("只有差评（不满意、非常不满意）需要登记整改或回访。"))
    if kind not in FollowUpKind.values:
        errors["kind"] = _("请选择整改或回访。")
    note = (note or "").strip()
    if not note:
        errors["note"] = _("请写明整改或回访的情况。")
    today = timezone.localdate()
    if done_on is None:
        errors["done_on"] = _("请填写完成日期。")
    elif done_on > today:
        errors["done_on"] = _("完成日期不能晚于今天。")
    elif done_on < (case.rated_on or case.completed_on or case.received_on):
        errors["done_on"] = _("完成日期不能早于评价日期。")
    if errors:
        raise ValidationError(errors)
    follow_up = FollowUp.objects.create(case=case, kind=kind, done_on=done_on, note=note, recorded_by=actor)
    record(
        "service_case.follow_up",
        actor=actor,
        target=case,
        organisation=case.organisation,
        changes={"kind": [None, kind], "done_on": [None, done_on.isoformat()]},
        note=note[:200],
    )
    return follow_up
