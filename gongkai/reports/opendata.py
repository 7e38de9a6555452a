"""The published annual reports' figures as open data: one row per figure of each public report
(the cells of tables 二, 三 and 四 and the narrative figures, under the stable keys documented in
``figures.py``), as CSV and JSON with one documented schema (a Frictionless Table Schema,
``schema.json``) that the data page shows in words too.

The CSV is UTF-8 with a byte-order mark (so that spreadsheet programs read the Chinese), its
header the fields' ``name``s; the JSON is ``{"district", "schema", "count", "reports": [...],
"figures": [...]}``: the reports listed once, and the rows with the same fields as the CSV.
Only what the portal shows (``public.py``): the frozen snapshot of each released report.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from gongkai.reports.models import ReportFormat
from gongkai.reports.public import PublicReport, figure_rows


@dataclass(frozen=True)
class Field:
    name: str
    title: str
    type: str  # Table Schema types: integer, string, date
    description: str
    enum: tuple[str, ...] = ()
    required: bool = True


FIELDS: list[Field] = [
    Field("report_id", _("报告编号"), "integer", _("本站年度报告的编号，与 /api/reports/<编号> 一致")),
    Field("organisation", _("报告单位"), "string", _("编制报告的机关名称")),
    Field("organisation_code", _("报告单位代码"), "string", _("报告单位的统一社会信用代码")),
    Field("year", _("年度"), "integer", _("报告所属年度（统计期限为该年1月1日至12月31日）")),
    Field(
        "format",
        _("格式"),
        "string",
        _("2021：国办公开办函〔2021〕30号格式；2019：2019年试行格式；narrative：2018年及以前的叙述式"),
        tuple(ReportFormat.values),
    ),
    Field("published_on", _("发布日期"), "date", _("报告在“政府信息公开年报”栏目的发布日期")),
    Field("index_no", _("索引号"), "string", _("报告作为政府信息的索引号")),
    Field(
        "key",
        _("数据项代码"),
        "string",
        _("稳定的数据项代码，如 table_three.rows.new.natural（表三 一、本年新收 · 自然人）、narrative.proactive.total"),
    ),
    Field("label", _("数据项"), "string", _("数据项的中文名称（表格、行和列）")),
    Field(
        "value",
        _("数值"),
        "string",
        _("件数为整数；金额（万元、元）和百分比保留两位小数；空值表示该项平台未掌握"),
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
    schema = {"fields": fields, "primaryKey": ["report_id", "key"], "missingValues": [""]}
    if url:
        schema["$id"] = url
    return schema


def _value(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def rows(reports: Iterable[PublicReport]) -> list[dict[str, object]]:
    out = []
    for shown in reports:
        r = shown.report
        head = {
            "report_id": r.pk,
            "organisation": r.organisation.name,
            "organisation_code": r.organisation.code,
            "year": r.year,
            "format": r.format,
            "published_on": shown.published_on.isoformat() if shown.published_on else "",
            "index_no": shown.index_no,
        }
        for key, label, value in figure_rows(shown):
            out.append({**head, "key": key, "label": label, "value": _value(value)})
    return out


def to_csv(reports: Iterable[PublicReport]) -> str:
    buffer = io.StringIO()
    buffer.write("\ufeff")
    writer = csv.DictWriter(buffer, fieldnames=[f.name for f in FIELDS], lineterminator="\r\n")
    writer.writeheader()
    writer.writerows(rows(reports))
    return buffer.getvalue()


def to_json(reports: list[PublicReport], *, district: str, schema_url: str, url_of) -> dict:
    figures = rows(reports)
    return {
        "district": district,
        "schema": schema_url,
        "count": len(figures),
        "reports": [
            {
                "id": shown.report.pk,
                "title": shown.report.title,
                "organisation": shown.report.organisation.name,
                "organisation_code": shown.report.organisation.code,
                "year": shown.report.year,
                "format": shown.report.format,
                "published_on": shown.published_on.isoformat() if shown.published_on else None,
                "index_no": shown.index_no,
                "url": url_of(shown),
            }
            for shown in reports
        ],
        "figures": figures,
    }
