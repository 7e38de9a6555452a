from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WorkcalConfig(AppConfig):
    name = "gongkai.workcal"
    verbose_name = _("工作日历")

    def ready(self) -> None:
        from gongkai.workbench.navigation import register_nav
        from gongkai.workbench.todos import register_todo_provider
        from gongkai.workcal import signals  # noqa: F401  (connects the cache invalidation)
        from gongkai.workcal.todos import calendar_todos

        register_nav(_("工作日历"), "workcal:year_list", group=_("系统"), order=85)
        register_todo_provider(calendar_todos)
