"""Personal data is masked by default in every staff XLSX export (#15.6): an export is not a view of
personal data, so no full name, ID number, phone, e-mail, address or bank account may be in one —
even for the office, whose members may reveal each value on the page (an audited action)."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from openpyxl import load_workbook

from gongkai.applications.models import ApplicantType, Application, Status
from gongkai.decisions import actions as decision_actions
from gongkai.decisions.models import DecisionKind, PartyType
from gongkai.hotline.models import Channel, Ticket
from gongkai.lib.validators import id_check_digit
from gongkai.personal.masking import mask_id_number, mask_name, mask_phone
from gongkai.publicity import actions as publicity_actions
from gongkai.publicity.kinds import Kind

pytestmark = [pytest.mark.django_db, pytest.mark.security]

ID_BODY = "43100219850612123"
ID_NUMBER = ID_BODY + id_check_digit(ID_BODY)
PHONE = "13912345678"
SECRETS = [ID_NUMBER, PHONE, "欧阳修文", "ouyang@example.com", "人民路12号", "6217991234567890123"]


def _cells(content: bytes) -> str:
    book = load_workbook(io.BytesIO(content), read_only=True)
    return "\n".join(
        str(value)
        for sheet in book.worksheets
        for row in sheet.iter_rows(values_only=True)
        for value in row
        if value is not None
    )


def _assert_masked(text: str) -> None:
    for secret in SECRETS:
        assert secret not in text, f"{secret} in the export"


@pytest.fixture
def office(client, personas):
    client.force_login(personas.coordinator)  # may reveal everything of the district
    return client


def test_the_applications_export_masks_the_applicant(office, personas):
    Application.objects.create(
        district_id=personas.district.pk,
        organisation=personas.department,
        number="SQ2026-000009",
        query_code_hash="9" * 64,
        status=Status.PROCESSING,
        channel="online",
        received_on=dt.date(2026, 3, 2),
        applicant_type=ApplicantType.NATURAL,
        category="natural",
        name="欧阳修文",
        id_number=ID_NUMBER,
        phone=PHONE,
        email="ouyang@example.com",
        address="郴州市北湖区人民路12号",
        description="所需信息",
    )
    response = office.get("/staff/applications/export.xlsx")
    assert response.status_code == 200
    text = _cells(response.content)
    assert "SQ2026-000009" in text and mask_name("欧阳修文") in text
    _assert_masked(text)


def test_the_hotline_export_masks_the_caller(office, personas):
    Ticket.objects.create(
        district=personas.district,
        number="RX2026000001",
        serial=1,
        office=personas.office,
        channel=Channel.PHONE,
        caller_name="欧阳修文",
        phone=PHONE,
        email="ouyang@example.com",
        address="郴州市北湖区人民路12号",
        matter="路灯不亮",
    )
    text = _cells(office.get("/staff/hotline/export.xlsx").content)
    assert "RX2026000001" in text and mask_phone(PHONE) in text
    _assert_masked(text)


def test_the_publicity_list_export_masks_every_household(office, personas):
    listing = publicity_actions.create_publicity(
        actor=personas.editor,
        organisation=personas.department,
        kind=Kind.URBAN_DIBAO,
        title="城市低保公示",
        year=2026,
        month=3,
    )
    publicity_actions.add_entry(
        listing,
        actor=personas.editor,
        town="华塘镇",
        village="吴山村",
        name="欧阳修文",
        id_number=ID_NUMBER,
        phone=PHONE,
        bank_account="6217991234567890123",
        address="郴州市北湖区人民路12号",
        people=2,
        amount=500,
        category="A类",
    )
    response = office.get(f"/staff/publicity/p/{listing.pk}/entries.xlsx")
    assert response.status_code == 200
    text = _cells(response.content)
    assert mask_id_number(ID_NUMBER) in text
    _assert_masked(text)
    _assert_masked(_cells(office.get("/staff/publicity/export.xlsx").content))


def test_the_decisions_export_masks_a_natural_person(office, personas):
    decision_actions.record_decision(
        actor=personas.editor,
        organisation=personas.department,
        kind=DecisionKind.LICENSING,
        number="北教师认〔2026〕7号",
        title="教师资格认定",
        category="recognition",
        content="认定具备初级中学教师资格",
        party_type=PartyType.NATURAL,
        party_name="欧阳修文",
        id_number=ID_NUMBER,
        decided_on=dt.date(2026, 3, 2),
    )
    response = office.get("/staff/decisions/export.xlsx")
    assert response.status_code == 200
    text = _cells(response.content)
    assert "北教师认〔2026〕7号" in text
    _assert_masked(text)
