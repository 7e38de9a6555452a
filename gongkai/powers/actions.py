"""Every state change of the power list, one function per verb.

- ``create_document``: a source document (文号, title, date) to record changes under, as a draft;
- ``record_change``: one change of one power under a draft document;
- ``remove_change``: take a change off a draft document again;
- ``import_changes``: a sheet of changes into a draft document, all or nothing;
- ``release_document``: freeze the batch and draft its notice in the catalog;
- ``link_notice``: freeze the batch whose notice the catalog already has (an old site's item).

Each checks permission itself (``permissions.py``) and the document's state (``workflow.py``),
runs in one transaction and writes its audit event. The rules a change must meet:

- every change is tied to a source document, in the power's district, still a draft;
- 清单公布, 新增 and 承接 bring a new code into the list — never one the district has had — and
  need every attribute (name, type, basis, implementing organisation, responsibility items);
- 调整, 部分取消 and 取消 need the power in force on the day the change takes effect, and no
  later change of it recorded already (history is added to, not rewritten); attributes not given
  stay as they were; 调整 must change one, 部分取消 must say what was cancelled;
- the user needs ``power.edit`` for the organisation the power belongs to before the change and
  for the one after it.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import IO, Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from gongkai.accounts.permissions import has_perm
from gongkai.audit.log import record
from gongkai.lib.dates import cn_date
from gongkai.orgs.models import Organisation
from gongkai.powers import importer, listing, notices, permissions, workflow
from gongkai.powers.models import (
    NEW_KINDS,
    ChangeKind,
    DocumentState,
    Power,
    PowerChange,
    PowerType,
    SourceDocument,
)

CODE_RE = re.compile(r"^[0-9A-Za-z][0-9A-Za-z._\-]{0,39}$")
ATTRIBUTES = ("name", "type", "basis", "organisation", "responsibilities")
ATTRIBUTE_LABELS = {
    "name": gettext_lazy("权力名称"),
    "type": gettext_lazy("权力类型"),
    "basis": gettext_lazy("设定依据"),
    "organisation": gettext_lazy("实施主体"),
    "responsibilities": gettext_lazy("责任事项"),
}


def _locked(document: SourceDocument) -> SourceDocument:
    return (
        SourceDocument.objects.select_for_update(of=("self",))
        .select_related("organisation", "district")
        .get(pk=document.pk)
    )


# --- source documents ---------------------------------------------------------------------------


@transaction.atomic
def create_document(
    *, actor, organisation: Organisation, number: str, title: str, issued_on: dt.date | None
) -> SourceDocument:
    """A source document of ``organisation`` (the issuer, e.g. 区政府办), as a draft batch."""
    permissions.require(actor, "create_document", organisation)
    number, title = (number or "").strip(), (title or "").strip()
    errors: dict[str, str] = {}
    if not number:
        errors["number"] = _("请填写文号。")
    elif SourceDocument.objects.filter(district_id=organisation.district_id, number=number).exists():
        errors["number"] = _("本区已登记文号为 %(number)s 的文件。") % {"number": number}
    if not title:
        errors["title"] = _("请填写文件标题。")
    if issued_on is None:
        errors["issued_on"] = _("请填写印发日期。")
    if errors:
        raise ValidationError(errors)
    document = SourceDocument(
        district_id=organisation.district_id,
        organisation=organisation,
        number=number,
        title=title,
        issued_on=issued_on,
        created_by=actor,
    )
    document.full_clean(exclude=["district", "organisation", "created_by", "released_by"])
    document.save()
    record(
        "power_document.create",
        actor=actor,
        target=document,
        organisation=organisation,
        changes={
            "number": [None, number],
            "title": [None, title],
            "issued_on": [None, issued_on.isoformat()],
        },
    )
    return document


# --- changes ------------------------------------------------------------------------------------


def _change(
    document: SourceDocument,
    *,
    actor,
    code: str,
    kind: str,
    effective_on: dt.date | None = None,
    name: str = "",
    type: str = "",
    basis: str = "",
    organisation: Organisation | None = None,
    responsibilities: str = "",
    note: str = "",
) -> tuple[PowerChange, PowerChange | None]:
    """Check and write one change under a locked draft ``document``: (the change, the power's
    latest change before it). The callers write the audit event."""
    workflow.check("record", document.state)
    code = (code or "").strip()
    name, basis = (name or "").strip(), (basis or "").strip()
    responsibilities, note = (responsibilities or "").strip(), (note or "").strip()
    effective_on = effective_on or document.issued_on
    errors: dict[str, str] = {}
    if not CODE_RE.match(code):
        errors["code"] = _("权力编码只能由字母、数字和 - _ . 组成，不超过40个字符。")
    if kind not in ChangeKind.values:
        errors["kind"] = _("请选择变更类型。")
    if type and type not in PowerType.values:
        errors["type"] = _("请选择权力类型。")
    if organisation is not None and organisation.district_id != document.district_id:
        errors["organisation"] = _("实施主体不属于本区。")
    if errors:
        raise ValidationError(errors)
    kind_label = ChangeKind(kind).label
    power = Power.objects.select_for_update().filter(district_id=document.district_id, code=code).first()
    before: PowerChange | None = None
    if kind in NEW_KINDS:
        if power is not None:
            raise ValidationError(
                {
                    "code": _("本区清单已有编码 %(code)s，%(kind)s的权力须使用新的编码。")
                    % {"code": code, "kind": kind_label}
                }
            )
        given = {
            "name": name,
            "type": type,
            "basis": basis,
            "organisation": organisation,
            "responsibilities": responsibilities,
        }
        missing = {
            attr: _("%(kind)s的权力须填写%(label)s。") % {"kind": kind_label, "label": ATTRIBUTE_LABELS[attr]}
            for attr, value in given.items()
            if not value
        }
        if missing:
            raise ValidationError(missing)
        permissions.require(actor, "record", organisation)
        try:
            with transaction.atomic():
                power = Power.objects.create(district_id=document.district_id, code=code)
        except IntegrityError:  # recorded at the same moment by someone else
            raise ValidationError({"code": _("本区清单已有编码 %(code)s。") % {"code": code}}) from None
    else:
        if power is None:
            raise ValidationError({"code": _("本区清单中没有编码为 %(code)s 的权力。") % {"code": code}})
        history = PowerChange.objects.filter(power=power)
        before = listing.state_on(history, power.pk, effective_on)
        if before is None or not before.in_force:
            raise ValidationError(
                {
                    "effective_on": _("编码 %(code)s 的权力在%(day)s不在清单中，不能%(kind)s。")
                    % {"code": code, "day": cn_date(effective_on), "kind": kind_label}
                }
            )
        permissions.require(actor, "record", before.organisation)
        later = history.filter(effective_on__gt=effective_on).order_by("effective_on").first()
        if later is not None:
            raise ValidationError(
                {
                    "effective_on": _("该权力已有%(day)s生效的变更，不能在其前登记新的变更。")
                    % {"day": cn_date(later.effective_on)}
                }
            )
        if history.filter(document=document).exists():
            raise ValidationError({"code": _("本文件已登记编码 %(code)s 的变更。") % {"code": code}})
        if kind == ChangeKind.CANCEL:
            name, type, basis = before.name, before.type, before.basis
            organisation, responsibilities = before.organisation, before.responsibilities
        else:
            name, type, basis = name or before.name, type or before.type, basis or before.basis
            organisation = organisation or before.organisation
            responsibilities = responsibilities or before.responsibilities
        if organisation.pk != before.organisation_id:
            permissions.require(actor, "record", organisation)
        after = {
            "name": name,
            "type": type,
            "basis": basis,
            "organisation": organisation,
            "responsibilities": responsibilities,
        }
        if kind == ChangeKind.ADJUST and all(
            after[a] == (before.organisation if a == "organisation" else getattr(before, a))
            for a in ATTRIBUTES
        ):
            raise ValidationError(_("调整须至少改变一项内容（名称、类型、依据、实施主体或责任事项）。"))
        if kind == ChangeKind.PARTIAL_CANCEL and not note:
            raise ValidationError({"note": _("部分取消须在变更说明中写明取消了哪些内容。")})
    change = PowerChange(
        power=power,
        document=document,
        kind=kind,
        effective_on=effective_on,
        name=name,
        type=type,
        basis=basis,
        organisation=organisation,
        responsibilities=responsibilities,
        note=note,
        recorded_by=actor,
    )
    change.full_clean(
        exclude=["power", "document", "organisation", "recorded_by"], validate_constraints=False
    )
    change.save()
    return change, before


def _changes_of(change: PowerChange, before: PowerChange | None) -> dict[str, list[Any]]:
    """The audit event's changes: the kind, and each attribute from before to after."""
    out: dict[str, list[Any]] = {
        "kind": [None, change.kind],
        "effective_on": [None, change.effective_on.isoformat()],
    }
    for attr in ATTRIBUTES:
        new = str(change.organisation) if attr == "organisation" else getattr(change, attr)
        old = None
        if before is not None:
            old = str(before.organisation) if attr == "organisation" else getattr(before, attr)
        if old != new:
            out[attr] = [old, new]
    return out


