"""Bulk import of legacy items (site consolidation, data migration) from XLSX or CSV, and the
matching export: reading and checking the sheet. Every row is validated first; if any row is wrong
nothing is imported and the report names each row and column. The write itself is the action
``actions.import_items``. The sheet format is the export's, so a catalog round-trips."""

from __future__ import annotations

import csv
import datetime as dt
import re
import zoneinfo
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.db.models import Q

from gongkai.catalog.models import (
    Column,
    DisclosureMode,
    DocKind,
    Item,
    Topic,
    Validity,
)
from gongkai.orgs.models import Organisation

# Sheet columns: (header, attribute, required)
COLUMNS: list[tuple[str, str, bool]] = [
    ("索引号", "index_no", False),
    ("标题", "title", True),
    ("发布机构", "organisation", True),
    ("栏目", "column", True),
    ("主题分类", "topic", False),
    ("文号", "doc_number", False),
    ("文件类型", "doc_kind", False),
    ("成文日期", "written_date", False),
    ("发布日期", "published_at", True),
    ("有效性", "validity", False),
    ("施行日期", "effective_date", False),
    ("废止日期", "repealed_date", False),
    ("公开方式", "disclosure_mode", False),
    ("关键词", "keywords", False),
    ("内容概述", "summary", False),
    ("正文", "body", False),
]
HEADERS = [c[0] for c in COLUMNS]
INDEX_RE = re.compile(r"^(?P<code>[0-9A-Z]{9,18})/(?P<year>\d{4})-(?P<serial>\d{1,6})$")


@dataclass
class RowError:
    row: int
    column: str
    message: str

    def __str__(self) -> str:
        return f"第{self.row}行【{self.column}】{self.message}"


@dataclass
class Parsed:
    records: list[dict] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)


def read_rows(path: Path) -> Iterator[tuple[int, dict[str, str]]]:
    """(row number as the user sees it, {header: text}) for each non-empty data row."""
    suffix = path.suffix.lower()
    if suffix == ".xlsx":
        from openpyxl import load_workbook

        book = load_workbook(path, read_only=True, data_only=True)
        rows = book.active.iter_rows(values_only=True)
        header = [str(h or "").strip() for h in next(rows, [])]
        for number, values in enumerate(rows, start=2):
            cells = {h: _text(v) for h, v in zip(header, values, strict=False) if h}
            if any(cells.values()):
                yield number, cells
        book.close()
    elif suffix == ".csv":
        raw = path.read_bytes()
        for encoding in ("utf-8-sig", "gb18030"):
            try:
                text = raw.decode(encoding)
                break
            except UnicodeDecodeError:
                continue
        else:
            raise ValueError("无法识别 CSV 文件的编码（支持 UTF-8 和 GB18030）。")
        reader = csv.DictReader(text.splitlines())
        for number, row in enumerate(reader, start=2):
            cells = {(k or "").strip(): (v or "").strip() for k, v in row.items()}
            if any(cells.values()):
                yield number, cells
    else:
        raise ValueError("只支持 .xlsx 和 .csv 文件。")


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return value.strftime("%Y-%m-%d %H:%M")
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value).strip()


def _date(text: str) -> dt.date:
    text = text.replace("/", "-").replace(".", "-").replace("年", "-").replace("月", "-").replace("日", "")
    return dt.date.fromisoformat("-".join(p.zfill(2) for p in text.split(" ")[0].split("-")))


def _moment(text: str) -> dt.datetime:
    tz = zoneinfo.ZoneInfo(settings.TIME_ZONE)
    parts = text.replace("T", " ").split(" ")
    day = _date(parts[0])
    if len(parts) > 1 and parts[1]:
        hour, minute = (int(x) for x in parts[1].split(":")[:2])
    else:
        hour, minute = 9, 0
    return dt.datetime(day.year, day.month, day.day, hour, minute, tzinfo=tz)


def _choice(choices, text: str):
    for value, label in choices:
        if text in (value, str(label)):
            return value
    raise ValueError("可选值：" + "、".join(str(label) for value, label in choices if str(label)))


