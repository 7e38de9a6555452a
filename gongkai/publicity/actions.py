"""Every state change of publicity lists and notices, one function per verb.

- ``create_publicity`` / ``update_publicity``: a list or notice of an organisation, as a draft;
- ``add_entry`` / ``remove_entry`` / ``import_entries``: a draft list's households, one by one or
  from the kind's sheet (all or nothing; the same sheet twice adds nothing);
- ``release_publicity``: make the masked projection, freeze the list and draft its notice in the
  catalog; ``link_notice``: the same with a notice the catalog already has (an old site's item);
- ``record_objection`` / ``resolve_objection``: an objection (异议) raised during the period;
- ``end_periods``: the periodic job's — a period starts on the day the item was published, and a
  list whose period is over comes down (``ENDED``, with the day it came down);
- ``set_period``: the disclosure office's publicity period for a kind.

Each checks permission itself (``permissions.py``) and the state (``workflow.py``), validates,
runs in one transaction and writes its audit event. Audit events never hold a full ID number,
phone, account or address: at most a masked name.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal, InvalidOperation
from typing import IO, Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from gongkai.accounts.permissions import has_perm
from gongkai.audit.log import record
from gongkai.lib.dates import cn_date
from gongkai.orgs.models import Organisation
from gongkai.personal.fields import lookup_hash
from gongkai.publicity import importer, notices, permissions, public, workflow
from gongkai.publicity.kinds import SPECS, Kind, spec
from gongkai.publicity.models import (
    Entry,
    Objection,
    ObjectionOutcome,
    PeriodSetting,
    Publicity,
    PublicRow,
    State,
    period_days_for,
)

ENTRY_ATTRS = (
    "number",
    "town",
    "village",
    "name",
    "id_number",
    "phone",
    "bank_account",
    "address",
    "people",
    "amount",
    "category",
    "detail",
    "area",
    "note",
)


def _locked(publicity: Publicity) -> Publicity:
    return (
        Publicity.objects.select_for_update(of=("self",))
        .select_related("organisation", "district")
        .get(pk=publicity.pk)
    )


def _messages(exc: ValidationError) -> list[str]:
    if hasattr(exc, "error_dict"):
        return [m for messages in exc.message_dict.values() for m in messages]
    return list(exc.messages)


# --- lists and notices ----------------------------------------------------------------------------


def _clean_facts(kind: str, facts: dict[str, Any] | None, errors: dict[str, str]) -> dict[str, Any]:
    """A notice's facts by its kind's list: required ones given, numbers and dates well formed."""
    facts = facts or {}
    cleaned: dict[str, Any] = {}
    for fact in spec(kind).facts:
        if fact.personal:
            continue  # kept in the encrypted fields
        raw = facts.get(fact.key)
        text = "" if raw is None else str(raw).strip()
        if not text:
            if fact.required:
                errors[f"fact_{fact.key}"] = _("请填写%(label)s。") % {"label": fact.label}
            continue
        try:
            if fact.type == "decimal":
                value = Decimal(text)
                if not value.is_finite() or value < 0:
                    raise InvalidOperation
                cleaned[fact.key] = str(value)
            elif fact.type == "int":
                number = int(text)
                if number < 0:
                    raise ValueError
                cleaned[fact.key] = number
            else:
                if len(text) > 1000:
                    errors[f"fact_{fact.key}"] = _("%(label)s不超过1000个字。") % {"label": fact.label}
                    continue
                cleaned[fact.key] = text
        except (InvalidOperation, ValueError):
            errors[f"fact_{fact.key}"] = _("%(label)s应为不小于0的数字。") % {"label": fact.label}
    return cleaned


def _check_fields(kind: str, title: str, year, month, period_days, errors: dict[str, str]) -> None:
    if kind not in SPECS:
        errors["kind"] = _("请选择公示类别。")
    if not title:
        errors["title"] = _("请填写标题。")
    elif len(title) > 300:
        errors["title"] = _("标题不超过300个字。")
    if year is None or not 2000 <= int(year) <= 2100:
        errors["year"] = _("请填写所属年度（如 2018）。")
    if month is not None and not 1 <= int(month) <= 12:
        errors["month"] = _("所属月份应为1到12。")
    if period_days is not None and not 1 <= int(period_days) <= 365:
        errors["period_days"] = _("公示期应为1到365天。")


_UNSET: Any = object()


@transaction.atomic
def create_publicity(
    *,
    actor,
    organisation: Organisation,
    kind: str,
    title: str,
    year: int | None,
    month: int | None = None,
    doc_number: str = "",
    description: str = "",
    period_days: int | None = _UNSET,
    facts: dict[str, Any] | None = None,
    party_name: str = "",
    party_address: str = "",
) -> Publicity:
    """A list or notice of ``organisation``, as a draft. ``period_days`` defaults to the
    district's period for the kind (``PeriodSetting``, else the kind's default)."""
    permissions.require(actor, "create", organisation)
    title, doc_number = (title or "").strip(), (doc_number or "").strip()
    if period_days is _UNSET:
        period_days = period_days_for(organisation.district_id, kind) if kind in SPECS else None
    errors: dict[str, str] = {}
    _check_fields(kind, title, year, month, period_days, errors)
    cleaned_facts: dict[str, Any] = {}
    if kind in SPECS and not spec(kind).is_list:
        cleaned_facts = _clean_facts(kind, facts, errors)
        if any(f.key == "party_name" and f.required for f in spec(kind).facts) and not (party_name or "").strip():
            errors["party_name"] = _("请填写被征收人。")
    if errors:
        raise ValidationError(errors)
    publicity = Publicity(
        district_id=organisation.district_id,
        organisation=organisation,
        kind=kind,
        title=title,
        year=year,
        month=month if spec(kind).is_list else None,
        doc_number=doc_number,
        description=(description or "").strip(),
        period_days=period_days,
        facts=cleaned_facts,
        party_name=(party_name or "").strip(),
        party_address=(party_address or "").strip(),
        created_by=actor,
    )
    publicity.full_clean(exclude=["district", "organisation", "created_by", "released_by"])
    publicity.save()
    record(
        "publicity.create",
        actor=actor,
        target=publicity,
        organisation=organisation,
        changes={"kind": [None, kind], "title": [None, title], "year": [None, year]},
    )
    return publicity


EDITABLE = ("title", "year", "month", "doc_number", "description", "period_days")


@transaction.atomic
def update_publicity(publicity: Publicity, *, actor, **values: Any) -> dict[str, list]:
    """Change a draft's title, year, month, 文号, statement, period or facts; returns the changes."""
    publicity = _locked(publicity)
    permissions.require(actor, "edit", publicity.organisation)
    workflow.check("edit", publicity.state)
    new = {f: values.get(f, getattr(publicity, f)) for f in EDITABLE}
    new["title"] = (new["title"] or "").strip()
    new["doc_number"] = (new["doc_number"] or "").strip()
    new["description"] = (new["description"] or "").strip()
    errors: dict[str, str] = {}
    _check_fields(publicity.kind, new["title"], new["year"], new["month"], new["period_days"], errors)
    facts = publicity.facts
    if not publicity.is_list and "facts" in values:
        facts = _clean_facts(publicity.kind, values["facts"], errors)
    if errors:
        raise ValidationError(errors)
    changes = {f: [getattr(publicity, f), new[f]] for f in EDITABLE if getattr(publicity, f) != new[f]}
    for f in EDITABLE:
        setattr(publicity, f, new[f])
    if facts != publicity.facts:
        changes["facts"] = [publicity.facts, facts]
        publicity.facts = facts
    for attr in ("party_name", "party_address"):
        given = (values.get(attr) or "").strip()
        if given and given != getattr(publicity, attr):
            setattr(publicity, attr, given)
            changes[attr] = ["…", "…"]  # personal data: that it changed, not what to
    if changes:
        publicity.full_clean(exclude=["district", "organisation", "created_by", "released_by"])
        publicity.save()
        record("publicity.update", actor=actor, target=publicity, organisation=publicity.organisation, changes=changes)
    return changes


