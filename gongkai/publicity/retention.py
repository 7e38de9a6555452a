"""How long the people on a publicity list are kept (gongkai/personal/retention.py): the years of
``PERSONAL_DATA_RETENTION["publicity"]`` after the list left the portal. The figures count entries,
people and amounts by category and town, which stay."""

from django.utils.translation import gettext_lazy as _

from gongkai.personal.retention import RetentionRule

RULES = [
    RetentionRule(
        kind="publicity",
        label=_("公示名单"),
        model="publicity.Entry",
        closed_on="publicity__ended_on",
        deidentify=("note",),
    ),
    RetentionRule(
        kind="publicity",
        label=_("公示公告的被征收人"),
        model="publicity.Publicity",
        closed_on="ended_on",
    ),
    RetentionRule(
        kind="publicity",
        label=_("公示期间的异议"),
        model="publicity.Objection",
        closed_on="publicity__ended_on",
        deidentify=("content", "resolution"),
    ),
]
