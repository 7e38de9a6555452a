"""Budgets, final accounts and fees as open data: CSV and JSON of three datasets, each with one
documented schema (a Frictionless Table Schema) that the data page shows in words too.

- ``disclosures``: every public disclosure with its key figures (万元, read from its tables);
- ``completeness``: a year's board, one row per unit and kind of disclosure;
- ``fees``: the administrative fees in force in a year, with the amount collected.

The CSV is UTF-8 with a byte-order mark, its header the fields' ``name``s; the JSON is
``{"district", "schema", "count", "<dataset>": [...]}`` with objects holding the same fields.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from gongkai.finance import notices, stats
from gongkai.finance.figures import key_figures, tables_of, three_public_amounts
from gongkai.finance.models import THREE_PUBLIC_KINDS, Disclosure, FeeCollection, Kind, Level
from gongkai.orgs.models import Organisation


@dataclass(frozen=True)
class Field:
    name: str
    title: str
    type: str  # Table Schema types: string, integer, number, date
    description: str
    enum: tuple[str, ...] = ()
    required: bool = True


KIND_LABELS = tuple(str(k.label) for k in Kind)
FIGURES = [
    ("income_total", _("收入总计（万元）"), _("部门预决算：收支总表的收入总计")),
    ("expense_total", _("支出总计（万元）"), _("部门预决算：收支总表的支出总计")),
    ("appropriation_total", _("财政拨款收支总计（万元）"), _("部门预决算：财政拨款收支总表的总计")),
    ("basic_expense", _("基本支出（万元）"), _("部门预决算：支出表的基本支出合计")),
    ("project_expense", _("项目支出（万元）"), _("部门预决算：支出表的项目支出合计")),
    (
        "three_public_total",
        _("“三公”经费合计（万元）"),
        _("部门预决算：“三公”经费表合计；“三公”公开：预算数或决算数合计"),
    ),
    ("outbound", _("因公出国（境）费（万元）"), _("“三公”经费公开")),
    ("vehicle_purchase", _("公务用车购置费（万元）"), _("“三公”经费公开")),
    ("vehicle_operation", _("公务用车运行费（万元）"), _("“三公”经费公开")),
    ("reception", _("公务接待费（万元）"), _("“三公”经费公开")),
    ("general_revenue", _("一般公共预算收入（万元）"), _("区本级预决算")),
    ("general_expenditure", _("一般公共预算支出（万元）"), _("区本级预决算")),
    ("fund_revenue", _("政府性基金预算收入（万元）"), _("区本级预决算")),
    ("fund_expenditure", _("政府性基金预算支出（万元）"), _("区本级预决算")),
]

DISCLOSURE_FIELDS: list[Field] = [
    Field("id", _("编号"), "integer", _("本站的预决算公开编号")),
    Field("unit", _("预算单位"), "string", _("预算单位名称；区本级为区人民政府")),
    Field("unit_code", _("单位代码"), "string", _("统一社会信用代码")),
    Field("level", _("层级"), "string", _("区本级或部门"), tuple(str(v.label) for v in Level)),
    Field("kind", _("公开内容"), "string", _("预算、决算、“三公”经费预算、“三公”经费决算"), KIND_LABELS),
    Field("kind_code", _("公开内容代码"), "string", _("公开内容的英文代码"), tuple(Kind.values)),
    Field("fiscal_year", _("预决算年度"), "integer", _("预算或决算所属的财政年度")),
    Field("approved_on", _("批复日期"), "date", _("财政部门批复（区本级：人大批准）的日期"), required=False),
    Field("published_on", _("公开日期"), "date", _("信息发布的日期")),
    Field("index_no", _("索引号"), "string", _("政府信息公开目录的索引号")),
    Field("url", _("网址"), "string", _("本站的信息页")),
    *[Field(key, label, "number", desc, required=False) for key, label, desc in FIGURES],
]

COMPLETENESS_FIELDS: list[Field] = [
    Field(
        "year",
        _("公开年度"),
        "integer",
        _("应公开的年度：当年预算和“三公”经费预算、上年决算和“三公”经费决算"),
    ),
    Field("unit", _("预算单位"), "string", _("预算单位名称；区本级为区人民政府")),
    Field("unit_code", _("单位代码"), "string", _("统一社会信用代码")),
    Field("kind", _("公开内容"), "string", _("四类公开内容之一"), KIND_LABELS),
    Field("kind_code", _("公开内容代码"), "string", _("公开内容的英文代码"), tuple(Kind.values)),
    Field("fiscal_year", _("预决算年度"), "integer", _("预算或决算所属的财政年度")),
    Field(
        "state", _("状态"), "string", _("未登记、编制中、审核中、已公开"), tuple(stats.STATE_LABELS.values())
    ),
    Field("approved_on", _("批复日期"), "date", _("批复日期，未登记为空"), required=False),
    Field("due_on", _("公开期限"), "date", _("批复日期后若干日（默认二十日）"), required=False),
    Field("published_on", _("公开日期"), "date", _("已公开的，信息发布的日期"), required=False),
    Field("days_late", _("逾期天数"), "integer", _("超过公开期限的天数；未公开的算到今天；按时为0")),
]

FEE_FIELDS: list[Field] = [
    Field("year", _("年度"), "integer", _("收费金额所属年度")),
    Field("name", _("项目名称"), "string", _("行政事业性收费项目名称")),
    Field("organisation", _("执收单位"), "string", _("执收单位名称")),
    Field("organisation_code", _("执收单位代码"), "string", _("统一社会信用代码")),
    Field("basis", _("收费依据"), "string", _("设立收费的文件")),
    Field("standard", _("收费标准"), "string", _("收费标准")),
    Field("from_year", _("起始年度"), "integer", _("开始征收的年度")),
    Field("until_year", _("停征年度"), "integer", _("自该年起停止征收；仍在征收的为空"), required=False),
    Field("amount_yuan", _("收费金额（元）"), "number", _("该年度收费金额；未登记为空"), required=False),
]

DATASETS = {
    "disclosures": (DISCLOSURE_FIELDS, ["id"]),
    "completeness": (COMPLETENESS_FIELDS, ["year", "unit_code", "kind_code"]),
    "fees": (FEE_FIELDS, ["year", "organisation_code", "name"]),
}


def table_schema(dataset: str, url: str = "") -> dict:
    fields_, key = DATASETS[dataset]
    fields = []
    for f in fields_:
        entry = {"name": f.name, "title": str(f.title), "type": f.type, "description": str(f.description)}
        constraints: dict = {"required": f.required}
        if f.enum:
            constraints["enum"] = list(f.enum)
        entry["constraints"] = constraints
        if f.type == "date":
            entry["format"] = "%Y-%m-%d"
        fields.append(entry)
    schema = {"fields": fields, "primaryKey": key, "missingValues": [""]}
    if url:
        schema["$id"] = url
    return schema


def _cell(value) -> str | int | float | None:
    if isinstance(value, Decimal):
        return str(value)
    return value


def disclosure_rows(district: Organisation, disclosures: list[Disclosure]) -> list[dict]:
    found = notices.publications(district, disclosures)
    out = []
    for d in disclosures:
        p = found[d.pk]
        entries = tables_of(d, list(d.tables.all()))
        figures = {f.key: f.value for f in key_figures(d, entries)}
        if d.kind in THREE_PUBLIC_KINDS:
            amounts = three_public_amounts(d, entries)
            figures["three_public_total"] = amounts.get("total")
        row = {
            "id": d.pk,
            "unit": d.unit.name,
            "unit_code": d.unit.code,
            "level": d.get_level_display(),
            "kind": d.get_kind_display(),
            "kind_code": d.kind,
            "fiscal_year": d.fiscal_year,
            "approved_on": d.approved_on.isoformat() if d.approved_on else "",
            "published_on": p.published_on.isoformat() if p.published_on else "",
            "index_no": p.item.index_no if p.item else "",
            "url": reverse("finance:detail", args=[d.pk]),
        }
        for key, _label, _desc in FIGURES:
            value = figures.get(key)
            row[key] = str(value) if value is not None else ""
        out.append(row)
    return out


def completeness_rows(board: stats.Completeness) -> list[dict]:
    out = []
    for r in board.rows:
        for kind, s in r.statuses.items():
            out.append(
                {
                    "year": board.year,
                    "unit": r.unit.name,
                    "unit_code": r.unit.code,
                    "kind": str(Kind(kind).label),
                    "kind_code": kind,
                    "fiscal_year": s.fiscal_year,
                    "state": s.label,
                    "approved_on": s.approved_on.isoformat() if s.approved_on else "",
                    "due_on": s.due_on.isoformat() if s.due_on else "",
                    "published_on": s.published_on.isoformat() if s.published_on else "",
                    "days_late": s.days_late,
                }
            )
    return out


def fee_rows(district: Organisation, year: int) -> list[dict]:
    counts = stats.fee_items(district, year)
    amounts = {
        c.item_id: c.amount_yuan for c in FeeCollection.objects.filter(item__in=counts.items, year=year)
    }
    return [
        {
            "year": year,
            "name": item.name,
            "organisation": item.organisation.name,
            "organisation_code": item.organisation.code,
            "basis": item.basis,
            "standard": item.standard,
            "from_year": item.from_year,
            "until_year": item.until_year if item.until_year is not None else "",
            "amount_yuan": str(amounts[item.pk]) if item.pk in amounts else "",
        }
        for item in counts.items
    ]


def to_csv(dataset: str, rows: Iterable[dict]) -> str:
    fields, _key = DATASETS[dataset]
    buffer = io.StringIO()
    buffer.write("\ufeff")
    writer = csv.DictWriter(buffer, fieldnames=[f.name for f in fields], lineterminator="\r\n")
    writer.writeheader()
    for row in rows:
        writer.writerow(row)
    return buffer.getvalue()


def to_json(dataset: str, rows: list[dict], *, district: str, schema_url: str, **extra) -> dict:
    typed = []
    fields, _key = DATASETS[dataset]
    kinds = {f.name: f.type for f in fields}
    for row in rows:
        out = {}
        for name, value in row.items():
            if value == "" and kinds.get(name) in ("number", "integer", "date"):
                out[name] = None
            elif kinds.get(name) == "number" and value is not None:
                out[name] = float(Decimal(value))
            else:
                out[name] = value
        typed.append(out)
    return {"district": district, **extra, "schema": schema_url, "count": len(typed), dataset: typed}
