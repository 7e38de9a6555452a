from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ServicesConfig(AppConfig):
    name = "gongkai.services"
    verbose_name = _("政务服务事项、办事指南和办件")
    # The models whose rows public pages show (the portal's page cache is dropped when one changes).
    public_models = ["ServiceItem", "ServiceGuide", "ServiceCase", "FollowUp"]
