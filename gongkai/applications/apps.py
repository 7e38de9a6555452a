from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ApplicationsConfig(AppConfig):
    name = "gongkai.applications"
    verbose_name = _("依申请公开")

    def ready(self) -> None:
        from gongkai.portal.navigation import register_section

        register_section("apply", _("依申请公开"), "apply:form", order=20)

        from gongkai.applications.todos import application_todos
        from gongkai.workbench.navigation import register_nav
        from gongkai.workbench.todos import register_todo_provider

        register_nav(
            _("依申请公开"),
            "applications_staff:list",
            permission="application.view",
            group=_("政务公开"),
            order=20,
        )
        register_nav(
            _("告知书模板"),
            "applications_staff:templates",
            permission="application.templates",
            group=_("政务公开"),
            order=21,
        )
        register_todo_provider(application_todos)

        from gongkai.workcal.signals import calendar_year_entered

        calendar_year_entered.connect(_recount_stop_periods, dispatch_uid="applications-recount-stops")


def _recount_stop_periods(sender, *, year: int, actor=None, **kwargs) -> None:
    from gongkai.applications.actions import recount_stop_periods

    recount_stop_periods(year=year, actor=actor)
