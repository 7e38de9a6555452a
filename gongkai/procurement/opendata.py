"""Procurement as open data: CSV and JSON of the public projects, with one documented schema (a
Frictionless Table Schema, ``schema.json``) that the data page shows in words too.

Amounts are in 元 with two decimals (numbers, as the schema says); the savings and the savings rate
are computed from them (``money.py``) and empty until the result notice is public. The CSV is
UTF-8 with a byte-order mark (so that spreadsheet programs read the Chinese), its header the
fields' ``name``s; the JSON is ``{"district", "schema", "count", "projects": [...]}``.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from dataclasses import dataclass

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gongkai.procurement import deadlines
from gongkai.procurement.models import Method, NoticeKind, ProcurementType, ProjectState
from gongkai.procurement.public import PublicProject


@dataclass(frozen=True)
class Field:
    name: str
    title: str
    type: str  # Table Schema types: string, integer, number, date
    description: str
    enum: tuple[str, ...] = ()
    required: bool = False


def _kind_fields(kind: str, label: str) -> list[Field]:
    return [
        Field(
            f"{kind}_index_no",
            _("%(k)s索引号") % {"k": label},
            "string",
            _("该公告在政府信息公开目录中的索引号"),
        ),
        Field(f"{kind}_published_on", _("%(k)s发布日期") % {"k": label}, "date", _("该公告的发布日期")),
    ]


FIELDS: list[Field] = [
    Field("code", _("项目编号"), "string", _("本区内唯一"), required=True),
    Field("name", _("项目名称"), "string", _("采购项目的名称"), required=True),
    Field("organisation", _("采购单位"), "string", _("采购人的名称"), required=True),
    Field("organisation_code", _("采购单位代码"), "string", _("采购人的统一社会信用代码"), required=True),
    Field("year", _("预算年度"), "integer", _("项目所属的预算年度"), required=True),
    Field(
        "type",
        _("采购类别"),
        "string",
        _("货物、工程或服务"),
        tuple(str(t.label) for t in ProcurementType),
        True,
    ),
    Field(
        "type_code", _("采购类别代码"), "string", _("采购类别的英文代码"), tuple(ProcurementType.values), True
    ),
    Field("method", _("采购方式"), "string", _("采购方式"), tuple(str(m.label) for m in Method), True),
    Field("method_code", _("采购方式代码"), "string", _("采购方式的英文代码"), tuple(Method.values), True),
    Field("state", _("状态"), "string", _("项目所处阶段"), tuple(str(s.label) for s in ProjectState), True),
    Field("budget", _("预算金额（元）"), "number", _("采购预算，单位元，两位小数"), required=True),
    Field(
        "contract_amount", _("中标（成交）金额（元）"), "number", _("结果公告公开后填写，单位元，两位小数")
    ),
    Field("savings", _("节约资金（元）"), "number", _("预算金额减中标（成交）金额，由记录计算")),
    Field(
        "savings_rate",
        _("资金节约率（%）"),
        "number",
        _("节约资金除以预算金额，百分数，两位小数，由记录计算"),
    ),
    Field("supplier", _("中标（成交）供应商"), "string", _("结果公告公开后填写")),
    Field("supplier_code", _("供应商统一社会信用代码"), "string", _("结果公告公开后填写（如有）")),
    Field("planned_start_on", _("预计采购时间"), "date", _("采购意向中的预计采购时间")),
    Field("started_on", _("采购活动开始日期"), "date", _("采购活动开始之日")),
    Field("supplier_chosen_on", _("确定供应商日期"), "date", _("结果公告公开后填写")),
    *_kind_fields("intention", _("采购意向")),
    *_kind_fields("tender", _("采购公告")),
    *_kind_fields("result", _("结果公告")),
    Field(
        "result_late_working_days",
        _("结果公告逾期工作日数"),
        "integer",
        _("确定供应商后2个工作日内应公开结果公告；逾期公开的，为超出的工作日数，按时为0"),
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
        if f.type == "number":
            entry["decimalChar"] = "."
        fields.append(entry)
    schema: dict = {"fields": fields, "primaryKey": ["code"], "missingValues": [""]}
    if url:
        schema["$id"] = url
    return schema


def _day(value) -> str:
    return value.isoformat() if value else ""


def _number(value) -> str:
    return "" if value is None else str(value)


def row(p: PublicProject, *, today=None) -> dict[str, str]:
    """One project as the exports write it (text; the JSON turns numbers into numbers)."""
    project = p.project
    out = {
        "code": project.code,
        "name": project.name,
        "organisation": project.organisation.name,
        "organisation_code": project.organisation.code,
        "year": str(project.year),
        "type": project.get_type_display(),
        "type_code": project.type,
        "method": project.get_method_display(),
        "method_code": project.method,
        "state": project.get_state_display(),
        "budget": _number(project.budget),
        "contract_amount": _number(p.contract_amount),
        "savings": _number(p.savings),
        "savings_rate": _number(p.savings_rate),
        "supplier": p.supplier_name,
        "supplier_code": p.supplier_code,
        "planned_start_on": _day(project.planned_start_on),
        "started_on": _day(project.started_on),
        "supplier_chosen_on": _day(project.supplier_chosen_on) if p.award_public else "",
    }
    for kind in NoticeKind.values:
        ref = p.notice(kind)
        out[f"{kind}_index_no"] = ref.index_no if ref else ""
        out[f"{kind}_published_on"] = _day(p.published_on(kind))
    late = ""
    if p.award_public:
        timing = deadlines.timeliness(
            project, NoticeKind.RESULT, p.published_on(NoticeKind.RESULT), today=today or timezone.localdate()
        )
        late = str(timing.late_days)
    out["result_late_working_days"] = late
    return out


def to_csv(projects: Iterable[PublicProject]) -> str:
    buffer = io.StringIO()
    buffer.write("\ufeff")
    writer = csv.DictWriter(buffer, fieldnames=[f.name for f in FIELDS], lineterminator="\r\n")
    writer.writeheader()
    for p in projects:
        writer.writerow(row(p))
    return buffer.getvalue()


def _typed(record: dict[str, str]) -> dict:
    types = {f.name: f.type for f in FIELDS}
    out: dict = {}
    for name, value in record.items():
        if value == "":
            out[name] = None
        elif types[name] == "number":
            out[name] = float(value)
        elif types[name] == "integer":
            out[name] = int(value)
        else:
            out[name] = value
    return out


def to_json(projects: Iterable[PublicProject], *, district: str, schema_url: str) -> dict:
    rows = [_typed(row(p)) for p in projects]
    return {"district": district, "schema": schema_url, "count": len(rows), "projects": rows}