# --- a list's households --------------------------------------------------------------------------


def _clean_entry(publicity: Publicity, values: dict[str, Any]) -> dict[str, Any]:
    """Check one household's values as the sheet's cells are checked; ValidationError per field."""
    kind = publicity.kind
    required = {c.attr for c in importer.columns(kind) if c.required}
    allowed = {c.attr for c in importer.columns(kind)}
    cleaned: dict[str, Any] = {}
    errors: dict[str, list[str]] = {}
    for attr in ENTRY_ATTRS:
        raw = values.get(attr)
        if raw is None or (isinstance(raw, str) and not raw.strip()):
            if attr in required:
                errors.setdefault(attr, []).append(_("此项不能为空。"))
            continue
        if attr not in allowed:
            continue
        if isinstance(raw, str | int | Decimal):
            try:
                cleaned[attr] = importer.clean_value(kind, attr, str(raw).strip())
            except ValueError as exc:
                errors.setdefault(attr, []).append(str(exc))
        else:
            cleaned[attr] = raw
    if errors:
        raise ValidationError(errors)
    return cleaned


def _write_entry(publicity: Publicity, cleaned: dict[str, Any], next_number: int) -> Entry:
    if Entry.objects.filter(publicity=publicity, **lookup_hash(Entry, "id_number", cleaned["id_number"])).exists():
        raise ValidationError({"id_number": _("该身份证号码已在本名单中。")})
    entry = Entry(publicity=publicity, number=cleaned.pop("number", None) or next_number, **cleaned)
    entry.save()
    return entry


