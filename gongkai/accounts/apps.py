from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "gongkai.accounts"
    verbose_name = _("工作人员与角色")

    def ready(self) -> None:
        from gongkai.workbench.navigation import register_nav

        register_nav(
            _("工作人员"), "accounts:list", permission="staff.manage", group=_("机构与人员"), order=81
        )
