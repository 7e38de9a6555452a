"""A new district starts with the standard column tree.

A receiver rather than an action: districts are made by the admin, the demo, commands and tests,
none of them a catalog action, and ``accounts`` (a layer below) may not call the catalog. The seeding is
reference data (``columns.py``) and runs inside the transaction that saves the district, so a
district never exists without its columns, and a rolled-back district takes its columns with it.
"""

from django.db.models.signals import post_save
from django.dispatch import receiver

from gongkai.orgs.models import Organisation, OrgKind


@receiver(post_save, sender=Organisation)
def _seed_columns_for_new_district(sender, instance, created, raw=False, **kwargs):
    if created and not raw and instance.kind == OrgKind.DISTRICT:
        from gongkai.catalog.columns import seed_columns

        seed_columns(instance)