def _next_number(publicity: Publicity) -> int:
    return (Entry.objects.filter(publicity=publicity).aggregate(m=Max("number"))["m"] or 0) + 1


@transaction.atomic
def add_entry(publicity: Publicity, *, actor, **values: Any) -> Entry:
    """One household of a draft list (``town``, ``name``, ``id_number``, ``people`` … as the
    kind's sheet has them)."""
    publicity = _locked(publicity)
    permissions.require(actor, "add_entry", publicity.organisation)
    workflow.check("add_entry", publicity.state)
    if not publicity.is_list:
        raise ValidationError(_("公告没有名单。"))
    entry = _write_entry(publicity, _clean_entry(publicity, values), _next_number(publicity))
    record(
        "publicity.add_entry",
        actor=actor,
        target=publicity,
        organisation=publicity.organisation,
        changes={"entry": [None, f"#{entry.number} {entry.name.masked}"]},
    )
    return entry


@transaction.atomic
def remove_entry(entry: Entry, *, actor) -> None:
    publicity = _locked(entry.publicity)
    permissions.require(actor, "remove_entry", publicity.organisation)
    workflow.check("remove_entry", publicity.state)
    entry = Entry.objects.get(pk=entry.pk, publicity=publicity)
    record(
        "publicity.remove_entry",
        actor=actor,
        target=publicity,
        organisation=publicity.organisation,
        changes={"entry": [f"#{entry.number} {entry.name.masked}", None]},
    )
    entry.delete()


def _same(entry: Entry, values: dict[str, Any]) -> bool:
    """Does the stored household say what the row says (a sheet imported again)?"""
    for attr, given in values.items():
        if attr == "number":
            continue
        mine = getattr(entry, attr)
        mine = mine.plaintext() if hasattr(mine, "plaintext") else mine
        if mine != given:
            return False
    return True