@transaction.atomic
def record_change(document: SourceDocument, *, actor, **values: Any) -> PowerChange:
    """One change of one power under the draft ``document`` (``code``, ``kind`` and the
    attributes after it: ``name``, ``type``, ``basis``, ``organisation``, ``responsibilities``;
    ``effective_on`` defaults to the document's date; ``note`` says what changed)."""
    document = _locked(document)
    change, before = _change(document, actor=actor, **values)
    record(
        "power.record",
        actor=actor,
        target=change.power,
        organisation=change.organisation,
        changes=_changes_of(change, before),
        note=f"{document.number} {change.note}".strip(),
    )
    return change


@transaction.atomic
def remove_change(change: PowerChange, *, actor) -> None:
    """Take a change off its draft document (the power's latest; a code that has no other change
    leaves the list's records altogether — it was never published)."""
    change = (
        PowerChange.objects.select_for_update(of=("self",))
        .select_related("power", "organisation", "document")
        .get(pk=change.pk)
    )
    document = _locked(change.document)
    permissions.require(actor, "remove", change.organisation)
    workflow.check("remove", document.state)
    history = PowerChange.objects.filter(power=change.power).exclude(pk=change.pk)
    if history.filter(
        Q(effective_on__gt=change.effective_on) | Q(effective_on=change.effective_on, pk__gt=change.pk)
    ).exists():
        raise ValidationError(_("该权力在这次变更之后还有变更，须先删除后面的变更。"))
    before = listing.state_on(history, change.power_id, change.effective_on)
    if before is not None and before.organisation_id != change.organisation_id:
        permissions.require(actor, "remove", before.organisation)
    power = change.power
    record(
        "power.remove",
        actor=actor,
        target=power,
        organisation=change.organisation,
        changes={"kind": [change.kind, None]},
        note=document.number,
    )
    change.delete()
    if before is None and not history.exists():
        power.delete()


