from django.apps import AppConfig
from django.utils.module_loading import autodiscover_modules


class BackgroundConfig(AppConfig):
    name = "gongkai.background"
    verbose_name = "后台任务"

    def ready(self) -> None:
        from gongkai.background import checks  # noqa: F401  (registers the system checks)

        # Each installed app may declare periodic jobs in its own ``periodic_jobs`` module.
        autodiscover_modules("periodic_jobs")
