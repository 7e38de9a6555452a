from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SectorsConfig(AppConfig):
    name = "gongkai.sectors"
    verbose_name = _("行业领域数据")
    # Shown on public pages (the portal's page cache). Whether a version is public also follows its
    # information item in the catalog, whose Item is the catalog's public model.
    public_models: list[str] = ["Indicator", "Report", "Version", "Figure"]
