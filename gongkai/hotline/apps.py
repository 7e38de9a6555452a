from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HotlineConfig(AppConfig):
    name = "gongkai.hotline"
    verbose_name = _("区长公开电话与区长信箱")
    # Shown on public pages (the portal's page cache). Not Ticket: no cached page shows a ticket
    # (the mailbox's public pages are drawn per request), and operators save tickets all day long.
    public_models = ["DutyShift", "Category"]
