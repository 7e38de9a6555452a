"""A fresh database knows every year the chinese_calendar package knows (2004–2026 in 1.11)."""

from django.db import migrations


def seed(apps, schema_editor):
    from gongkai.workcal.seed import seed as seed_years

    seed_years(apps.get_model("workcal", "CalendarYear"), apps.get_model("workcal", "SpecialDay"))


class Migration(migrations.Migration):
    dependencies = [
        ("workcal", "0001_initial"),
    ]

    operations = [
        # Reversing keeps the rows: they are dropped with the tables when 0001 is reversed.
        migrations.RunPython(seed, migrations.RunPython.noop),
    ]
