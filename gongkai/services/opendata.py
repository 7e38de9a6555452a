"""The services app's open data: the public guides (one row per service item, its newest public
guide) and the case figures per organisation and year — aggregates only, never a case or an
applicant. Each is a CSV and a JSON with one documented schema (a Frictionless Table Schema,
``schema-<dataset>.json``) that the data page shows in words too.

The CSV is UTF-8 with a byte-order mark (spreadsheet programs read the Chinese), its header the
fields' ``name``s; the JSON is ``{"district", "schema", "count", "<dataset>": [...]}``.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from gongkai.services import guides
from gongkai.services.models import ItemType, Rating, ServiceGuide


@dataclass(frozen=True)
class Field:
    name: str
    title: str
    type: str  # Table Schema types: string, integer, number
    description: str
    enum: tuple[str, ...] = ()
    required: bool = True


GUIDE_FIELDS: list[Field] = [
    Field("code", _("事项编码"), "string", _("本区内唯一")),
    Field("name", _("事项名称"), "string", _("政务服务事项的名称")),
    Field("type", _("事项类型"), "string", _("行政许可、公共服务等"), tuple(str(t.label) for t in ItemType)),
    Field("department", _("主管部门"), "string", _("主管部门名称")),
    Field("organisation", _("实施机关"), "string", _("实施机关名称")),
    Field("organisation_code", _("实施机关代码"), "string", _("实施机关的统一社会信用代码")),
    Field("basis", _("设定和实施依据"), "string", _("法律、法规、规章等依据")),
    Field(
        "power_code", _("对应权力编码"), "string", _("该事项行使的行政权力在权力清单中的编码"), required=False
    ),
    Field("version", _("指南版本"), "integer", _("公开的办事指南版本号")),
    Field("index_no", _("索引号"), "string", _("公开该版本办事指南的政府信息索引号")),
    Field("conditions", _("申请条件"), "string", ""),
    Field(
        "materials", _("申请材料"), "string", _("每种材料一段，以“；”分隔：名称（原件n份，复印件n份，形式）")
    ),
    Field("location", _("办理地点"), "string", ""),
    Field("hours", _("办理时间"), "string", ""),
    Field("fees", _("收费标准"), "string", ""),
    Field("legal_limit_days", _("法定时限（工作日）"), "integer", _("0 表示即办")),
    Field("promised_limit_days", _("承诺时限（工作日）"), "integer", _("0 表示即办")),
    Field("visits", _("到现场次数"), "integer", ""),
    Field("process", _("办理流程"), "string", ""),
    Field("consultation", _("咨询方式"), "string", ""),
    Field("complaint", _("监督投诉方式"), "string", ""),
    Field("phone", _("联系电话"), "string", ""),
]

CASE_FIELDS: list[Field] = [
    Field("year", _("年份"), "integer", _("统计年度")),
    Field("organisation", _("实施机关"), "string", _("实施机关名称；“全区合计”为全区")),
    Field("organisation_code", _("实施机关代码"), "string", _("统一社会信用代码"), required=False),
    Field("received", _("办件量"), "integer", _("当年申请的办件数")),
    Field("accepted", _("受理"), "integer", _("当年受理的办件数")),
    Field("completed", _("办结"), "integer", _("当年办结的办件数")),
    Field("on_time", _("按时办结"), "integer", _("在承诺办结日期前办结的办件数")),
    Field(
        "on_time_rate",
        _("按时办结率（%）"),
        "number",
        _("按时办结 ÷ 有承诺办结日期的办结件数"),
        required=False,
    ),
    Field("one_visit", _("一次办结"), "integer", _("到现场不超过一次即办结的办件数")),
    Field("one_visit_rate", _("一次办结率（%）"), "number", _("一次办结 ÷ 办结"), required=False),
    Field("visits", _("到现场人次"), "integer", _("当年申请办件的到现场次数合计")),
    *[Field(f"rating_{value}", label, "integer", _("当年该等级评价数")) for value, label in Rating.choices],
    Field("bad_ratings", _("差评"), "integer", _("不满意与非常不满意之和")),
    Field("bad_followed_up", _("差评已整改回访"), "integer", _("已登记整改或回访的差评数")),
    Field(
        "satisfaction_rate",
        _("满意率（%）"),
        "number",
        _("（非常满意 + 满意 + 基本满意）÷ 评价数"),
        required=False,
    ),
]

DATASETS = {"guides": (GUIDE_FIELDS, ["code"]), "cases": (CASE_FIELDS, ["year", "organisation"])}


def table_schema(dataset: str, url: str = "") -> dict:
    fields, key = DATASETS[dataset]
    out = []
    for f in fields:
        entry = {"name": f.name, "title": str(f.title), "type": f.type, "description": str(f.description)}
        constraints: dict = {"required": f.required}
        if f.enum:
            constraints["enum"] = list(f.enum)
        entry["constraints"] = constraints
        out.append(entry)
    schema = {"fields": out, "primaryKey": key}
    if url:
        schema["$id"] = url
    return schema


def guide_row(guide: ServiceGuide, index_no: str) -> dict:
    item = guide.item
    materials = "；".join(
        f"{m['name']}（原件{m['originals']}份，复印件{m['copies']}份，{m['format']}{'，' + m['note'] if m['note'] else ''}）"
        for m in guides.material_rows(guide.materials)
    )
    return {
        "code": item.code,
        "name": item.name,
        "type": item.get_type_display(),
        "department": item.department.name,
        "organisation": item.organisation.name,
        "organisation_code": item.organisation.code,
        "basis": item.basis,
        "power_code": item.power_code,
        "version": guide.version,
        "index_no": index_no,
        "conditions": guide.conditions,
        "materials": materials,
        "location": guide.location,
        "hours": guide.hours,
        "fees": guide.fees,
        "legal_limit_days": guide.legal_limit_days,
        "promised_limit_days": guide.promised_limit_days,
        "visits": guide.visits,
        "process": guide.process,
        "consultation": guide.consultation,
        "complaint": guide.complaint,
        "phone": guide.phone,
    }


def case_row(year: int, organisation, figures: dict) -> dict:
    def number(value):
        return None if value is None else float(value)

    return {
        "year": year,
        "organisation": organisation.name if organisation is not None else "全区合计",
        "organisation_code": organisation.code if organisation is not None else "",
        "received": figures["received"],
        "accepted": figures["accepted"],
        "completed": figures["completed"],
        "on_time": figures["on_time"],
        "on_time_rate": number(figures["on_time_rate"]),
        "one_visit": figures["one_visit"],
        "one_visit_rate": number(figures["one_visit_rate"]),
        "visits": figures["visits"],
        **{f"rating_{value}": figures["ratings"][value] for value in Rating.values},
        "bad_ratings": figures["bad_ratings"],
        "bad_followed_up": figures["bad_followed_up"],
        "satisfaction_rate": number(figures["satisfaction_rate"]),
    }


def to_csv(dataset: str, rows: Iterable[dict]) -> str:
    fields, _key = DATASETS[dataset]
    buffer = io.StringIO()
    buffer.write("\ufeff")
    writer = csv.DictWriter(buffer, fieldnames=[f.name for f in fields], lineterminator="\r\n")
    writer.writeheader()
    for row in rows:
        writer.writerow({k: "" if v is None else v for k, v in row.items()})
    return buffer.getvalue()


def to_json(dataset: str, rows: Iterable[dict], *, district: str, schema_url: str) -> dict:
    rows = list(rows)
    return {"district": district, "schema": schema_url, "count": len(rows), dataset: rows}
