"""The audit trail's words for procurement's action codes (found by ``gongkai.audit.history``)."""

from django.utils.translation import gettext_lazy

from gongkai.procurement import workflow

LABELS = {
    "procurement.create": gettext_lazy("登记采购项目"),
    "procurement.edit": workflow.TRANSITIONS["edit"].label,
    "procurement.remove": workflow.TRANSITIONS["remove"].label,
    "procurement.start": workflow.TRANSITIONS["start"].label,
    "procurement.award": workflow.TRANSITIONS["award"].label,
    "procurement.contract": workflow.TRANSITIONS["contract"].label,
    "procurement.terminate": workflow.TRANSITIONS["terminate"].label,
    "procurement.import": gettext_lazy("导入采购项目"),
    "procurement_notice.draft": gettext_lazy("起草采购公告"),
    "procurement_notice.link": workflow.TRANSITIONS["link"].label,
}
