"""Every figure of an annual report, computed from the records through ``sources.py``, under stable
keys: the JSON that ``manage.py annual_report --format json`` writes and ``Report.figures`` keeps.

The keys (documented in README, checked by tests/test_figures.py)::

    schema          "gongkai.annual-report/1"
    organisation    {"code", "name", "is_district"}
    year, format    the year, and "2021" | "2019" | "narrative"
    table_two       {row: {column: number | null}} — rows and columns as formats.table_two lays
                    them out (rules.made, normative.in_force, licensing.decisions, fees.amount_wan …);
                    amounts in 万元 as strings with two decimals; null: not held by the platform yet
    table_three     {"columns": [...], "rows": {row: {column: n}}} — rows new, carried_in, disclose,
                    partial, withhold_1…8, unable_1…3, not_handled_1…5, other_1…3 (2019: other),
                    results_total, carried_out; columns natural, business, research, welfare,
                    legal, other, total
    table_four      {kind: {result: n}} — kinds review, direct_suit, suit_after_review; results
                    maintained, corrected, other, pending, total
    narrative       proactive {total, categories: [{name, count, share}]} (shares of the distinct
                    total, percent to two decimals), powers {cancelled_or_partly, added,
                    taken_over, adjusted}, hotline {calls, calls_closed, calls_closure_rate,
                    letters, letters_closed, letters_closure_rate, bulletins} (districts only),
                    fees_collected_yuan, and the registries' figures:
                    procurement {projects, contracted, budget_wan, contract_wan, savings_wan,
                    savings_rate, by_type: {goods|works|services: {same keys}}, online_bidding:
                    {same keys}} (采购资金 = contract_wan; rates computed from the project records,
                    savings ÷ budget of the contracted projects); budgets {budget_units, complete,
                    on_time, late, published: {budget|final|three_public_budget|three_public_final: n},
                    government_complete, final_year}; publicity {housing_allocated, low_rent,
                    public_rental, renovation_central, renovation_district, land_acquisition_projects,
                    mining_rights, expropriation_notices, expropriation_decisions, compensation_plans,
                    compensation_decisions, urban_dibao_people, urban_dibao_wan, rural_dibao_people,
                    rural_dibao_wan}; services {received, completed, on_time_rate, satisfaction_rate …};
                    sectors [{code, name, value, text, organisation}]
    checks          balance {ok, columns: {column: {left, right, ok}}, breaks: [{id, number,
                    received_on, replied_on, reason}]}; carry_over {ok, previous_year, source,
                    carried_in, previous_carried_out, columns_differing}
    missing         [{key, app, label}] — figures whose registry provides none yet

Rates and shares are computed here from counts and amounts, never taken from anywhere typed.
"""

from __future__ import annotations

import datetime as dt
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from gongkai.orgs.models import Organisation
from gongkai.reports import formats, sources
from gongkai.reports.models import Report, ReportFormat, ReportState

SCHEMA = "gongkai.annual-report/1"
CENT = Decimal("0.01")


def percent(part: int | Decimal, whole: int | Decimal) -> str | None:
    """``part`` of ``whole`` in percent with two decimals (half up), or None of nothing."""
    if not whole:
        return None
    return str((Decimal(part) * 100 / Decimal(whole)).quantize(CENT, rounding=ROUND_HALF_UP))


def wan(amount: Decimal | int | float | str | None) -> str | None:
    """An amount already in 万元, as the report prints it: two decimals."""
    if amount is None:
        return None
    return str(Decimal(str(amount)).quantize(CENT, rounding=ROUND_HALF_UP))


class _Missing:
    """Collects the figures no app provides yet, with their keys."""

    def __init__(self) -> None:
        self.entries: list[dict[str, str]] = []

    def take(self, key: str, value: Any) -> Any:
        if isinstance(value, sources.Missing):
            self.entries.append({"key": key, "app": value.app, "label": value.label})
            return None
        return value


# --- 二 ------------------------------------------------------------------------------------------


