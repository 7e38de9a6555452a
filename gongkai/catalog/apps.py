from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CatalogConfig(AppConfig):
    name = "gongkai.catalog"
    verbose_name = "主动公开"

    def ready(self) -> None:
        from gongkai.catalog import signals  # noqa: F401 - connects the receivers
        from gongkai.catalog.views_staff import catalog_todos
        from gongkai.workbench.navigation import register_nav
        from gongkai.workbench.todos import register_todo_provider

        register_nav(
            _("主动公开"), "catalog_staff:dashboard", permission="item.view", group=_("政务公开"), order=10
        )
        register_nav(
            _("信息列表"), "catalog_staff:items", permission="item.view", group=_("政务公开"), order=11
        )
        register_todo_provider(catalog_todos)

        # Public portal: a short navigation (目录, 指南, 年报) and two home-page panels. The labels
        # drop "政府" so that the navigation stays short and "政府信息公开" names one link only.
        from gongkai.catalog.views_portal import home_latest_context
        from gongkai.portal.navigation import register_section
        from gongkai.portal.panels import register_home_panel

        register_section("catalog", _("信息公开目录"), "catalog:browse", order=11)
        register_section("guide", _("信息公开指南"), "catalog:guide", order=12)
        register_section("annual_reports", _("信息公开年报"), "catalog:annual_reports", order=13)
        register_home_panel("catalog/portal/_home_search.html", order=5)
        register_home_panel("catalog/portal/_home_latest.html", order=10, context=home_latest_context)
