from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    name = "gongkai.reports"
    verbose_name = _("政府信息公开工作年度报告")
    # The models whose rows public pages show (the portal's page cache is dropped when one changes).
    public_models: list[str] = ["Report"]
