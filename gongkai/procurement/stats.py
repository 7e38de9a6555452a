"""Procurement's figures, for the annual report (政府采购信息公开情况), the dashboards, the portal's
column and the public API: functions of a district or an organisation and a budget year — no user,
no request.

The rules every figure follows:

- Only what the public sees counts (``public.py``): projects with a public notice; a contract
  amount counts once its result notice is public. Terminated projects (已终止) are left out.
- A project counts in its budget year (预算年度), for its purchasing unit; an organisation's
  figures include the units below it, a district's every unit in it.
- Savings = budget − contract amount, summed over the projects with a contract amount; the
  savings rate is the sum of the savings over the sum of *their* budgets (``money.py``) — computed
  from the records every time, never stored, never typed.

The annual report's sentence "全区政府采购项目205个，采购资金19987万元，其中货物采购7727万元，工程
项目采购8209万元，服务类项目4051万元……节约资金635万元，资金节约率为x%" reads ``summary`` (采购资金
is the contract amount, ``contract_wan``) and ``by_type``; "网上竞价……申报采购资金1138万元，成交资金
1102万元" reads ``summary(…, method=Method.ONLINE_BIDDING)`` (申报 = budget).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils import timezone

from gongkai.orgs.models import Organisation
from gongkai.procurement import deadlines, money
from gongkai.procurement.models import Method, NoticeKind, ProcurementType, ProjectState
from gongkai.procurement.public import PublicProject, as_public, public_notices, public_projects


@dataclass(frozen=True)
class Scope:
    """A district, or some of its organisations (``organisation_ids``; None: the whole district)."""

    district_id: int
    organisation_ids: frozenset[int] | None = None

    @classmethod
    def of(cls, organisation: Organisation) -> Scope:
        """A district: all of it; any other organisation: itself and everything below it."""
        if organisation.is_district:
            return cls(organisation.pk)
        return cls(organisation.district_id, frozenset(organisation.descendant_ids()))


def _scope(of: Organisation | Scope) -> Scope:
    return of if isinstance(of, Scope) else Scope.of(of)


def projects(
    of: Organisation | Scope, year: int, *, method: str | None = None, type: str | None = None
) -> list[PublicProject]:
    """The public projects counted for ``of`` in ``year`` (terminated ones left out)."""
    scope = _scope(of)
    district = Organisation.objects.get(pk=scope.district_id)
    found = public_notices(district)
    rows = public_projects(district, found).filter(year=year).exclude(state=ProjectState.TERMINATED)
    if scope.organisation_ids is not None:
        rows = rows.filter(organisation_id__in=scope.organisation_ids)
    if method:
        rows = rows.filter(method=method)
    if type:
        rows = rows.filter(type=type)
    return as_public(rows.order_by("code"), found)


def _totals(rows: list[PublicProject]) -> money.Totals:
    return money.totals((p.project.budget, p.contract_amount) for p in rows)


def summary(
    of: Organisation | Scope, year: int, method: str | None = None, type: str | None = None
) -> money.Totals:
    """Projects, budgets, contract amounts, savings and the savings rate of ``year``."""
    return _totals(projects(of, year, method=method, type=type))


def by_type(of: Organisation | Scope, year: int, method: str | None = None) -> dict[str, money.Totals]:
    """``summary`` for each type (货物, 工程, 服务; every type, empty ones included)."""
    rows = projects(of, year, method=method)
    return {t: _totals([p for p in rows if p.project.type == t]) for t in ProcurementType.values}


def report_totals(
    of: Organisation | Scope, year: int, method: str
) -> tuple[money.Totals, dict[str, money.Totals], money.Totals]:
    """What the annual report states, from one reading of the year's projects: ``summary``,
    ``by_type`` and ``summary`` of the projects bought by ``method``."""
    rows = projects(of, year)
    return (
        _totals(rows),
        {t: _totals([p for p in rows if p.project.type == t]) for t in ProcurementType.values},
        _totals([p for p in rows if p.project.method == method]),
    )


def by_method(of: Organisation | Scope, year: int, type: str | None = None) -> dict[str, money.Totals]:
    """``summary`` for each method that had a project in ``year``, in the methods' order."""
    rows = projects(of, year, type=type)
    found = {m: _totals([p for p in rows if p.project.method == m]) for m in Method.values}
    return {m: totals for m, totals in found.items() if totals.projects}


