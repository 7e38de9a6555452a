"""The audit trail's words for sector figures' action codes (found by ``gongkai.audit.history``)."""

from django.utils.translation import gettext_lazy

from gongkai.sectors import workflow

T = workflow.TRANSITIONS
LABELS = {
    "sector_indicator.create": gettext_lazy("新增指标"),
    "sector_indicator.update": gettext_lazy("修改指标"),
    "sector_indicator.install": gettext_lazy("载入标准指标目录"),
    "sector_report.start": gettext_lazy("开始填报"),
    "sector_report.enter": T["enter"].label,
    "sector_report.import": T["import"].label,
    "sector_report.explain": T["explain"].label,
    "sector_report.submit": T["submit"].label,
    "sector_report.confirm": T["confirm"].label,
    "sector_report.return": T["return"].label,
    "sector_report.reopen": T["reopen"].label,
    "sector_report.publish": T["publish"].label,
}