def validate(rows: Iterable[tuple[int, dict[str, str]]], district: Organisation) -> Parsed:
    orgs = list(Organisation.objects.filter(district=district))
    org_by = {key: o for o in orgs for key in (o.name, o.short_name, o.code)}
    columns = list(Column.objects.filter(district=district, is_active=True))
    column_by = {key: c for c in columns for key in (c.name, c.slug, str(c))}
    topic_by = {t.name: t for t in Topic.objects.all()}
    existing = set()
    parsed = Parsed()
    seen_index: dict[str, int] = {}
    for number, cells in rows:
        rec: dict = {"row": number}

        def bad(column: str, message: str, number: int = number) -> None:
            parsed.errors.append(RowError(number, column, message))

        missing_headers = [h for h, _a, req in COLUMNS if req and h not in cells]
        if missing_headers:
            bad("表头", f"缺少列：{'、'.join(missing_headers)}")
            break
        for header, attr, required in COLUMNS:
            text = cells.get(header, "")
            if not text:
                if required:
                    bad(header, "不能为空")
                continue
            try:
                if attr == "organisation":
                    rec[attr] = org_by[text]
                elif attr == "column":
                    rec[attr] = column_by[text]
                elif attr == "topic":
                    rec[attr] = topic_by[text]
                elif attr in ("written_date", "effective_date", "repealed_date"):
                    rec[attr] = _date(text)
                elif attr == "published_at":
                    rec[attr] = _moment(text)
                elif attr == "doc_kind":
                    rec[attr] = _choice(DocKind.choices, text)
                elif attr == "validity":
                    rec[attr] = _choice(Validity.choices, text)
                elif attr == "disclosure_mode":
                    rec[attr] = _choice(DisclosureMode.choices, text)
                elif attr == "index_no":
                    if not INDEX_RE.match(text):
                        raise ValueError("格式应为 机构代码/年份-序号，例如 114310020000000199/2018-00012")
                    if text in seen_index:
                        raise ValueError(f"与第{seen_index[text]}行重复")
                    seen_index[text] = number
                    existing.add(text)
                    rec[attr] = text
                elif attr == "title":
                    if len(text) > 300:
                        raise ValueError("标题不能超过300字")
                    rec[attr] = text
                else:
                    rec[attr] = text
            except KeyError:
                bad(header, f"找不到“{text}”")
            except ValueError as exc:
                bad(header, str(exc) or "格式不正确")
        if rec.get("doc_kind") in (DocKind.RULE, DocKind.NORMATIVE) and not rec.get("validity"):
            bad("有效性", "规章和行政规范性文件须注明有效性")
        parsed.records.append(rec)
    if existing:
        taken = set(Item.objects.filter(index_no__in=existing).values_list("index_no", flat=True))
        for rec in parsed.records:
            if rec.get("index_no") in taken:
                parsed.errors.append(RowError(rec["row"], "索引号", "系统中已存在"))
    parsed.errors.sort(key=lambda e: e.row)
    return parsed


def export_rows(district: Organisation, *, q: Q | None = None) -> Iterator[list[str]]:
    """Public items of the district in the import format, header first."""
    yield HEADERS
    items = (
        Item.objects.filter(district=district, live__isnull=False, withdrawn_at__isnull=True)
        .filter(q or Q())
        .select_related("organisation", "live__column", "live__topic")
        .order_by("first_published_at", "pk")
    )
    tz = zoneinfo.ZoneInfo(settings.TIME_ZONE)
    for item in items.iterator(chunk_size=2000):
        v = item.live
        yield [
            item.index_no,
            v.title,
            item.organisation.name,
            v.column.name if not v.column.parent_id else str(v.column),
            v.topic.name if v.topic else "",
            v.doc_number,
            v.get_doc_kind_display(),
            v.written_date.isoformat() if v.written_date else "",
            item.first_published_at.astimezone(tz).strftime("%Y-%m-%d %H:%M"),
            v.get_validity_display() if v.validity else "",
            v.effective_date.isoformat() if v.effective_date else "",
            v.repealed_date.isoformat() if v.repealed_date else "",
            v.get_disclosure_mode_display(),
            v.keywords,
            v.summary,
            v.body,
        ]
