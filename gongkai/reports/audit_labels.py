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
    "website_form.generate": gettext_lazy("生成网站年度报表"),
    "website_form.regenerate": gettext_lazy("重新生成网站年度报表数据"),
    "website_form.enter": gettext_lazy("填报网站年度报表数据"),
    "website_form.approve": gettext_lazy("审定网站年度报表"),
    "website_form.reopen": gettext_lazy("退回网站年度报表"),
    "website_form.release": gettext_lazy("提交发布网站年度报表"),
}
