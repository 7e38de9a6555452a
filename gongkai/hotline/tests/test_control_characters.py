"""A control character in a letter is refused at intake with the Chinese message, the text kept;
one stored before the refusal no longer breaks the XLSX export or the Word reports."""

from __future__ import annotations

import datetime as dt
import io
import json

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.test import override_settings
from django.urls import reverse
from docx import Document
from openpyxl import load_workbook

from gongkai.hotline import actions
from gongkai.hotline.models import Channel, Ticket
from gongkai.lib.text import has_control_characters, printable

pytestmark = pytest.mark.django_db
JUNE_10 = dt.datetime(2025, 6, 10, 2, tzinfo=dt.UTC)
MESSAGE = "含有无法识别的控制字符，请删除后重新填写。"


@pytest.mark.parametrize("char", ["\x01", "\x07", "\x1b", "\x7f", "\x85"])
def test_the_mailbox_form_refuses_a_control_character_and_keeps_the_text(client, hotline, char):
    content = f"建设路小区门口的路灯坏了两个星期{char}，晚上出行不便，请尽快维修。"
    response = client.post(
        reverse("mailbox:form"),
        {
            "title": "路灯不亮",
            "content": content,
            "category": str(hotline["城市管理"].pk),
            "name": "赵小明",
            "phone": "13907351234",
            "website": "",
        },
    )
    assert response.status_code == 200 and not Ticket.objects.exists()
    page = response.content.decode()
    assert MESSAGE in page
    assert "建设路小区门口的路灯坏了两个星期" in page and "赵小明" in page


def test_line_breaks_and_tabs_in_a_letter_are_accepted(client, hotline):
    response = client.post(
        reverse("mailbox:form"),
        {
            "title": "路灯不亮",
            "content": "第一段：路灯不亮。\r\n\t第二段：请尽快维修。",
            "name": "赵小明",
            "phone": "13907351234",
            "website": "",
        },
    )
    assert response.status_code == 302 and Ticket.objects.count() == 1


@override_settings(MAILBOX_LETTERS_PER_IP_PER_HOUR=1000)
@pytest.mark.parametrize(
    ("field", "value"), [("description", "路灯不亮\x07请维修"), ("address_string", "建设路\x01")]
)
def test_open311_refuses_a_control_character_in_chinese(client, hotline, field, value):
    data = {
        "service_code": str(hotline["城市管理"].pk),
        "description": "路灯不亮，请维修。",
        "address_string": "建设路",
    }
    data[field] = value
    response = client.post(reverse("open311:requests"), data)
    assert response.status_code == 400 and not Ticket.objects.exists()
    [error] = json.loads(response.content)
    assert error["code"] == 400 and field in error["description"] and "控制字符" in error["description"]


def test_staff_intake_refuses_a_control_character(personas, hotline):
    with pytest.raises(ValidationError) as refused:
        actions.intake(
            office=personas.office,
            channel=Channel.PHONE,
            actor=personas.operator,
            data={"caller_name": "李\x01女士", "matter": "孩子入学\x07划片问题"},
        )
    assert set(refused.value.message_dict) == {"caller_name", "matter"}
    assert refused.value.message_dict["matter"] == [MESSAGE]
    assert not Ticket.objects.exists()


@pytest.fixture
def stored(call, personas):
    """A ticket whose matter holds control characters, as stored before intake refused them."""
    with time_machine.travel(JUNE_10, tick=False):
        ticket = call(matter="孩子入学学位紧张")
        actions.dispatch(ticket, personas.department, actor=personas.operator)
    Ticket.objects.filter(pk=ticket.pk).update(matter="孩子入学\x01学位\x07紧张\x0b", title="学位\x1b")
    return ticket


def test_the_xlsx_export_strips_stored_control_characters(client, personas, stored):
    client.force_login(personas.operator)
    response = client.get(reverse("hotline_staff:export"))
    assert response.status_code == 200
    rows = list(load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True))
    assert len(rows) == 2 and "孩子入学学位紧张" in rows[1]


def test_the_special_report_strips_stored_control_characters(client, personas, stored):
    client.force_login(personas.coordinator)
    response = client.get(
        reverse("hotline_bulletins:special_report"), {"start": "2025-06-01", "end": "2025-06-30"}
    )
    assert response.status_code == 200
    doc = Document(io.BytesIO(response.content))
    text = "\n".join(p.text for p in doc.paragraphs) + "".join(
        c.text for t in doc.tables for r in t.rows for c in r.cells
    )
    assert "专题材料" in text and not has_control_characters(text, multiline=True)


def test_printable_keeps_line_breaks_and_every_other_character():
    assert printable("一\n二\t三\r\n四\x00\x01\x1f\x7f\x9f五") == "一\n二\t三\r\n四五"
    assert printable(None) == "" and printable(12) == "12"
