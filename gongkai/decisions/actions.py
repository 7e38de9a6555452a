"""Every state change of the 双公示 registry, one function per verb.

- ``record_decision``: a decision entered by a form;
- ``update_decision``: corrected while still only recorded;
- ``remove_decision``: taken off again before release (entered by mistake);
- ``import_decisions``: a sheet of decisions, all or nothing, idempotent on 文书号;
- ``release_batch``: an organisation's recorded decisions of one group into a batch whose item is
  drafted in the catalog (review, approval and publication are the catalog's);
- ``withdraw_decision``: 撤销, with its date and reason;
- ``end_publicity``: the periodic job's — released decisions past their publicity period leave
  the portal;
- ``update_rules``: the district's deadline and publicity periods (the office).

Each checks permission itself (``permissions.py``) and the decision's state (``workflow.py``),
validates, runs in one transaction and writes its audit event.
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
from gongkai.decisions import importer, notices, permissions, rules, workflow
from gongkai.decisions.models import (
    CATEGORIES,
    GROUP_OF_KIND,
    Batch,
    BatchGroup,
    Decision,
    DecisionKind,
    DecisionState,
    EnforcementCategory,
    PartyType,
    PenaltyCategory,
    Rules,
)
from gongkai.lib.dates import cn_date
from gongkai.lib.validators import validate_id_number, validate_uscc
from gongkai.orgs.models import Organisation
from gongkai.personal.masking import mask_name

# The fields a form or a sheet gives (besides the organisation).
FIELDS = (
    "kind",
    "number",
    "title",
    "category",
    "category_2",
    "content",
    "facts",
    "basis",
    "licence_name",
    "licence_number",
    "fine_wan",
    "confiscated_wan",
    "party_type",
    "party_name",
    "credit_code",
    "id_number",
    "legal_rep",
    "decided_on",
    "valid_from",
    "valid_to",
    "source",
    "note",
)
TEXT_FIELDS = {
    "number",
    "title",
    "category",
    "category_2",
    "content",
    "facts",
    "basis",
    "licence_name",
    "licence_number",
    "party_name",
    "credit_code",
    "id_number",
    "legal_rep",
    "note",
}
# Audited as a change only by whether it changed (a person's name and ID number stay out of the trail).
PERSONAL = {"party_name", "id_number"}
MAX_WAN = Decimal("99999999")


def _wan(value: Any, label: str, errors: dict, key: str) -> Decimal | None:
    if value in (None, ""):
        return None
    try:
        amount = Decimal(str(value).replace(",", "").strip())
    except InvalidOperation:
        errors[key] = _("%(label)s应为数字（单位：万元）。") % {"label": label}
        return None
    if amount < 0 or amount > MAX_WAN or amount.as_tuple().exponent < -6:
        errors[key] = _("%(label)s应为不小于0的金额（万元，最多六位小数）。") % {"label": label}
        return None
    return amount


def clean(values: dict[str, Any], organisation: Organisation, *, today: dt.date) -> dict[str, Any]:
    """Check one decision's values; return them cleaned, or raise ValidationError naming each
    problem in Chinese. Whether the number is free in the district is the caller's."""
    v = {name: values.get(name) for name in FIELDS}
    for name in TEXT_FIELDS:
        v[name] = (
            (v[name] or "").strip() if isinstance(v[name], str) or v[name] is None else str(v[name]).strip()
        )
    errors: dict[str, str] = {}
    kind = v["kind"]
    if kind not in DecisionKind.values:
        errors["kind"] = _("请选择决定类型（行政许可、行政处罚或行政强制）。")
        raise ValidationError(errors)
    categories = CATEGORIES[kind]
    kind_label = DecisionKind(kind).label
    for name, label in (
        ("number", _("决定文书号")),
        ("title", _("项目名称或案件名称")),
        ("content", _("许可内容或处罚内容")),
    ):
        if not v[name]:
            errors[name] = _("请填写%(label)s。") % {"label": label}
    if v["category"] not in categories.values:
        errors["category"] = _("%(kind)s的类别应为：%(values)s。") % {
            "kind": kind_label,
            "values": "、".join(str(label) for label in categories.labels),
        }
    if v["category_2"]:
        if kind != DecisionKind.PENALTY or v["category_2"] not in categories.values:
            errors["category_2"] = _("只有行政处罚可填写处罚类别二，且须为处罚类别之一。")
        elif v["category_2"] == v["category"]:
            errors["category_2"] = _("处罚类别二不能与处罚类别一相同。")
    if kind != DecisionKind.LICENSING:
        if not v["facts"]:
            errors["facts"] = _("%(kind)s决定须填写违法事实。") % {"kind": kind_label}
        if not v["basis"]:
            errors["basis"] = _("%(kind)s决定须填写依据。") % {"kind": kind_label}
    used = {v["category"], v["category_2"]}
    v["fine_wan"] = _wan(v["fine_wan"], _("罚款金额"), errors, "fine_wan")
    v["confiscated_wan"] = _wan(v["confiscated_wan"], _("没收金额"), errors, "confiscated_wan")
    if kind == DecisionKind.PENALTY:
        if PenaltyCategory.FINE in used:
            if not v["fine_wan"] and "fine_wan" not in errors:
                errors["fine_wan"] = _("处罚类别含罚款，请填写罚款金额（万元）。")
        elif v["fine_wan"]:
            errors["fine_wan"] = _("处罚类别不含罚款，不应填写罚款金额。")
        confiscating = {PenaltyCategory.CONFISCATE_INCOME, PenaltyCategory.CONFISCATE_PROPERTY} & used
        if confiscating and v["confiscated_wan"] is None and "confiscated_wan" not in errors:
            errors["confiscated_wan"] = _("处罚类别含没收，请填写没收金额（万元）。")
        if not confiscating and v["confiscated_wan"]:
            errors["confiscated_wan"] = _("处罚类别不含没收，不应填写没收金额。")
    else:
        if v["fine_wan"]:
            errors["fine_wan"] = _("只有行政处罚可填写罚款金额。")
        if v["confiscated_wan"] and not (
            kind == DecisionKind.ENFORCEMENT and EnforcementCategory.AUCTION in used
        ):
            errors["confiscated_wan"] = _("只有行政处罚可填写没收金额。")
    if kind != DecisionKind.LICENSING and (v["valid_from"] or v["valid_to"]):
        errors["valid_to"] = _("有效期只适用于行政许可。")
    if v["valid_from"] and v["valid_to"] and v["valid_to"] < v["valid_from"]:
        errors["valid_to"] = _("有效期至不能早于有效期自。")
    decided_on = v["decided_on"]
    if not isinstance(decided_on, dt.date):
        errors["decided_on"] = _("请填写决定日期。")
    elif decided_on > today:
        errors["decided_on"] = _("决定日期（%(day)s）不能晚于今天。") % {"day": cn_date(decided_on)}
    party = v["party_type"]
    if party not in PartyType.values:
        errors["party_type"] = _("请选择行政相对人类别（法人及非法人组织、自然人或个体工商户）。")
    if not v["party_name"]:
        errors["party_name"] = _("请填写行政相对人名称。")
    if party == PartyType.NATURAL:
        if v["credit_code"]:
            errors["credit_code"] = _("自然人不填统一社会信用代码。")
        if not v["id_number"]:
            errors["id_number"] = _("自然人须填写身份证号码（不公开）。")
        else:
            try:
                v["id_number"] = validate_id_number(v["id_number"], today=today)
            except ValidationError as exc:
                errors["id_number"] = exc.messages[0]
        if v["legal_rep"]:
            errors["legal_rep"] = _("自然人不填法定代表人。")
    elif party in PartyType.values:
        if v["id_number"]:
            errors["id_number"] = _("法人和个体工商户填写统一社会信用代码，不填身份证号码。")
        if not v["credit_code"]:
            errors["credit_code"] = _("法人和个体工商户须填写统一社会信用代码。")
        else:
            try:
                v["credit_code"] = validate_uscc(v["credit_code"])
            except ValidationError as exc:
                errors["credit_code"] = exc.messages[0]
        if not v["legal_rep"]:
            errors["legal_rep"] = (
                _("请填写法定代表人。") if party == PartyType.LEGAL else _("请填写经营者姓名。")
            )
    source = v["source"] or organisation
    if not isinstance(source, Organisation) or source.district_id != organisation.district_id:
        errors["source"] = _("数据来源单位不属于本区。")
    v["source"] = source
    if errors:
        raise ValidationError(errors)
    return v


