"""个人信息查看记录 (/staff/audit/personal/): who viewed which personal data, filtered by person,
record, kind of record and date, exported as XLSX, within the reader's audit reach."""

from __future__ import annotations

import datetime as dt
import io

import pytest
import time_machine
from openpyxl import load_workbook

from gongkai.accounts.factories import make_staff
from gongkai.accounts.roles import Role
from gongkai.applications.models import ApplicantType, Application, Status
from gongkai.personal.actions import reveal

pytestmark = pytest.mark.django_db
CST = dt.timezone(dt.timedelta(hours=8))
URL = "/staff/audit/personal/"


def _application(org, number):
    return Application.objects.create(
        district_id=org.district_id,
        organisation=org,
        number=number,
        query_code_hash=number.rjust(64, "0"),
        status=Status.PROCESSING,
        channel="online",
        received_on=dt.date(2026, 3, 2),
        applicant_type=ApplicantType.NATURAL,
        category="natural",
        name="欧阳修文",
        phone="13800138000",
        description="所需信息",
    )


@pytest.fixture
def views(personas):
    ours = _application(personas.department, "SQ2026-000001")
    theirs = _application(personas.other_department, "SQ2026-000002")
    with time_machine.travel(dt.datetime(2026, 3, 3, 9, 0, tzinfo=CST), tick=False):
        reveal(personas.editor, ours, "phone", purpose="电话联系申请人补正")
        reveal(personas.editor, ours, "name")
    with time_machine.travel(dt.datetime(2026, 3, 10, 9, 0, tzinfo=CST), tick=False):
        reveal(personas.coordinator, theirs, "phone", purpose="核实")
    return ours, theirs


def _rows(html: str) -> str:
    return html.split("<h2>明细</h2>", 1)[1]


def test_the_office_sees_every_view_with_who_what_when_and_why(client, personas, views):
    client.force_login(personas.coordinator)
    html = client.get(URL).content.decode()
    rows = _rows(html)
    assert rows.count("SQ2026-0000") >= 3
    assert "联系电话：电话联系申请人补正" in rows and "王编辑" in rows and "陈协调" in rows
    assert "13800138000" not in html and "欧阳修文" not in html  # the values themselves never
    assert "共 3 次" in html and "政府信息公开申请" in rows
    # counts per person: the editor twice, on one record
    summary = html.split("<h2>明细</h2>", 1)[0]
    assert "王编辑</a></td><td>2</td><td>1</td>" in summary


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"person": "王编辑"}, 2),
        ({"person": "coordinator"}, 1),
        ({"record": "SQ2026-000002"}, 1),
        ({"since": "2026-03-05"}, 1),
        ({"until": "2026-03-05"}, 2),
        ({"type": "applications.application"}, 3),
        ({"type": "hotline.ticket"}, 0),
    ],
)
def test_it_filters_by_person_record_kind_and_date(client, personas, views, query, expected):
    client.force_login(personas.coordinator)
    html = client.get(URL, query).content.decode()
    assert f"共 {expected} 次" in html


def test_the_export_is_the_filtered_list_as_xlsx(client, personas, views):
    client.force_login(personas.coordinator)
    response = client.get(URL + "export.xlsx", {"person": "王编辑"})
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:3] == ("时间", "查看人", "账号")
    assert len(rows) == 3 and {r[1] for r in rows[1:]} == {"王编辑"}
    assert {r[6] for r in rows[1:]} == {"SQ2026-000001"}
    assert rows[1][0] == "2026-03-03 09:00:00"
    assert b"13800138000" not in response.content


def test_a_department_leader_sees_views_of_own_department_records_only(client, personas, views):
    client.force_login(personas.leader)
    html = client.get(URL).content.decode()
    assert "SQ2026-000001" in html and "SQ2026-000002" not in html


def test_the_security_auditor_reads_it_and_an_editor_or_the_system_administrator_may_not(
    client, personas, views
):
    auditor = make_staff("secauditor", personas.office, Role.SECAUDITOR, full_name="钱审计")
    client.force_login(auditor)
    assert "共 3 次" in client.get(URL).content.decode()
    for user in (personas.editor, personas.sysadmin):
        client.force_login(user)
        assert client.get(URL).status_code == 403
        assert client.get(URL + "export.xlsx").status_code == 403
    client.force_login(personas.outsider)  # 财政局's leader: audits 财政局, not 教育局's records
    html = client.get(URL).content.decode()
    assert "SQ2026-000001" not in html and "SQ2026-000002" in html and "共 1 次" in html
