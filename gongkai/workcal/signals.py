"""Keep the in-memory calendar in step with the table, whoever edits it (actions, admin, shell)."""

from __future__ import annotations

from django.db.models import F
from django.db.models.signals import post_delete, post_save
from django.dispatch import Signal, receiver
from django.utils import timezone

from gongkai.workcal.calendar import table_changed
from gongkai.workcal.models import CalendarYear, SpecialDay

# Sent by ``actions.create_year`` inside its transaction, with ``year`` and ``actor``: apps that
# stored a date counted provisionally through that year bring it in line (derived dates need not:
# they are recomputed on every read).
calendar_year_entered = Signal()


@receiver(post_save, sender=CalendarYear, dispatch_uid="workcal-year-saved")
@receiver(post_delete, sender=CalendarYear, dispatch_uid="workcal-year-deleted")
def calendar_year_changed(sender, instance: CalendarYear, **kwargs) -> None:
    table_changed()


@receiver(post_save, sender=SpecialDay, dispatch_uid="workcal-day-saved")
@receiver(post_delete, sender=SpecialDay, dispatch_uid="workcal-day-deleted")
def special_day_changed(sender, instance: SpecialDay, **kwargs) -> None:
    # Other processes compare revisions, so a changed day must bump its year's revision.
    CalendarYear.objects.filter(pk=instance.year_id).update(
        revision=F("revision") + 1, updated_at=timezone.now()
    )
    table_changed()
