"""The power list as open data: CSV and JSON of the list as it stood on a day, with one documented
schema (a Frictionless Table Schema, ``schema.json``) that the data page shows in words too.

The CSV is UTF-8 with a byte-order mark (so that spreadsheet programs read the Chinese), its
header the fields' ``name``s; the JSON is ``{"district", "as_of", "schema", "count", "powers": [...]}``
with one object per power holding the same fields.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Iterable
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from gongkai.powers.models import ChangeKind, PowerChange, PowerStatus, PowerType


@dataclass(frozen=True)
class Field:
    name: str
    title: str
    type: str  # Table Schema types: string, date
    description: str
    enum: tuple[str, ...] = ()
    required: bool = True


FIELDS: list[Field] = [
    Field("code", _("权力编码"), "string", _("本区内唯一，不重复使用")),
    Field("name", _("权力名称"), "string", _("权力事项的名称")),
    Field(
        "type",
        _("权力类型"),
        "string",
        _("十类行政权力及公共服务之一"),
        tuple(str(t.label) for t in PowerType),
    ),
    Field("type_code", _("权力类型代码"), "string", _("权力类型的英文代码"), tuple(PowerType.values)),
    Field("basis", _("设定依据"), "string", _("法律、法规、规章等设定和实施依据")),
    Field("organisation", _("实施主体"), "string", _("实施该权力的机构名称")),
    Field("organisation_code", _("实施主体代码"), "string", _("实施主体的统一社会信用代码")),
    Field("responsibilities", _("责任事项"), "string", _("履行该权力的责任事项")),
    Field(
        "status",
        _("状态"),
        "string",
        _("该日最近一次变更所定：保留（清单公布）、新增、承接、调整、部分取消"),
        tuple(str(s.label) for s in PowerStatus if s != PowerStatus.CANCELLED),
    ),
    Field(
        "last_change",
        _("最近变更"),
        "string",
        _("该日最近一次变更的类型"),
        tuple(str(k.label) for k in ChangeKind),
    ),
    Field("effective_on", _("生效日期"), "date", _("最近一次变更的生效日期")),
    Field("document", _("依据文件"), "string", _("最近一次变更所依据文件的文号")),
]


def table_schema(url: str = "") -> dict:
    """The Frictionless Table Schema of the exports."""
    fields = []
    for f in FIELDS:
        entry = {"name": f.name, "title": str(f.title), "type": f.type, "description": str(f.description)}
        constraints = {"required": f.required}
        if f.enum:
            constraints["enum"] = list(f.enum)
        entry["constraints"] = constraints
        if f.type == "date":
            entry["format"] = "%Y-%m-%d"
        fields.append(entry)
    schema = {"fields": fields, "primaryKey": ["code"]}
    if url:
        schema["$id"] = url
    return schema


def row(entry: PowerChange) -> dict[str, str]:
    """One power as the exports write it (``entry``: its latest change by the day)."""
    return {
        "code": entry.power.code,
        "name": entry.name,
        "type": entry.get_type_display(),
        "type_code": entry.type,
        "basis": entry.basis,
        "organisation": entry.organisation.name,
        "organisation_code": entry.organisation.code,
        "responsibilities": entry.responsibilities,
        "status": entry.get_status_display(),
        "last_change": entry.get_kind_display(),
        "effective_on": entry.effective_on.isoformat(),
        "document": entry.document.number,
    }


def to_csv(entries: Iterable[PowerChange]) -> str:
    buffer = io.StringIO()
    buffer.write("\ufeff")
    writer = csv.DictWriter(buffer, fieldnames=[f.name for f in FIELDS], lineterminator="\r\n")
    writer.writeheader()
    for entry in entries:
        writer.writerow(row(entry))
    return buffer.getvalue()


def to_json(entries: Iterable[PowerChange], *, district: str, as_of: dt.date, schema_url: str) -> dict:
    powers = [row(entry) for entry in entries]
    return {
        "district": district,
        "as_of": as_of.isoformat(),
        "schema": schema_url,
        "count": len(powers),
        "powers": powers,
    }
