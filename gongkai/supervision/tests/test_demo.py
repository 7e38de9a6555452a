"""The demo district after the registries' demo steps: the checks find a mix worth acting on —
stale or blank columns, overdue applications and tickets, this year's late budget units — and the
scorecards do not all read the same."""

import datetime as dt
import io

import pytest
import time_machine

from gongkai.supervision.demo_steps import load_supervision
from gongkai.supervision.models import Finding
from gongkai.supervision.scorecards import Period, scorecards

pytestmark = pytest.mark.django_db

NOW = dt.datetime(2026, 5, 18, 9, 30, tzinfo=dt.timezone(dt.timedelta(hours=8)))


def test_the_demo_leaves_units_in_good_and_bad_standing():
    from gongkai.applications.demo_steps import load_applications
    from gongkai.catalog.demo_steps import load_catalog
    from gongkai.demo.district import build_district
    from gongkai.finance.demo_steps import load_finance
    from gongkai.hotline.demo_steps import load_hotline

    out = io.StringIO()
    with time_machine.travel(NOW, tick=False):
        district = build_district()
        for step in (load_catalog, load_applications, load_hotline, load_finance):
            step(district, stdout=out)
        load_supervision(district, stdout=out)
        open_rules = set(
            Finding.objects.filter(district=district, closed_on__isnull=True).values_list("rule", flat=True)
        )
        assert "督查检查：未整改问题" in out.getvalue()
        assert {"application_overdue", "budget_late", "ticket_overdue", "column_stale"} <= open_rules, (
            open_rules
        )
        # a case for each of the later checks: a policy without interpretation, a link to the
        # withdrawn notice, a letter unanswered for four months (the publicity list left online
        # for good: publicity's own demo test, which loads its step)
        later = {"policy_without_interpretation", "broken_link", "message_unanswered"}
        assert later <= open_rules, open_rules
        # running again the same day changes nothing
        before = Finding.objects.count()
        load_supervision(district, stdout=io.StringIO())
        assert Finding.objects.count() == before
        cards = scorecards(district, Period(dt.date(2026, 1, 1), NOW.date(), "2026年"))
        scores = {c.score for c in cards if c.score is not None}
        assert len(scores) > 1 and min(scores) < 100
