from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WorkcalConfig(AppConfig):
    name = "gongkai.workcal"
    verbose_name = _("工作日历")

    def ready(self) -> None:
        from gongkai.workcal import signals  # noqa: F401  (connects the cache invalidation)
