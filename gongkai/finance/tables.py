"""The standard tables of budgets and final accounts, and the rules a table's figures obey.

Each kind of disclosure has its set of standard tables (``TABLE_SETS``): the nine of a department's
final accounts (收入支出决算总表 … 国有资本经营预算财政拨款支出决算表), the nine of its budget
(部门收支总表 … 国有资本经营预算支出表), the 三公 table, and the government's own (区本级) six.

A table is kept as plain data (``TableData``): its rows, each with a subject code (科目编码, empty
where the table has none), a name and one amount per column, in 万元 to two decimals, and its total
row. Three layouts cover the standard set:

- ``subjects``: rows by budget subject (功能分类 201 → 20101 → 2010101, 经济分类 301 → 30101); a
  row with rows below it equals their sum, the total (合计) equals the sum of the top-level rows;
- ``fixed``: the rows the standard prescribes, in order (the 三公 table: 因公出国（境）费,
  公务用车购置及运行费 = 购置费 + 运行费, 公务接待费), summed the same way;
- ``balance``: the two-sided summary tables (收支总表): income rows and expense rows, each side's
  rows add up to its total (收入总计, 支出总计), and the two totals are equal.

Where a table's first column is the sum of the others (合计 = 基本支出 + 项目支出 …, ``sum_first``),
every row is checked for it too. ``check`` names the first offending row of each kind of error:
a table whose rows do not add up is refused, with the row named.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

CENT = Decimal("0.01")
ZERO = Decimal("0.00")

SUBJECTS, FIXED, BALANCE = "subjects", "fixed", "balance"
INCOME, EXPENSE = "income", "expense"

# The rows of the three public expenses (三公经费), the same in every table that shows them.
THREE_PUBLIC_ROWS: tuple[tuple[str, str], ...] = (
    ("1", "因公出国（境）费"),
    ("2", "公务用车购置及运行费"),
    ("2.1", "公务用车购置费"),
    ("2.2", "公务用车运行费"),
    ("3", "公务接待费"),
)
# The code of each of the three public expenses' parts, as stats and the key figures read them.
THREE_PUBLIC_CODES = {
    "outbound": "1",
    "vehicles": "2",
    "vehicle_purchase": "2.1",
    "vehicle_operation": "2.2",
    "reception": "3",
}


@dataclass(frozen=True)
class TableSpec:
    code: str  # stable key, e.g. "final-7"
    number: int  # 表一 …
    title: str
    layout: str
    columns: tuple[str, ...]
    sum_first: bool = False
    subject_label: str = "功能分类科目"
    fixed_rows: tuple[tuple[str, str], ...] = ()
    empty_note: str = ""  # the usual note when the table has nothing to show

    @property
    def numbered_title(self) -> str:
        return f"表{CN_NUMBERS[self.number]} {self.title}"

    @property
    def headers(self) -> list[str]:
        """The header row of the table's sheet (the import template's and the export's)."""
        if self.layout == BALANCE:
            return ["收入项目", self.columns[0], "支出项目", self.columns[0]]
        if self.layout == FIXED:
            return ["项目", *self.columns]
        return ["科目编码", "科目名称", *self.columns]


CN_NUMBERS = "〇一二三四五六七八九十"


def _dept_final() -> list[TableSpec]:
    spend = ("合计", "基本支出", "项目支出", "上缴上级支出", "经营支出", "对附属单位补助支出")
    income = ("合计", "财政拨款收入", "上级补助收入", "事业收入", "经营收入", "附属单位上缴收入", "其他收入")
    return [
        TableSpec("final-1", 1, "收入支出决算总表", BALANCE, ("决算数",)),
        TableSpec("final-2", 2, "收入决算表", SUBJECTS, income, sum_first=True),
        TableSpec("final-3", 3, "支出决算表", SUBJECTS, spend, sum_first=True),
        TableSpec("final-4", 4, "财政拨款收入支出决算总表", BALANCE, ("决算数",)),
        TableSpec(
            "final-5",
            5,
            "一般公共预算财政拨款支出决算表",
            SUBJECTS,
            ("合计", "基本支出", "项目支出"),
            sum_first=True,
        ),
        TableSpec(
            "final-6",
            6,
            "一般公共预算财政拨款基本支出决算表",
            SUBJECTS,
            ("合计", "人员经费", "公用经费"),
            sum_first=True,
            subject_label="经济分类科目",
        ),
        TableSpec(
            "final-7",
            7,
            "一般公共预算财政拨款“三公”经费支出决算表",
            FIXED,
            ("预算数", "决算数"),
            fixed_rows=THREE_PUBLIC_ROWS,
            empty_note="本单位无一般公共预算财政拨款“三公”经费支出，故本表为空表。",
        ),
        TableSpec(
            "final-8",
            8,
            "政府性基金预算财政拨款收入支出决算表",
            SUBJECTS,
            ("年初结转和结余", "本年收入", "本年支出", "年末结转和结余"),
            empty_note="本单位无政府性基金预算财政拨款收入支出，故本表为空表。",
        ),
        TableSpec(
            "final-9",
            9,
            "国有资本经营预算财政拨款支出决算表",
            SUBJECTS,
            ("合计", "基本支出", "项目支出"),
            sum_first=True,
            empty_note="本单位无国有资本经营预算财政拨款支出，故本表为空表。",
        ),
    ]


