"""What the public sees changed: drop every cached public page (see pagecache.py)."""

from django.db.models.signals import post_delete, post_save

from gongkai.portal.pagecache import bump

# Models whose rows appear on public pages. Lazy "app_label.Model" senders: apps that are not
# installed are simply never heard from. Not hotline.Ticket: no cached page shows a ticket (the
# mailbox's public pages are drawn per request), and operators save tickets all day long, each
# save would have dropped every cached page and fragment of the portal.
PUBLIC_MODELS = [
    "orgs.Organisation",
    "orgs.LeadingGroup",
    "orgs.LeadingGroupMember",
    "orgs.PortalHost",
    "catalog.Item",
    "catalog.Column",
    "hotline.DutyShift",
    "hotline.Category",
]


def _changed(sender, **kwargs) -> None:
    bump()


def connect() -> None:
    for label in PUBLIC_MODELS:
        post_save.connect(_changed, sender=label, dispatch_uid=f"pagecache-save-{label}")
        post_delete.connect(_changed, sender=label, dispatch_uid=f"pagecache-delete-{label}")
