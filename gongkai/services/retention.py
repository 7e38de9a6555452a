"""How long an applicant's name and phone on a service case (办件) are kept (gongkai/personal/
retention.py): the years of ``PERSONAL_DATA_RETENTION["services"]`` after completion; they were
kept only to call back after a 差评."""

from django.utils.translation import gettext_lazy as _

from gongkai.personal.retention import RetentionRule

RULES = [
    RetentionRule(
        kind="services",
        label=_("政务服务办件"),
        model="services.ServiceCase",
        closed_on="completed_on",
    ),
]
