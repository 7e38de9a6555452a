"""Every state change of procurement projects, one function per verb.

- ``create_project``: a project of a purchasing unit, planned;
- ``update_project``: its plan (name, type, method, budget, planned start …) while nothing binding
  has happened (planned or procuring);
- ``remove_project``: a planned project with no notice, entered by mistake;
- ``start_procurement``: the day procurement started (采购活动开始);
- ``award``: the supplier chosen, the contract amount and the day (确定供应商);
- ``record_contract``: the day the contract was signed;
- ``terminate``: the procurement ended without a contract (终止 / 废标), with its reason;
- ``draft_notice``: the intention, tender or result notice drafted as an information item;
- ``link_notice``: a notice the catalog already holds (an old site's item), by its index number;
- ``import_projects``: a sheet of planned projects, all or nothing, idempotent.

Each checks permission itself (``permissions.py``) and the project's state (``workflow.py``), runs
in one transaction and writes its audit event. Amounts are Decimal 元 with at most two decimals;
a contract amount never exceeds the budget (采购结果不得超出预算).
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal, InvalidOperation
from typing import IO, Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from gongkai.accounts.permissions import has_perm
from gongkai.audit.log import record
from gongkai.lib.dates import cn_date
from gongkai.lib.validators import validate_uscc
from gongkai.orgs.models import Organisation
from gongkai.procurement import importer, notices, permissions, workflow
from gongkai.procurement.models import Method, Notice, NoticeKind, ProcurementType, Project, ProjectState

CODE_RE = re.compile(r"^[0-9A-Za-z\u4e00-\u9fff][0-9A-Za-z\u4e00-\u9fff()（）〔〕\[\]._\-/]{0,39}$")
MAX_AMOUNT = Decimal("999999999999.99")
PLAN_FIELDS = ("code", "name", "year", "type", "method", "requirements", "budget", "planned_start_on")


def _locked(project: Project) -> Project:
    return (
        Project.objects.select_for_update(of=("self",))
        .select_related("organisation", "district")
        .get(pk=project.pk)
    )


def amount(value: Any, label: str, field: str) -> Decimal:
    """``value`` as 元 with at most two decimals, or a ValidationError naming ``field``."""
    if isinstance(value, Decimal):
        number = value
    else:
        text = str(value if value is not None else "").strip().replace(",", "").replace("，", "")
        if text.endswith("元"):
            text = text[:-1]
        try:
            number = Decimal(text)
        except InvalidOperation:
            raise ValidationError(
                {field: _("%(label)s应为金额（元），例如 1234567.89。") % {"label": label}}
            ) from None
    if not number.is_finite() or number <= 0:
        raise ValidationError({field: _("%(label)s应大于零。") % {"label": label}})
    if number > MAX_AMOUNT:
        raise ValidationError({field: _("%(label)s超出可登记的范围。") % {"label": label}})
    if number != number.quantize(Decimal("0.01")):
        raise ValidationError({field: _("%(label)s最多保留两位小数（分）。") % {"label": label}})
    return number.quantize(Decimal("0.01"))


def _not_future(day: dt.date | None, field: str, label: str, errors: dict) -> None:
    if day is not None and day > timezone.localdate():
        errors[field] = _("%(label)s不能晚于今天。") % {"label": label}


def _plan(values: dict[str, Any], district_id: int, *, exclude_pk: int | None = None) -> dict[str, Any]:
    """The plan's values checked and cleaned; every problem at once, by field."""
    errors: dict[str, str] = {}
    out: dict[str, Any] = {}
    code = (values.get("code") or "").strip()
    if not code:
        errors["code"] = _("请填写项目编号。")
    elif not CODE_RE.match(code):
        errors["code"] = _("项目编号由汉字、字母、数字和 - _ . / （ ）〔 〕组成，不超过40个字符。")
    else:
        taken = Project.objects.filter(district_id=district_id, code=code)
        if exclude_pk:
            taken = taken.exclude(pk=exclude_pk)
        if taken.exists():
            errors["code"] = _("本区已有编号为 %(code)s 的采购项目。") % {"code": code}
    out["code"] = code
    out["name"] = (values.get("name") or "").strip()
    if not out["name"]:
        errors["name"] = _("请填写项目名称。")
    elif len(out["name"]) > 200:
        errors["name"] = _("项目名称不超过200个字。")
    try:
        out["year"] = int(values.get("year") or 0)
    except (TypeError, ValueError):
        out["year"] = 0
    if not 2000 <= out["year"] <= 2100:
        errors["year"] = _("预算年度应为四位年份，例如 2018。")
    out["type"] = values.get("type") or ""
    if out["type"] not in ProcurementType.values:
        errors["type"] = _("请选择采购类别（货物、工程或服务）。")
    out["method"] = values.get("method") or ""
    if out["method"] not in Method.values:
        errors["method"] = _("请选择采购方式。")
    out["requirements"] = (values.get("requirements") or "").strip()
    try:
        out["budget"] = amount(values.get("budget"), _("预算金额"), "budget")
    except ValidationError as exc:
        errors.update({k: v[0] for k, v in exc.message_dict.items()})
    out["planned_start_on"] = values.get("planned_start_on")
    if errors:
        raise ValidationError(errors)
    return out


