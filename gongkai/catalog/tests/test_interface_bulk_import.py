"""catalog/interface.py's bulk import of published items (a registry's history of notices)."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied

from gongkai.catalog.interface import import_published_items
from gongkai.catalog.models import Item
from gongkai.catalog.public import public_items

pytestmark = pytest.mark.django_db


def _records(personas, n):
    return [
        {
            "organisation": personas.department,
            "column_slugs": ("xzxk", "tzgg"),
            "title": f"行政许可信息公示（2018年第{i}期）",
            "body": "<p>公示内容</p>",
            "written_date": dt.date(2018, 3, i),
            "published_at": dt.datetime(2018, 3, i, 10, tzinfo=dt.UTC),
        }
        for i in range(1, n + 1)
    ]


def test_many_published_items_are_imported_in_one_call_each_with_its_index_number(personas):
    refs = import_published_items(actor=None, district=personas.district, records=_records(personas, 3))
    assert [r.title for r in refs] == [f"行政许可信息公示（2018年第{i}期）" for i in (1, 2, 3)]
    assert len({r.index_no for r in refs}) == 3 and all(r.is_public for r in refs)
    assert public_items(personas.district).filter(pk__in=[r.id for r in refs]).count() == 3
    assert refs[0].published_at == dt.datetime(2018, 3, 1, 10, tzinfo=dt.UTC)


def test_the_bulk_import_needs_the_catalogs_import_permission(personas):
    with pytest.raises(PermissionDenied):
        import_published_items(actor=personas.editor, district=personas.district, records=_records(personas, 1))
    assert not Item.objects.exists()
