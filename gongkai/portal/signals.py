"""What the public sees changed: drop every cached public page (see pagecache.py)."""

from django.apps import apps
from django.db.models.signals import post_delete, post_save

from gongkai.lib.pagecache import bump


def public_models() -> list[str]:
    """"app_label.Model" of every model whose rows appear on public pages: each app names its own
    in ``AppConfig.public_models`` (hotline names no Ticket: no cached page shows one, and
    operators save tickets all day long)."""
    return [
        f"{config.label}.{name}"
        for config in apps.get_app_configs()
        for name in getattr(config, "public_models", ())
    ]


def _changed(sender, **kwargs) -> None:
    bump()


def connect() -> None:
    for label in public_models():
        post_save.connect(_changed, sender=label, dispatch_uid=f"pagecache-save-{label}")
        post_delete.connect(_changed, sender=label, dispatch_uid=f"pagecache-delete-{label}")