def _apply(decision: Decision, v: dict[str, Any], rules_now: Rules) -> None:
    for name in FIELDS:
        if name in ("party_name", "id_number"):
            continue
        setattr(decision, name, v[name])
    if v["party_type"] == PartyType.NATURAL:
        decision.person_name = v["party_name"]
        decision.party_name = mask_name(v["party_name"])
        decision.id_number = v["id_number"]
    else:
        decision.person_name = ""
        decision.party_name = v["party_name"]
        decision.id_number = ""
    decision.publicity_ends_on = rules.publicity_ends_on(
        decision.kind,
        [decision.category, decision.category_2],
        decision.fine_wan,
        decision.decided_on,
        rules_now,
    )


def _snapshot(decision: Decision) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for name in FIELDS:
        if name == "party_name":
            value = decision.person_name.plaintext() if decision.is_natural_person else decision.party_name
        elif name == "id_number":
            value = decision.id_number.plaintext()
        else:
            value = getattr(decision, name)
        if isinstance(value, Organisation):
            value = value.pk
        out[name] = value
    return out


def _audit_value(name: str, value: Any) -> Any:
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    return value


def _diff(before: dict[str, Any], after: dict[str, Any]) -> dict[str, list[Any]]:
    out = {}
    for name in FIELDS:
        old, new = before.get(name), after.get(name)
        if isinstance(new, Organisation):
            new = new.pk
        if old != new and not (old in (None, "") and new in (None, "")):
            if name in PERSONAL:
                out[name] = ["…", "（已修改）"]
            else:
                out[name] = [_audit_value(name, old), _audit_value(name, new)]
    return out


