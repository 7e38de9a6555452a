from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PublicityConfig(AppConfig):
    name = "gongkai.publicity"
    verbose_name = _("公示公告")
    # The models whose rows public pages show (the portal's page cache is dropped when one changes).
    # Whether a list is public also follows its item in the catalog, whose Item is the catalog's.
    public_models: list[str] = ["Publicity", "PublicRow"]
