from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DecisionsConfig(AppConfig):
    name = "gongkai.decisions"
    verbose_name = _("行政许可和行政处罚“双公示”")
    # Shown on public pages (the portal's page cache). Whether a batch is public also follows its
    # item in the catalog, whose Item is the catalog's public model.
    public_models = ["Decision", "Batch", "Rules"]