def _table_two(organisation: Organisation, year: int, fmt: str, missing: _Missing) -> dict[str, dict]:
    documents = sources.documents(organisation, year)
    reg = lambda figure: sources.registry_figure(figure, organisation, year)  # noqa: E731
    if fmt == ReportFormat.OFFICIAL_2021:
        fees = missing.take("table_two.fees.amount_wan", reg("fees_wan"))
        return {
            "rules": {
                "made": documents["rule"].made,
                "repealed": documents["rule"].repealed,
                "in_force": documents["rule"].in_force,
            },
            "normative": {
                "made": documents["normative"].made,
                "repealed": documents["normative"].repealed,
                "in_force": documents["normative"].in_force,
            },
            "licensing": {"decisions": missing.take("table_two.licensing.decisions", reg("licensing_decisions"))},
            "penalty": {"decisions": missing.take("table_two.penalty.decisions", reg("penalty_decisions"))},
            "enforcement": {
                "decisions": missing.take("table_two.enforcement.decisions", reg("enforcement_decisions"))
            },
            "fees": {"amount_wan": wan(fees)},
        }
    publication = sources.document_publication(organisation, year)
    before = sources.powers_in_force(organisation, dt.date(year - 1, 12, 31))
    after = sources.powers_in_force(organisation, dt.date(year, 12, 31))

    def items(*types: str) -> dict[str, int]:
        previous = sum(before[t] for t in types)
        return {"previous_items": previous, "change": sum(after[t] for t in types) - previous}

    procurement = missing.take("table_two.procurement", reg("procurement"))
    fee_items = missing.take("table_two.fees", reg("fee_items"))
    return {
        "rules": {
            "made": documents["rule"].made,
            "published": publication["rule"].published,
            "published_total": publication["rule"].published_total,
        },
        "normative": {
            "made": documents["normative"].made,
            "published": publication["normative"].published,
            "published_total": publication["normative"].published_total,
        },
        "licensing": {
            **items("licensing"),
            "decisions": missing.take("table_two.licensing.decisions", reg("licensing_decisions")),
        },
        "other_services": {
            **items("other", "public_service"),
            "decisions": missing.take("table_two.other_services.decisions", sources.Missing("services", "其他对外管理服务事项处理决定数量")),
        },
        "penalty": {
            **items("penalty"),
            "decisions": missing.take("table_two.penalty.decisions", reg("penalty_decisions")),
        },
        "enforcement": {
            **items("enforcement"),
            "decisions": missing.take("table_two.enforcement.decisions", reg("enforcement_decisions")),
        },
        "fees": fee_items
        if isinstance(fee_items, dict)
        else {"previous_items": None, "change": None},
        "procurement": {
            "projects": procurement.get("projects") if isinstance(procurement, dict) else None,
            "amount_wan": wan(procurement.get("contract_wan")) if isinstance(procurement, dict) else None,
        },
    }


# --- 三 and 四 ------------------------------------------------------------------------------------


def _table_three(organisation: Organisation, year: int, fmt: str) -> dict:
    raw = sources.table_three(organisation, year)
    columns = [key for key, _label in formats.THREE_COLUMNS]
    rows: dict[str, dict[str, int]] = {
        "new": raw["new"],
        "carried_in": raw["carried_in"],
        "results_total": raw["results_total"],
        "carried_out": raw["carried_out"],
    }
    for group in raw["results"]:
        if group["rows"]:
            for sub in group["rows"]:
                rows[sub["outcome"]] = sub["counts"]
        rows[group["key"]] = group["counts"]
    wanted = formats.three_row_keys(fmt)
    return {
        "columns": columns,
        "rows": {key: {c: rows[key][c] for c in columns} for key in wanted},
    }


def _table_four(organisation: Organisation, year: int) -> dict:
    raw = sources.table_four(organisation, year)
    return {
        kind: {result: raw[kind][result] for result, _label in formats.FOUR_RESULTS}
        for kind, _label in formats.FOUR_KINDS
    }


# --- the narrative figures ------------------------------------------------------------------------


def _narrative(organisation: Organisation, year: int, missing: _Missing) -> dict:
    published = sources.published(organisation, year)
    categories = [
        {"name": name, "count": published.by_group.get(name, 0), "share": percent(published.by_group.get(name, 0), published.total)}
        for name in sources.report_groups(organisation)
        if published.by_group.get(name, 0)
    ]
    out: dict[str, Any] = {
        "proactive": {
            "total": published.total,
            "categories": categories,
            "categories_sum": sum(c["count"] for c in categories),
        },
        "powers": sources.power_changes(organisation, year),
        "fees_collected_yuan": str(Decimal(sources.fees_collected(organisation, year)).quantize(CENT)),
    }
    hotline = sources.hotline_year(organisation, year)
    out["hotline"] = (
        None
        if hotline is None
        else {
            "calls": hotline.calls,
            "calls_closed": hotline.calls_closed,
            "calls_closure_rate": percent(hotline.calls_closed, hotline.calls),
            "letters": hotline.letters,
            "letters_closed": hotline.letters_closed,
            "letters_closure_rate": percent(hotline.letters_closed, hotline.letters),
            "bulletins": hotline.bulletin_months,
        }
    )
    for figure in ("procurement", "budgets", "publicity", "services", "sectors"):
        out[figure] = missing.take(f"narrative.{figure}", sources.registry_figure(figure, organisation, year))
    return out


# --- the checks -----------------------------------------------------------------------------------