def _same(change: PowerChange, values: dict[str, Any], document: SourceDocument) -> bool:
    """Does the existing change say what the row says (a sheet imported again)?"""
    if change.kind != values.get("kind") or change.effective_on != (
        values.get("effective_on") or document.issued_on
    ):
        return False
    for attr in (*ATTRIBUTES, "note"):
        given = values.get(attr)
        if not given:
            continue  # not given: kept as it was
        mine = change.organisation if attr == "organisation" else getattr(change, attr)
        if mine != given:
            return False
    return True


@transaction.atomic
def import_changes(
    document: SourceDocument, upload: IO[bytes], *, actor, name: str = ""
) -> importer.ImportReport:
    """A sheet of changes into the draft ``document``, all or nothing: every row is checked as
    ``record_change`` checks it, and if any row is wrong nothing is written and the report says
    why, row by row. Rows that the document already holds as they are count as unchanged, so
    importing the same sheet twice changes nothing."""
    document = _locked(document)
    # Each row is checked against its own organisation; the sheet needs someone who keeps powers here.
    if not permissions.editable_orgs(actor, document.district_id).exists():
        raise PermissionDenied("power.edit refused")
    workflow.check("import", document.state)
    report = importer.read(upload, document.district)
    if report.problems or report.bad_rows:
        return report
    existing = {
        c.power.code: c
        for c in PowerChange.objects.filter(document=document).select_related("power", "organisation")
    }
    for row in report.rows:
        values = dict(row.values)
        found = existing.get(row.code)
        if found is not None and _same(found, values, document):
            row.outcome = _("未变（已导入过）")
            report.unchanged += 1
            continue
        try:
            with transaction.atomic():
                _change(document, actor=actor, **values)
        except PermissionDenied:
            row.errors.append(_("无权登记该权力的变更（须为其实施主体的工作人员）。"))
        except ValidationError as exc:
            row.errors.extend(_messages(exc))
        else:
            row.outcome = _("已登记")
            report.created += 1
    if report.bad_rows:
        transaction.set_rollback(True)
        report.created = 0
        return report
    if report.created:
        record(
            "power.import",
            actor=actor,
            target=document,
            organisation=document.organisation,
            changes={"count": [0, report.created]},
            note=_("导入 %(n)s 项变更：%(name)s") % {"n": report.created, "name": name},
        )
    return report


