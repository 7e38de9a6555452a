"""A disclosure's key figures, read from its tables — never typed (主要数据).

``key_figures`` gives, for each kind, the figures the item page, the open data and the public
summary show first: a department's 收入总计 and 支出总计 (table 1), 财政拨款 (table 4), 基本支出 and
项目支出 (table 3), the 三公 total (table 7); the three public expenses one by one; the district's
general and fund budget revenue and expenditure. A figure of a table not entered yet is None.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.utils.translation import gettext_lazy as _

from gongkai.finance.models import REQUIRED_SECTIONS, SECTIONS, Disclosure, FinanceTable, Kind, Level
from gongkai.finance.tables import EXPENSE, INCOME, THREE_PUBLIC_CODES, TableData, TableSpec, specs_for


@dataclass(frozen=True)
class Figure:
    key: str
    label: str
    value: Decimal | None


@dataclass(frozen=True)
class Entry:
    """One standard table of a disclosure: its spec, its row (None: not entered) and its data."""

    spec: TableSpec
    record: FinanceTable | None
    data: TableData | None

    @property
    def entered(self) -> bool:
        return self.record is not None

    @property
    def is_empty(self) -> bool:
        return self.record is not None and self.record.is_empty


def tables_of(disclosure: Disclosure, records: list[FinanceTable] | None = None) -> list[Entry]:
    """Every standard table of the disclosure's kind, in order, with what has been entered."""
    if records is None:
        records = list(disclosure.tables.all()) if disclosure.pk else []
    by_code = {r.code: r for r in records}
    out = []
    for spec in specs_for(disclosure.level, disclosure.kind):
        record = by_code.get(spec.code)
        data = TableData.from_json(spec, record.data) if record is not None and not record.is_empty else None
        out.append(Entry(spec, record, data))
    return out


def _three_public(entry: Entry, column: int) -> list[tuple[str, str, Decimal | None]]:
    parts = [
        ("outbound", _("因公出国（境）费")),
        ("vehicle_purchase", _("公务用车购置费")),
        ("vehicle_operation", _("公务用车运行费")),
        ("reception", _("公务接待费")),
    ]
    if not entry.entered:
        return [(k, str(label), None) for k, label in parts] + [("total", str(_("合计")), None)]
    data = entry.data
    values = [
        (k, str(label), data.value(THREE_PUBLIC_CODES[k], column) if data else Decimal("0.00"))
        for k, label in parts
    ]
    total = data.total(column) if data else Decimal("0.00")
    return [*values, ("total", str(_("合计")), total)]


def three_public_amounts(
    disclosure: Disclosure, entries: list[Entry] | None = None
) -> dict[str, Decimal | None]:
    """The 三公 amounts of a 三公 disclosure (its budget figures, or for final accounts the actual
    ones): outbound, vehicle_purchase, vehicle_operation, reception, total."""
    entries = entries if entries is not None else tables_of(disclosure)
    entry = entries[0]
    column = len(entry.spec.columns) - 1
    return {key: value for key, _label, value in _three_public(entry, column)}


def key_figures(disclosure: Disclosure, entries: list[Entry] | None = None) -> list[Figure]:
    entries = entries if entries is not None else tables_of(disclosure)
    by_number = {e.spec.number: e for e in entries}

    def total(number: int, column: int = 0, side: str = "") -> Decimal | None:
        entry = by_number.get(number)
        if entry is None or not entry.entered:
            return None
        if entry.data is None:
            return Decimal("0.00")
        return entry.data.total(column, side)

    def last(number: int) -> Decimal | None:
        entry = by_number.get(number)
        if entry is None:
            return None
        return total(number, len(entry.spec.columns) - 1)

    if disclosure.kind in (Kind.THREE_PUBLIC_BUDGET, Kind.THREE_PUBLIC_FINAL):
        entry = entries[0]
        figures = [Figure(k, label, v) for k, label, v in _three_public(entry, len(entry.spec.columns) - 1)]
        if disclosure.kind == Kind.THREE_PUBLIC_FINAL:
            budget_total = total(1, 0)
            figures.append(Figure("budget_total", str(_("合计（预算数）")), budget_total))
        return figures
    if disclosure.level == Level.GOVERNMENT:
        return [
            Figure("general_revenue", str(_("一般公共预算收入")), last(1)),
            Figure("general_expenditure", str(_("一般公共预算支出")), last(2)),
            Figure("fund_revenue", str(_("政府性基金预算收入")), last(3)),
            Figure("fund_expenditure", str(_("政府性基金预算支出")), last(4)),
        ]
    return [
        Figure("income_total", str(_("收入总计")), total(1, 0, INCOME)),
        Figure("expense_total", str(_("支出总计")), total(1, 0, EXPENSE)),
        Figure("appropriation_total", str(_("财政拨款收支总计")), total(4, 0, INCOME)),
        Figure("basic_expense", str(_("基本支出")), total(3, 1)),
        Figure("project_expense", str(_("项目支出")), total(3, 2)),
        Figure("three_public_total", str(_("“三公”经费")), last(7)),
    ]


def sections_of(disclosure: Disclosure) -> list[tuple[str, str]]:
    """The explanation's sections that the kind has, or that were written, in order."""
    required = REQUIRED_SECTIONS[(disclosure.level, disclosure.kind)]
    return [
        (str(label), getattr(disclosure, name))
        for name, label in SECTIONS
        if name in required or getattr(disclosure, name).strip()
    ]
