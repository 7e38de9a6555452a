from django.db import migrations, models


def segment_existing(apps, schema_editor):
    """Keep the topic words of every ticket recorded before the field existed."""
    from gongkai.hotline.hotissues import topic_words

    Ticket = apps.get_model("hotline", "Ticket")
    batch = []
    for ticket in Ticket.objects.only("pk", "matter").order_by("pk").iterator(chunk_size=2000):
        ticket.keywords = topic_words(ticket.matter)
        batch.append(ticket)
        if len(batch) >= 2000:
            Ticket.objects.bulk_update(batch, ["keywords"])
            batch = []
    if batch:
        Ticket.objects.bulk_update(batch, ["keywords"])


class Migration(migrations.Migration):
    dependencies = [
        ("hotline", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="ticket",
            name="keywords",
            field=models.TextField(blank=True, editable=False, verbose_name="诉求关键词"),
        ),
        migrations.RunPython(segment_existing, migrations.RunPython.noop),
    ]
