"""The audit trail's words for the services app's action codes (found by ``gongkai.audit.history``)."""

from django.utils.translation import gettext_lazy

from gongkai.services import workflow

LABELS = {
    "service_item.create": gettext_lazy("登记政务服务事项"),
    "service_item.edit": gettext_lazy("修改事项基本要素"),
    "service_guide.create": gettext_lazy("编写办事指南"),
    "service_guide.edit": workflow.TRANSITIONS["edit"].label,
    "service_guide.release": workflow.TRANSITIONS["release"].label,
    "service_guide.revise": workflow.TRANSITIONS["revise"].label,
    "service_source.create": gettext_lazy("登记办件来源"),
    "service_source.mapping": gettext_lazy("修改列对应关系"),
    "service_import.start": gettext_lazy("开始导入办件"),
    "service_import.finish": gettext_lazy("完成导入办件"),
    "service_import.fail": gettext_lazy("导入办件失败"),
    "service_import.resume": gettext_lazy("续做中断的办件导入"),
    "service_case.follow_up": gettext_lazy("登记差评整改回访"),
}
