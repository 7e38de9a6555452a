"""The public duty roster (接听安排): who answers the district head's hotline this month and next.

No login; the page answers for ``request.district`` and lists only published shifts.
"""

from __future__ import annotations

import datetime as dt

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from gongkai.hotline.models import DutyShift

WEEKDAYS = ("一", "二", "三", "四", "五", "六", "日")


def _next_month(first: dt.date) -> dt.date:
    return (first + dt.timedelta(days=32)).replace(day=1)


def roster(request: HttpRequest) -> HttpResponse:
    district = getattr(request, "district", None)
    months = []
    if district is not None:
        first = timezone.localdate().replace(day=1)
        second = _next_month(first)
        end = _next_month(second)
        shifts = list(
            DutyShift.objects.filter(district=district, is_published=True, date__gte=first, date__lt=end)
            .select_related("organisation")
            .order_by("date", "shift")
        )
        for start in (first, second):
            rows = [
                {"shift": s, "weekday": WEEKDAYS[s.date.weekday()]}
                for s in shifts
                if start <= s.date < _next_month(start)
            ]
            months.append({"month": start, "rows": rows})
    return render(request, "hotline/roster/public.html", {"months": months, "today": timezone.localdate()})
