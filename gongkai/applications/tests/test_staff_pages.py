"""The staff pages: list with deadline filters, export, intake, the application page, and who may
see and do what (outsiders get 404, the read-only auditor 403 on every change)."""

import datetime as dt
import io

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from gongkai.applications import actions
from gongkai.applications.models import Application, Channel, ClockStop, ReviewCase
from gongkai.applications.outcomes import Outcome
from gongkai.applications.tests.conftest import fake_id
from gongkai.applications.views_staff import POSTED
from gongkai.audit.models import AuditEvent

pytestmark = pytest.mark.django_db
D = dt.date
LIST = reverse("applications_staff:list")


def login(client, user):
    client.force_login(user)
    return client


def snapshot():
    return (
        list(Application.objects.order_by("pk").values()),
        ClockStop.objects.count(),
        ReviewCase.objects.count(),
        AuditEvent.objects.filter(kind="change").count(),
    )


def test_the_list_shows_masked_names_due_dates_and_links(client, personas, make_app):
    app = make_app(received=D(2025, 6, 9))
    with time_machine.travel(dt.datetime(2025, 6, 12, 10, tzinfo=dt.UTC)):
        page = login(client, personas.editor).get(LIST)
    html = page.content.decode()
    assert page.status_code == 200
    assert app.number in html and "张晓明" not in html and str(app.name) in html
    assert "2025-07-07" in html  # the 20th working day after 9 June 2025


def test_each_department_sees_only_its_own_applications(client, personas, make_app):
    mine = make_app()
    theirs = make_app(organisation=personas.other_department)
    html = login(client, personas.editor).get(LIST).content.decode()
    assert mine.number in html and theirs.number not in html
    html = login(client, personas.coordinator).get(LIST).content.decode()
    assert mine.number in html and theirs.number in html


def test_the_overdue_and_due_soon_filters_follow_the_deadline_engine(client, personas, make_app):
    overdue = make_app(received=D(2025, 5, 6))  # due 2025-06-04
    soon = make_app(received=D(2025, 5, 20))  # due 2025-06-18
    fresh = make_app(received=D(2025, 6, 13))
    paused = make_app(received=D(2025, 6, 9))
    actions.start_consultation(
        paused, actor=personas.editor, kind="third_party", party="某公司", sent_on=D(2025, 6, 10)
    )
    closed = make_app(received=D(2025, 5, 6))
    actions.close(closed, actor=personas.editor, outcome=Outcome.DISCLOSE, replied_on=D(2025, 6, 20))
    login(client, personas.editor)
    with time_machine.travel(dt.datetime(2025, 6, 16, 10, tzinfo=dt.UTC)):
        found = {
            quick: {s.app.pk for s in client.get(LIST, {"quick": quick}).context["rows"]}
            for quick in ("overdue", "soon", "paused")
        }
    assert found["overdue"] == {overdue.pk}
    assert found["soon"] == {soon.pk}
    assert found["paused"] == {paused.pk}
    assert fresh.pk not in found["overdue"] | found["soon"]


def test_filters_narrow_by_status_number_and_received_month(client, personas, make_app):
    a = make_app(received=D(2025, 5, 6))
    b = make_app(received=D(2025, 6, 9))
    actions.accept(b, actor=personas.editor)
    login(client, personas.editor)
    rows = client.get(LIST, {"status": "processing"}).context["rows"]
    assert [s.app.pk for s in rows] == [b.pk]
    rows = client.get(LIST, {"year": 2025, "month": 5}).context["rows"]
    assert [s.app.pk for s in rows] == [a.pk]
    rows = client.get(LIST, {"number": a.number[-5:]}).context["rows"]
    assert [s.app.pk for s in rows] == [a.pk]


