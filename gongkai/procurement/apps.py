from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProcurementConfig(AppConfig):
    name = "gongkai.procurement"
    verbose_name = _("政府采购")
    # Shown on public pages (the portal's page cache). Whether a project is public also follows its
    # notices in the catalog, whose Item is the catalog's public model.
    public_models: list[str] = ["Project", "Notice"]
