from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ApplicationsConfig(AppConfig):
    name = "gongkai.applications"
    verbose_name = _("依申请公开")

    def ready(self) -> None:
        from gongkai.workcal.signals import calendar_year_entered

        calendar_year_entered.connect(_recount_stop_periods, dispatch_uid="applications-recount-stops")


def _recount_stop_periods(sender, *, year: int, actor=None, **kwargs) -> None:
    from gongkai.applications.actions import recount_stop_periods

    recount_stop_periods(year=year, actor=actor)
