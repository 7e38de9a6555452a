"""The records counted in one cell of a report: what the staff view opens from each number.

A cell's key is the figure's key (``table_three.withhold_6.natural``); the records come from the
same app's ``stats.py`` that counted them, with the same filters, so the list has as many entries
as the figure says — as the records stand now (a frozen report may have been counted earlier).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.urls import reverse

from gongkai.applications import stats as applications_stats
from gongkai.catalog import stats as catalog_stats
from gongkai.reports import formats, sources
from gongkai.reports.models import Report


@dataclass(frozen=True)
class Line:
    """One record counted in a cell, as the trace page lists it."""

    ref: str  # its number or index number
    title: str
    facts: list[str]
    url: str


@dataclass(frozen=True)
class Trace:
    label: str
    lines: list[Line]
    # Whether the figure is the number of these records (a count), or a sum over them (an amount,
    # households, a rate): only a count can be compared with the number of lines.
    counted: bool = True


def traceable(key: str) -> bool:
    parts = key.split(".")
    return (
        (parts[0] in ("table_three", "table_four") and len(parts) == 3)
        or key.startswith(
            (
                "table_two.rules.",
                "table_two.normative.",
                "table_two.procurement.",
                "narrative.proactive.categories.",
                "narrative.procurement.",
                "narrative.budgets.",
            )
        )
        or key == "table_two.fees.amount_wan"
        or (parts[:2] == ["narrative", "publicity"] and len(parts) == 3 and parts[2] in PUBLICITY_KINDS)
    )


# The publicity figures (publicity/stats.py report_figures) and the kinds of list or notice each counts.
PUBLICITY_KINDS: dict[str, tuple[str, ...]] = {
    "housing_allocated": ("low_rent", "public_rental"),
    "low_rent": ("low_rent",),
    "public_rental": ("public_rental",),
    "renovation_central": ("renovation_central",),
    "renovation_district": ("renovation_district",),
    "land_acquisition_projects": ("land_acquisition",),
    "mining_rights": ("mining_right",),
    "expropriation_notices": ("expropriation_notice",),
    "expropriation_decisions": ("expropriation_decision",),
    "compensation_plans": ("compensation_plan",),
    "compensation_decisions": ("compensation_decision",),
    "urban_dibao_people": ("urban_dibao",),
    "urban_dibao_wan": ("urban_dibao",),
    "rural_dibao_people": ("rural_dibao",),
    "rural_dibao_wan": ("rural_dibao",),
}
# The key-area figures the staff view lists under the document, in words (each opens its records).
REGISTRY_LABELS: dict[str, str] = {
    "narrative.budgets.budget_units": "应公开预决算的部门预算单位（个）",
    "narrative.budgets.complete": "预算、决算、“三公”经费预决算均已公开的单位（个）",
    "narrative.budgets.on_time": "按时公开的单位（个）",
    "narrative.budgets.late": "未按时公开的单位（个）",
    "narrative.procurement.projects": "政府采购项目（个）",
    "narrative.procurement.contract_wan": "采购资金（成交金额，万元）",
    "narrative.procurement.by_type.goods.contract_wan": "其中货物采购（万元）",
    "narrative.procurement.by_type.works.contract_wan": "其中工程项目采购（万元）",
    "narrative.procurement.by_type.services.contract_wan": "其中服务类项目（万元）",
    "narrative.procurement.budget_wan": "已成交项目的预算金额（万元）",
    "narrative.procurement.savings_wan": "节约资金（万元）",
    "narrative.procurement.savings_rate": "资金节约率（%，按记录计算）",
    "narrative.procurement.online_bidding.budget_wan": "网上竞价申报采购资金（万元）",
    "narrative.procurement.online_bidding.contract_wan": "网上竞价成交资金（万元）",
    "narrative.procurement.online_bidding.savings_wan": "网上竞价比申报资金减少（万元）",
    "narrative.procurement.online_bidding.savings_rate": "网上竞价资金节约率（%，按记录计算）",
    "narrative.publicity.housing_allocated": "公（廉）租房分房（户）",
    "narrative.publicity.low_rent": "其中廉租房（户）",
    "narrative.publicity.public_rental": "其中公租房（户）",
    "narrative.publicity.renovation_central": "危房改造中省补助对象（户）",
    "narrative.publicity.renovation_district": "危房改造区财政补助对象（户）",
    "narrative.publicity.urban_dibao_people": "城市低保累计保障（人次）",
    "narrative.publicity.urban_dibao_wan": "城市低保累计发放（万元）",
    "narrative.publicity.rural_dibao_people": "农村低保累计保障（人次）",
    "narrative.publicity.rural_dibao_wan": "农村低保累计发放（万元）",
    "narrative.publicity.land_acquisition_projects": "征地信息（建设用地项目，个）",
    "narrative.publicity.mining_rights": "探矿权出让公示（个）",
    "narrative.publicity.expropriation_notices": "房屋征收通告（个）",
    "narrative.publicity.expropriation_decisions": "房屋征收决定（个）",
    "narrative.publicity.compensation_plans": "征收补偿方案（个）",
    "narrative.publicity.compensation_decisions": "征收补偿决定（个）",
}
TYPE_LABELS = {"goods": "货物", "works": "工程", "services": "服务"}


def _applications(report: Report, row: str, column: str) -> list[Line]:
    qs = applications_stats.cell_applications(
        report.year, row, column, **sources.applications_scope(report.organisation)
    ).select_related("organisation")
    return [
        Line(
            a.number,
            a.description[:60],
            [
                f"收到 {a.received_on:%Y-%m-%d}",
                f"答复 {a.replied_on:%Y-%m-%d}" if a.replied_on else "未答复",
                a.get_category_display(),
                a.get_outcome_display() or "—",
                a.organisation.short_name or a.organisation.name,
            ],
            reverse("applications_staff:detail", args=[a.pk]),
        )
        for a in qs
    ]


def _cases(report: Report, kind: str, result: str) -> list[Line]:
    qs = applications_stats.review_cases(
        report.year, kind, result, **sources.applications_scope(report.organisation)
    )
    return [
        Line(
            c.application.number,
            c.get_kind_display(),
            [f"立案 {c.filed_on:%Y-%m-%d}", c.get_result_display(), c.body or "—"],
            reverse("applications_staff:detail", args=[c.application_id]),
        )
        for c in qs
    ]


def _items(qs) -> list[Line]:
    return [
        Line(
            item.index_no,
            item.live.title if item.live else "",
            [
                item.organisation.short_name or item.organisation.name,
                f"发布 {item.first_published_at:%Y-%m-%d}" if item.first_published_at else "",
                item.live.doc_number if item.live else "",
            ],
            reverse("catalog:item", args=[item.pk]),
        )
        for item in qs
    ]


def _wan(yuan) -> str:
    return f"{yuan / 10000:.2f}万元" if yuan is not None else "—"


def _projects(report: Report, *, method: str = "", type: str = "") -> list[Line]:
    return [
        Line(
            p.project.code,
            p.project.name,
            [
                p.project.organisation.short_name or p.project.organisation.name,
                TYPE_LABELS.get(p.project.type, p.project.type),
                p.project.get_method_display(),
                f"预算 {_wan(p.project.budget)}",
                f"成交 {_wan(p.contract_amount)}" if p.contract_amount is not None else "未成交",
                f"节约率 {p.savings_rate}%" if p.savings_rate is not None else "",
            ],
            reverse("procurement:detail", args=[p.project.code]),
        )
        for p in sources.procurement_projects(report.organisation, report.year, method=method, type=type)
    ]


def _procurement(report: Report, parts: list[str]) -> Trace:
    """narrative.procurement.<figure>, .by_type.<type>.<figure>, .online_bidding.<figure>;
    table_two.procurement.<figure>: the public projects counted."""
    rest = parts[2:]
    counted = rest[-1:] == ["projects"]
    if rest[:1] == ["by_type"] and len(rest) == 3 and rest[1] in TYPE_LABELS:
        return Trace(f"政府采购 {TYPE_LABELS[rest[1]]}类项目", _projects(report, type=rest[1]), counted)
    if rest[:1] == ["online_bidding"] and len(rest) == 2:
        return Trace("政府采购 网上竞价项目", _projects(report, method=sources.ONLINE_BIDDING), counted)
    if len(rest) == 1:
        return Trace("政府采购项目", _projects(report), counted)
    raise ValueError(".".join(parts))


def _budgets(report: Report, parts: list[str]) -> Trace:
    """narrative.budgets.<figure>: the budget units of the completeness board, those the figure counts."""
    rows = [r for r in sources.budget_rows(report.organisation, report.year) if r.level == "department"]
    figure = parts[2:]
    if figure == ["complete"]:
        rows, label = [r for r in rows if r.complete], "四项均已公开的预算单位"
    elif figure == ["on_time"]:
        rows, label = [r for r in rows if r.complete and not r.late], "按时公开的预算单位"
    elif figure == ["late"]:
        rows, label = [r for r in rows if r.late], "未按时公开的预算单位"
    elif len(figure) == 2 and figure[0] == "published":
        rows = [r for r in rows if figure[1] in r.statuses and r.statuses[figure[1]].published]
        label = "已公开的预算单位"
    elif figure == ["budget_units"]:
        label = "部门预算单位"
    else:
        raise ValueError(".".join(parts))
    lines = [
        Line(
            r.unit.code,
            r.unit.name,
            [f"{s.fiscal_year}年{KIND_LABELS.get(s.kind, s.kind)}：{s.label}" + (f"（逾期{s.days_late}天）" if s.late else "") for s in r.statuses.values()],
            "",
        )
        for r in rows
    ]
    return Trace(f"预决算公开 {label}", lines)


KIND_LABELS = {
    "budget": "部门预算",
    "final": "部门决算",
    "three_public_budget": "“三公”经费预算",
    "three_public_final": "“三公”经费决算",
}


def _publicity(report: Report, figure: str) -> Trace:
    kinds = PUBLICITY_KINDS[figure]
    lines = []
    for publicity, totals in sources.publicity_records(report.organisation, report.year, kinds):
        facts = [publicity.organisation.short_name or publicity.organisation.name, publicity.get_kind_display()]
        if totals.households:
            facts.append(f"{totals.households}户")
        if totals.people:
            facts.append(f"{totals.people}人")
        if totals.amount:
            facts.append(f"{totals.amount}元")
        lines.append(Line(str(publicity.pk), publicity.title, facts, reverse("publicity:detail", args=[publicity.pk])))
    counted = figure.endswith(("_projects", "_rights", "_notices", "_decisions", "_plans"))
    return Trace(f"公示公告 {REGISTRY_LABELS[f'narrative.publicity.{figure}']}", lines, counted)


def _fees(report: Report) -> Trace:
    lines = [
        Line(org.code, org.name, [f"{amount}万元"], reverse("finance:fees"))
        for org, amount in sources.fees_by_organisation(report.organisation, report.year)
    ]
    return Trace("表二 行政事业性收费 · 本年收费金额（万元）", lines, counted=False)


def registry_cells(figures: dict) -> list[tuple[str, str, object]]:
    """(key, label, value) of the key-area figures a report holds, in the order of REGISTRY_LABELS."""
    flat = {}
    for name in ("budgets", "procurement", "publicity"):
        value = (figures.get("narrative") or {}).get(name)
        if isinstance(value, dict):
            flat.update(_flat(value, f"narrative.{name}"))
    return [(key, label, flat[key]) for key, label in REGISTRY_LABELS.items() if key in flat]


def _flat(value: dict, prefix: str) -> dict:
    out = {}
    for k, v in value.items():
        if isinstance(v, dict):
            out.update(_flat(v, f"{prefix}.{k}"))
        else:
            out[f"{prefix}.{k}"] = v
    return out


def trace(report: Report, key: str) -> Trace:
    """The records of cell ``key`` of ``report``; ValueError for a key that names no cell."""
    parts = key.split(".")
    fmt = report.format
    period = catalog_stats.Period.year(report.year)
    if parts[0] == "table_three" and len(parts) == 3:
        row, column = parts[1], parts[2]
        if row not in formats.three_row_keys(fmt) or column not in dict(formats.THREE_COLUMNS):
            raise ValueError(key)
        label = f"{formats.three_row_labels(fmt)[row]} · {dict(formats.THREE_COLUMNS)[column]}"
        return Trace(f"表三 {label}", _applications(report, row, column))
    if parts[0] == "table_four" and len(parts) == 3:
        kind, result = parts[1], parts[2]
        if kind not in dict(formats.FOUR_KINDS) or result not in dict(formats.FOUR_RESULTS):
            raise ValueError(key)
        label = f"表四 {dict(formats.FOUR_KINDS)[kind]} · {dict(formats.FOUR_RESULTS)[result]}"
        return Trace(label, _cases(report, kind, result))
    if parts[0] == "table_two" and len(parts) == 3 and parts[1] in ("rules", "normative"):
        kind = "rule" if parts[1] == "rules" else "normative"
        measures = {"made": "made", "repealed": "repealed", "in_force": "in_force"}
        if parts[2] not in measures:
            raise ValueError(key)
        qs = catalog_stats.document_items(report.organisation, period, kind, measures[parts[2]])
        label = "规章" if kind == "rule" else "行政规范性文件"
        return Trace(f"表二 {label} · {parts[2]}", _items(qs))
    if parts[:2] in (["narrative", "procurement"], ["table_two", "procurement"]):
        return _procurement(report, parts)
    if parts[:2] == ["narrative", "budgets"]:
        return _budgets(report, parts)
    if parts[:2] == ["narrative", "publicity"] and len(parts) == 3 and parts[2] in PUBLICITY_KINDS:
        return _publicity(report, parts[2])
    if key == "table_two.fees.amount_wan":
        return _fees(report)
    if parts[:3] == ["narrative", "proactive", "categories"] and len(parts) >= 4:
        group = parts[3]
        qs = catalog_stats.category_items(report.organisation, period, group)
        return Trace(f"主动公开 {group}", _items(qs[:2000]))
    raise ValueError(key)