def _number_taken(district_id: int, number: str, exclude: int | None = None) -> bool:
    found = Decision.objects.filter(district_id=district_id, number=number)
    if exclude:
        found = found.exclude(pk=exclude)
    return found.exists()


def _create(actor, organisation: Organisation, values: dict[str, Any]) -> Decision:
    permissions.require(actor, "record", organisation)
    today = timezone.localdate()
    v = clean(values, organisation, today=today)
    if _number_taken(organisation.district_id, v["number"]):
        raise ValidationError(
            {"number": _("本区已登记文书号为 %(number)s 的决定。") % {"number": v["number"]}}
        )
    decision = Decision(district_id=organisation.district_id, organisation=organisation, created_by=actor)
    _apply(decision, v, rules.rules_for(organisation.district_id))
    decision.save()
    return decision


@transaction.atomic
def record_decision(*, actor, organisation: Organisation, **values: Any) -> Decision:
    """A decision of ``organisation`` (its 许可机关 / 处罚机关), recorded for release."""
    decision = _create(actor, organisation, values)
    record(
        "decision.record",
        actor=actor,
        target=decision,
        organisation=organisation,
        changes=_diff({}, _snapshot(decision)),
    )
    return decision


def _locked(decision: Decision) -> Decision:
    return (
        Decision.objects.select_for_update(of=("self",))
        .select_related("organisation", "source", "batch")
        .get(pk=decision.pk)
    )


def _update(decision: Decision, actor, values: dict[str, Any]) -> dict[str, list[Any]]:
    permissions.require(actor, "edit", decision.organisation)
    workflow.check("edit", decision.state)
    v = clean(values, decision.organisation, today=timezone.localdate())
    if _number_taken(decision.district_id, v["number"], exclude=decision.pk):
        raise ValidationError(
            {"number": _("本区已登记文书号为 %(number)s 的决定。") % {"number": v["number"]}}
        )
    before = _snapshot(decision)
    _apply(decision, v, rules.rules_for(decision.district_id))
    decision.updated_at = timezone.now()
    decision.save()
    return _diff(before, _snapshot(decision))


@transaction.atomic
def update_decision(decision: Decision, *, actor, **values: Any) -> Decision:
    """Correct a decision not yet released (every field given again, as on the form)."""
    decision = _locked(decision)
    changes = _update(decision, actor, values)
    if changes:
        record(
            "decision.edit", actor=actor, target=decision, organisation=decision.organisation, changes=changes
        )
    return decision


