"""The demo's work plan and bulletins: a year's tasks in mixed states, some overdue (and found by the
checks), and last month's bulletin published on the portal's notices column."""

import datetime as dt
import io

import pytest
import time_machine

from gongkai.catalog.public import public_items
from gongkai.supervision import plans
from gongkai.supervision.demo_steps import load_bulletins, load_plan, load_supervision
from gongkai.supervision.models import Bulletin, BulletinState, Finding, PlanTask

pytestmark = pytest.mark.django_db

NOW = dt.datetime(2026, 5, 18, 9, 30, tzinfo=dt.timezone(dt.timedelta(hours=8)))


def test_the_demo_leaves_a_plan_in_mixed_states_and_a_published_bulletin():
    from gongkai.catalog.demo_steps import load_catalog
    from gongkai.demo.district import build_district

    out = io.StringIO()
    with time_machine.travel(NOW, tick=False):
        district = build_district()
        load_catalog(district, stdout=out)
        load_plan(district, stdout=out)
        load_supervision(district, stdout=out)
        load_bulletins(district, stdout=out)
        keys = {s.key for s in plans.statuses(PlanTask.objects.filter(district=district), NOW.date())}
        assert {"done", "late", "overdue", "soon", "open"} <= keys, keys
        assert (
            Finding.objects.filter(
                district=district, rule="plan_task_overdue", closed_on__isnull=True
            ).count()
            >= 2
        )
        published = Bulletin.objects.get(district=district, kind="monthly")
        assert published.state == BulletinState.RELEASED and published.period == "2026-04"
        assert public_items(district).filter(pk=published.item_id).exists()
        assert Bulletin.objects.get(district=district, kind="quarterly").state == BulletinState.DRAFT
        assert "工作要点：2026年8项任务" in out.getvalue() and "督查通报" in out.getvalue()
        # safe to run again
        load_plan(district, stdout=io.StringIO())
        load_bulletins(district, stdout=io.StringIO())
        assert PlanTask.objects.filter(district=district).count() == 8 and Bulletin.objects.count() == 2