@transaction.atomic
def import_entries(publicity: Publicity, upload: IO[bytes], *, actor, name: str = "") -> importer.ImportReport:
    """A sheet of households into a draft list, all or nothing: if any row is wrong nothing is
    written and the report says why, row by row. A row whose person the list already holds with
    the same values counts as unchanged, so importing the same sheet twice adds nothing; the same
    person with other values is a wrong row (remove the household first)."""
    publicity = _locked(publicity)
    permissions.require(actor, "import", publicity.organisation)
    workflow.check("import", publicity.state)
    if not publicity.is_list:
        raise ValidationError(_("公告没有名单，不能导入。"))
    report = importer.read(upload, publicity.kind)
    if report.problems or report.bad_rows:
        return report
    existing: dict[str, Entry] = {}
    for entry in Entry.objects.filter(publicity=publicity):
        existing[entry.id_number.plaintext()] = entry
    number = _next_number(publicity)
    new: list[Entry] = []
    used_numbers = set(Entry.objects.filter(publicity=publicity).values_list("number", flat=True))
    for row in report.rows:
        values = dict(row.values)
        found = existing.get(values["id_number"])
        if found is not None:
            if _same(found, values):
                row.outcome = _("未变（已导入过）")
                report.unchanged += 1
            else:
                row.errors.append(
                    _("【身份证号码】该人已在本名单中（序号%(n)s），内容与本行不同；如需更正请先删除原条目") % {"n": found.number}
                )
            continue
        given = values.pop("number", None)
        if given is None:
            while number in used_numbers:
                number += 1
            given = number
        used_numbers.add(given)
        new.append(Entry(publicity=publicity, number=given, **values))
        row.outcome = _("已登记")
    if report.bad_rows:
        report.created = 0
        return report
    Entry.objects.bulk_create(new, batch_size=500)
    report.created = len(new)
    if new:
        record(
            "publicity.import",
            actor=actor,
            target=publicity,
            organisation=publicity.organisation,
            changes={"count": [0, len(new)]},
            note=_("导入 %(n)s 户：%(name)s") % {"n": len(new), "name": name},
        )
    return report


# --- releasing ------------------------------------------------------------------------------------


def _project(publicity: Publicity) -> int:
    """Make the masked projection (rows, or a notice's facts); returns the rows made."""
    PublicRow.objects.filter(publicity=publicity).delete()
    if publicity.is_list:
        rows = [public.project_entry(e) for e in Entry.objects.filter(publicity=publicity).order_by("number", "id")]
        PublicRow.objects.bulk_create(rows, batch_size=1000)
        publicity.public_facts = []
        return len(rows)
    publicity.public_facts = public.project_facts(publicity)
    return 0


def _ready(publicity: Publicity) -> None:
    if publicity.is_list and not Entry.objects.filter(publicity=publicity).exists():
        raise ValidationError(_("名单还没有任何条目，不能提交发布。"))
    if not publicity.is_list:
        errors: dict[str, str] = {}
        _clean_facts(publicity.kind, publicity.facts, errors)
        if errors:
            raise ValidationError(errors)


def _release(publicity: Publicity, *, actor, notice_item_id: int) -> None:
    publicity.state = State.RELEASED
    publicity.notice_item_id = notice_item_id
    publicity.released_by = actor
    publicity.released_at = timezone.now()
    publicity.save(
        update_fields=["state", "notice_item_id", "released_by", "released_at", "public_facts"]
    )


@transaction.atomic
def release_publicity(publicity: Publicity, *, actor) -> Publicity:
    """Mask, freeze and draft the notice as an information item of the publishing organisation;
    the catalog's review and approval then publish it, and the period starts that day."""
    publicity = _locked(publicity)
    permissions.require(actor, "release", publicity.organisation)
    workflow.check("release", publicity.state)
    _ready(publicity)
    if not has_perm(actor, "item.edit", publicity.organisation):
        # The catalog's own rule for who writes a draft item, said before it refuses.
        raise PermissionDenied(
            _("公告须以%(org)s的名义起草，请由该单位的信息编辑提交发布。") % {"org": publicity.organisation.name}
        )
    rows = _project(publicity)
    notice = notices.draft_notice(publicity, actor=actor)
    _release(publicity, actor=actor, notice_item_id=notice.id)
    record(
        "publicity.release",
        actor=actor,
        target=publicity,
        organisation=publicity.organisation,
        changes={"state": [State.DRAFT, State.RELEASED], "notice": [None, notice.index_no], "rows": [0, rows]},
    )
    return publicity


