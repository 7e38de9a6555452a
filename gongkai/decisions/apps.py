from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DecisionsConfig(AppConfig):
    name = "gongkai.decisions"
    verbose_name = _("行政许可和行政处罚“双公示”")
    # The models whose rows public pages show (the portal's page cache is dropped when one changes).
    public_models: list[str] = []
