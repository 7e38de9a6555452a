"""Model instances built from hand-joined rows match what the ORM builds."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection

from gongkai.lib.rows import Selected, split
from gongkai.workcal.models import SpecialDay

pytestmark = pytest.mark.django_db


def test_a_row_becomes_the_instance_the_orm_reads_with_its_database_converters():
    saved = SpecialDay.objects.order_by("pk").first()  # the calendar's reference data
    assert saved is not None
    part = Selected(SpecialDay, "h")
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT {part.columns()} FROM {connection.ops.quote_name(part.table)} h"  # noqa: S608
            f" WHERE {part.column('id')} = %s",
            [saved.pk],
        )
        row = cursor.fetchone()
    built = part.build(row)
    orm = SpecialDay.objects.get(pk=saved.pk)
    assert isinstance(built.date, dt.date)  # a date, not SQLite's text
    assert [getattr(built, name) for name in part.attnames] == [getattr(orm, name) for name in part.attnames]
    assert built._state.adding is False and built._state.db == "default"


def test_a_row_of_the_wrong_length_is_refused_and_rows_split_by_part():
    part = Selected(SpecialDay, "h")
    with pytest.raises(ValueError, match="SpecialDay"):
        part.build([1])
    first, second = split(list(range(2 * len(part))), [part, part])
    assert list(first) == list(range(len(part))) and list(second) == list(range(len(part), 2 * len(part)))
