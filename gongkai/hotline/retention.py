"""How long a caller's or writer's personal data is kept (gongkai/personal/retention.py): the years
of ``PERSONAL_DATA_RETENTION["mailbox"]`` after the ticket is closed. The letter and the reply keep
their words with the personal data masked (the hot-issue analysis reads them); the figures read
the dates, channel, category, place, lead unit and status."""

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from gongkai.hotline.models import Status
from gongkai.personal.retention import RetentionRule

RULES = [
    RetentionRule(
        kind="mailbox",
        label=_("热线工单和信箱来信"),
        model="hotline.Ticket",
        closed_on="closed_at",
        condition=Q(status=Status.CLOSED),
        deidentify=("title", "matter", "reply"),
        blank=("place_detail",),
        null=("latitude", "longitude"),
    ),
]