@dataclass
class KindTimeliness:
    """How one kind of notice kept its deadline over the year's projects."""

    kind: str
    due: int = 0  # projects for which the rule applied and its day has come or the notice is out
    on_time: int = 0
    late: int = 0  # published, but late
    missing: int = 0  # not published, the due day passed
    pending: int = 0  # not published, still in time
    late_days: int = 0  # the days late, summed over the late and the missing
    flagged: list[tuple[PublicProject, deadlines.Timeliness]] = field(default_factory=list)

    @property
    def label(self) -> str:
        return str(NoticeKind(self.kind).label)

    @property
    def on_time_rate(self) -> Decimal | None:
        """The share of due notices published on time (a percentage, two decimals)."""
        if not self.due:
            return None
        return money.rate(Decimal(self.on_time), Decimal(self.due))


def notice_timeliness(
    of: Organisation | Scope, year: int, *, today: dt.date | None = None
) -> dict[str, KindTimeliness]:
    """For the intention and the result notices of ``year``'s public projects: how many were due,
    on time, late (published after the due day, with the days) or missing on ``today``."""
    today = today or timezone.localdate()
    found = {kind: KindTimeliness(kind) for kind in (NoticeKind.INTENTION, NoticeKind.RESULT)}
    for p in projects(of, year):
        for kind, counts in found.items():
            t = deadlines.timeliness(p.project, kind, p.published_on(kind), today=today)
            if t.status in (deadlines.Status.NOT_REQUIRED, deadlines.Status.NOT_YET):
                continue
            if t.status == deadlines.Status.PENDING:
                counts.pending += 1
                continue
            counts.due += 1
            if t.status == deadlines.Status.ON_TIME:
                counts.on_time += 1
            else:
                counts.late += t.status == deadlines.Status.LATE
                counts.missing += t.status == deadlines.Status.MISSING
                counts.late_days += t.late_days
                counts.flagged.append((p, t))
    return found


def years(of: Organisation | Scope) -> list[int]:
    """The budget years that have a public project, latest first."""
    scope = _scope(of)
    district = Organisation.objects.get(pk=scope.district_id)
    rows = public_projects(district)
    if scope.organisation_ids is not None:
        rows = rows.filter(organisation_id__in=scope.organisation_ids)
    return sorted(set(rows.values_list("year", flat=True)), reverse=True)


def _wan_text(value) -> str | None:
    return None if value is None else str(money.wan(value))


def totals_dict(totals: money.Totals) -> dict:
    """``totals`` ready for JSON and snapshots: counts, and amounts in 万元 and the rate as text."""
    rate = totals.savings_rate
    return {
        "projects": totals.projects,
        "contracted": totals.contracted,
        "budget_wan": _wan_text(totals.budget),
        "contract_wan": _wan_text(totals.contract),
        "savings_wan": _wan_text(totals.savings),
        "planned_budget_wan": _wan_text(totals.planned_budget),
        "savings_rate": None if rate is None else str(rate),
    }


def year_summary(of: Organisation | Scope, year: int) -> dict:
    """The annual report's procurement figures (its 政府采购 paragraph and 第二十条第（九）项: 采购
    项目数量 = ``projects``, 采购总金额 = ``contract_wan``): the year's totals, per type and per
    method, and the intention and result notices' timeliness — JSON-ready (amounts in 万元 and
    rates as text with two decimals)."""
    timeliness = notice_timeliness(of, year, today=dt.date(year + 1, 1, 31))
    return {
        "year": year,
        **totals_dict(summary(of, year)),
        "by_type": {t: totals_dict(totals) for t, totals in by_type(of, year).items()},
        "by_method": {m: totals_dict(totals) for m, totals in by_method(of, year).items()},
        "notices": {
            kind: {
                "due": counts.due,
                "on_time": counts.on_time,
                "late": counts.late,
                "missing": counts.missing,
                "late_days": counts.late_days,
            }
            for kind, counts in timeliness.items()
        },
    }