def test_the_list_needs_the_same_queries_for_five_rows_as_for_twenty(client, personas, make_app, monkeypatch):
    from gongkai.workcal import calendar

    # The calendar checks its table's revision once a second; keep that check out of the count.
    monkeypatch.setattr(calendar, "CHECK_INTERVAL", 3600.0)

    def count_queries(**params) -> int:
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(LIST, params).status_code == 200
        return len(ctx)

    def add(n):
        for i in range(n):
            app = make_app(received=D(2025, 6, 2) + dt.timedelta(days=i % 5))
            actions.start_consultation(
                app, actor=personas.editor, kind="co_agency", party="财政局", sent_on=D(2025, 6, 10)
            )

    login(client, personas.editor)
    add(5)
    client.get(LIST)  # warm the calendar cache and the session
    few, few_quick = count_queries(), count_queries(quick="paused")
    add(15)
    assert count_queries() == few
    assert count_queries(quick="paused") == few_quick
    assert few <= 15


def test_the_export_is_an_xlsx_of_the_filtered_list_with_masked_names(client, personas, make_app):
    from openpyxl import load_workbook

    app = make_app()
    make_app(organisation=personas.other_department)
    response = login(client, personas.editor).get(reverse("applications_staff:export"))
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][0] == "申请编号" and len(rows) == 2
    assert rows[1][0] == app.number and rows[1][3] == str(app.name) and "张晓明" not in str(rows)


def test_staff_register_a_letter_with_its_confirmation_date_and_see_the_query_code_once(client, personas):
    login(client, personas.editor)
    form = {
        "organisation": personas.department.pk,
        "channel": Channel.LETTER,
        "arrived_on": "2025-06-09",
        "confirmed_on": "2025-06-10",
        "applicant_type": "natural",
        "name": "李明华",
        "id_type": "mainland_id",
        "id_number": fake_id("19700101", "456"),
        "phone": "13900000000",
        "address": "郴州市北湖区燕泉路8号",
        "description": "2018年人民路棚户区改造项目房屋征收决定",
        "form": "paper",
        "delivery": "post",
    }
    with time_machine.travel(dt.datetime(2025, 6, 11, 10, tzinfo=dt.UTC)):
        response = client.post(reverse("applications_staff:new"), form)
        app = Application.objects.get()
        assert response.status_code == 302
        assert app.received_on == D(2025, 6, 10) and app.channel == Channel.LETTER
        assert app.registered_by == personas.editor
        first = client.get(response["Location"]).content.decode()
        second = client.get(response["Location"]).content.decode()
    assert 'id="query-code"' in first and 'id="query-code"' not in second
    code = first.split('id="query-code"')[1].split(">")[1].split("<")[0]
    assert actions.find_by_query(app.number, code) == app


def test_intake_refuses_a_wrong_id_check_digit_and_a_missing_confirmation_date(client, personas):
    login(client, personas.editor)
    bad = fake_id()[:-1] + ("0" if fake_id()[-1] != "0" else "1")
    response = client.post(
        reverse("applications_staff:new"),
        {
            "organisation": personas.department.pk,
            "channel": Channel.EMAIL,
            "arrived_on": "2025-06-09",
            "applicant_type": "natural",
            "name": "李明华",
            "id_type": "mainland_id",
            "id_number": bad,
            "phone": "13900000000",
            "description": "某信息",
            "form": "paper",
            "delivery": "post",
        },
    )
    html = response.content.decode()
    assert response.status_code == 200 and not Application.objects.exists()
    assert "身份证号码校验位不正确" in html and "须填写与申请人确认收到的日期" in html


def test_intake_checks_the_credit_code_of_an_organisation(client, personas):
    login(client, personas.editor)
    response = client.post(
        reverse("applications_staff:new"),
        {
            "organisation": personas.department.pk,
            "channel": Channel.IN_PERSON,
            "arrived_on": "2025-06-09",
            "applicant_type": "legal",
            "category": "legal",
            "name": "湖南湘南律师事务所",
            "uscc": "91431002MA4L0000X1",
            "contact_person": "王律师",
            "phone": "0735-2222222",
            "description": "某信息",
            "form": "paper",
            "delivery": "post",
        },
    )
    assert "统一社会信用代码" in response.content.decode() and not Application.objects.exists()


def test_an_auditor_and_an_operator_cannot_register(client, personas):
    assert login(client, personas.auditor).get(reverse("applications_staff:new")).status_code == 403
    assert login(client, personas.operator).get(LIST).status_code == 403


def _all_posts(app, stop_pk=0, case_pk=0):
    return [reverse("applications_staff:action", args=[app.pk, verb]) for verb in POSTED]


