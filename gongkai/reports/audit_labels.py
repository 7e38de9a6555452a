"""The audit trail's words for the annual reports' action codes (found by ``gongkai.audit.history``)."""

from django.utils.translation import gettext_lazy

from gongkai.reports import workflow

LABELS = {
    "report.generate": gettext_lazy("生成年度报告"),
    "report.regenerate": workflow.TRANSITIONS["generate"].label,
    "report.edit": workflow.TRANSITIONS["edit"].label,
    "report.approve": workflow.TRANSITIONS["approve"].label,
    "report.reopen": workflow.TRANSITIONS["reopen"].label,
    "report.release": workflow.TRANSITIONS["release"].label,
}
