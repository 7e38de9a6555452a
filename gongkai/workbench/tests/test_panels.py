"""Panels above the to-do list (``nav.STAFF_HOME_PANELS``): shown in order, hidden when their
context is None, and left out — the to-do list still shown — when one fails."""

import pytest

from gongkai.lib.registry import StaffHomePanel
from gongkai.workbench import panels

pytestmark = pytest.mark.django_db


def test_panels_are_ordered_hidden_when_not_for_the_user_and_skipped_when_failing(rf, monkeypatch, caplog):
    def broken(request):
        raise RuntimeError("boom")

    declared = [
        StaffHomePanel("b.html", order=2, context=lambda r: {"n": 2}),
        StaffHomePanel("hidden.html", order=0, context=lambda r: None),
        StaffHomePanel("broken.html", order=1, context=broken),
        StaffHomePanel("a.html", order=1),
    ]
    monkeypatch.setattr(panels, "declared", lambda module, attribute: declared)
    shown = panels.collect_panels(rf.get("/staff/"))
    assert [(p.template_name, p.context) for p in shown] == [("a.html", {}), ("b.html", {"n": 2})]
    assert "broken.html" in caplog.text
