"""How long an application's personal data is kept (gongkai/personal/retention.py): the years of
``PERSONAL_DATA_RETENTION["applications"]`` after the reply. The figures (table three, the
timeliness checks) read only the dates, the category, the outcome and the organisation."""

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from gongkai.applications.models import Status
from gongkai.personal.retention import RetentionRule

RULES = [
    RetentionRule(
        kind="applications",
        label=_("政府信息公开申请"),
        model="applications.Application",
        closed_on="replied_on",
        condition=Q(status=Status.CLOSED),
        deidentify=("description", "reply_summary"),
        blank=("postcode",),
        files=("id_copy",),
    ),
]
