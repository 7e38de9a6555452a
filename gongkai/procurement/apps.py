from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProcurementConfig(AppConfig):
    name = "gongkai.procurement"
    verbose_name = _("政府采购")
    # The models whose rows public pages show (the portal's page cache is dropped when one changes).
    public_models: list[str] = []
