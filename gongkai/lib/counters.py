"""Serial numbers from a counter row locked inside the caller's transaction.

Used for index numbers, application numbers and ticket serials: the row lock makes numbers unique
under concurrency, and a rolled-back transaction rolls its number back too.
"""

from __future__ import annotations

from django.db import models


def next_value(model: type[models.Model], **key) -> int:
    """Increment and return ``last`` of the counter row identified by ``key`` (created at 0)."""
    counter, _ = model.objects.get_or_create(**key)
    counter = model.objects.select_for_update().get(pk=counter.pk)
    counter.last += 1
    counter.save(update_fields=["last"])
    return counter.last
