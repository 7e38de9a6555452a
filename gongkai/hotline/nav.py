"""Where the hotline and the mailbox appear in the workbench and on the portal (found by the shells)."""

from django.utils.translation import gettext_lazy as _

from gongkai.lib.registry import NavEntry, PortalSection

_GROUP = _("区长公开电话")

WORKBENCH = [
    # Staff workbench (hotline_staff): intake, tickets, a unit's own tickets, roster, settings.
    NavEntry(_("接听登记"), "hotline_staff:new", permission="ticket.intake", group=_GROUP, order=29),
    NavEntry(_("区长公开电话"), "hotline_staff:list", permission="ticket.view", group=_GROUP, order=30),
    NavEntry(_("本单位工单"), "hotline_staff:mine", permission="ticket.handle", group=_GROUP, order=31),
    NavEntry(_("接听安排"), "hotline_staff:roster", permission="hotline.configure", group=_GROUP, order=32),
    NavEntry(_("热线设置"), "hotline_staff:settings", permission="hotline.configure", group=_GROUP, order=34),
    # Monthly bulletins and hot issues (hotline_bulletins), publishing letters.
    NavEntry(_("月度通报"), "hotline_bulletins:list", permission="hotline.reports", group=_GROUP, order=33),
    NavEntry(_("热点问题"), "hotline_bulletins:hot", permission="hotline.reports", group=_GROUP, order=35),
    NavEntry(_("信件公开"), "hotline_publishing:list", permission="hotline.publish", group=_GROUP, order=36),
]

# Public portal: the district head's mailbox (区长信箱).
PORTAL = [PortalSection("mailbox", _("区长信箱"), "mailbox:form", order=30)]
