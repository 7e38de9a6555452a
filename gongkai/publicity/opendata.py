"""Publicity as open data: CSV and JSON of the column (the lists and notices public today) and of
each list's masked rows, each with a documented schema (a Frictionless Table Schema) that the data
page shows in words too.

Everything here is made from ``public.py``'s masked projection: the rows' names and ID numbers are
the masked ones, and no phone, bank account or detailed address is a field at all. The CSV is UTF-8
with a byte-order mark (so that spreadsheet programs read the Chinese), its header the fields'
``name``s; the JSON is an object holding the schema's address, a count and the records.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from django.utils.translation import gettext_lazy as _

from gongkai.publicity.kinds import Kind


@dataclass(frozen=True)
class Field:
    name: str
    title: str
    type: str  # Table Schema types: string, integer, number, date
    description: str
    enum: tuple[str, ...] = ()
    required: bool = True


PUBLICITY_FIELDS: list[Field] = [
    Field("id", _("编号"), "integer", _("本平台内公示的编号，名单页和名单数据的地址用它")),
    Field("title", _("标题"), "string", _("公示或公告的标题")),
    Field("kind", _("类别"), "string", _("公示名单或公告的类别"), tuple(str(k.label) for k in Kind)),
    Field("kind_code", _("类别代码"), "string", _("类别的英文代码"), tuple(Kind.values)),
    Field("organisation", _("公示单位"), "string", _("发布该公示的机构名称")),
    Field("organisation_code", _("公示单位代码"), "string", _("公示单位的统一社会信用代码")),
    Field("year", _("所属年度"), "integer", _("名单或公告所属的年度")),
    Field("month", _("所属月份"), "integer", _("按月公示的名单所属的月份，其他为空"), required=False),
    Field("index_no", _("索引号"), "string", _("发布该公示的政府信息的索引号")),
    Field("published_on", _("发布日期"), "date", _("政府信息的发布日期，公示期自这一天起计算")),
    Field("period_ends_on", _("公示截止日期"), "date", _("公示期的最后一天；长期公开的公告为空"), required=False),
    Field("households", _("户数"), "integer", _("名单的户数；公告为空"), required=False),
    Field("people", _("人数"), "integer", _("名单的人数合计；公告为空"), required=False),
    Field("amount", _("金额（元）"), "number", _("名单的金额合计（元），如月保障金、补助金额；无金额为空"), required=False),
]

ROW_FIELDS: list[Field] = [
    Field("publicity_id", _("公示编号"), "integer", _("所属公示的编号")),
    Field("number", _("序号"), "integer", _("名单中的序号")),
    Field("town", _("乡镇（街道）"), "string", _("户籍或居住地所在的乡镇（街道）")),
    Field("village", _("村（社区）"), "string", _("所在的村（社区）"), required=False),
    Field("name", _("姓名（脱敏）"), "string", _("只保留姓氏，其余以*代替")),
    Field("id_number", _("身份证号码（脱敏）"), "string", _("只保留前4位和后4位，其余以*代替")),
    Field("people", _("人数"), "integer", _("保障人数或家庭人口")),
    Field("amount", _("金额（元）"), "number", _("月保障金、月租金或补助金额（元）"), required=False),
    Field("category", _("类别"), "string", _("保障类别、户型、对象类别等"), required=False),
    Field("detail", _("说明"), "string", _("房源、改造方式、认定结果等"), required=False),
    Field("area", _("面积（㎡）"), "number", _("分配住房的建筑面积"), required=False),
]

SCHEMAS = {"publicity": PUBLICITY_FIELDS, "rows": ROW_FIELDS}
PRIMARY_KEYS = {"publicity": ["id"], "rows": ["publicity_id", "number"]}


def table_schema(which: str, url: str = "") -> dict:
    """The Frictionless Table Schema of one export (``publicity`` or ``rows``)."""
    fields = []
    for f in SCHEMAS[which]:
        entry = {"name": f.name, "title": str(f.title), "type": f.type, "description": str(f.description)}
        constraints: dict = {"required": f.required}
        if f.enum:
            constraints["enum"] = list(f.enum)
        entry["constraints"] = constraints
        if f.type == "date":
            entry["format"] = "%Y-%m-%d"
        fields.append(entry)
    schema: dict = {"fields": fields, "primaryKey": PRIMARY_KEYS[which], "missingValues": [""]}
    if url:
        schema["$id"] = url
    return schema


def _number(value: Decimal | None) -> str:
    return "" if value is None else f"{value:f}"


def publicity_record(shown, totals: dict | None) -> dict:
    """One list or notice as the exports write it (``shown``: a ``public.Shown``)."""
    p, notice = shown.publicity, shown.notice
    end = p.period_ends_on
    return {
        "id": p.pk,
        "title": p.title,
        "kind": p.get_kind_display(),
        "kind_code": p.kind,
        "organisation": p.organisation.name,
        "organisation_code": p.organisation.code,
        "year": p.year,
        "month": p.month or "",
        "index_no": notice.index_no,
        "published_on": p.period_starts_on.isoformat() if p.period_starts_on else "",
        "period_ends_on": end.isoformat() if end else "",
        "households": totals["households"] if totals else "",
        "people": totals["people"] if totals else "",
        "amount": _number(totals["amount"]) if totals and totals["amount"] is not None else "",
    }


def row_record(row) -> dict:
    return {
        "publicity_id": row.publicity_id,
        "number": row.number,
        "town": row.town,
        "village": row.village,
        "name": row.name,
        "id_number": row.id_number,
        "people": row.people,
        "amount": _number(row.amount),
        "category": row.category,
        "detail": row.detail,
        "area": _number(row.area),
    }


def to_csv(which: str, records: Iterable[dict]) -> str:
    buffer = io.StringIO()
    buffer.write("\ufeff")
    writer = csv.DictWriter(buffer, fieldnames=[f.name for f in SCHEMAS[which]], lineterminator="\r\n")
    writer.writeheader()
    for record in records:
        writer.writerow(record)
    return buffer.getvalue()


def _typed(which: str, record: dict) -> dict:
    """JSON keeps numbers as numbers and empty values as null."""
    types = {f.name: f.type for f in SCHEMAS[which]}
    out = {}
    for key, value in record.items():
        if value == "":
            out[key] = None
        elif types[key] == "number":
            out[key] = float(Decimal(value)) if "." in str(value) else int(value)
        else:
            out[key] = value
    return out


def to_json(which: str, records: Iterable[dict], *, schema_url: str, **meta) -> dict:
    items = [_typed(which, r) for r in records]
    return {**meta, "schema": schema_url, "count": len(items), "records": items}