@transaction.atomic
def remove_decision(decision: Decision, *, actor) -> None:
    """Take a decision entered by mistake off the registry before it is released."""
    decision = _locked(decision)
    permissions.require(actor, "remove", decision.organisation)
    workflow.check("remove", decision.state)
    record(
        "decision.remove",
        actor=actor,
        target=decision,
        organisation=decision.organisation,
        changes={"number": [decision.number, None]},
    )
    decision.delete()


def _same(decision: Decision, values: dict[str, Any]) -> bool:
    """Does the recorded decision say what the row says (a sheet imported again)?"""
    try:
        v = clean(values, decision.organisation, today=timezone.localdate())
    except ValidationError:
        return False
    return not _diff(_snapshot(decision), v) and decision.organisation_id == values.get("organisation").pk


@transaction.atomic
def import_decisions(
    upload: IO[bytes], *, actor, organisation: Organisation, name: str = ""
) -> importer.ImportReport:
    """A sheet of decisions, all or nothing: every row is checked as ``record_decision`` checks it
    (a row's 决定机关 defaults to ``organisation``); if any row is wrong nothing is written and the
    report says why, row by row. A 文书号 already recorded with the same values counts as unchanged
    (the same sheet twice adds nothing); with other values it is corrected while still only
    recorded, and refused once released."""
    permissions.require(actor, "import", organisation)
    report = importer.read(upload, organisation)
    if report.problems or report.bad_rows:
        return report
    existing = {
        d.number: d
        for d in Decision.objects.select_for_update(of=("self",))
        .filter(district_id=organisation.district_id, number__in=[r.number for r in report.rows])
        .select_related("organisation", "source")
    }
    for row in report.rows:
        values = dict(row.values)
        org = values.pop("organisation", None) or organisation
        values["organisation"] = org
        found = existing.get(row.number)
        try:
            with transaction.atomic():
                if found is None:
                    _create(actor, org, values)
                    row.outcome = _("已登记")
                    report.created += 1
                elif found.organisation_id != org.pk:
                    raise ValidationError(
                        _("文书号 %(number)s 已由%(org)s登记。")
                        % {"number": row.number, "org": found.organisation.name}
                    )
                elif _same(found, values):
                    row.outcome = _("未变（已导入过）")
                    report.unchanged += 1
                elif found.state != DecisionState.RECORDED:
                    raise ValidationError(
                        _("文书号 %(number)s 的决定%(state)s，不能通过导入修改。")
                        % {"number": row.number, "state": found.get_state_display()}
                    )
                else:
                    _update(found, actor, values)
                    row.outcome = _("已更正")
                    report.updated += 1
        except PermissionDenied:
            row.errors.append(_("无权登记%(org)s的决定。") % {"org": org.name})
        except ValidationError as exc:
            row.errors.extend(importer.messages(exc))
    if report.bad_rows:
        transaction.set_rollback(True)
        report.created = report.updated = 0
        return report
    if report.created or report.updated:
        record(
            "decision.import",
            actor=actor,
            target=None,
            organisation=organisation,
            changes={"created": [0, report.created], "updated": [0, report.updated]},
            note=_("导入决定：%(name)s") % {"name": name},
        )
    return report


@transaction.atomic
def release_batch(*, actor, organisation: Organisation, group: str, decisions: list[Decision]) -> Batch:
    """Release recorded decisions of ``organisation`` and one group (许可, or 处罚和强制) as one batch:
    its information item is drafted in the catalog, whose review and approval then publish it."""
    permissions.require(actor, "release", organisation)
    if group not in BatchGroup.values:
        raise ValidationError(_("请选择公示类别。"))
    locked = list(
        Decision.objects.select_for_update(of=("self",))
        .filter(pk__in=[d.pk for d in decisions])
        .select_related("organisation", "source")
        .order_by("decided_on", "number")
    )
    if not locked:
        raise ValidationError(_("请选择要提交公示的决定。"))
    for decision in locked:
        if decision.organisation_id != organisation.pk:
            raise ValidationError(
                _("%(number)s 不是%(org)s的决定，请分别提交。")
                % {"number": decision.number, "org": organisation.name}
            )
        if GROUP_OF_KIND[decision.kind] != group:
            raise ValidationError(
                _("%(number)s 是%(kind)s决定，不属于本批次的类别。")
                % {"number": decision.number, "kind": decision.get_kind_display()}
            )
        workflow.check("release", decision.state)
    if not has_perm(actor, "item.edit", organisation):
        raise PermissionDenied(
            _("公示信息须以%(org)s的名义起草，请由该单位的信息编辑提交。") % {"org": organisation.name}
        )
    today = timezone.localdate()
    batch = Batch.objects.create(
        district_id=organisation.district_id,
        organisation=organisation,
        group=group,
        title=notices.title(organisation, group, today),
        released_by=actor,
    )
    notice = notices.draft_notice(batch, locked, actor=actor)
    batch.notice_item_id = notice.id
    batch.save(update_fields=["notice_item_id"])
    Decision.objects.filter(pk__in=[d.pk for d in locked]).update(
        state=DecisionState.RELEASED, batch=batch, updated_at=timezone.now()
    )
    record(
        "decision_batch.release",
        actor=actor,
        target=batch,
        organisation=organisation,
        changes={"decisions": [0, len(locked)], "notice": [None, notice.index_no]},
        note="、".join(d.number for d in locked)[:2000],
    )
    return batch


