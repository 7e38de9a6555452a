"""The arithmetic of savings, in one place, in Decimal (no float anywhere).

- savings (节约资金) = budget − contract amount, per project, once there is a contract amount;
- savings rate (资金节约率) = savings ÷ budget, as a percentage rounded half up to two decimals;
- totals: the sum of the savings over the sum of the budgets *of the same projects* — those with a
  contract amount — never an average of the projects' rates, never a rate typed in.

Amounts are kept in 元 with two decimals; figures are shown in 万元 with two decimals (``wan``).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

CENT = Decimal("0.01")
TEN_THOUSAND = Decimal(10000)
HUNDRED = Decimal(100)


def savings(budget: Decimal, contract_amount: Decimal | None) -> Decimal | None:
    if contract_amount is None:
        return None
    return budget - contract_amount


def rate(savings_amount: Decimal | None, budget: Decimal) -> Decimal | None:
    """The savings as a percentage of ``budget``, two decimals (None: nothing to compare with)."""
    if savings_amount is None or not budget:
        return None
    return (savings_amount * HUNDRED / budget).quantize(CENT, rounding=ROUND_HALF_UP)


def wan(yuan: Decimal | None) -> Decimal | None:
    """元 → 万元, two decimals, rounded half up."""
    if yuan is None:
        return None
    return (yuan / TEN_THOUSAND).quantize(CENT, rounding=ROUND_HALF_UP)


@dataclass(frozen=True)
class Totals:
    """Projects counted, and the sums over those of them with a contract amount (the savings base)."""

    projects: int = 0
    contracted: int = 0
    budget: Decimal = Decimal("0.00")  # of the contracted projects
    contract: Decimal = Decimal("0.00")
    planned_budget: Decimal = Decimal("0.00")  # of every project counted, contracted or not

    @property
    def savings(self) -> Decimal:
        return self.budget - self.contract

    @property
    def savings_rate(self) -> Decimal | None:
        return rate(self.savings, self.budget) if self.contracted else None

    @property
    def budget_wan(self) -> Decimal:
        return wan(self.budget)

    @property
    def contract_wan(self) -> Decimal:
        return wan(self.contract)

    @property
    def savings_wan(self) -> Decimal:
        return wan(self.savings)

    @property
    def planned_budget_wan(self) -> Decimal:
        return wan(self.planned_budget)


def totals(rows: Iterable[tuple[Decimal, Decimal | None]]) -> Totals:
    """``rows``: (budget, contract amount or None) of each project counted."""
    projects = contracted = 0
    budget = contract = planned = Decimal("0.00")
    for row_budget, row_contract in rows:
        projects += 1
        planned += row_budget
        if row_contract is not None:
            contracted += 1
            budget += row_budget
            contract += row_contract
    return Totals(projects, contracted, budget, contract, planned)
