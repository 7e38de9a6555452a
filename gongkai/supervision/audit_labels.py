"""The audit trail's words for supervision's action codes (found by ``gongkai.audit.history``)."""

from django.utils.translation import gettext_lazy

LABELS = {
    "supervision.run_checks": gettext_lazy("运行督查检查"),
    "supervision.save_settings": gettext_lazy("修改督查考核设置"),
}

LABELS.update(
    {
        "supervision.create_task": gettext_lazy("录入工作要点任务"),
        "supervision.update_task": gettext_lazy("修改工作要点任务"),
        "supervision.delete_task": gettext_lazy("删除工作要点任务"),
        "supervision.import_tasks": gettext_lazy("导入工作要点任务"),
        "supervision.submit_report": gettext_lazy("报送工作要点进展"),
        "supervision.accept_report": gettext_lazy("审核通过工作要点进展"),
        "supervision.return_report": gettext_lazy("退回工作要点进展"),
        "supervision.generate_bulletin": gettext_lazy("生成督查通报"),
        "supervision.edit_bulletin": gettext_lazy("修改督查通报文字"),
        "supervision.submit_bulletin": gettext_lazy("提交审定督查通报"),
        "supervision.approve_bulletin": gettext_lazy("审定督查通报"),
        "supervision.return_bulletin": gettext_lazy("退回督查通报"),
        "supervision.release_bulletin": gettext_lazy("提交发布督查通报"),
    }
)
