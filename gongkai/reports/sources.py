"""Where each figure of the report comes from: one function per figure, each reading one domain app's
``stats.py`` and nothing else (the layer contract: the reports app imports only the domain apps'
``stats`` modules, and ``catalog.interface`` to publish).

The key-area registries (services, decisions, finance, procurement, publicity, sectors) are built
beside this app. A figure whose app does not provide it yet is ``MISSING``: the report says so in
the staff view and leaves the cell empty — never a made-up number.
"""

from __future__ import annotations

import datetime as dt
import importlib
from dataclasses import dataclass
from decimal import Decimal
from types import ModuleType
from typing import Any

from gongkai.applications import stats as applications_stats
from gongkai.catalog import stats as catalog_stats
from gongkai.decisions import stats as decisions_stats
from gongkai.finance import stats as finance_stats
from gongkai.hotline import stats as hotline_stats
from gongkai.orgs.models import Organisation
from gongkai.powers import stats as powers_stats
from gongkai.procurement import stats as procurement_stats
from gongkai.publicity import stats as publicity_stats
from gongkai.sectors import stats as sectors_stats
from gongkai.services import stats as services_stats


@dataclass(frozen=True)
class Missing:
    """A figure the platform does not hold yet: which app should give it, in words."""

    app: str
    label: str


def registry_stats(app: str) -> ModuleType | None:
    """A key-area registry's ``stats`` module, once that app has one."""
    try:
        return importlib.import_module(f"gongkai.{app}.stats")
    except ModuleNotFoundError:
        return None


def _registry_function(app: str, name: str):
    module = registry_stats(app)
    return getattr(module, name, None) if module is not None else None


def applications_scope(organisation: Organisation) -> dict[str, Organisation]:
    """The applications of a district (all its units), or those an organisation handles."""
    return {"district": organisation} if organisation.is_district else {"organisation": organisation}


def table_three(organisation: Organisation, year: int) -> dict:
    return applications_stats.table_three(year, **applications_scope(organisation))


def table_four(organisation: Organisation, year: int) -> dict:
    return applications_stats.table_four(year, **applications_scope(organisation))


def unbalanced(organisation: Organisation, year: int):
    return applications_stats.unbalanced(year, **applications_scope(organisation))


def fees_collected(organisation: Organisation, year: int):
    return applications_stats.fees_collected(year, **applications_scope(organisation))


def documents(organisation: Organisation, year: int):
    return catalog_stats.documents(organisation, catalog_stats.Period.year(year))


def document_publication(organisation: Organisation, year: int):
    return catalog_stats.document_publication(organisation, catalog_stats.Period.year(year))


def published(organisation: Organisation, year: int):
    """The year's items in total and per category: the report prints no per-column or per-topic
    figure, so those two queries are not run."""
    return catalog_stats.published(organisation, catalog_stats.Period.year(year), groups_only=True)


def report_groups(organisation: Organisation) -> list[str]:
    return catalog_stats.report_groups(organisation)


def power_changes(organisation: Organisation, year: int) -> dict[str, int]:
    return powers_stats.report_counts(organisation, year)


def powers_in_force(organisation: Organisation, on: dt.date) -> dict[str, int]:
    return powers_stats.in_force_by_type(organisation, on)


def hotline_year(organisation: Organisation, year: int):
    """The hotline is the district head's: only a district's report has its figures."""
    if not organisation.is_district:
        return None
    return hotline_stats.year_figures(organisation, year)


# --- the key-area registries -------------------------------------------------------------------

def _services(organisation: Organisation, year: int) -> dict:
    figures = services_stats.cases(organisation, year)
    return {k: (str(v) if isinstance(v, Decimal) else v) for k, v in figures.items()}


def _sectors(organisation: Organisation, year: int) -> list[dict]:
    return [
        {"code": f.code, "name": f.name, "value": str(f.value), "text": f.text, "organisation": f.organisation}
        for f in sectors_stats.figures(organisation, year).values()
    ]


def _plain(value: Any) -> Any:
    """Decimals as strings (the figures are JSON), everything else as it is."""
    return str(value) if isinstance(value, Decimal) else value


def _procurement_totals(totals) -> dict:
    return {
        "projects": totals.projects,
        "contracted": totals.contracted,
        "budget_wan": _plain(totals.budget_wan),
        "contract_wan": _plain(totals.contract_wan),
        "savings_wan": _plain(totals.savings_wan),
        "savings_rate": _plain(totals.savings_rate),
    }


