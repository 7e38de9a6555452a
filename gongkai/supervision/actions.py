"""Every state change of supervision, one function per verb.

- ``run_checks``: run the timeliness checks of a district on a day: open a finding for what is
  newly found, keep what is still found (its ``since`` kept), close what is no longer found (the
  day kept). Idempotent: a second run on the same day changes nothing. The daily job, the
  command and the office's button all call it;
- ``save_settings``: the office's thresholds and scorecard weights;
- the work plan: ``create_task``, ``update_task``, ``delete_task``, ``import_tasks`` (the office),
  ``submit_report`` (a responsible unit), ``accept_report`` / ``return_report`` (the office;
  the transitions in ``plans.TRANSITIONS``);
- bulletins: ``generate_bulletin``, ``edit_bulletin`` (prose only), ``submit_bulletin``,
  ``approve_bulletin`` (another person of the office), ``return_bulletin``, ``release_bulletin``
  (into the catalog; the transitions in ``bulletins.TRANSITIONS``).

Each checks permission itself (a run without an actor is the platform's own job), runs in one
transaction and writes its audit event.
"""

from __future__ import annotations

import datetime as dt
import logging

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from gongkai.accounts.permissions import require
from gongkai.audit.log import diff, record, snapshot
from gongkai.orgs.models import Organisation
from gongkai.supervision import bulletins, checks, plans, publishing, scorecards
from gongkai.supervision.models import (
    THRESHOLD_FIELDS,
    WEIGHT_FIELDS,
    Bulletin,
    BulletinKind,
    Finding,
    PlanTask,
    PlanTaskUnit,
    Progress,
    ProgressReport,
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


# --- the work plan (工作要点) ------------------------------------------------------------------------

TASK_FIELDS = ["year", "number", "text", "category", "due_on", "source"]


def _task_units(district: Organisation, units) -> list[Organisation]:
    chosen = []
    for unit in units:
        if unit.district_id != district.pk or unit.pk == district.pk or not unit.is_active:
            raise ValidationError(_("责任单位须是本区的机构：%(name)s") % {"name": unit.name})
        if unit not in chosen:
            chosen.append(unit)
    if not chosen:
        raise ValidationError(_("请至少选择一个责任单位。"))
    return chosen


def _save_task(task: PlanTask, data: dict, units: list[Organisation]) -> None:
    for name in TASK_FIELDS:
        if name in data:
            setattr(task, name, data[name])
    task.text = (task.text or "").strip()
    task.full_clean(exclude=["district", "created_by"])
    if task.due_on.year not in (task.year, task.year + 1):
        raise ValidationError(_("完成时限应在%(year)s年或次年。") % {"year": task.year})
    task.save()
    PlanTaskUnit.objects.filter(task=task).exclude(unit__in=units).delete()
    for order, unit in enumerate(units):
        PlanTaskUnit.objects.update_or_create(task=task, unit=unit, defaults={"order": order})


def _task_snapshot(task: PlanTask) -> dict:
    values = snapshot(task, TASK_FIELDS)
    values["units"] = [tu.unit.name for tu in task.task_units.select_related("unit").order_by("order", "pk")]
    return values


@transaction.atomic
def create_task(district: Organisation, data: dict, *, actor) -> PlanTask:
    """The office enters one key task (``data``: year, number, text, category, due_on, source and
    ``units``, the responsible organisations, the lead first)."""
    require(actor, "supervision.manage", district)
    units = _task_units(district, data.get("units") or [])
    task = PlanTask(district=district, created_by=actor)
    _save_task(task, data, units)
    record(
        "supervision.create_task",
        actor=actor,
        target=task,
        organisation=district,
        changes={k: [None, v] for k, v in _task_snapshot(task).items()},
    )
    return task


@transaction.atomic
def update_task(task: PlanTask, data: dict, *, actor) -> PlanTask:
    task = PlanTask.objects.select_for_update().get(pk=task.pk)
    require(actor, "supervision.manage", task.district)
    before = _task_snapshot(task)
    units = _task_units(task.district, data["units"]) if "units" in data else [
        tu.unit for tu in task.task_units.select_related("unit").order_by("order", "pk")
    ]
    reported = set(ProgressReport.objects.filter(task=task).values_list("unit_id", flat=True))
    dropped = reported - {u.pk for u in units}
    if dropped:
        raise ValidationError(_("已报送进展的责任单位不能移除。"))
    _save_task(task, data, units)
    record(
        "supervision.update_task",
        actor=actor,
        target=task,
        organisation=task.district,
        changes=diff(before, _task_snapshot(task)),
    )
    return task


@transaction.atomic
def delete_task(task: PlanTask, *, actor) -> None:
    """A task entered by mistake; one a unit has reported on stays (its record is evidence)."""
    task = PlanTask.objects.select_for_update().get(pk=task.pk)
    require(actor, "supervision.manage", task.district)
    if ProgressReport.objects.filter(task=task).exists():
        raise ValidationError(_("责任单位已报送进展的任务不能删除。"))
    record(
        "supervision.delete_task",
        actor=actor,
        organisation=task.district,
        changes={k: [v, None] for k, v in _task_snapshot(task).items()},
    )
    task.delete()


@transaction.atomic
def import_tasks(district: Organisation, year: int, rows: list[dict], *, actor) -> list[PlanTask]:
    """Many tasks from the filled-in template (``plans.read_xlsx``), all or none."""
    require(actor, "supervision.manage", district)
    tasks = []
    for n, row in enumerate(rows, start=1):
        try:
            units = _task_units(district, row["units"])
            task = PlanTask(district=district, created_by=actor)
            _save_task(task, {**row, "year": year}, units)
        except ValidationError as exc:
            raise ValidationError(
                _("第%(n)s条任务：%(error)s") % {"n": n, "error": "；".join(exc.messages)}
            ) from exc
        tasks.append(task)
    record(
        "supervision.import_tasks",
        actor=actor,
        organisation=district,
        note=_("导入%(year)s年工作要点任务%(n)s条") % {"year": year, "n": len(tasks)},
    )
    return tasks


@transaction.atomic
def submit_report(
    task: PlanTask, unit: Organisation, *, actor, text: str, progress: str, evidence: list[int]
) -> ProgressReport:
    """A responsible unit reports its progress, citing its own published items as evidence."""
    task = PlanTask.objects.select_for_update().get(pk=task.pk)
    require(actor, "supervision.report", unit)
    if not task.task_units.filter(unit=unit).exists():
        raise PermissionDenied("supervision.report refused: not a responsible unit")
    text = (text or "").strip()
    if not text:
        raise ValidationError(_("请填写进展情况。"))
    if progress not in Progress.values:
        raise ValidationError(_("请选择进度。"))
    part = plans.status_of(task, timezone.localdate()).parts
    mine = next(p for p in part if p.unit.pk == unit.pk)
    if mine.pending:
        raise ValidationError(_("本单位上一次报送尚待审核，请等待审核后再报送。"))
    if mine.done_on:
        raise ValidationError(_("本单位的任务已审核完成，无需再报送。"))
    ids = list(dict.fromkeys(int(pk) for pk in evidence))
    if len(ids) > 20:
        raise ValidationError(_("佐证材料最多选择20条。"))
    own = publishing.own_published(unit, ids)
    foreign = [pk for pk in ids if pk not in own]
    if foreign:
        raise ValidationError(_("佐证材料只能选择本单位已公开的信息。"))
    if progress == Progress.COMPLETED and not ids:
        raise ValidationError(_("报送“已完成”须选择至少一条本单位已公开的信息作为佐证。"))
    report = ProgressReport.objects.create(
        task=task,
        unit=unit,
        text=text,
        progress=progress,
        evidence=ids,
        submitted_at=timezone.now(),
        submitted_by=actor,
    )
    record(
        "supervision.submit_report",
        actor=actor,
        target=report,
        organisation=unit,
        changes={
            "progress": [None, progress],
            "evidence": [None, [own[pk].index_no for pk in ids]],
        },
    )
    return report


def _review(report: ProgressReport, verb: str, *, actor, note: str) -> ProgressReport:
    report = ProgressReport.objects.select_for_update().select_related("task__district").get(pk=report.pk)
    transition = plans.check(verb, report.state)
    require(actor, transition.permission, report.task.district)
    report.state = transition.target
    report.reviewed_at = timezone.now()
    report.reviewed_by = actor
    report.review_note = (note or "").strip()[:500]
    report.save(update_fields=["state", "reviewed_at", "reviewed_by", "review_note"])
    record(
        f"supervision.{verb}_report",
        actor=actor,
        target=report,
        organisation=report.unit,
        changes={"state": [transition.source, transition.target]},
        note=report.review_note,
    )
    return report


@transaction.atomic
def accept_report(report: ProgressReport, *, actor, note: str = "") -> ProgressReport:
    """The office accepts a report; one saying 已完成 completes the unit's part on this day."""
    return _review(report, "accept", actor=actor, note=note)


@transaction.atomic
def return_report(report: ProgressReport, *, actor, note: str) -> ProgressReport:
    """The office returns a report, saying why; the unit reports again."""
    if not (note or "").strip():
        raise ValidationError(_("退回须说明理由。"))
    return _review(report, "return", actor=actor, note=note)


# --- bulletins (督查通报) ------------------------------------------------------------------------------


def _locked_bulletin(bulletin: Bulletin) -> Bulletin:
    return Bulletin.objects.select_for_update(of=("self",)).select_related("district").get(pk=bulletin.pk)


@transaction.atomic
def generate_bulletin(
    district: Organisation, kind: str, year: int, number: int | None = None, *, actor
) -> Bulletin:
    """A new draft bulletin of the district for a month, quarter or year (``number``: the month or
    the quarter), its prose the usual paragraphs; its figures are computed whenever it is shown."""
    require(actor, "supervision.manage", district)
    if not district.is_district:
        raise ValidationError(_("督查通报由区政务公开办公室印发。"))
    if kind not in BulletinKind.values:
        raise ValidationError(_("请选择通报类型。"))
    key = bulletins.period_key(kind, year, number)
    if bulletins.period_start(kind, year, number) > timezone.localdate():
        raise ValidationError(_("该期间尚未开始，不能生成通报。"))
    try:
        scorecards.Period.parse(key, timezone.localdate())
    except ValueError as exc:
        raise ValidationError(str(exc)) from None
    if Bulletin.objects.filter(district=district, kind=kind, period=key).exists():
        raise ValidationError(_("该期间的通报已经生成。"))
    issued = Bulletin.objects.filter(district=district, period__startswith=str(year)).count()
    bulletin = Bulletin.objects.create(
        district=district,
        kind=kind,
        period=key,
        number=issued + 1,
        title=bulletins.generated_title(district, kind, key),
        prose=bulletins.default_prose(),
        created_by=actor,
    )
    record(
        "supervision.generate_bulletin",
        actor=actor,
        target=bulletin,
        organisation=district,
        changes={"period": [None, key], "state": [None, bulletin.state]},
    )
    return bulletin


@transaction.atomic
def edit_bulletin(bulletin: Bulletin, *, actor, title: str | None = None, prose: dict[str, str]) -> Bulletin:
    """Change the prose paragraphs (and the title) of a draft; its figures are not typed."""
    bulletin = _locked_bulletin(bulletin)
    transition = bulletins.check("edit", bulletin.state)
    require(actor, transition.permission, bulletin.district)
    before = {"title": bulletin.title, **bulletin.prose}
    unknown = set(prose) - set(bulletins.PROSE_KEYS)
    if unknown:
        raise ValidationError(_("只能修改通报的文字段落。"))
    for key, text in prose.items():
        if len(text) > 5000:
            raise ValidationError(_("每段文字不超过5000字。"))
        bulletin.prose[key] = text.strip()
    if title is not None:
        if not title.strip():
            raise ValidationError(_("请填写标题。"))
        bulletin.title = title.strip()[:200]
    bulletin.save(update_fields=["prose", "title"])
    record(
        "supervision.edit_bulletin",
        actor=actor,
        target=bulletin,
        organisation=bulletin.district,
        changes=diff(before, {"title": bulletin.title, **bulletin.prose}),
    )
    return bulletin


def _move_bulletin(bulletin: Bulletin, verb: str, *, actor, note: str = "", **fields) -> Bulletin:
    transition = bulletins.check(verb, bulletin.state)
    before = bulletin.state
    bulletin.state = transition.target
    for name, value in fields.items():
        setattr(bulletin, name, value)
    bulletin.save(update_fields=["state", *fields])
    record(
        f"supervision.{verb}_bulletin",
        actor=actor,
        target=bulletin,
        organisation=bulletin.district,
        changes={"state": [before, bulletin.state]},
        note=note,
    )
    return bulletin


@transaction.atomic
def submit_bulletin(bulletin: Bulletin, *, actor) -> Bulletin:
    bulletin = _locked_bulletin(bulletin)
    require(actor, bulletins.TRANSITIONS["submit"].permission, bulletin.district)
    return _move_bulletin(bulletin, "submit", actor=actor, submitted_by=actor, return_note="")


@transaction.atomic
def approve_bulletin(bulletin: Bulletin, *, actor) -> Bulletin:
    """Approved by another of the office than the one who submitted it (``actor`` None: the demo
    or a command, at the server)."""
    bulletin = _locked_bulletin(bulletin)
    if actor is not None:
        require(actor, bulletins.TRANSITIONS["approve"].permission, bulletin.district)
    bulletins.check("approve", bulletin.state)
    if actor is not None and bulletin.submitted_by_id == actor.pk:
        raise ValidationError(_("通报须由提交人以外的人员审定。"))
    return _move_bulletin(bulletin, "approve", actor=actor, approved_at=timezone.now(), approved_by=actor)


@transaction.atomic
def return_bulletin(bulletin: Bulletin, *, actor, note: str) -> Bulletin:
    bulletin = _locked_bulletin(bulletin)
    require(actor, bulletins.TRANSITIONS["return"].permission, bulletin.district)
    note = (note or "").strip()[:500]
    if not note:
        raise ValidationError(_("退回须说明理由。"))
    return _move_bulletin(
        bulletin, "return", actor=actor, note=note, return_note=note, approved_at=None, approved_by=None
    )


@transaction.atomic
def release_bulletin(bulletin: Bulletin, *, actor, published_at: dt.datetime | None = None) -> Bulletin:
    """Draft the approved bulletin as an information item of the notices column under the
    district's disclosure office (its editor sends it: ``item.edit`` there); the catalog's review,
    approval and publication follow. With ``published_at`` (the demo's bulletins, ``actor`` None),
    it is imported as already published, which needs the catalog's import permission."""
    bulletin = _locked_bulletin(bulletin)
    bulletins.check("release", bulletin.state)
    office = publishing.publisher(bulletin.district)
    body = bulletins.item_body(bulletin)
    if published_at is None:
        require(actor, "item.edit", office)
        item = publishing.draft_bulletin_item(bulletin, actor=actor, body=body)
    else:
        item = publishing.import_bulletin_item(bulletin, actor=actor, body=body, published_at=published_at)
    return _move_bulletin(bulletin, "release", actor=actor, item_id=item.id, released_at=timezone.now())