@transaction.atomic
def withdraw_decision(decision: Decision, *, actor, on: dt.date | None, reason: str) -> Decision:
    """撤销: the decision was revoked, changed or found unlawful. A public one leaves the portal's
    lists; its page says when and why (《行政处罚法》第四十八条: 撤回并公开说明理由)."""
    decision = _locked(decision)
    permissions.require(actor, "withdraw", decision.organisation)
    workflow.check("withdraw", decision.state)
    reason = (reason or "").strip()
    errors = {}
    if not reason:
        errors["reason"] = _("请填写撤销理由。")
    if on is None:
        errors["on"] = _("请填写撤销日期。")
    elif on < decision.decided_on or on > timezone.localdate():
        errors["on"] = _("撤销日期应在决定日期（%(day)s）与今天之间。") % {
            "day": cn_date(decision.decided_on)
        }
    if errors:
        raise ValidationError(errors)
    old = decision.state
    decision.state = DecisionState.WITHDRAWN
    decision.withdrawn_on = on
    decision.withdrawal_reason = reason
    decision.updated_at = timezone.now()
    decision.save(update_fields=["state", "withdrawn_on", "withdrawal_reason", "updated_at"])
    record(
        "decision.withdraw",
        actor=actor,
        target=decision,
        organisation=decision.organisation,
        changes={"state": [old, DecisionState.WITHDRAWN], "withdrawn_on": [None, on.isoformat()]},
        note=reason,
    )
    return decision


@transaction.atomic
def end_publicity(today: dt.date) -> int:
    """Released decisions whose publicity period ended before ``today`` leave the portal (state
    ``ENDED``); the periodic job's action, safe to run twice. Returns how many left."""
    due = list(
        Decision.objects.select_for_update(of=("self",))
        .filter(state=DecisionState.RELEASED, publicity_ends_on__lt=today)
        .select_related("organisation")
    )
    now = timezone.now()
    for decision in due:
        workflow.check("end", decision.state)
        decision.state = DecisionState.ENDED
        decision.ended_at = now
        decision.save(update_fields=["state", "ended_at"])
        record(
            "decision.end",
            actor=None,
            target=decision,
            organisation=decision.organisation,
            changes={"state": [DecisionState.RELEASED, DecisionState.ENDED]},
            note=_("公示期至%(day)s届满") % {"day": cn_date(decision.publicity_ends_on)},
        )
    return len(due)


RULE_FIELDS = ("publish_within", "minor_months", "minor_fine_max_wan", "other_years")


@transaction.atomic
def update_rules(district: Organisation, *, actor, **values: Any) -> Rules:
    """The district's deadline and publicity periods (the office). Decisions already recorded
    keep the publicity period they were given."""
    permissions.require(actor, "rules", district)
    current = Rules.objects.select_for_update().filter(district=district).first() or Rules(district=district)
    before = {f: getattr(current, f) for f in RULE_FIELDS}
    for name in RULE_FIELDS:
        if name in values and values[name] is not None:
            setattr(current, name, values[name])
    current.updated_at = timezone.now()
    current.full_clean(exclude=["district"])
    current.save()
    changes = {
        f: [str(before[f]), str(getattr(current, f))] for f in RULE_FIELDS if before[f] != getattr(current, f)
    }
    if changes:
        record("decision_rules.update", actor=actor, target=current, organisation=district, changes=changes)
    return current
