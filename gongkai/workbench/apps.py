from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WorkbenchConfig(AppConfig):
    name = "gongkai.workbench"
    verbose_name = _("工作台")

    def ready(self) -> None:
        from gongkai.workbench import banners, navigation, todos

        navigation.register_nav(_("工作台首页"), "workbench:home", order=0)
        navigation.register_nav(
            _("审计日志"), "audit:list", permission="audit.view", group=_("系统"), order=90
        )
        navigation.register_nav(
            _("登录记录"), "audit:logins", permission="audit.view", group=_("系统"), order=91
        )
        navigation.register_nav(
            _("个人信息查看记录"), "audit:personal", permission="audit.view", group=_("系统"), order=92
        )
        navigation.discover()
        todos.discover()
        banners.discover()