def _dept_budget() -> list[TableSpec]:
    income = ("合计", "一般公共预算拨款收入", "政府性基金预算拨款收入", "事业收入", "其他收入")
    return [
        TableSpec("budget-1", 1, "部门收支总表", BALANCE, ("预算数",)),
        TableSpec("budget-2", 2, "部门收入总表", SUBJECTS, income, sum_first=True),
        TableSpec("budget-3", 3, "部门支出总表", SUBJECTS, ("合计", "基本支出", "项目支出"), sum_first=True),
        TableSpec("budget-4", 4, "财政拨款收支总表", BALANCE, ("预算数",)),
        TableSpec(
            "budget-5", 5, "一般公共预算支出表", SUBJECTS, ("合计", "基本支出", "项目支出"), sum_first=True
        ),
        TableSpec(
            "budget-6",
            6,
            "一般公共预算基本支出表",
            SUBJECTS,
            ("合计", "人员经费", "公用经费"),
            sum_first=True,
            subject_label="经济分类科目",
        ),
        TableSpec(
            "budget-7",
            7,
            "一般公共预算“三公”经费支出表",
            FIXED,
            ("预算数",),
            fixed_rows=THREE_PUBLIC_ROWS,
            empty_note="本单位无一般公共预算“三公”经费支出，故本表为空表。",
        ),
        TableSpec(
            "budget-8",
            8,
            "政府性基金预算支出表",
            SUBJECTS,
            ("合计", "基本支出", "项目支出"),
            sum_first=True,
            empty_note="本单位无政府性基金预算拨款安排的支出，故本表为空表。",
        ),
        TableSpec(
            "budget-9",
            9,
            "国有资本经营预算支出表",
            SUBJECTS,
            ("合计", "基本支出", "项目支出"),
            sum_first=True,
            empty_note="本单位无国有资本经营预算拨款安排的支出，故本表为空表。",
        ),
    ]


def _government(prefix: str, columns: tuple[str, ...]) -> list[TableSpec]:
    return [
        TableSpec(f"{prefix}-1", 1, "一般公共预算收入表", SUBJECTS, columns, subject_label="收入科目"),
        TableSpec(f"{prefix}-2", 2, "一般公共预算支出表", SUBJECTS, columns),
        TableSpec(
            f"{prefix}-3",
            3,
            "政府性基金预算收入表",
            SUBJECTS,
            columns,
            subject_label="收入科目",
            empty_note="本级无政府性基金预算收入，故本表为空表。",
        ),
        TableSpec(
            f"{prefix}-4",
            4,
            "政府性基金预算支出表",
            SUBJECTS,
            columns,
            empty_note="本级无政府性基金预算支出，故本表为空表。",
        ),
        TableSpec(
            f"{prefix}-5",
            5,
            "国有资本经营预算收支表",
            SUBJECTS,
            columns,
            subject_label="收支科目",
            empty_note="本级未编制国有资本经营预算，故本表为空表。",
        ),
        TableSpec(
            f"{prefix}-6",
            6,
            "社会保险基金预算收支表",
            SUBJECTS,
            columns,
            subject_label="收支项目",
            empty_note="本级社会保险基金由市级统筹管理，本级无社会保险基金预算收支，故本表为空表。",
        ),
    ]


