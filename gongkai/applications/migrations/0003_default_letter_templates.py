"""The default reply-letter template of every outcome (global: district empty); districts edit copies."""

from django.db import migrations


def seed(apps, schema_editor):
    from gongkai.applications.seed import seed_default_templates

    seed_default_templates(apps.get_model("applications", "LetterTemplate"))


class Migration(migrations.Migration):
    dependencies = [("applications", "0002_replyletter_lettertemplate")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