def _changes(project: Project, new: dict[str, Any]) -> dict[str, list]:
    out = {}
    for name, value in new.items():
        old = getattr(project, name)
        if old != value:
            out[name] = [_show(old), _show(value)]
    return out


def _show(value: Any) -> Any:
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    return value


def _organisation(organisation: Organisation | None, district_id: int | None) -> None:
    if organisation is None:
        raise ValidationError({"organisation": _("请选择采购单位。")})
    if district_id is not None and organisation.district_id != district_id:
        raise ValidationError({"organisation": _("采购单位不属于本区。")})


# --- the plan -----------------------------------------------------------------------------------


@transaction.atomic
def create_project(*, actor, organisation: Organisation, **values: Any) -> Project:
    """A planned project of ``organisation`` (``code``, ``name``, ``year``, ``type``, ``method``,
    ``budget``; ``requirements`` and ``planned_start_on`` for the intention notice)."""
    _organisation(organisation, None)
    permissions.require(actor, "record", organisation)
    plan = _plan(values, organisation.district_id)
    project = Project(
        district_id=organisation.district_id, organisation=organisation, created_by=actor, **plan
    )
    try:
        with transaction.atomic():
            project.save()
    except IntegrityError:  # the same code entered at the same moment by someone else
        raise ValidationError(
            {"code": _("本区已有编号为 %(code)s 的采购项目。") % {"code": plan["code"]}}
        ) from None
    record(
        "procurement.create",
        actor=actor,
        target=project,
        organisation=organisation,
        changes={name: [None, _show(value)] for name, value in plan.items() if value not in ("", None)},
    )
    return project


@transaction.atomic
def update_project(
    project: Project, *, actor, organisation: Organisation | None = None, **values: Any
) -> Project:
    """Change the plan; a new purchasing unit needs the user's permission there too."""
    project = _locked(project)
    permissions.require(actor, "edit", project.organisation)
    workflow.check("edit", project.state)
    organisation = organisation or project.organisation
    _organisation(organisation, project.district_id)
    if organisation.pk != project.organisation_id:
        permissions.require(actor, "edit", organisation)
    plan = _plan(
        {**{f: getattr(project, f) for f in PLAN_FIELDS}, **values},
        project.district_id,
        exclude_pk=project.pk,
    )
    if project.contract_amount is not None and project.contract_amount > plan["budget"]:
        raise ValidationError({"budget": _("预算金额不能低于已登记的成交金额。")})
    changes = _changes(project, plan)
    if organisation.pk != project.organisation_id:
        changes["organisation"] = [project.organisation.name, organisation.name]
    if not changes:
        return project
    for name, value in plan.items():
        setattr(project, name, value)
    project.organisation = organisation
    project.updated_at = timezone.now()
    project.save()
    record("procurement.edit", actor=actor, target=project, organisation=organisation, changes=changes)
    return project


@transaction.atomic
def remove_project(project: Project, *, actor) -> None:
    project = _locked(project)
    permissions.require(actor, "remove", project.organisation)
    workflow.check("remove", project.state)
    if project.notices.exists():
        raise ValidationError(_("该项目已起草公告，不能删除；如不再采购，请终止采购。"))
    record(
        "procurement.remove",
        actor=actor,
        target=project,
        organisation=project.organisation,
        changes={"code": [project.code, None], "name": [project.name, None]},
    )
    project.delete()


# --- the steps ----------------------------------------------------------------------------------


def _step(project: Project, verb: str, actor) -> Project:
    project = _locked(project)
    permissions.require(actor, verb, project.organisation)
    workflow.check(verb, project.state)
    return project


@transaction.atomic
def start_procurement(project: Project, *, actor, started_on: dt.date | None) -> Project:
    """The procurement started on ``started_on`` (the tender notice issued, invitations sent …)."""
    project = _step(project, "start", actor)
    errors: dict[str, str] = {}
    if started_on is None:
        errors["started_on"] = _("请填写采购活动开始日期。")
    _not_future(started_on, "started_on", _("采购活动开始日期"), errors)
    if errors:
        raise ValidationError(errors)
    old = project.state
    project.started_on = started_on
    project.state = workflow.TRANSITIONS["start"].target
    project.updated_at = timezone.now()
    project.save(update_fields=["started_on", "state", "updated_at"])
    record(
        "procurement.start",
        actor=actor,
        target=project,
        changes={"state": [old, project.state], "started_on": [None, started_on.isoformat()]},
    )
    return project