def _three_public(code: str, columns: tuple[str, ...], title: str) -> list[TableSpec]:
    return [
        TableSpec(
            code,
            1,
            title,
            FIXED,
            columns,
            fixed_rows=THREE_PUBLIC_ROWS,
            empty_note="本单位无“三公”经费支出，故本表为空表。",
        )
    ]


# (level, kind) → the standard tables, in order. Levels and kinds: models.Level, models.Kind.
TABLE_SETS: dict[tuple[str, str], list[TableSpec]] = {
    ("department", "final"): _dept_final(),
    ("department", "budget"): _dept_budget(),
    ("department", "three_public_final"): _three_public(
        "tpf-1", ("预算数", "决算数"), "“三公”经费支出决算表"
    ),
    ("department", "three_public_budget"): _three_public("tpb-1", ("预算数",), "“三公”经费支出预算表"),
    ("government", "final"): _government("gfinal", ("预算数", "决算数")),
    ("government", "budget"): _government("gbudget", ("预算数",)),
    ("government", "three_public_final"): _three_public(
        "gtpf-1", ("预算数", "决算数"), "“三公”经费支出决算表"
    ),
    ("government", "three_public_budget"): _three_public("gtpb-1", ("预算数",), "“三公”经费支出预算表"),
}
SPECS: dict[str, TableSpec] = {spec.code: spec for specs in TABLE_SETS.values() for spec in specs}


def specs_for(level: str, kind: str) -> list[TableSpec]:
    return TABLE_SETS[(level, kind)]


# --- amounts ---------------------------------------------------------------------------------------


class AmountError(ValueError):
    pass


def amount(value) -> Decimal:
    """A cell as 万元 to two decimals: a number, or text such as "1,234.50"; empty is 0.00.
    More than two decimals is refused rather than rounded (the finance system exports two)."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return ZERO
    if isinstance(value, bool):
        raise AmountError(_("不是金额"))
    text = repr(value) if isinstance(value, float) else str(value).strip().replace(",", "").replace("，", "")
    try:
        number = Decimal(text)
    except InvalidOperation:
        raise AmountError(_("“%(text)s”不是金额") % {"text": str(value)[:20]}) from None
    if not number.is_finite():
        raise AmountError(_("不是金额"))
    rounded = number.quantize(CENT)
    if abs(number - rounded) > Decimal("0.000001"):
        raise AmountError(_("金额须以万元为单位、保留两位小数（%(text)s）") % {"text": text[:20]})
    return rounded


def fmt(value: Decimal | str | None) -> str:
    """An amount as the tables show it: 1,234.50 (a zero is shown 0.00)."""
    if value is None or value == "":
        return ""
    return f"{Decimal(value):,.2f}"


# --- table data ------------------------------------------------------------------------------------


@dataclass
class Row:
    code: str
    name: str
    values: list[Decimal]
    side: str = ""  # balance tables: income / expense
    line: int = 0  # the sheet's row number, for messages (0: not from a sheet)

    def label(self) -> str:
        """How messages name the row: 第7行“20101 人大事务”."""
        where = _("第%(n)s行") % {"n": self.line} if self.line else ""
        if self.code and self.code.isdigit():
            return f"{where}“{self.code} {self.name}”"
        return f"{where}“{self.name}”"

    def as_json(self) -> dict:
        out = {"code": self.code, "name": self.name, "values": [str(v) for v in self.values]}
        if self.side:
            out["side"] = self.side
        return out


@dataclass
class TableData:
    """One table's figures: detail rows and total rows (one, or for balance tables one per side)."""

    spec: TableSpec
    rows: list[Row] = field(default_factory=list)
    totals: dict[str, list[Decimal]] = field(default_factory=dict)  # "" / income / expense

    # -- storage
    def as_json(self) -> dict:
        return {
            "rows": [r.as_json() for r in self.rows],
            "totals": {k: [str(v) for v in vs] for k, vs in self.totals.items()},
        }

    @classmethod
    def from_json(cls, spec: TableSpec, data: dict | None) -> TableData:
        data = data or {}
        rows = [
            Row(
                r.get("code", ""),
                r.get("name", ""),
                [Decimal(v) for v in r.get("values", [])],
                r.get("side", ""),
            )
            for r in data.get("rows", [])
        ]
        totals = {k: [Decimal(v) for v in vs] for k, vs in (data.get("totals") or {}).items()}
        return cls(spec, rows, totals)

    # -- reading figures
    @property
    def is_blank(self) -> bool:
        return not self.rows and all(v == 0 for vs in self.totals.values() for v in vs)

    def total(self, column: int = 0, side: str = "") -> Decimal:
        values = self.totals.get(side or ("" if self.spec.layout != BALANCE else INCOME))
        if not values or column >= len(values):
            return ZERO
        return values[column]

    def last_total(self, side: str = "") -> Decimal:
        """The total of the table's last column (决算数 where a table shows 预算数 and 决算数)."""
        return self.total(len(self.spec.columns) - 1, side)

    def value(self, code: str, column: int = 0) -> Decimal:
        for row in self.rows:
            if row.code == code:
                return row.values[column] if column < len(row.values) else ZERO
        return ZERO

    @property
    def total_row(self) -> list[Decimal]:
        return self.totals.get("", [])

    def side_rows(self, side: str) -> list[Row]:
        return [r for r in self.rows if r.side == side]

    def balance_pairs(self) -> list[tuple[Row | None, Row | None]]:
        """The two sides of a balance table side by side, as it is printed."""
        income, expense = self.side_rows(INCOME), self.side_rows(EXPENSE)
        n = max(len(income), len(expense))
        return [
            (income[i] if i < len(income) else None, expense[i] if i < len(expense) else None)
            for i in range(n)
        ]

    def indented(self) -> list[tuple[Row, int]]:
        """The rows with their depth, for display (类 0, 款 1, 项 2)."""
        depth = self.levels()
        return [(row, depth[i]) for i, row in enumerate(self.rows)]

    def levels(self) -> dict[int, int]:
        """Each row's depth (0: top level), by its code."""
        codes = {r.code for r in self.rows}
        depth = {}
        for i, row in enumerate(self.rows):
            d, parent = 0, parent_code(row.code)
            while parent:
                if parent in codes:
                    d += 1
                parent = parent_code(parent)
            depth[i] = d
        return depth


