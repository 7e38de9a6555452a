from __future__ import annotations

import pytest
from django.db import connection

from gongkai.personal.tests.factories import Personas, personas
from gongkai.personal.tests.models import TEST_MODELS, Resident


@pytest.fixture(scope="session")
def personal_tables(django_db_setup, django_db_blocker):
    """Tables of the unmanaged test models, for the whole session (SQLite and PostgreSQL)."""
    with django_db_blocker.unblock():
        existing = set(connection.introspection.table_names())
        created = [model for model in TEST_MODELS if model._meta.db_table not in existing]
        with connection.schema_editor() as editor:
            for model in created:
                editor.create_model(model)
    yield
    with django_db_blocker.unblock(), connection.schema_editor() as editor:
        for model in reversed(created):
            editor.delete_model(model)


@pytest.fixture
def people(personal_tables, db) -> Personas:
    return personas()


@pytest.fixture
def resident(people: Personas) -> Resident:
    return Resident.objects.create(
        organisation=people.civil_affairs,
        name="欧阳修文",
        id_number="43010219900101122x",
        phone="138 0013 8000",
        email="Zhang.San@Example.com",
        address="郴州市北湖区人民路12号",
    )
