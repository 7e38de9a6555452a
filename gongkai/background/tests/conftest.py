import datetime as dt

import pytest

from gongkai.background import periodic


@pytest.fixture
def registry(monkeypatch):
    """An empty job registry for the test, so that only the test's own jobs are registered."""
    monkeypatch.setattr(periodic, "_registry", {})
    return periodic._registry


@pytest.fixture
def calls():
    """A log the test's jobs append to, to see which ran and how often."""
    return []


@pytest.fixture
def hourly(registry, calls):
    @periodic.periodic("hourly", every=dt.timedelta(hours=1), description="每小时")
    def hourly(now):
        calls.append(("hourly", now))
        return {"done": len(calls)}

    return periodic.get_job("hourly")
