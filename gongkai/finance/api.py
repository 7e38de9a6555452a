"""Public read-only API of budgets and final accounts (in /api/openapi.json), a stable interface:

- ``GET /api/budgets/completeness?year=YYYY``: the completeness board of a disclosure year (default
  this year): per unit (区本级 first, then every budget unit) its ``code``, ``name`` and for each of
  ``budget``, ``final``, ``three_public_budget``, ``three_public_final`` its ``fiscal_year``,
  ``state`` (missing, draft, released, published), ``approved_on``, ``published_on``, ``due_on``
  and ``days_late``; and ``totals``: ``units``, ``complete``, ``late``, and published per kind;
- ``GET /api/fees/summary?year=YYYY``: administrative fees of a year (default last year): items in
  force, the year before, and the amount collected in 万元 (第二十条第（八）项).

Only what the portal shows (``public.py``, ``stats.py``). A bad year is a 400 with a Chinese
``detail``, never a 500.
"""

from __future__ import annotations

import datetime as dt

from django.http import HttpRequest
from django.utils import timezone
from ninja import Router, Schema
from ninja.errors import HttpError

from gongkai.finance import stats
from gongkai.orgs.models import Organisation

router = Router(tags=["财政预决算和行政事业性收费"])


class DisclosureStatusOut(Schema):
    fiscal_year: int
    state: str
    approved_on: dt.date | None
    published_on: dt.date | None
    due_on: dt.date | None
    days_late: int


class UnitOut(Schema):
    code: str
    name: str
    level: str
    budget: DisclosureStatusOut
    final: DisclosureStatusOut
    three_public_budget: DisclosureStatusOut
    three_public_final: DisclosureStatusOut


class BudgetTotalsOut(Schema):
    units: int
    complete: int
    late: int
    published: dict[str, int]


class CompletenessOut(Schema):
    year: int
    units: list[UnitOut]
    totals: BudgetTotalsOut


class FeesOut(Schema):
    year: int
    items: int
    items_previous_year: int
    added: int
    stopped: int
    collected_wan: str


def _district(request: HttpRequest) -> Organisation:
    district = getattr(request, "district", None)
    if district is None:
        raise HttpError(404, "本站尚未配置区。")
    return district


def _year(text: str | None, default: int) -> int:
    if text is None or not text.strip():
        return default
    try:
        number = int(text.strip())
    except ValueError:
        raise HttpError(400, "年份应为四位数字，例如 2018。") from None
    if not 2000 <= number <= 2100:
        raise HttpError(400, "年份应为四位数字，例如 2018。")
    return number


@router.get(
    "/budgets/completeness",
    response=CompletenessOut,
    summary="某年预决算公开完成情况",
    description="year：公开年度（默认今年），即当年预算和“三公”经费预算、上年决算和“三公”经费决算。"
    "state：missing 未登记、draft 编制中、released 审核中、published 已公开；days_late：超过公开期限"
    "（批复后二十日，各区可调整）的天数，未公开的算到今天。",
)
def completeness(request: HttpRequest, year: str | None = None):
    district = _district(request)
    board = stats.completeness(district, _year(year, timezone.localdate().year))
    units = []
    for row in board.rows:
        entry = {"code": row.unit.code, "name": row.unit.name, "level": row.level}
        for kind, s in row.statuses.items():
            entry[kind] = {
                "fiscal_year": s.fiscal_year,
                "state": s.state,
                "approved_on": s.approved_on,
                "published_on": s.published_on,
                "due_on": s.due_on,
                "days_late": s.days_late,
            }
        units.append(entry)
    return {
        "year": board.year,
        "units": units,
        "totals": {
            "units": board.units,
            "complete": board.complete,
            "late": board.late,
            "published": {str(k): v for k, v in board.published_per_kind.items()},
        },
    }


@router.get(
    "/fees/summary",
    response=FeesOut,
    summary="某年行政事业性收费",
    description="year：年度（默认上年）；collected_wan：本年收费金额（万元，两位小数）。",
)
def fees_summary(request: HttpRequest, year: str | None = None):
    district = _district(request)
    number = _year(year, timezone.localdate().year - 1)
    counts = stats.fee_items(district, number)
    return {
        "year": number,
        "items": counts.current,
        "items_previous_year": counts.previous,
        "added": counts.added,
        "stopped": counts.stopped,
        "collected_wan": str(stats.fees_collected(district, number)),
    }
