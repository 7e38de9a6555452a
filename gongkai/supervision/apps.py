from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SupervisionConfig(AppConfig):
    name = "gongkai.supervision"
    verbose_name = _("督查考核")
    # The models whose rows public pages show (the portal's page cache is dropped when one changes).
    public_models: list[str] = []
