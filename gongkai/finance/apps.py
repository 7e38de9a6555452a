from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FinanceConfig(AppConfig):
    name = "gongkai.finance"
    verbose_name = _("财政预决算和行政事业性收费")
    # The models whose rows public pages show (the portal's page cache is dropped when one changes).
    # Whether a disclosure is public also follows its item in the catalog, the catalog's public model.
    public_models = ["Disclosure", "FinanceTable", "DeadlineRule", "FeeItem", "FeeCollection"]
