"""The 双公示 registry as open data: CSV and JSON of the decisions on the portal, with one
documented schema (a Frictionless Table Schema, ``schema.json``) that the data page shows in
words too. Field names follow the national 双公示 standard's meaning; values are what the public
may read (``view.py``): a natural person's name masked, no ID number at all.

The CSV is UTF-8 with a byte-order mark (so spreadsheet programs read the Chinese), its header
the fields' ``name``s; the JSON is ``{"district", "generated_on", "schema", "count", "decisions": [...]}``.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Iterable
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from gongkai.decisions import view
from gongkai.decisions.models import ALL_CATEGORY_CHOICES, Decision, DecisionKind, PartyType
from gongkai.decisions.notices import Publication


@dataclass(frozen=True)
class Field:
    name: str
    title: str
    type: str  # Table Schema types: string, date, number
    description: str
    enum: tuple[str, ...] = ()
    required: bool = False


FIELDS: list[Field] = [
    Field(
        "number",
        _("决定文书号"),
        "string",
        _("行政许可决定文书号或行政处罚（强制）决定书文号，本区唯一"),
        required=True,
    ),
    Field(
        "kind",
        _("决定类型"),
        "string",
        _("行政许可、行政处罚或行政强制"),
        tuple(map(str, DecisionKind.labels)),
        True,
    ),
    Field(
        "title", _("项目名称/案件名称"), "string", _("许可的项目名称，或处罚、强制的案件名称"), required=True
    ),
    Field(
        "category",
        _("类别"),
        "string",
        _("审批类别、处罚类别或强制类别；两个处罚类别以“、”分隔"),
        required=True,
    ),
    Field("content", _("许可内容/处罚内容"), "string", _("决定的内容"), required=True),
    Field("facts", _("违法事实"), "string", _("行政处罚、行政强制的违法事实")),
    Field("basis", _("依据"), "string", _("处罚依据或强制依据")),
    Field("licence_name", _("许可证书名称"), "string", _("行政许可的证书名称")),
    Field("licence_number", _("许可编号"), "string", _("行政许可的证书编号")),
    Field("fine_wan", _("罚款金额（万元）"), "number", _("行政处罚的罚款金额，单位万元")),
    Field(
        "confiscated_wan", _("没收金额（万元）"), "number", _("没收违法所得、没收非法财物的金额，单位万元")
    ),
    Field(
        "party_type",
        _("行政相对人类别"),
        "string",
        _("法人及非法人组织、自然人或个体工商户"),
        tuple(map(str, PartyType.labels)),
        True,
    ),
    Field("party_name", _("行政相对人名称"), "string", _("自然人的姓名部分隐去（如“张*”）"), required=True),
    Field(
        "credit_code",
        _("统一社会信用代码"),
        "string",
        _("法人和个体工商户的统一社会信用代码；自然人为空，身份证号码不公开"),
    ),
    Field(
        "legal_rep", _("法定代表人/经营者"), "string", _("法人的法定代表人；个体工商户经营者的姓名部分隐去")
    ),
    Field("decided_on", _("决定日期"), "date", _("许可决定日期或处罚（强制）决定日期"), required=True),
    Field("valid_from", _("有效期自"), "date", _("行政许可的有效期起始日期")),
    Field("valid_to", _("有效期至"), "date", _("行政许可的有效期截止日期")),
    Field("publicity_ends_on", _("公示截止日期"), "date", _("处罚、强制决定在门户公示的最后一天；其后撤下")),
    Field("organisation", _("决定机关"), "string", _("许可机关或处罚机关"), required=True),
    Field(
        "organisation_code",
        _("决定机关统一社会信用代码"),
        "string",
        _("决定机关的统一社会信用代码"),
        required=True,
    ),
    Field("source", _("数据来源单位"), "string", _("提供该条数据的单位"), required=True),
    Field("index_no", _("索引号"), "string", _("公示该决定的政府信息的索引号"), required=True),
    Field("published_on", _("公示日期"), "date", _("该政府信息公开的日期"), required=True),
]
CATEGORY_NAMES = [str(label) for _value, label in ALL_CATEGORY_CHOICES]


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
    schema = {"fields": fields, "primaryKey": ["number"], "missingValues": [""]}
    if url:
        schema["$id"] = url
    return schema


def _day(value: dt.date | None) -> str:
    return value.isoformat() if value else ""


def row(decision: Decision, publication: Publication) -> dict[str, str]:
    return {
        "number": decision.number,
        "kind": decision.get_kind_display(),
        "title": decision.title,
        "category": decision.category_label,
        "content": decision.content,
        "facts": decision.facts,
        "basis": decision.basis,
        "licence_name": decision.licence_name,
        "licence_number": decision.licence_number,
        "fine_wan": view.wan(decision.fine_wan),
        "confiscated_wan": view.wan(decision.confiscated_wan),
        "party_type": decision.get_party_type_display(),
        "party_name": view.party_name(decision),
        "credit_code": view.party_code(decision),
        "legal_rep": view.legal_rep(decision),
        "decided_on": _day(decision.decided_on),
        "valid_from": _day(decision.valid_from),
        "valid_to": _day(decision.valid_to),
        "publicity_ends_on": _day(decision.publicity_ends_on),
        "organisation": decision.organisation.name,
        "organisation_code": decision.organisation.code,
        "source": decision.source.name,
        "index_no": publication.notice.index_no if publication.notice else "",
        "published_on": _day(publication.published_on),
    }


def rows(decisions: Iterable[Decision], publications: dict[int, Publication]) -> list[dict[str, str]]:
    return [row(d, publications[d.batch_id]) for d in decisions]


def to_csv(records: list[dict[str, str]]) -> str:
    buffer = io.StringIO()
    buffer.write("\ufeff")
    writer = csv.DictWriter(buffer, fieldnames=[f.name for f in FIELDS], lineterminator="\r\n")
    writer.writeheader()
    writer.writerows(records)
    return buffer.getvalue()


def to_json(records: list[dict[str, str]], *, district: str, generated_on: dt.date, schema_url: str) -> dict:
    return {
        "district": district,
        "generated_on": generated_on.isoformat(),
        "schema": schema_url,
        "count": len(records),
        "decisions": records,
    }
