"""How long a natural person's name and ID number on a decision are kept (gongkai/personal/
retention.py): the years of ``PERSONAL_DATA_RETENTION["decisions"]`` after its publicity period
ended. The public name was masked when recorded (张*) and stays; licensing decisions, public while
the record stands, have no end and are kept."""

from django.utils.translation import gettext_lazy as _

from gongkai.personal.retention import RetentionRule

RULES = [
    RetentionRule(
        kind="decisions",
        label=_("双公示决定中的自然人"),
        model="decisions.Decision",
        closed_on="publicity_ends_on",
    ),
]
