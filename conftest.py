"""Fixtures shared by every app's tests."""

import pytest


@pytest.fixture
def personas(db):
    """A district with one person in every role and an outsider from another department."""
    from gongkai.orgs.factories import build_personas

    return build_personas()