@transaction.atomic
def award(
    project: Project,
    *,
    actor,
    supplier_name: str,
    supplier_code: str = "",
    contract_amount: Any,
    supplier_chosen_on: dt.date | None,
) -> Project:
    """The supplier chosen on ``supplier_chosen_on`` at ``contract_amount`` (中标、成交金额, 元); the
    result notice is then due within 2 working days (``deadlines.py``)."""
    project = _step(project, "award", actor)
    errors: dict[str, str] = {}
    supplier_name = (supplier_name or "").strip()
    if not supplier_name:
        errors["supplier_name"] = _("请填写中标（成交）供应商名称。")
    code = (supplier_code or "").strip()
    if code:
        try:
            code = validate_uscc(code)
        except ValidationError as exc:
            errors["supplier_code"] = exc.messages[0]
    try:
        value = amount(contract_amount, _("中标（成交）金额"), "contract_amount")
    except ValidationError as exc:
        errors.update({k: v[0] for k, v in exc.message_dict.items()})
    else:
        if value > project.budget:
            errors["contract_amount"] = _(
                "中标（成交）金额 %(amount)s 元超出预算金额 %(budget)s 元，采购结果不得超出预算。"
            ) % {
                "amount": value,
                "budget": project.budget,
            }
    if supplier_chosen_on is None:
        errors["supplier_chosen_on"] = _("请填写确定供应商的日期。")
    elif project.started_on and supplier_chosen_on < project.started_on:
        errors["supplier_chosen_on"] = _("确定供应商的日期不能早于采购活动开始日期（%(day)s）。") % {
            "day": cn_date(project.started_on)
        }
    _not_future(supplier_chosen_on, "supplier_chosen_on", _("确定供应商的日期"), errors)
    if errors:
        raise ValidationError(errors)
    old = project.state
    project.supplier_name, project.supplier_code = supplier_name, code
    project.contract_amount, project.supplier_chosen_on = value, supplier_chosen_on
    project.state = workflow.TRANSITIONS["award"].target
    project.updated_at = timezone.now()
    project.save()
    record(
        "procurement.award",
        actor=actor,
        target=project,
        changes={
            "state": [old, project.state],
            "supplier_name": [None, supplier_name],
            "contract_amount": [None, str(value)],
            "supplier_chosen_on": [None, supplier_chosen_on.isoformat()],
        },
    )
    return project


@transaction.atomic
def record_contract(project: Project, *, actor, contract_signed_on: dt.date | None) -> Project:
    project = _step(project, "contract", actor)
    errors: dict[str, str] = {}
    if contract_signed_on is None:
        errors["contract_signed_on"] = _("请填写合同签订日期。")
    elif project.supplier_chosen_on and contract_signed_on < project.supplier_chosen_on:
        errors["contract_signed_on"] = _("合同签订日期不能早于确定供应商的日期（%(day)s）。") % {
            "day": cn_date(project.supplier_chosen_on)
        }
    _not_future(contract_signed_on, "contract_signed_on", _("合同签订日期"), errors)
    if errors:
        raise ValidationError(errors)
    old = project.state
    project.contract_signed_on = contract_signed_on
    project.state = workflow.TRANSITIONS["contract"].target
    project.updated_at = timezone.now()
    project.save(update_fields=["contract_signed_on", "state", "updated_at"])
    record(
        "procurement.contract",
        actor=actor,
        target=project,
        changes={"state": [old, project.state], "contract_signed_on": [None, contract_signed_on.isoformat()]},
    )
    return project


@transaction.atomic
def terminate(project: Project, *, actor, reason: str) -> Project:
    project = _step(project, "terminate", actor)
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError(
            {"reason": _("请写明终止采购的原因（例如：符合条件的供应商不足三家，依法废标）。")}
        )
    old = project.state
    project.state = workflow.TRANSITIONS["terminate"].target
    project.termination_reason = reason
    project.updated_at = timezone.now()
    project.save(update_fields=["state", "termination_reason", "updated_at"])
    record(
        "procurement.terminate",
        actor=actor,
        target=project,
        changes={"state": [old, project.state]},
        note=reason,
    )
    return project


# --- notices ------------------------------------------------------------------------------------


def _notice_ready(project: Project, kind: str) -> None:
    """What a notice must be able to say before it is drafted."""
    if project.notices.filter(kind=kind).exists():
        raise ValidationError(
            _("该项目已有%(kind)s。如需修改，请在信息编辑中更正该信息。") % {"kind": NoticeKind(kind).label}
        )
    if kind == NoticeKind.INTENTION:
        missing = [
            label
            for label, value in (
                (_("需求概况"), project.requirements),
                (_("预计采购时间"), project.planned_start_on),
            )
            if not value
        ]
        if missing:
            raise ValidationError(
                _("采购意向须写明项目名称、需求概况、预算金额和预计采购时间，请先填写：%(m)s。")
                % {"m": "、".join(missing)}
            )


