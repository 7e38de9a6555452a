"""Fixtures shared by every app's tests."""

import pytest


@pytest.fixture
def personas(db):
    """A district with one person in every role and an outsider from another department."""
    from gongkai.orgs.factories import build_personas

    return build_personas()


@pytest.fixture(autouse=True)
def _fresh_calendar_cache():
    """Each test's database is rolled back: no calendar cached from another test may leak in."""
    from gongkai.workcal.calendar import clear_cache

    clear_cache()
    yield
    clear_cache()
