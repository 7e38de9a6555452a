"""Sector figures as open data: CSV and JSON of the public figures (of a year, or every year),
with one documented schema (a Frictionless Table Schema, ``schema.json``) that the data page
shows in words too.

The CSV is UTF-8 with a byte-order mark (so that spreadsheet programs read the Chinese), its
header the fields' ``name``s; the JSON is ``{"district", "year", "schema", "count", "figures": [...]}``
with one object per figure holding the same fields (``value`` a number there, text in the CSV
with the indicator's decimal places).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from django.utils.translation import gettext_lazy as _

from gongkai.sectors.models import Figure, Sector, Unit


@dataclass(frozen=True)
class Field:
    name: str
    title: str
    type: str  # Table Schema types: integer, number, string, date
    description: str
    enum: tuple[str, ...] = ()
    required: bool = True


FIELDS: list[Field] = [
    Field("year", _("年度"), "integer", _("数据所属年度")),
    Field("code", _("指标代码"), "string", _("本区指标目录中的代码，各年相同")),
    Field("name", _("指标名称"), "string", _("指标的名称")),
    Field("sector", _("领域"), "string", _("重点领域"), tuple(str(s.label) for s in Sector)),
    Field("sector_code", _("领域代码"), "string", _("领域的英文代码"), tuple(Sector.values)),
    Field("value", _("数值"), "number", _("经填报单位领导确认的数值，按指标规定的小数位数")),
    Field("unit", _("计量单位"), "string", _("数值的计量单位"), tuple(Unit.values)),
    Field(
        "parent_code",
        _("上级指标代码"),
        "string",
        _("本指标为某总数的分项时，该总数的指标代码"),
        required=False,
    ),
    Field("organisation", _("填报单位"), "string", _("报送并确认该数据的单位")),
    Field("organisation_code", _("填报单位代码"), "string", _("填报单位的统一社会信用代码")),
    Field("version", _("版本"), "integer", _("该单位该年度数据的报送版本（更正后递增）")),
    Field("confirmed_on", _("确认日期"), "date", _("单位领导确认该版本的日期")),
    Field("index_no", _("索引号"), "string", _("公开该数据的政府信息的索引号")),
    Field(
        "note",
        _("说明"),
        "string",
        _("核查提示及填报单位的情况说明，例如分项之和与总数不符的原因"),
        required=False,
    ),
]


def table_schema(url: str = "") -> dict:
    """The Frictionless Table Schema of the exports."""
    fields = []
    for f in FIELDS:
        entry = {"name": f.name, "title": str(f.title), "type": f.type, "description": str(f.description)}
        constraints: dict = {"required": f.required}
        if f.enum:
            constraints["enum"] = list(f.enum)
        entry["constraints"] = constraints
        if f.type == "date":
            entry["format"] = "%Y-%m-%d"
        fields.append(entry)
    schema = {"fields": fields, "primaryKey": ["year", "code"]}
    if url:
        schema["$id"] = url
    return schema


def notes_of(figure: Figure) -> str:
    """The explanations recorded for this figure's indicator when its version was submitted."""
    texts = [
        f"{c['kind_label']}：{c['explanation']}"
        for c in figure.version.checks
        if c.get("indicator") == figure.indicator.code and c.get("explanation")
    ]
    return "；".join(texts)


def row(figure: Figure, index_no: str) -> dict:
    indicator, version = figure.indicator, figure.version
    report = version.report
    return {
        "year": report.year,
        "code": indicator.code,
        "name": indicator.name,
        "sector": indicator.get_sector_display(),
        "sector_code": indicator.sector,
        "value": figure.value.quantize(indicator.step),
        "unit": indicator.unit,
        "parent_code": indicator.parent.code if indicator.parent_id else "",
        "organisation": report.organisation.name,
        "organisation_code": report.organisation.code,
        "version": version.number,
        "confirmed_on": version.decided_at.date().isoformat() if version.decided_at else "",
        "index_no": index_no,
        "note": notes_of(figure),
    }


def to_csv(rows: Iterable[dict]) -> str:
    buffer = io.StringIO()
    buffer.write("\ufeff")
    writer = csv.DictWriter(buffer, fieldnames=[f.name for f in FIELDS], lineterminator="\r\n")
    writer.writeheader()
    for r in rows:
        writer.writerow({**r, "value": f"{r['value']:f}"})
    return buffer.getvalue()


def _number(value: Decimal) -> int | float:
    return int(value) if value == value.to_integral_value() else float(value)


def to_json(rows: Iterable[dict], *, district: str, year: int | None, schema_url: str) -> dict:
    figures = [{**r, "value": _number(r["value"])} for r in rows]
    return {
        "district": district,
        "year": year,
        "schema": schema_url,
        "count": len(figures),
        "figures": figures,
    }