@transaction.atomic
def draft_notice(project: Project, kind: str, *, actor) -> Notice:
    """The project's notice of ``kind`` drafted as an information item of the purchasing unit; the
    catalog's review and approval then publish it."""
    if kind not in workflow.NOTICE_VERBS:
        raise ValidationError(_("没有这种公告。"))
    verb = workflow.NOTICE_VERBS[kind]
    project = _step(project, verb, actor)
    _notice_ready(project, kind)
    if not has_perm(actor, "item.edit", project.organisation):
        # The catalog's own rule for who writes a draft item, said before it refuses.
        raise PermissionDenied(
            _("公告须以%(org)s的名义起草，请由该单位的信息编辑起草。") % {"org": project.organisation.name}
        )
    ref = notices.draft_notice(project, kind, actor=actor)
    notice = Notice.objects.create(project=project, kind=kind, item_id=ref.id, drafted_by=actor)
    record(
        "procurement_notice.draft",
        actor=actor,
        target=project,
        changes={"notice": [None, ref.index_no]},
        note=str(NoticeKind(kind).label),
    )
    return notice


@transaction.atomic
def link_notice(project: Project, kind: str, *, actor, index_no: str) -> Notice:
    """A notice the catalog already holds (``index_no``), as the project's notice of ``kind``."""
    project = _step(project, "link", actor)
    if kind not in NoticeKind.values:
        raise ValidationError({"kind": _("请选择公告类型。")})
    if project.notices.filter(kind=kind).exists():
        raise ValidationError({"kind": _("该项目已有%(kind)s。") % {"kind": NoticeKind(kind).label}})
    if kind == NoticeKind.RESULT and project.state not in (ProjectState.AWARDED, ProjectState.CONTRACTED):
        raise ValidationError({"kind": _("确定供应商之后才能关联结果公告。")})
    ref = notices.find_notice(project.district, index_no or "")
    if ref is None:
        raise ValidationError(
            {"index_no": _("本区没有索引号为 %(no)s 的信息。") % {"no": (index_no or "").strip()}}
        )
    if Notice.objects.filter(item_id=ref.id).exists():
        raise ValidationError({"index_no": _("该信息已是某个采购项目的公告。")})
    notice = Notice.objects.create(project=project, kind=kind, item_id=ref.id, drafted_by=actor)
    record(
        "procurement_notice.link",
        actor=actor,
        target=project,
        changes={"notice": [None, ref.index_no]},
        note=str(NoticeKind(kind).label),
    )
    return notice


# --- import -------------------------------------------------------------------------------------


@transaction.atomic
def import_projects(
    upload: IO[bytes], *, actor, district: Organisation, name: str = ""
) -> importer.ImportReport:
    """A sheet of planned projects, all or nothing: every row is checked as ``create_project`` (or
    ``update_project``, for a code the district has) checks it, and if any row is wrong nothing is
    written and the report says why, row by row. A row that says what the project already says
    counts as unchanged, so importing the same sheet twice changes nothing."""
    if not permissions.editable_orgs(actor, district.pk).exists():
        raise PermissionDenied("procurement.edit refused")
    report = importer.read(upload, district)
    if report.problems or report.bad_rows:
        return report
    existing = {
        p.code: p for p in Project.objects.filter(district=district, code__in=[r.code for r in report.rows])
    }
    for row in report.rows:
        values = dict(row.values)
        organisation = values.pop("organisation")
        found = existing.get(row.code)
        try:
            with transaction.atomic():
                if found is None:
                    create_project(actor=actor, organisation=organisation, **values)
                    row.outcome = _("已登记")
                    report.created += 1
                elif importer.same(found, organisation, values):
                    row.outcome = _("未变（已导入过）")
                    report.unchanged += 1
                else:
                    update_project(found, actor=actor, organisation=organisation, **values)
                    row.outcome = _("已更新")
                    report.updated += 1
        except PermissionDenied:
            row.errors.append(_("无权登记该采购单位的项目。"))
        except ValidationError as exc:
            row.errors.extend(_messages(exc))
    if report.bad_rows:
        transaction.set_rollback(True)
        report.created = report.updated = 0
        return report
    if report.created or report.updated:
        record(
            "procurement.import",
            actor=actor,
            organisation=district,
            changes={"created": [0, report.created], "updated": [0, report.updated]},
            note=_("导入采购项目：%(name)s") % {"name": name},
        )
    return report


def _messages(exc: ValidationError) -> list[str]:
    if hasattr(exc, "error_dict"):
        return [m for messages in exc.message_dict.values() for m in messages]
    return list(exc.messages)
