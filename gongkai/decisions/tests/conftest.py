"""Fixtures of the 双公示 registry's tests: the clock stopped in 2018 (dates and deadlines are
the point), decisions of the education department (教育局, where the personas' editor, reviewer
and leader work), and publication through the catalog's real workflow."""

import datetime as dt
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest

from gongkai.catalog import actions as catalog_actions
from gongkai.catalog.models import Version
from gongkai.decisions import actions
from gongkai.decisions.models import Batch, BatchGroup, DecisionKind, PartyType
from gongkai.lib.validators import id_check_digit, uscc_check_char

SHANGHAI = ZoneInfo("Asia/Shanghai")
TODAY = dt.date(2018, 6, 1)  # a Friday; 2018's calendar is in the table


def id_number(serial: int = 123, birth: str = "19900101") -> str:
    body = f"431002{birth}{serial:03d}"
    return body + id_check_digit(body)


def credit_code(serial: int = 1) -> str:
    body = f"91431002MA4L{serial:05d}"
    return body + uscc_check_char(body)


@pytest.fixture(autouse=True)
def clock(time_machine):
    """10:00 on Friday 1 June 2018 in Shanghai, standing still; ``clock.move_to(...)`` to move it."""
    time_machine.move_to(dt.datetime(2018, 6, 1, 10, 0, tzinfo=SHANGHAI), tick=False)
    return time_machine


def licensing_values(**extra):
    values = {
        "kind": DecisionKind.LICENSING,
        "number": "北教许〔2018〕1号",
        "title": "民办学校办学许可",
        "category": "general",
        "content": "准予设立北湖区示例培训学校，办学内容：文化教育培训",
        "licence_name": "中华人民共和国民办学校办学许可证",
        "licence_number": "教民143100270000011号",
        "party_type": PartyType.LEGAL,
        "party_name": "郴州市北湖区示例培训学校",
        "credit_code": credit_code(1),
        "legal_rep": "刘示例",
        "decided_on": dt.date(2018, 5, 21),
        "valid_from": dt.date(2018, 5, 21),
        "valid_to": dt.date(2023, 5, 20),
    }
    values.update(extra)
    return values


def person_values(**extra):
    values = {
        "kind": DecisionKind.LICENSING,
        "number": "北教师认〔2018〕7号",
        "title": "教师资格认定",
        "category": "recognition",
        "content": "认定具备初级中学教师资格，任教学科：数学",
        "party_type": PartyType.NATURAL,
        "party_name": "张三丰",
        "id_number": id_number(123),
        "decided_on": dt.date(2018, 5, 22),
    }
    values.update(extra)
    return values


def penalty_values(**extra):
    values = {
        "kind": DecisionKind.PENALTY,
        "number": "北教罚〔2018〕3号",
        "title": "擅自举办文化教育培训案",
        "category": "warning",
        "category_2": "fine",
        "content": "警告，并处罚款人民币8000元",
        "facts": "当事人未经审批擅自举办面向中小学生的文化教育培训",
        "basis": "《中华人民共和国民办教育促进法》第六十四条",
        "fine_wan": Decimal("0.8"),
        "party_type": PartyType.INDIVIDUAL_BUSINESS,
        "party_name": "北湖区示例培训部",
        "credit_code": credit_code(2),
        "legal_rep": "李四海",
        "decided_on": dt.date(2018, 5, 23),
    }
    values.update(extra)
    return values


@pytest.fixture
def record(personas):
    """Record a decision of 教育局 (licensing by a legal person unless told)."""

    def make(values=None, *, actor=None, organisation=None, **extra):
        values = {**(values or licensing_values()), **extra}
        return actions.record_decision(
            actor=actor or personas.editor, organisation=organisation or personas.department, **values
        )

    return make


@pytest.fixture
def approve(personas):
    """Take a batch's item through the catalog's review and approval (published now)."""

    def run(batch: Batch) -> Batch:
        version = Version.objects.get(item_id=batch.notice_item_id)
        catalog_actions.submit(version, actor=personas.editor)
        catalog_actions.review(version, actor=personas.reviewer, passed=True)
        catalog_actions.approve(version, actor=personas.leader, approved=True)
        return batch

    return run


@pytest.fixture
def publish(personas, approve):
    """Release decisions of 教育局 as a batch and approve its item."""

    def run(*decisions, group=None) -> Batch:
        group = group or (
            BatchGroup.LICENSING if decisions[0].kind == DecisionKind.LICENSING else BatchGroup.PENALTY
        )
        batch = actions.release_batch(
            actor=personas.editor, organisation=personas.department, group=group, decisions=list(decisions)
        )
        return approve(batch)

    return run