def parent_code(code: str) -> str:
    """2010101 → 20101 → 201 → ''; 2.1 → 2; 301 → ''."""
    if not code:
        return ""
    if "." in code:
        return code.rsplit(".", 1)[0]
    if code.isdigit() and len(code) > 3:
        return code[:-2]
    return ""


# --- the checks -------------------------------------------------------------------------------------


def _money(value: Decimal) -> str:
    return f"{value:,.2f}"


def check(table: TableData) -> list[str]:
    """Every way the table's figures fail to add up, each naming its row; empty when they do."""
    spec = table.spec
    errors: list[str] = []
    width = len(spec.columns)
    for row in table.rows:
        if len(row.values) != width:
            errors.append(_("%(row)s应有 %(n)s 个金额") % {"row": row.label(), "n": width})
    for _key, values in table.totals.items():
        if len(values) != width:
            errors.append(_("合计行应有 %(n)s 个金额") % {"n": width})
    if errors:
        return errors
    if spec.sum_first and width > 1:
        for row in [*table.rows, *[Row("", _("合计"), vs) for vs in table.totals.values()]]:
            parts = sum(row.values[1:], ZERO)
            if row.values[0] != parts:
                errors.append(
                    _("%(row)s：%(first)s %(total)s 万元不等于其后各列之和 %(parts)s 万元")
                    % {
                        "row": row.label(),
                        "first": spec.columns[0],
                        "total": _money(row.values[0]),
                        "parts": _money(parts),
                    }
                )
    if spec.layout == BALANCE:
        for side, total_label in ((INCOME, _("收入总计")), (EXPENSE, _("支出总计"))):
            rows = table.side_rows(side)
            total = table.totals.get(side)
            if total is None:
                errors.append(_("缺少“%(label)s”行") % {"label": total_label})
                continue
            found = sum((r.values[0] for r in rows), ZERO)
            if found != total[0]:
                errors.append(
                    _("“%(label)s” %(total)s 万元不等于%(side)s各行之和 %(sum)s 万元")
                    % {
                        "label": total_label,
                        "total": _money(total[0]),
                        "side": _("收入") if side == INCOME else _("支出"),
                        "sum": _money(found),
                    }
                )
        if (
            INCOME in table.totals
            and EXPENSE in table.totals
            and table.totals[INCOME] != table.totals[EXPENSE]
        ):
            errors.append(
                _("收入总计 %(i)s 万元与支出总计 %(e)s 万元不相等")
                % {"i": _money(table.totals[INCOME][0]), "e": _money(table.totals[EXPENSE][0])}
            )
        return errors
    # subjects and fixed rows: a row with rows below it is their sum; the total is the top rows' sum
    if spec.layout == FIXED:
        expected = [name for _code, name in spec.fixed_rows]
        names = [r.name for r in table.rows]
        if table.rows and names != expected:
            errors.append(_("表中各行应依次为：%(rows)s") % {"rows": "、".join(expected)})
            return errors
    codes: dict[str, Row] = {}
    code_errors = []
    for row in table.rows:
        if spec.layout == SUBJECTS and not row.code:
            code_errors.append(_("%(row)s缺少科目编码") % {"row": row.label()})
        elif row.code in codes:
            code_errors.append(_("%(row)s：科目编码 %(code)s 重复") % {"row": row.label(), "code": row.code})
        codes[row.code] = row
    if code_errors:
        return errors + code_errors
    children: dict[str, list[Row]] = {}
    top: list[Row] = []
    for row in table.rows:
        parent = parent_code(row.code)
        while parent and parent not in codes:
            parent = parent_code(parent)
        if parent:
            children.setdefault(parent, []).append(row)
        else:
            top.append(row)
    for code, kids in children.items():
        row = codes[code]
        for column, label in enumerate(spec.columns):
            found = sum((k.values[column] for k in kids), ZERO)
            if row.values[column] != found:
                errors.append(
                    _("%(row)s：%(col)s %(value)s 万元不等于其下各项之和 %(sum)s 万元")
                    % {
                        "row": row.label(),
                        "col": label,
                        "value": _money(row.values[column]),
                        "sum": _money(found),
                    }
                )
    total = table.totals.get("")
    if total is None:
        if table.rows:
            errors.append(_("缺少“合计”行"))
        return errors
    for column, label in enumerate(spec.columns):
        found = sum((r.values[column] for r in top), ZERO)
        if total[column] != found:
            errors.append(
                _("合计行：%(col)s %(value)s 万元不等于各项之和 %(sum)s 万元")
                % {"col": label, "value": _money(total[column]), "sum": _money(found)}
            )
    return errors


