from django.apps import AppConfig


class CatalogConfig(AppConfig):
    name = "gongkai.catalog"
    verbose_name = "主动公开"

    public_models = ["Item", "Column"]  # shown on public pages (the portal's page cache)

    def ready(self) -> None:
        from gongkai.catalog import signals  # noqa: F401 - connects the receivers
