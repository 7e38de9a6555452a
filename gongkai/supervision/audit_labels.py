"""The audit trail's words for supervision's action codes (found by ``gongkai.audit.history``)."""

from django.utils.translation import gettext_lazy

LABELS = {
    "supervision.run_checks": gettext_lazy("运行督查检查"),
    "supervision.save_settings": gettext_lazy("修改督查考核设置"),
}