@transaction.atomic
def link_notice(publicity: Publicity, *, actor, index_no: str) -> Publicity:
    """Mask and freeze a list whose notice the catalog already holds (``index_no``): a list the
    old site published and the catalog imported, say. Public as soon as that item is."""
    publicity = _locked(publicity)
    permissions.require(actor, "link", publicity.organisation)
    workflow.check("link", publicity.state)
    _ready(publicity)
    notice = notices.find_notice(publicity.district, index_no or "")
    if notice is None:
        raise ValidationError({"index_no": _("本区没有索引号为 %(no)s 的信息。") % {"no": (index_no or "").strip()}})
    if Publicity.objects.filter(notice_item_id=notice.id).exclude(pk=publicity.pk).exists():
        raise ValidationError({"index_no": _("该信息已是另一条公示的公告。")})
    rows = _project(publicity)
    _release(publicity, actor=actor, notice_item_id=notice.id)
    record(
        "publicity.link",
        actor=actor,
        target=publicity,
        organisation=publicity.organisation,
        changes={"state": [State.DRAFT, State.RELEASED], "notice": [None, notice.index_no], "rows": [0, rows]},
    )
    return publicity


# --- objections -----------------------------------------------------------------------------------


@transaction.atomic
def record_objection(
    publicity: Publicity,
    *,
    actor,
    received_on: dt.date | None,
    content: str,
    objector: str = "",
    objector_phone: str = "",
    entry: Entry | None = None,
) -> Objection:
    """An objection received during the period (a name and phone are optional: anonymous
    objections are recorded too)."""
    publicity = _locked(publicity)
    permissions.require(actor, "object", publicity.organisation)
    workflow.check("object", publicity.state)
    refs = notices.item_refs(publicity.district, [publicity.notice_item_id])
    ref = refs.get(publicity.notice_item_id)
    if ref is not None and ref.is_public and ref.published_at and publicity.period_starts_on is None:
        publicity.period_starts_on = timezone.localdate(ref.published_at)
    errors: dict[str, str] = {}
    content = (content or "").strip()
    if not content:
        errors["content"] = _("请填写异议内容。")
    if received_on is None:
        errors["received_on"] = _("请填写收到日期。")
    elif publicity.period_starts_on is None:
        errors["received_on"] = _("该公示尚未公开，公示期还没有开始。")
    elif not publicity.in_period(received_on):
        errors["received_on"] = _("异议须在公示期内提出（%(period)s）。") % {"period": publicity.period_label()}
    elif received_on > timezone.localdate():
        errors["received_on"] = _("收到日期不能晚于今天。")
    if entry is not None and entry.publicity_id != publicity.pk:
        errors["entry"] = _("该条目不属于本名单。")
    phone = (objector_phone or "").strip()
    if phone:
        try:
            phone = importer.clean_value(publicity.kind, "phone", phone)
        except ValueError as exc:
            errors["objector_phone"] = str(exc)
    if errors:
        raise ValidationError(errors)
    objection = Objection.objects.create(
        publicity=publicity,
        entry=entry,
        received_on=received_on,
        objector=(objector or "").strip(),
        objector_phone=phone,
        content=content,
        recorded_by=actor,
    )
    record(
        "publicity.object",
        actor=actor,
        target=publicity,
        organisation=publicity.organisation,
        changes={"objection": [None, objection.pk], "received_on": [None, received_on.isoformat()]},
    )
    return objection


