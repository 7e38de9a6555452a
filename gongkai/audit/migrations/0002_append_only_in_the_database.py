"""Updates and deletes of audit events are refused by the database itself (audit/appendonly.py)."""

from django.db import migrations

from gongkai.audit import appendonly


def install(apps, schema_editor):
    appendonly.install(schema_editor.connection)


def remove(apps, schema_editor):
    appendonly.remove(schema_editor.connection)


class Migration(migrations.Migration):
    dependencies = [("audit", "0001_initial")]

    operations = [migrations.RunPython(install, remove, elidable=False)]
