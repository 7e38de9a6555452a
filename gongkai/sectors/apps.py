from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SectorsConfig(AppConfig):
    name = "gongkai.sectors"
    verbose_name = _("行业领域数据")
    # The models whose rows public pages show (the portal's page cache is dropped when one changes).
    public_models: list[str] = []
