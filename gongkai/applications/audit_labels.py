"""The audit trail's words for the action codes of disclosure applications, and the details of
those whose changes read better in the application's own words (``DESCRIBE``) than field by field
("已收到 → 办理中" rather than "状态：已收到 → 办理中"; nothing for the running clock, which the
event's note already says)."""

from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from gongkai.applications.models import PauseKind, Status
from gongkai.applications.outcomes import Outcome
from gongkai.audit.models import AuditEvent

LABELS = {
    "application.submit": _("登记/提交申请"),
    "application.accept": _("受理"),
    "application.transfer": _("转办"),
    "application.clarification_start": _("发出补正通知"),
    "application.clarification_end": _("收到补正材料"),
    "application.third_party_start": _("征求第三方意见"),
    "application.third_party_end": _("收到第三方意见"),
    "application.co_agency_start": _("征求其他机关意见"),
    "application.co_agency_end": _("收到其他机关意见"),
    "application.fee_start": _("发出收费通知"),
    "application.fee_end": _("收到缴费"),
    "application.extend": _("延期答复"),
    "application.close": _("答复办结"),
    "application.deliver": _("送达"),
    "application.review_case": _("登记复议/诉讼"),
    "application.review_result": _("复议/诉讼结果"),
    "application.attach": _("上传答复材料"),
    "application.detach": _("删除答复材料"),
    "application.third_party_recount": _("重新计算征求第三方意见期限"),
    "application.co_agency_recount": _("重新计算征求其他机关意见期限"),
    "application.fee_recount": _("重新计算缴费期限"),
    "application.letter_template": _("修改告知书模板"),
    "application.import": _("从依申请公开台账导入"),
    "application.ledger_import": _("导入依申请公开台账"),
}


def describe(event: AuditEvent) -> str:
    """An application event's details: the status it moved between, the organisation it was
    transferred between, the outcome, the days of an extension, the document."""
    changes = event.changes or {}
    statuses, outcomes = dict(Status.choices), dict(Outcome.choices)
    parts = []
    if "status" in changes:
        old, new = changes["status"]
        parts.append(f"{statuses.get(old, old or '—')} → {statuses.get(new, new)}")
    if "organisation" in changes:
        old, new = changes["organisation"]
        parts.append(f"{old} → {new}")
    if "outcome" in changes:
        parts.append(str(outcomes.get(changes["outcome"][1], changes["outcome"][1])))
    if "extension_days" in changes:
        parts.append(gettext("延长%(days)s个工作日") % {"days": changes["extension_days"][1]})
    if "document" in changes:
        parts.append(changes["document"][1] or changes["document"][0] or "")
    return "；".join(parts)


# Delivery and recounted periods are left to the field-by-field wording ("送达日期：（空） → …").
WORDED = [
    "application.submit",
    "application.import",
    "application.accept",
    "application.transfer",
    "application.extend",
    "application.close",
    "application.attach",
    "application.detach",
    "application.review_case",
    "application.review_result",
    *(f"application.{kind}_{edge}" for kind in PauseKind.values for edge in ("start", "end")),
]
DESCRIBE = dict.fromkeys(WORDED, describe)
