"""The city view (一市一平台: several districts in one deployment). A district is the root of its
organisation tree (``orgs``); there is no organisation above it. The city's office is whoever
holds ``supervision.view`` district-wide in more than one district (the office's roles in each
district's tree): its dashboard shows those districts side by side, each linking down to the
district's own pages (``?district=<id>``). A district's office reaches only its own district and
sees only itself; nobody sees a district they hold no role in.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.apps import apps
from django.db.models import Count, Q
from django.http import HttpRequest

from gongkai.accounts.permissions import reach
from gongkai.orgs.models import Organisation, OrgKind
from gongkai.supervision import permissions, scorecards
from gongkai.supervision.checks import link
from gongkai.supervision.models import Finding

TENTH = Decimal("0.1")


def city_districts(user) -> list[Organisation]:
    """The active districts the user sees as a whole (the office's view), in the tree's order."""
    ids = reach(user, "supervision.view").districts
    return list(
        Organisation.objects.filter(pk__in=ids, kind=OrgKind.DISTRICT, is_active=True).order_by(
            "sort_order", "pk"
        )
    )


SESSION_KEY = "supervision_district"


def chosen_district(request: HttpRequest) -> Organisation | None:
    """The district the city's office chose (``?district=<id>``, kept in the session so that the
    links inside that district's pages stay in it), when the user sees it as a whole; else None."""
    wanted = request.GET.get("district", "")
    session = getattr(request, "session", None)
    if not wanted.isdigit() and session is not None:
        wanted = str(session.get(SESSION_KEY, ""))
    if not wanted.isdigit():
        return None
    found = Organisation.objects.filter(pk=int(wanted), kind=OrgKind.DISTRICT, is_active=True).first()
    if found is None or not permissions.sees_district(request.user, found):
        return None
    if session is not None and request.GET.get("district"):
        session[SESSION_KEY] = found.pk
    return found


def district_of_request(request: HttpRequest) -> Organisation | None:
    """The district a supervision page is about: the one chosen (``chosen_district``), else the
    user's own (``permissions.home_of``)."""
    found = chosen_district(request)
    if found is not None:
        return found
    home = permissions.home_of(request.user)
    if home is None:
        return None
    return home if home.is_district else Organisation.objects.get(pk=home.district_id)


@dataclass
class DistrictRow:
    district: Organisation
    findings: int
    vetoes: int
    applications_overdue: int | None
    tickets_overdue: int | None
    units: int
    average: Decimal | None  # the units' mean score this year
    lowest: scorecards.Scorecard | None
    overview_url: str
    findings_url: str
    scorecards_url: str


def rows(user, today: dt.date) -> list[DistrictRow]:
    """One row per district the user sees as a whole: open findings (and single-veto findings),
    overdue applications and tickets, the year's score summary, each with its link down."""
    districts = city_districts(user)
    ids = [d.pk for d in districts]
    open_findings = {
        r["district_id"]: r
        for r in Finding.objects.filter(district_id__in=ids, closed_on__isnull=True)
        .order_by()
        .values("district_id")
        .annotate(n=Count("pk"), vetoes=Count("pk", filter=_veto_q()))
    }
    period = scorecards.Period(dt.date(today.year, 1, 1), today, f"{today.year}年")
    out = []
    for d in districts:
        q = {"district": d.pk}
        applications = tickets = None
        if apps.is_installed("gongkai.applications"):
            from gongkai.applications import stats as application_stats

            applications = sum(s.overdue for s in application_stats.open_deadlines(today, district=d))
        if apps.is_installed("gongkai.hotline"):
            from gongkai.hotline import stats as hotline_stats

            tickets = len(hotline_stats.overdue_tickets(d, today))
        cards = scorecards.scorecards(d, period)
        scored = [c for c in cards if c.score is not None]
        average = (
            (sum(c.score for c in scored) / len(scored)).quantize(TENTH, ROUND_HALF_UP) if scored else None
        )
        lowest = min(scored, key=lambda c: c.score) if scored else None
        found = open_findings.get(d.pk, {})
        out.append(
            DistrictRow(
                d,
                found.get("n", 0),
                found.get("vetoes", 0),
                applications,
                tickets,
                len(cards),
                average,
                lowest,
                link("supervision_staff:overview", query=q),
                link("supervision_staff:findings", query=q),
                link("supervision_staff:scorecards", query={**q, "period": today.year}),
            )
        )
    return out


def _veto_q() -> Q:
    return Q(rule__startswith="veto_") | Q(rule__in=["home_stale", "message_unanswered"])