@transaction.atomic
def resolve_objection(
    objection: Objection, *, actor, outcome: str, resolution: str, resolved_on: dt.date | None
) -> Objection:
    objection = Objection.objects.select_for_update(of=("self",)).select_related("publicity").get(pk=objection.pk)
    publicity = _locked(objection.publicity)
    permissions.require(actor, "resolve", publicity.organisation)
    workflow.check("resolve", publicity.state)
    errors: dict[str, str] = {}
    if not objection.is_open:
        raise ValidationError(_("该异议已办结。"))
    if outcome not in ObjectionOutcome.values:
        errors["outcome"] = _("请选择处理结果。")
    if not (resolution or "").strip():
        errors["resolution"] = _("请填写核实情况。")
    if resolved_on is None:
        errors["resolved_on"] = _("请填写办结日期。")
    elif resolved_on < objection.received_on:
        errors["resolved_on"] = _("办结日期不能早于收到日期（%(day)s）。") % {"day": cn_date(objection.received_on)}
    elif resolved_on > timezone.localdate():
        errors["resolved_on"] = _("办结日期不能晚于今天。")
    if errors:
        raise ValidationError(errors)
    objection.outcome = outcome
    objection.resolution = resolution.strip()
    objection.resolved_on = resolved_on
    objection.save(update_fields=["outcome", "resolution", "resolved_on"])
    record(
        "publicity.resolve",
        actor=actor,
        target=publicity,
        organisation=publicity.organisation,
        changes={"objection": [objection.pk, objection.pk], "outcome": [None, outcome]},
    )
    return objection


# --- periods --------------------------------------------------------------------------------------


@transaction.atomic
def end_periods(now: dt.datetime | None = None) -> dict[str, int]:
    """The periodic job's work, safe to run twice: record the first day of each period that has
    started (the day its item was published), and take down each list whose period is over —
    ``ENDED``, with the day it came down (the day after its last). Its notice item stays, as the
    record that the list was published; the names are no longer shown."""
    today = timezone.localdate(now or timezone.now())
    started = ended = 0
    waiting = Publicity.objects.select_for_update(of=("self",)).filter(
        state=State.RELEASED, notice_item_id__isnull=False
    )
    by_district: dict[int, list[Publicity]] = {}
    for p in waiting.filter(Q(period_starts_on__isnull=True) | Q(period_days__isnull=False)):
        by_district.setdefault(p.district_id, []).append(p)
    for district_id, found in by_district.items():
        district = Organisation.objects.get(pk=district_id)
        refs = notices.item_refs(district, [p.notice_item_id for p in found])
        for p in found:
            ref = refs.get(p.notice_item_id)
            if p.period_starts_on is None:
                if ref is None or not ref.is_public or ref.published_at is None:
                    continue  # still in the catalog's workflow
                p.period_starts_on = timezone.localdate(ref.published_at)
                p.save(update_fields=["period_starts_on"])
                started += 1
            end = p.period_ends_on
            if end is not None and today > end:
                workflow.check("end", p.state)
                p.state = State.ENDED
                p.ended_on = end + dt.timedelta(days=1)
                p.save(update_fields=["state", "ended_on"])
                ended += 1
                record(
                    "publicity.end",
                    actor=None,
                    target=p,
                    organisation=p.organisation,
                    changes={"state": [State.RELEASED, State.ENDED], "ended_on": [None, p.ended_on.isoformat()]},
                    note=_("公示期满（%(period)s），名单自动撤下") % {"period": p.period_label()},
                )
    return {"started": started, "ended": ended}


@transaction.atomic
def set_period(district: Organisation, kind: str, *, actor, period_days: int | None) -> PeriodSetting:
    """The district's publicity period for ``kind`` (None: published for good), for lists entered
    from now on; lists already entered keep theirs."""
    if not permissions.can_configure(actor, district):
        raise PermissionDenied("publicity.publish refused for the district")
    if kind not in Kind.values:
        raise ValidationError({"kind": _("请选择公示类别。")})
    if period_days is not None and not 1 <= period_days <= 365:
        raise ValidationError({"period_days": _("公示期应为1到365天。")})
    before = period_days_for(district.pk, kind)
    setting, _created = PeriodSetting.objects.update_or_create(
        district=district, kind=kind, defaults={"period_days": period_days}
    )
    if before != period_days:
        record(
            "publicity.set_period",
            actor=actor,
            target=setting,
            organisation=district,
            changes={"period_days": [before, period_days]},
            note=str(Kind(kind).label),
        )
    return setting
