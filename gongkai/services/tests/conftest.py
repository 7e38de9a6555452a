"""Fixtures of the services tests: items of the education department (教育局, where the personas'
editor, reviewer and leader work), complete guides, publication through the catalog's real
workflow, a case source and exports written as CSV or XLSX."""

from __future__ import annotations

import csv
import io

import pytest

from gongkai.catalog import actions as catalog_actions
from gongkai.catalog.models import Version
from gongkai.services import actions
from gongkai.services.models import ItemType, ServiceGuide

COMPLETE = {
    "conditions": "本区户籍适龄儿童。",
    "materials": "户口簿 | 1 | 1 | 纸质 | 核原件留复印件\n入学申请表 | 1 | 0 | 纸质或电子",
    "location": "北湖区政务服务中心一楼教育窗口",
    "hours": "工作日 上午9:00-12:00，下午13:30-17:00",
    "fees": "不收费",
    "legal_limit_days": 20,
    "promised_limit_days": 5,
    "visits": 1,
    "process": "申请—受理—审查—决定—送达",
    "consultation": "0735-2345678",
    "complaint": "0735-12345",
    "phone": "0735-2345678",
}


@pytest.fixture
def make_item(personas):
    def make(
        code="JY-XK-001",
        name="民办学校设立审批",
        *,
        type=ItemType.LICENSING,
        actor=None,
        organisation=None,
        **extra,
    ):
        organisation = organisation or personas.department
        return actions.create_item(
            actor=actor or personas.editor,
            code=code,
            name=name,
            type=type,
            department=organisation,
            organisation=organisation,
            basis="《中华人民共和国民办教育促进法》第十二条",
            **extra,
        )

    return make


@pytest.fixture
def publish_guide(personas):
    """Release a guide version and take its notice through the catalog's review and approval."""

    def run(guide: ServiceGuide, *, editor=None, reviewer=None, leader=None) -> ServiceGuide:
        guide = actions.release_guide(guide, actor=editor or personas.editor)
        version = Version.objects.get(item_id=guide.notice_item_id)
        catalog_actions.submit(version, actor=editor or personas.editor)
        catalog_actions.review(version, actor=reviewer or personas.reviewer, passed=True)
        catalog_actions.approve(version, actor=leader or personas.leader, approved=True)
        return guide

    return run


@pytest.fixture
def published_item(make_item, publish_guide, personas):
    """JY-XK-001 with its first guide version public (promised limit 5 working days)."""
    item = make_item()
    guide = actions.create_guide(item, actor=personas.editor, **COMPLETE)
    publish_guide(guide)
    return item


@pytest.fixture
def source(personas):
    return actions.create_source(
        actor=personas.coordinator, organisation=personas.department, name="湖南省政务服务平台"
    )


HEADER = [
    "办件编号",
    "事项编码",
    "事项名称",
    "申请时间",
    "受理时间",
    "办结时间",
    "承诺办结时间",
    "办理结果",
    "到现场次数",
    "评价结果",
    "评价时间",
    "申请人",
    "联系电话",
]


def csv_bytes(rows: list[list], header: list[str] = HEADER, encoding: str = "utf-8-sig") -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(header)
    writer.writerows(rows)
    return buffer.getvalue().encode(encoding)


def xlsx_bytes(rows: list[list], header: list[str] = HEADER) -> bytes:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.append(header)
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
