from django.apps import AppConfig


class WorkbenchConfig(AppConfig):
    name = "gongkai.workbench"
    verbose_name = "工作台"