def _balance(organisation: Organisation, year: int, three: dict) -> dict:
    """一 + 二 = 三 + 四 in every column, and the applications that break it."""
    rows = three["rows"]
    columns = {}
    for c in three["columns"]:
        left = rows["new"][c] + rows["carried_in"][c]
        right = rows["results_total"][c] + rows["carried_out"][c]
        columns[c] = {"left": left, "right": right, "ok": left == right}
    breaks = [
        {
            "id": app.pk,
            "number": app.number,
            "received_on": app.received_on.isoformat(),
            "replied_on": app.replied_on.isoformat() if app.replied_on else None,
            "reason": reason,
        }
        for app, reason in sources.unbalanced(organisation, year)
    ]
    return {"ok": all(v["ok"] for v in columns.values()) and not breaks, "columns": columns, "breaks": breaks}


def _carry_over(organisation: Organisation, year: int, three: dict) -> dict:
    """上年结转 of this year against 结转下年度 of the year before: the previous year's approved report
    where there is one (what was reported), else the previous year's records."""
    previous = (
        Report.objects.filter(organisation=organisation, year=year - 1)
        .exclude(state=ReportState.DRAFT)
        .only("figures")
        .first()
    )
    reported = (previous.figures.get("table_three") or {}).get("rows", {}).get("carried_out") if previous else None
    if reported is not None:
        source = "上年已审定的年度报告"
        previous_out = {c: reported.get(c, 0) for c in three["columns"]}
    else:
        source = "上年记录"
        raw = sources.table_three(organisation, year - 1)
        previous_out = {c: raw["carried_out"][c] for c in three["columns"]}
    carried_in = three["rows"]["carried_in"]
    differing = [c for c in three["columns"] if carried_in[c] != previous_out[c]]
    return {
        "ok": not differing,
        "previous_year": year - 1,
        "source": source,
        "carried_in": carried_in,
        "previous_carried_out": previous_out,
        "columns_differing": differing,
    }


# --- everything -----------------------------------------------------------------------------------


def compute(organisation: Organisation, year: int) -> dict:
    """Every figure of ``organisation``'s report for ``year`` (a district: all its units)."""
    fmt = formats.format_for(year)
    missing = _Missing()
    three = _table_three(organisation, year, fmt)
    figures = {
        "schema": SCHEMA,
        "organisation": {
            "code": organisation.code,
            "name": organisation.name,
            "is_district": organisation.is_district,
        },
        "year": year,
        "format": str(fmt),
        "table_two": _table_two(organisation, year, fmt, missing) if fmt != ReportFormat.NARRATIVE else None,
        "table_three": three,
        "table_four": _table_four(organisation, year),
        "narrative": _narrative(organisation, year, missing),
        "checks": {
            "balance": _balance(organisation, year, three),
            "carry_over": _carry_over(organisation, year, three),
        },
    }
    figures["missing"] = missing.entries
    return figures


# --- what would differ ----------------------------------------------------------------------------


def flatten(value: Any, prefix: str = "") -> dict[str, Any]:
    """{"table_three.rows.new.total": 3, …}: every leaf under its dotted key (lists by position)."""
    out: dict[str, Any] = {}
    if isinstance(value, dict):
        for key, sub in value.items():
            out.update(flatten(sub, f"{prefix}.{key}" if prefix else str(key)))
    elif isinstance(value, list):
        for i, sub in enumerate(value):
            name = sub.get("name") if isinstance(sub, dict) and "name" in sub else str(i)
            out.update(flatten(sub, f"{prefix}.{name}"))
    else:
        out[prefix] = value
    return out


def differences(old: dict, new: dict) -> list[tuple[str, Any, Any]]:
    """(key, before, after) for every figure that differs between two computations."""
    a, b = flatten(old), flatten(new)
    return [(key, a.get(key), b.get(key)) for key in sorted(set(a) | set(b)) if a.get(key) != b.get(key)]


def describe(key: str, fmt: str) -> str:
    """A figure's key in words, for the list of what would differ."""
    parts = key.split(".")
    if parts[:2] == ["table_three", "rows"] and len(parts) == 4:
        columns = dict(formats.THREE_COLUMNS)
        row = formats.three_row_labels(fmt).get(parts[2], parts[2])
        return f"表三 {row} · {columns.get(parts[3], parts[3])}"
    if parts[0] == "table_four" and len(parts) == 3:
        return f"表四 {dict(formats.FOUR_KINDS).get(parts[1], parts[1])} · {dict(formats.FOUR_RESULTS).get(parts[2], parts[2])}"
    if parts[0] == "table_two" and len(parts) == 3:
        for block in formats.table_two(fmt):
            rows, columns = dict(block.rows), dict(block.columns)
            if parts[1] in rows and parts[2] in columns:
                return f"表二 {block.item} {rows[parts[1]]} · {columns[parts[2]]}"
    if parts[:3] == ["narrative", "proactive", "categories"] and len(parts) == 5:
        return f"主动公开 {parts[3]} · {'条数' if parts[4] == 'count' else '占比'}"
    return key
