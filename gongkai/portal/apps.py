from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    name = "gongkai.portal"
    verbose_name = _("门户网站")

    def ready(self) -> None:
        from gongkai.portal import navigation, panels, signals
        from gongkai.portal.navigation import register_section

        signals.connect()
        navigation.discover()
        panels.discover()

        register_section("home", _("首页"), "portal:home", order=0)
        register_section("disclosure", _("政府信息公开"), "portal:disclosure", order=10)
