"""Fixtures shared by every app's tests."""

import os

import pytest
from hypothesis import HealthCheck, settings

# Property tests check correctness, not speed: on a busy 2-core CI machine (or under a moved clock)
# generating an example may be slow, which is no failure of the code under test. In CI the examples
# are derandomized, so that a run is repeatable and a new find never fails someone else's change;
# on developers' machines they stay random, which is how the fuzz tests keep finding new cases.
settings.register_profile(
    "gongkai",
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
    derandomize=bool(os.environ.get("CI")),
)
settings.load_profile("gongkai")


@pytest.fixture
def personas(db):
    """A district with one person in every role and an outsider from another department."""
    from gongkai.accounts.factories import build_personas

    return build_personas()


@pytest.fixture(autouse=True)
def _fresh_calendar_cache():
    """Each test's database is rolled back: no calendar cached from another test may leak in."""
    from gongkai.workcal.calendar import clear_cache

    clear_cache()
    yield
    clear_cache()


_FLUSHING_FIXTURES = {"transactional_db", "live_server", "django_db_serialized_rollback"}


def _flushes(item) -> bool:
    marker = item.get_closest_marker("django_db")
    if marker is not None and (marker.kwargs.get("transaction") or (marker.args and marker.args[0])):
        return True
    return bool(_FLUSHING_FIXTURES & set(getattr(item, "fixturenames", ())))


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_teardown(item, nextitem):
    """Put back the reference data that migrations seed, once a test has emptied every table.

    Transactional and live-server tests end with a flush. The working-day calendar, the topic
    classification and the default reply-letter templates are then seeded again with the same
    functions the migrations use, or a later test would run against an empty calendar.
    """
    yield
    if nextitem is None or not _flushes(item):
        return  # after the last test the test database is already gone
    from pytest_django.plugin import blocking_manager_key

    from gongkai.applications.letters import seed_default_templates
    from gongkai.catalog.columns import seed_topics
    from gongkai.workcal.calendar import clear_cache
    from gongkai.workcal.models import CalendarYear
    from gongkai.workcal.seed import seed_from_package

    with item.config.stash[blocking_manager_key].unblock():
        if not CalendarYear.objects.exists():
            seed_from_package()
            seed_topics()
            seed_default_templates()
            clear_cache()


@pytest.fixture
def calendar_without(db):
    """``calendar_without(2027, …)``: the working-day calendar as if those years were not entered
    yet (whatever the installed chinese_calendar package knows). Rolled back with the test."""
    from gongkai.workcal.calendar import clear_cache
    from gongkai.workcal.models import CalendarYear

    def forget(*years: int) -> None:
        CalendarYear.objects.filter(year__in=years).delete()
        clear_cache()

    return forget
