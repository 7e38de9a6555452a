"""The audit trail's words for the finance registry's action codes (found by ``gongkai.audit.history``)."""

from django.utils.translation import gettext_lazy

from gongkai.finance import workflow

LABELS = {
    "finance.create": gettext_lazy("登记预决算公开"),
    "finance.open_cycle": gettext_lazy("登记财政部门批复"),
    "finance.edit": workflow.TRANSITIONS["edit"].label,
    "finance.import": workflow.TRANSITIONS["import"].label,
    "finance.mark_empty": workflow.TRANSITIONS["mark_empty"].label,
    "finance.remove_table": workflow.TRANSITIONS["remove_table"].label,
    "finance.release": workflow.TRANSITIONS["release"].label,
    "finance.link": workflow.TRANSITIONS["link"].label,
    "finance.deadline": gettext_lazy("设置预决算公开时限"),
    "fee.create": gettext_lazy("登记收费项目"),
    "fee.edit": gettext_lazy("修改收费项目"),
    "fee.collect": gettext_lazy("登记收费金额"),
    "fee.import": gettext_lazy("导入收费项目"),
}