def test_an_outsider_gets_404_on_the_page_and_every_post_and_nothing_changes(client, personas, make_app):
    app = make_app()
    stop = actions.start_consultation(
        app, actor=personas.editor, kind="third_party", party="某公司", sent_on=D(2025, 6, 10)
    )
    before = snapshot()
    login(client, personas.outsider)
    for url in [
        reverse("applications_staff:detail", args=[app.pk]),
        reverse("applications_staff:acknowledgement", args=[app.pk]),
        reverse("applications_staff:id_copy", args=[app.pk]),
    ]:
        assert client.get(url).status_code == 404, url
    for url in _all_posts(app):
        response = client.post(
            url,
            {"stop": stop.pk, "ended_on": "2025-06-12", "outcome": "disclose", "replied_on": "2025-06-12"},
        )
        assert response.status_code == 404, url
    assert snapshot() == before


def test_an_auditor_can_read_but_every_post_is_refused(client, personas, make_app):
    app = make_app()
    stop = actions.start_consultation(
        app, actor=personas.editor, kind="third_party", party="某公司", sent_on=D(2025, 6, 10)
    )
    before = snapshot()
    login(client, personas.auditor)
    page = client.get(reverse("applications_staff:detail", args=[app.pk]))
    assert page.status_code == 200 and app.number in page.content.decode()
    assert "答复办结" not in page.content.decode()  # no action forms for a reader
    for url in _all_posts(app):
        response = client.post(
            url,
            {
                "stop": stop.pk,
                "ended_on": "2025-06-12",
                "outcome": "disclose",
                "replied_on": "2025-06-12",
                "days": 5,
                "reason": "x",
            },
        )
        assert response.status_code == 403, url
        assert "您没有权限" in response.content.decode()
        assert "403.html" in [t.name for t in response.templates]  # the platform's 403 page
    assert snapshot() == before


def test_the_page_shows_the_deadline_steps_with_the_skipped_holidays(client, personas, make_app):
    app = make_app(received=D(2025, 9, 26))  # runs through 国庆节、中秋节
    html = (
        login(client, personas.editor)
        .get(reverse("applications_staff:detail", args=[app.pk]))
        .content.decode()
    )
    assert "第20个工作日" in html and "国庆节" in html
    assert "personal-value__button" in html  # the reveal button, not the name
    assert "张晓明" not in html


def test_the_page_shows_the_applications_audit_history(client, personas, make_app):
    app = make_app()
    actions.accept(app, actor=personas.editor)
    html = (
        login(client, personas.leader)
        .get(reverse("applications_staff:detail", args=[app.pk]))
        .content.decode()
    )
    assert "登记/提交申请" in html and "受理" in html and "王编辑" in html
    assert "已收到 → 办理中" in html  # the application's own words (audit_labels.DESCRIBE)


def test_intake_accepts_a_scanned_id_copy_and_refuses_other_files(client, personas, settings, tmp_path):
    from django.core.files.uploadedfile import SimpleUploadedFile

    settings.MEDIA_ROOT = tmp_path / "media"
    login(client, personas.editor)
    form = {
        "organisation": personas.department.pk,
        "channel": Channel.IN_PERSON,
        "arrived_on": "2025-06-09",
        "applicant_type": "natural",
        "name": "李明华",
        "id_type": "mainland_id",
        "id_number": fake_id("19700101", "456"),
        "phone": "13900000000",
        "description": "某信息",
        "form": "paper",
        "delivery": "post",
    }
    with time_machine.travel(dt.datetime(2025, 6, 11, 10, tzinfo=dt.UTC)):
        refused = client.post(
            reverse("applications_staff:new"),
            {**form, "id_copy": SimpleUploadedFile("id.pdf", b"MZ\x90\x00 not a pdf")},
        )
        assert "只接受 PDF、JPG 或 PNG" in refused.content.decode() and not Application.objects.exists()
        client.post(
            reverse("applications_staff:new"),
            {**form, "id_copy": SimpleUploadedFile("id.pdf", b"%PDF-1.4\n%scan\n")},
        )
    assert Application.objects.get().id_copy.name.endswith("id.pdf")
