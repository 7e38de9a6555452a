from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AnalyticsConfig(AppConfig):
    name = "gongkai.analytics"
    verbose_name = _("公众参与分析")
    # The models whose rows public pages show (the portal's page cache is dropped when one changes).
    public_models: list[str] = []
