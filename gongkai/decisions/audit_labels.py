"""The audit trail's words for the 双公示 registry's action codes (found by ``gongkai.audit.history``)."""

from django.utils.translation import gettext_lazy

from gongkai.decisions import workflow

LABELS = {
    "decision.record": gettext_lazy("登记决定"),
    "decision.edit": workflow.TRANSITIONS["edit"].label,
    "decision.remove": workflow.TRANSITIONS["remove"].label,
    "decision.import": gettext_lazy("导入决定"),
    "decision_batch.release": workflow.TRANSITIONS["release"].label,
    "decision.withdraw": workflow.TRANSITIONS["withdraw"].label,
    "decision.end": workflow.TRANSITIONS["end"].label,
    "decision_rules.update": gettext_lazy("修改双公示规则"),
}
