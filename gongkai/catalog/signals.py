"""A new district starts with the standard column tree."""

from django.db.models.signals import post_save
from django.dispatch import receiver

from gongkai.orgs.models import Organisation, OrgKind


@receiver(post_save, sender=Organisation)
def _seed_columns_for_new_district(sender, instance, created, raw=False, **kwargs):
    if created and not raw and instance.kind == OrgKind.DISTRICT:
        from gongkai.catalog.columns import seed_columns

        seed_columns(instance)
