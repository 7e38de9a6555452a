"""Every state change of the finance registry, one function per verb.

Budgets and final accounts:

- ``create_disclosure``: one unit's (or the district's own) budget, final accounts, 三公 budget or
  三公 final accounts of a fiscal year, as a draft, with its approval date;
- ``open_cycle``: the same for every budget unit that has none yet (the finance bureau's 批复 of a
  year, entered once by the office, so the completeness board knows every due day);
- ``update_disclosure``: its approval date and its explanation (情况说明) while a draft;
- ``import_tables``: the finance system's sheets into its tables, all or nothing, each table's
  figures checked (rows add up to their total, or the row is named); the same sheets twice change
  nothing;
- ``mark_empty`` / ``remove_table``: a table without data, published empty with its note; a table
  taken off again;
- ``release_disclosure``: once every standard table is there (or marked empty) and the required
  sections are written, freeze it and draft its information item in the catalog;
- ``link_item``: freeze it with an item the catalog already holds;
- ``set_deadline_days``: the district's deadline after approval (default 20 days).

Fees: ``create_fee_item``, ``update_fee_item``, ``stop_fee_item``, ``record_collection`` and
``import_fees`` (an XLSX of items and their yearly amounts, idempotent).

Each checks permission itself (``permissions.py``) and the state (``workflow.py``), runs in one
transaction and writes its audit event.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal, InvalidOperation
from typing import IO, Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from gongkai.accounts.permissions import has_perm
from gongkai.audit.log import record
from gongkai.finance import feeimport, importer, notices, permissions, units, workflow
from gongkai.finance.figures import tables_of
from gongkai.finance.models import (
    PROCUREMENT_PARTS,
    REQUIRED_SECTIONS,
    SECTIONS,
    DeadlineRule,
    Disclosure,
    FeeCollection,
    FeeItem,
    FinanceTable,
    Kind,
    Level,
    State,
    disclosure_year,
)
from gongkai.finance.tables import CENT, SPECS, specs_for
from gongkai.orgs.models import Organisation, OrgKind

SECTION_NAMES = [name for name, _label in SECTIONS]
FIGURE_FIELDS = (
    "operating_costs_wan",
    "procurement_total_wan",
    *PROCUREMENT_PARTS,
    "procurement_sme_wan",
)
EDITABLE = ("approved_on", *SECTION_NAMES, *FIGURE_FIELDS)


def _locked(disclosure: Disclosure) -> Disclosure:
    return (
        Disclosure.objects.select_for_update(of=("self",))
        .select_related("unit", "organisation", "district")
        .get(pk=disclosure.pk)
    )


def _check_approval(kind: str, fiscal_year: int, approved_on: dt.date | None) -> None:
    if approved_on is None:
        return
    if approved_on > timezone.localdate():
        raise ValidationError({"approved_on": _("批复日期不能晚于今天。")})
    year = disclosure_year(kind, fiscal_year)
    if not year - 1 <= approved_on.year <= year:
        raise ValidationError(
            {
                "approved_on": _("%(fy)s年%(kind)s的批复日期应在%(a)s年或%(b)s年。")
                % {"fy": fiscal_year, "kind": Kind(kind).label, "a": year - 1, "b": year}
            }
        )


def _check_fiscal_year(fiscal_year: Any) -> int:
    try:
        year = int(fiscal_year)
    except (TypeError, ValueError):
        raise ValidationError({"fiscal_year": _("年度应为四位数字，例如 2018。")}) from None
    if not 2000 <= year <= timezone.localdate().year + 1:
        raise ValidationError({"fiscal_year": _("年度应在2000年至明年之间。")})
    return year


# --- disclosures ----------------------------------------------------------------------------------


def _new(unit: Organisation, kind: str, fiscal_year: int, approved_on, actor) -> Disclosure:
    if kind not in Kind.values:
        raise ValidationError({"kind": _("请选择公开内容。")})
    if not (unit.is_district or unit.kind == OrgKind.BUDGET_UNIT):
        raise ValidationError({"unit": _("只有预算单位和区本级公开预决算。")})
    publisher = units.publisher_for(unit)
    if publisher is None:
        raise ValidationError({"unit": _("本区没有财政局，无法公开区本级预决算。")})
    permissions.require(actor, "create", publisher)
    _check_approval(kind, fiscal_year, approved_on)
    if Disclosure.objects.filter(unit=unit, kind=kind, fiscal_year=fiscal_year).exists():
        raise ValidationError(
            _("%(unit)s %(year)s年%(kind)s已登记。")
            % {"unit": unit.name, "year": fiscal_year, "kind": Kind(kind).label}
        )
    return Disclosure.objects.create(
        district_id=unit.district_id,
        unit=unit,
        organisation=publisher,
        level=units.level_of(unit),
        kind=kind,
        fiscal_year=fiscal_year,
        approved_on=approved_on,
        created_by=actor,
    )


@transaction.atomic
def create_disclosure(
    *, actor, unit: Organisation, kind: str, fiscal_year: Any, approved_on: dt.date | None = None
) -> Disclosure:
    """A draft disclosure of ``unit`` (a budget unit, or the district for its own)."""
    disclosure = _new(unit, kind, _check_fiscal_year(fiscal_year), approved_on, actor)
    record(
        "finance.create",
        actor=actor,
        target=disclosure,
        organisation=disclosure.organisation,
        changes={"approved_on": [None, approved_on.isoformat() if approved_on else None]},
    )
    return disclosure


@transaction.atomic
def open_cycle(*, actor, district: Organisation, kind: str, fiscal_year: Any, approved_on: dt.date) -> int:
    """A draft for every budget unit of the district without one of this kind and year, all
    approved on ``approved_on`` (the office enters the finance bureau's 批复 once). Returns how
    many were created; running it again creates none."""
    permissions.require(actor, "settings", district)
    year = _check_fiscal_year(fiscal_year)
    if approved_on is None:
        raise ValidationError({"approved_on": _("请填写批复日期。")})
    existing = set(
        Disclosure.objects.filter(district=district, kind=kind, fiscal_year=year).values_list(
            "unit_id", flat=True
        )
    )
    created = 0
    for unit in units.budget_units(district):
        if unit.pk not in existing:
            _new(unit, kind, year, approved_on, actor)
            created += 1
    if created:
        record(
            "finance.open_cycle",
            actor=actor,
            organisation=district,
            changes={"count": [0, created]},
            note=_("%(year)s年%(kind)s：%(n)s 个预算单位，批复日期 %(day)s")
            % {"year": year, "kind": Kind(kind).label, "n": created, "day": approved_on.isoformat()},
        )
    return created


def _decimal(name: str, value: Any) -> Decimal | None:
    if value in (None, ""):
        return None
    try:
        number = Decimal(str(value))
    except InvalidOperation:
        raise ValidationError({name: _("应为金额（万元，两位小数）。")}) from None
    if number < 0 or number != number.quantize(CENT):
        raise ValidationError({name: _("应为不小于零的金额（万元，两位小数）。")})
    return number.quantize(CENT)


@transaction.atomic
def update_disclosure(disclosure: Disclosure, *, actor, **values: Any) -> Disclosure:
    """Change the approval date, the explanation's sections and its figures of a draft."""
    disclosure = _locked(disclosure)
    permissions.require(actor, "edit", disclosure.organisation)
    workflow.check("edit", disclosure.state)
    unknown = set(values) - set(EDITABLE)
    if unknown:
        raise ValueError(f"not editable: {sorted(unknown)}")
    changes: dict[str, list] = {}
    for name, value in values.items():
        if name in FIGURE_FIELDS:
            value = _decimal(name, value)
        elif name in SECTION_NAMES:
            value = (value or "").strip()
        old = getattr(disclosure, name)
        if old != value:
            setattr(disclosure, name, value)
            changes[name] = [str(old) if old is not None else None, str(value) if value is not None else None]
    _check_approval(disclosure.kind, disclosure.fiscal_year, disclosure.approved_on)
    parts = [getattr(disclosure, p) for p in PROCUREMENT_PARTS]
    total = disclosure.procurement_total_wan
    if total is not None and all(p is not None for p in parts) and sum(parts) != total:
        raise ValidationError(
            {
                "procurement_total_wan": _("政府采购总额 %(t)s 万元不等于货物、工程、服务之和 %(s)s 万元。")
                % {"t": total, "s": sum(parts)}
            }
        )
    if (
        total is not None
        and disclosure.procurement_sme_wan is not None
        and disclosure.procurement_sme_wan > total
    ):
        raise ValidationError({"procurement_sme_wan": _("授予中小企业的合同金额不能大于政府采购总额。")})
    if changes:
        disclosure.save(update_fields=list(changes))
        # Long texts are noted by which section changed, not copied into the trail.
        trail = {k: (v if k not in SECTION_NAMES else [None, _("已修改")]) for k, v in changes.items()}
        record(
            "finance.edit",
            actor=actor,
            target=disclosure,
            organisation=disclosure.organisation,
            changes=trail,
        )
    return disclosure


@transaction.atomic
def import_tables(
    disclosure: Disclosure, upload: IO[bytes], *, actor, name: str = ""
) -> importer.ImportReport:
    """The sheets of ``upload`` into the draft's tables, all or nothing. A sheet whose figures do
    not add up is refused with its row named, and then nothing is written; a table already held
    as it is counts as unchanged, so importing the same workbook twice changes nothing."""
    disclosure = _locked(disclosure)
    permissions.require(actor, "import", disclosure.organisation)
    workflow.check("import", disclosure.state)
    report = importer.read(upload, specs_for(disclosure.level, disclosure.kind))
    if not report.ok:
        return report
    existing = {t.code: t for t in disclosure.tables.all()}
    written = []
    for sheet in report.sheets:
        if sheet.spec is None:
            continue
        data = sheet.data.as_json() if not sheet.is_empty else {}
        empty = sheet.is_empty
        note = sheet.spec.empty_note if empty else ""
        found = existing.get(sheet.spec.code)
        if found is not None and found.data == data and found.is_empty == empty:
            report.unchanged += 1
            continue
        if empty and not note:
            sheet.errors.append(_("该表没有数据；请填写数据，或在页面上标为空表并写明原因。"))
            continue
        FinanceTable.objects.update_or_create(
            disclosure=disclosure,
            code=sheet.spec.code,
            defaults={
                "data": data,
                "is_empty": empty,
                "note": note,
                "source": (name or "")[:200],
                "entered_by": actor,
                "entered_at": timezone.now(),
            },
        )
        written.append(sheet.spec.title)
    if report.bad_sheets:
        transaction.set_rollback(True)
        return report
    report.imported = len(written)
    if written:
        record(
            "finance.import",
            actor=actor,
            target=disclosure,
            organisation=disclosure.organisation,
            changes={"tables": [None, written]},
            note=name,
        )
    return report


@transaction.atomic
def mark_empty(disclosure: Disclosure, code: str, *, actor, note: str = "") -> FinanceTable:
    """The table ``code`` has no data: it is published empty, with ``note`` (default: the standard
    wording, e.g. 本单位无政府性基金预算财政拨款收入支出，故本表为空表)."""
    disclosure = _locked(disclosure)
    permissions.require(actor, "mark_empty", disclosure.organisation)
    workflow.check("mark_empty", disclosure.state)
    spec = SPECS.get(code)
    if spec is None or spec not in specs_for(disclosure.level, disclosure.kind):
        raise ValidationError(_("该公开内容没有这张表。"))
    note = (note or "").strip() or spec.empty_note
    if not note:
        raise ValidationError({"note": _("空表须说明原因，例如“本单位无此项收支，故本表为空表”。")})
    table, _created = FinanceTable.objects.update_or_create(
        disclosure=disclosure,
        code=code,
        defaults={
            "data": {},
            "is_empty": True,
            "note": note,
            "entered_by": actor,
            "entered_at": timezone.now(),
        },
    )
    record(
        "finance.mark_empty",
        actor=actor,
        target=disclosure,
        organisation=disclosure.organisation,
        changes={"table": [None, spec.title]},
        note=note,
    )
    return table


@transaction.atomic
def remove_table(table: FinanceTable, *, actor) -> None:
    disclosure = _locked(table.disclosure)
    permissions.require(actor, "remove_table", disclosure.organisation)
    workflow.check("remove_table", disclosure.state)
    title = table.spec.title
    FinanceTable.objects.filter(pk=table.pk).delete()
    record(
        "finance.remove_table",
        actor=actor,
        target=disclosure,
        organisation=disclosure.organisation,
        changes={"table": [title, None]},
    )


def missing_for_release(disclosure: Disclosure) -> list[str]:
    """What keeps a draft from release, in words (the page lists them; the action refuses)."""
    problems = []
    if disclosure.approved_on is None:
        problems.append(_("未填写批复日期"))
    absent = [e.spec.numbered_title for e in tables_of(disclosure) if not e.entered]
    if absent:
        problems.append(
            _("尚缺表格：%(tables)s（无数据的表请标为空表并说明）") % {"tables": "、".join(absent)}
        )
    labels = dict(SECTIONS)
    sections = [
        str(labels[name])
        for name in REQUIRED_SECTIONS[(disclosure.level, disclosure.kind)]
        if not getattr(disclosure, name).strip()
    ]
    if sections:
        problems.append(_("情况说明尚缺：%(sections)s") % {"sections": "、".join(sections)})
    return problems


def _release(disclosure: Disclosure, *, actor, item_id: int, index_no: str) -> dict[str, list]:
    disclosure.state = State.RELEASED
    disclosure.item_id = item_id
    disclosure.released_by = actor
    disclosure.released_at = timezone.now()
    disclosure.save(update_fields=["state", "item_id", "released_by", "released_at"])
    return {"state": [State.DRAFT, State.RELEASED], "item": [None, index_no]}


@transaction.atomic
def release_disclosure(disclosure: Disclosure, *, actor) -> Disclosure:
    """Freeze the disclosure and draft its information item; the catalog's review and approval
    then publish it."""
    disclosure = _locked(disclosure)
    permissions.require(actor, "release", disclosure.organisation)
    workflow.check("release", disclosure.state)
    problems = missing_for_release(disclosure)
    if problems:
        raise ValidationError(problems)
    if not has_perm(actor, "item.edit", disclosure.organisation):
        raise PermissionDenied(
            _("须以%(org)s的名义起草政府信息，请由该单位的信息编辑提交发布。")
            % {"org": disclosure.organisation.name}
        )
    item = notices.draft(disclosure, actor=actor)
    changes = _release(disclosure, actor=actor, item_id=item.id, index_no=item.index_no)
    record(
        "finance.release",
        actor=actor,
        target=disclosure,
        organisation=disclosure.organisation,
        changes=changes,
    )
    return disclosure


@transaction.atomic
def link_item(disclosure: Disclosure, *, actor, index_no: str) -> Disclosure:
    """Freeze the disclosure with an item the catalog already holds (the old site's, say)."""
    disclosure = _locked(disclosure)
    permissions.require(actor, "link", disclosure.organisation)
    workflow.check("link", disclosure.state)
    problems = missing_for_release(disclosure)
    if problems:
        raise ValidationError(problems)
    item = notices.find(disclosure.district, index_no or "")
    if item is None:
        raise ValidationError(
            {"index_no": _("本区没有索引号为 %(no)s 的信息。") % {"no": (index_no or "").strip()}}
        )
    if Disclosure.objects.filter(item_id=item.id).exclude(pk=disclosure.pk).exists():
        raise ValidationError({"index_no": _("该信息已关联另一项预决算公开。")})
    changes = _release(disclosure, actor=actor, item_id=item.id, index_no=item.index_no)
    record(
        "finance.link", actor=actor, target=disclosure, organisation=disclosure.organisation, changes=changes
    )
    return disclosure


@transaction.atomic
def set_deadline_days(
    district: Organisation, *, actor, department_days: int, government_days: int
) -> DeadlineRule:
    permissions.require(actor, "settings", district)
    rule, _created = DeadlineRule.objects.get_or_create(district=district)
    old = [rule.department_days, rule.government_days]
    rule.department_days, rule.government_days = department_days, government_days
    rule.full_clean(exclude=["district"])
    rule.save()
    record(
        "finance.deadline",
        actor=actor,
        organisation=district,
        changes={"days": [old, [department_days, government_days]]},
    )
    return rule


# --- fees -----------------------------------------------------------------------------------------


def _fee_fields(item: FeeItem) -> None:
    for name in ("name", "basis", "standard"):
        setattr(item, name, (getattr(item, name) or "").strip())
    item.full_clean(
        exclude=["district", "organisation", "created_by"], validate_unique=False, validate_constraints=False
    )
    if item.until_year is not None and item.until_year <= item.from_year:
        raise ValidationError({"until_year": _("停征年度应晚于起始年度。")})
    clash = FeeItem.objects.filter(organisation=item.organisation, name=item.name).exclude(pk=item.pk)
    if clash.exists():
        raise ValidationError({"name": _("该单位已有同名收费项目。")})


@transaction.atomic
def create_fee_item(
    *, actor, organisation: Organisation, name: str, basis: str, standard: str, from_year: Any, note: str = ""
) -> FeeItem:
    permissions.require(actor, "fee_edit", organisation)
    item = FeeItem(
        district_id=organisation.district_id,
        organisation=organisation,
        name=name,
        basis=basis,
        standard=standard,
        from_year=from_year,
        note=(note or "").strip(),
        created_by=actor,
    )
    _fee_fields(item)
    item.save()
    record(
        "fee.create", actor=actor, target=item, organisation=organisation, changes={"name": [None, item.name]}
    )
    return item


@transaction.atomic
def update_fee_item(item: FeeItem, *, actor, **values: Any) -> FeeItem:
    item = FeeItem.objects.select_for_update().select_related("organisation").get(pk=item.pk)
    permissions.require(actor, "fee_edit", item.organisation)
    allowed = {"name", "basis", "standard", "from_year", "until_year", "note", "organisation"}
    if set(values) - allowed:
        raise ValueError(f"not editable: {sorted(set(values) - allowed)}")
    changes = {}
    if "organisation" in values and values["organisation"] != item.organisation:
        permissions.require(actor, "fee_edit", values["organisation"])
    for name, value in values.items():
        old = getattr(item, name)
        if old != value:
            setattr(item, name, value)
            changes[name] = [str(old) if old is not None else None, str(value) if value is not None else None]
    _fee_fields(item)
    if changes:
        item.save()
        record("fee.edit", actor=actor, target=item, organisation=item.organisation, changes=changes)
    return item


@transaction.atomic
def stop_fee_item(item: FeeItem, *, actor, until_year: Any, note: str = "") -> FeeItem:
    """The fee is no longer collected from ``until_year`` on (取消或停征); its history stays."""
    try:
        year = int(until_year)
    except (TypeError, ValueError):
        raise ValidationError({"until_year": _("请填写停征年度。")}) from None
    values: dict[str, Any] = {"until_year": year}
    if note:
        values["note"] = note
    return update_fee_item(item, actor=actor, **values)


@transaction.atomic
def record_collection(item: FeeItem, *, actor, year: Any, amount_yuan: Any) -> FeeCollection:
    """The amount ``item`` brought in over ``year`` (元), replacing what was recorded before."""
    item = FeeItem.objects.select_related("organisation").get(pk=item.pk)
    permissions.require(actor, "fee_edit", item.organisation)
    try:
        year = int(year)
    except (TypeError, ValueError):
        raise ValidationError({"year": _("年度应为四位数字。")}) from None
    if year > timezone.localdate().year:
        raise ValidationError({"year": _("不能登记未来年度的收费金额。")})
    if not item.in_force(year):
        raise ValidationError({"year": _("该项目%(year)s年不在征收期内。") % {"year": year}})
    try:
        value = Decimal(str(amount_yuan).replace(",", "").strip())
    except InvalidOperation:
        raise ValidationError({"amount_yuan": _("收费金额应为数字（元，两位小数）。")}) from None
    if not value.is_finite() or value < 0 or value != value.quantize(CENT):
        raise ValidationError({"amount_yuan": _("收费金额应为不小于零的数字，最多两位小数（元）。")})
    found = FeeCollection.objects.filter(item=item, year=year).first()
    old = str(found.amount_yuan) if found else None
    if found is not None and found.amount_yuan == value:
        return found
    collection, _created = FeeCollection.objects.update_or_create(
        item=item,
        year=year,
        defaults={"amount_yuan": value, "recorded_by": actor, "recorded_at": timezone.now()},
    )
    record(
        "fee.collect",
        actor=actor,
        target=item,
        organisation=item.organisation,
        changes={f"amount_{year}": [old, str(value)]},
    )
    return collection


@transaction.atomic
def import_fees(district: Organisation, upload: IO[bytes], *, actor, name: str = "") -> feeimport.FeeReport:
    """A sheet of fee items and their yearly amounts, all or nothing; rows already held as they
    are change nothing (the same sheet twice adds nothing)."""
    if not permissions.editable_orgs(actor, district.pk).exists():
        raise PermissionDenied("finance.edit refused")
    report = feeimport.read(upload, district)
    if report.problems or report.bad_rows:
        return report
    for row in report.rows:
        v = row.values
        org = v["organisation"]
        if not permissions.may(actor, "fee_edit", org):
            row.errors.append(_("无权登记%(org)s的收费项目。") % {"org": org.name})
            continue
        item = FeeItem.objects.filter(organisation=org, name=v["name"]).first()
        try:
            with transaction.atomic():
                if item is None:
                    item = create_fee_item(
                        actor=actor,
                        organisation=org,
                        name=v["name"],
                        basis=v["basis"],
                        standard=v["standard"],
                        from_year=v["from_year"] or v["year"],
                    )
                    report.created += 1
                else:
                    changed = {k: v[k] for k in ("basis", "standard") if v[k] and getattr(item, k) != v[k]}
                    if changed:
                        update_fee_item(item, actor=actor, **changed)
                        report.updated += 1
                if v["year"] is not None and v["amount_yuan"] is not None:
                    before = (
                        FeeCollection.objects.filter(item=item, year=v["year"])
                        .values_list("amount_yuan", flat=True)
                        .first()
                    )
                    record_collection(item, actor=actor, year=v["year"], amount_yuan=v["amount_yuan"])
                    if before != v["amount_yuan"]:
                        report.amounts += 1
        except ValidationError as exc:
            row.errors.extend(_messages(exc))
    if report.bad_rows:
        transaction.set_rollback(True)
        report.created = report.updated = report.amounts = 0
        return report
    if report.created or report.updated or report.amounts:
        record(
            "fee.import",
            actor=actor,
            organisation=district,
            changes={"items": [0, report.created], "amounts": [0, report.amounts]},
            note=name,
        )
    return report


def _messages(exc: ValidationError) -> list[str]:
    if hasattr(exc, "error_dict"):
        return [m for messages in exc.message_dict.values() for m in messages]
    return list(exc.messages)


__all__ = [
    "Level",
    "create_disclosure",
    "create_fee_item",
    "import_fees",
    "import_tables",
    "link_item",
    "mark_empty",
    "open_cycle",
    "record_collection",
    "release_disclosure",
    "remove_table",
    "set_deadline_days",
    "stop_fee_item",
    "update_disclosure",
    "update_fee_item",
]