def _messages(exc: ValidationError) -> list[str]:
    if hasattr(exc, "error_dict"):
        return [m for messages in exc.message_dict.values() for m in messages]
    return list(exc.messages)


# --- releasing a batch --------------------------------------------------------------------------


def _release(document: SourceDocument, *, actor, notice_item_id: int, index_no: str) -> dict[str, list]:
    """Freeze the batch with its notice; returns the audit event's changes."""
    document.state = DocumentState.RELEASED
    document.notice_item_id = notice_item_id
    document.released_by = actor
    document.released_at = timezone.now()
    document.save(update_fields=["state", "notice_item_id", "released_by", "released_at"])
    return {"state": [DocumentState.DRAFT, DocumentState.RELEASED], "notice": [None, index_no]}


@transaction.atomic
def release_document(document: SourceDocument, *, actor) -> SourceDocument:
    """Freeze the batch and draft its notice as an information item of the issuing organisation;
    the catalog's review and approval then publish it, and with it the changes."""
    document = _locked(document)
    permissions.require(actor, "release", document.organisation)
    workflow.check("release", document.state)
    if not document.changes.exists():
        raise ValidationError(_("该文件还没有登记任何变更。"))
    if not has_perm(actor, "item.edit", document.organisation):
        # The catalog's own rule for who writes a draft item, said before it refuses.
        raise PermissionDenied(
            _("公告须以%(org)s的名义起草，请由该单位的信息编辑提交发布。")
            % {"org": document.organisation.name}
        )
    notice = notices.draft_notice(document, actor=actor)
    changes = _release(document, actor=actor, notice_item_id=notice.id, index_no=notice.index_no)
    record(
        "power_document.release",
        actor=actor,
        target=document,
        organisation=document.organisation,
        changes=changes,
    )
    return document


@transaction.atomic
def link_notice(document: SourceDocument, *, actor, index_no: str) -> SourceDocument:
    """Freeze the batch whose notice the catalog already holds (``index_no``): a document the old
    site published and the catalog imported, say. Public as soon as that item is."""
    document = _locked(document)
    permissions.require(actor, "link", document.organisation)
    workflow.check("link", document.state)
    if not document.changes.exists():
        raise ValidationError(_("该文件还没有登记任何变更。"))
    notice = notices.find_notice(document.district, index_no or "")
    if notice is None:
        raise ValidationError(
            {"index_no": _("本区没有索引号为 %(no)s 的信息。") % {"no": (index_no or "").strip()}}
        )
    if SourceDocument.objects.filter(notice_item_id=notice.id).exclude(pk=document.pk).exists():
        raise ValidationError({"index_no": _("该信息已是另一份依据文件的公告。")})
    changes = _release(document, actor=actor, notice_item_id=notice.id, index_no=notice.index_no)
    record(
        "power_document.link",
        actor=actor,
        target=document,
        organisation=document.organisation,
        changes=changes,
    )
    return document
