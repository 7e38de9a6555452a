"""Retention periods of personal data (个人信息保存期限) and the records past them.

Each app holding personal data declares, in ``<app>/retention.py``, ``RULES = [RetentionRule(...)]``:
which model, the date its period runs from (closure, the end of a publicity period…), and which of
its plain fields hold personal data besides the encrypted ones. The period itself is the
deployment's (``settings.PERSONAL_DATA_RETENTION``, years per kind). ``actions.purge_personal``
then empties every encrypted field of a record past its period, de-identifies the free text named
by the rule, empties the plain fields and deletes the files it names, and keeps everything the
statistics count (dates, categories, outcomes, organisations, amounts), so that no figure changes.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from django.apps import apps
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import models
from django.db.models import Q

from gongkai.lib.registry import declared
from gongkai.personal.fields import EncryptedField

if TYPE_CHECKING:
    from django.db.models import QuerySet


@dataclass(frozen=True)
class RetentionRule:
    """Personal data of ``model`` (``"app_label.Model"``) is kept for the kind's period after the
    date in ``closed_on`` (a field, or a path such as ``"publicity__ended_on"``); records whose date
    is empty, or that ``condition`` leaves out, are kept."""

    kind: str
    label: str
    model: str
    closed_on: str
    condition: Q = field(default_factory=Q)
    deidentify: tuple[str, ...] = ()  # free text: personal data in it masked, the rest kept
    blank: tuple[str, ...] = ()  # plain text fields emptied
    null: tuple[str, ...] = ()  # fields set to NULL (coordinates…)
    files: tuple[str, ...] = ()  # uploaded files deleted

    @property
    def model_class(self) -> type[models.Model]:
        return apps.get_model(self.model)

    def encrypted_fields(self) -> list[EncryptedField]:
        return [f for f in self.model_class._meta.concrete_fields if isinstance(f, EncryptedField)]

    def years(self) -> int:
        periods = settings.PERSONAL_DATA_RETENTION
        if self.kind not in periods:
            raise ImproperlyConfigured(f"PERSONAL_DATA_RETENTION names no period for {self.kind!r}")
        return periods[self.kind]

    def _date_field(self) -> models.Field:
        model, parts = self.model_class, self.closed_on.split("__")
        for part in parts[:-1]:
            model = model._meta.get_field(part).related_model
        return model._meta.get_field(parts[-1])

    def closed_expression(self) -> str:
        """The lookup path of the closure date as a date (``closed_at__date`` for a datetime)."""
        if isinstance(self._date_field(), models.DateTimeField):
            return f"{self.closed_on}__date"
        return self.closed_on


def rules() -> list[RetentionRule]:
    """Every app's rules, in INSTALLED_APPS order."""
    return declared("retention", "RULES")


def years_before(day: dt.date, years: int) -> dt.date:
    """``day`` ``years`` years earlier (29 February becomes 28 February)."""
    try:
        return day.replace(year=day.year - years)
    except ValueError:
        return day.replace(year=day.year - years, day=28)


def cutoff(rule: RetentionRule, today: dt.date) -> dt.date:
    """Records closed before this day are past their period on ``today``."""
    return years_before(today, rule.years())


def due(rule: RetentionRule, today: dt.date) -> QuerySet:
    """The records of ``rule`` past their period on ``today`` and not yet purged."""
    from gongkai.personal.models import PurgedRecord

    path = rule.closed_expression()
    purged = PurgedRecord.objects.filter(model=rule.model_class._meta.label_lower).values("object_id")
    return (
        rule.model_class._base_manager.filter(rule.condition, **{f"{path}__lt": cutoff(rule, today)})
        .exclude(pk__in=purged)
        .annotate(_closed_on=models.F(path))
        .order_by("pk")
    )