def fixed_table(spec: TableSpec, values: dict[str, list[Decimal]]) -> TableData:
    """A fixed-row table from its rows' amounts (``values`` by row code; the parents and the
    total are summed here, as the finance system's export has them)."""
    width = len(spec.columns)
    leaf = {code: [Decimal(v).quantize(CENT) for v in vs] for code, vs in values.items()}
    rows: list[Row] = []
    codes = [code for code, _name in spec.fixed_rows]
    for code, name in spec.fixed_rows:
        kids = [c for c in codes if parent_code(c) == code]
        if kids:
            row_values = [sum((leaf.get(k, [ZERO] * width)[i] for k in kids), ZERO) for i in range(width)]
        else:
            row_values = leaf.get(code, [ZERO] * width)
        rows.append(Row(code, name, row_values))
    top = [r for r in rows if not parent_code(r.code)]
    total = [sum((r.values[i] for r in top), ZERO) for i in range(width)]
    return TableData(spec, rows, {"": total})


def summed_subjects(
    spec: TableSpec, leaves: list[tuple[str, str, list[Decimal]]], names: dict[str, str]
) -> TableData:
    """A subjects table from its lowest rows (code, name, amounts): the rows above them (by code,
    named from ``names``) and the total are their sums."""
    width = len(spec.columns)
    sums: dict[str, list[Decimal]] = {}
    order: list[str] = []
    for code, name, values in leaves:
        names.setdefault(code, name)
        chain = []
        c = code
        while c:
            chain.append(c)
            c = parent_code(c)
        for c in reversed(chain):
            if c not in sums:
                sums[c] = [ZERO] * width
                order.append(c)
        for c in chain:
            sums[c] = [a + b for a, b in zip(sums[c], values, strict=True)]
    order.sort()
    rows = [Row(c, names.get(c, c), sums[c]) for c in order]
    top = [r for r in rows if not parent_code(r.code)]
    total = [sum((r.values[i] for r in top), ZERO) for i in range(width)]
    return TableData(spec, rows, {"": total})


LAYOUT_LABELS = {
    SUBJECTS: gettext_lazy("按科目"),
    FIXED: gettext_lazy("固定行"),
    BALANCE: gettext_lazy("收支对照"),
}
