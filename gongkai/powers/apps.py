from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PowersConfig(AppConfig):
    name = "gongkai.powers"
    verbose_name = _("行政权力清单")
    # Shown on public pages (the portal's page cache). Whether a change is public also follows its
    # notice in the catalog, whose Item is the catalog's public model.
    public_models = ["Power", "PowerChange", "SourceDocument"]
