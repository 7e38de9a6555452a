from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OrgsConfig(AppConfig):
    name = "gongkai.orgs"
    verbose_name = _("组织机构")

    def ready(self) -> None:
        from gongkai.workbench.navigation import register_nav

        register_nav(_("组织机构"), "orgs:list", permission="org.view", group=_("机构与人员"), order=80)
