"""The audit trail's words for the power list's action codes (found by ``gongkai.audit.history``)."""

from django.utils.translation import gettext_lazy

from gongkai.powers import workflow

LABELS = {
    "power_document.create": gettext_lazy("登记依据文件"),
    "power_document.release": workflow.TRANSITIONS["release"].label,
    "power_document.link": workflow.TRANSITIONS["link"].label,
    "power.record": workflow.TRANSITIONS["record"].label,
    "power.remove": workflow.TRANSITIONS["remove"].label,
    "power.import": workflow.TRANSITIONS["import"].label,
}