# The method the seed quotes apart (网上竞价), and the types in the order it lists them.
ONLINE_BIDDING = "online_bidding"
PROCUREMENT_TYPES = ("goods", "works", "services")


def _procurement(organisation: Organisation, year: int) -> dict:
    """Projects, 采购资金 (the contract amounts), savings and the savings rate computed from the
    project records (procurement/money.py: savings ÷ budget of the same projects), per type, and
    the online bidding platform's (申报 = budget, 成交 = contract amount)."""
    every, by_type, online = procurement_stats.report_totals(organisation, year, ONLINE_BIDDING)
    totals = _procurement_totals(every)
    totals["by_type"] = {t: _procurement_totals(by_type[t]) for t in PROCUREMENT_TYPES if t in by_type}
    totals["online_bidding"] = _procurement_totals(online)
    return totals


def procurement_projects(organisation: Organisation, year: int, *, method: str = "", type: str = ""):
    """The public projects counted in the procurement figures (for the trace)."""
    return procurement_stats.projects(organisation, year, method=method or None, type=type or None)


def _budgets(organisation: Organisation, year: int) -> dict:
    """The budget units' disclosures due in ``year`` (its budget and 三公 budget, last year's final
    accounts and 三公 final accounts): units, complete, on time, late, published per kind; and the
    district's own (区本级) where the report is a district's."""
    board = finance_stats.completeness(organisation, year)
    units = [r for r in board.rows if r.level == "department"]
    own = [r for r in board.rows if r.level == "government"]
    return {
        "budget_units": len(units),
        "complete": sum(1 for r in units if r.complete),
        "on_time": sum(1 for r in units if r.complete and not r.late),
        "late": sum(1 for r in units if r.late),
        "published": {kind: sum(1 for r in units if r.statuses[kind].published) for kind in finance_stats.KINDS},
        "government_complete": (all(r.complete for r in own) if own else None),
        "final_year": year - 1,
    }


def budget_rows(organisation: Organisation, year: int):
    """The rows of the completeness board the budget figures count (for the trace)."""
    return finance_stats.completeness(organisation, year).rows


def _fees_wan(organisation: Organisation, year: int) -> Decimal:
    return finance_stats.fees_collected(organisation, year)


def fees_by_organisation(organisation: Organisation, year: int):
    """(organisation, 万元) of each collecting organisation: the fees cell's records."""
    return finance_stats.fees_collected_by_organisation(organisation, year)


def _fee_items(organisation: Organisation, year: int) -> dict:
    counts = finance_stats.fee_items(organisation, year)
    return {"previous_items": counts.previous, "change": counts.change}


def _publicity(organisation: Organisation, year: int) -> dict:
    return {key: _plain(value) for key, value in publicity_stats.report_figures(organisation, year).items()}


def publicity_records(organisation: Organisation, year: int, kinds: tuple[str, ...]):
    """The published lists and notices of ``kinds`` counted in a publicity figure (for the trace)."""
    return publicity_stats.published(organisation, year, kinds=kinds)


# figure → (app, the function of its stats.py, what it is in words); a function given here is
# wired in, a name is looked up in the app's stats.py once it has one.
REGISTRY_FIGURES: dict[str, tuple[str, Any, str]] = {
    "licensing_decisions": ("decisions", decisions_stats.licensing_decisions, "行政许可处理决定数量（双公示）"),
    "penalty_decisions": ("decisions", decisions_stats.penalty_decisions, "行政处罚处理决定数量（双公示）"),
    "enforcement_decisions": ("decisions", decisions_stats.enforcement_decisions, "行政强制处理决定数量（双公示）"),
    "fees_wan": ("finance", _fees_wan, "行政事业性收费金额（万元）"),
    "fee_items": ("finance", _fee_items, "行政事业性收费项目数量"),
    "procurement": ("procurement", _procurement, "政府采购项目、金额和资金节约率"),
    "budgets": ("finance", _budgets, "部门预决算公开的预算单位"),
    "publicity": ("publicity", _publicity, "公示公告（保障性住房分配、危房改造、低保、征地征收等）"),
    "services": ("services", _services, "政务服务办件和好差评"),
    "sectors": ("sectors", _sectors, "行业领域数据"),
}


def registry_figure(figure: str, organisation: Organisation, year: int) -> Any:
    """The figure from its registry's ``stats.py``, or ``Missing`` while the app has none."""
    app, name, label = REGISTRY_FIGURES[figure]
    function = name if callable(name) else _registry_function(app, name)
    if function is None:
        return Missing(app, label)
    return function(organisation, year)
