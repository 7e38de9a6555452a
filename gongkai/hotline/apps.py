from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HotlineConfig(AppConfig):
    name = "gongkai.hotline"
    verbose_name = _("区长公开电话与区长信箱")

    def ready(self) -> None:
        # Staff workbench (hotline_staff): intake, tickets, a unit's own tickets, roster, settings.
        from gongkai.hotline.todos import hotline_todos
        from gongkai.workbench.navigation import register_nav
        from gongkai.workbench.todos import register_todo_provider

        group = _("区长公开电话")
        register_nav(_("接听登记"), "hotline_staff:new", permission="ticket.intake", group=group, order=29)
        register_nav(_("区长公开电话"), "hotline_staff:list", permission="ticket.view", group=group, order=30)
        register_nav(_("本单位工单"), "hotline_staff:mine", permission="ticket.handle", group=group, order=31)
        register_nav(
            _("接听安排"), "hotline_staff:roster", permission="hotline.configure", group=group, order=32
        )
        register_nav(
            _("热线设置"), "hotline_staff:settings", permission="hotline.configure", group=group, order=34
        )
        # Monthly bulletins and hot issues (hotline_bulletins).
        register_nav(
            _("月度通报"), "hotline_bulletins:list", permission="hotline.reports", group=group, order=33
        )
        register_nav(
            _("热点问题"), "hotline_bulletins:hot", permission="hotline.reports", group=group, order=35
        )
        register_nav(
            _("信件公开"), "hotline_publishing:list", permission="hotline.publish", group=group, order=36
        )
        register_todo_provider(hotline_todos)

        # Public portal: the district head's mailbox (区长信箱).
        from gongkai.portal.navigation import register_section

        register_section("mailbox", _("区长信箱"), "mailbox:form", order=30)
