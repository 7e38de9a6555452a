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
from gongkai.hotline import stats as hotline_stats
from gongkai.orgs.models import Organisation
from gongkai.powers import stats as powers_stats
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
    return catalog_stats.published(organisation, catalog_stats.Period.year(year))


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


# figure → (app, the function of its stats.py, what it is in words); a function given here is
# wired in, a name is looked up in the app's stats.py once it has one.
REGISTRY_FIGURES: dict[str, tuple[str, Any, str]] = {
    "licensing_decisions": ("decisions", decisions_stats.licensing_decisions, "行政许可处理决定数量（双公示）"),
    "penalty_decisions": ("decisions", decisions_stats.penalty_decisions, "行政处罚处理决定数量（双公示）"),
    "enforcement_decisions": ("decisions", decisions_stats.enforcement_decisions, "行政强制处理决定数量（双公示）"),
    "fees_wan": ("finance", "fees_collected_wan", "行政事业性收费金额（万元）"),
    "fee_items": ("finance", "fee_item_counts", "行政事业性收费项目数量"),
    "procurement": ("procurement", "year_summary", "政府采购项目、金额和资金节约率"),
    "budgets": ("finance", "completeness_summary", "部门预决算公开的预算单位"),
    "publicity": ("publicity", "year_summary", "公示公告（保障性住房分配、危房改造等）"),
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
