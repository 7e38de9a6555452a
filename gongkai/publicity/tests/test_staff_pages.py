"""The workbench pages: the list with filters and its export, creating a list and a notice, a
household entered by hand (a bad one comes back with what was typed), releasing, objections and
the office's periods."""

import datetime as dt
from io import BytesIO

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from gongkai.publicity import actions
from gongkai.publicity.kinds import Kind
from gongkai.publicity.models import Entry, Objection, Publicity, State

pytestmark = pytest.mark.django_db


def test_the_list_filters_and_exports(filled, make_list, personas, client):
    march = filled(2)
    april = make_list(title="2018年4月城市低保公示", month=4, year=2019)
    client.force_login(personas.editor)
    url = reverse("publicity_staff:list")
    page = client.get(url).content.decode()
    assert march.title in page and april.title in page
    assert april.title not in client.get(url, {"year": 2018}).content.decode()
    assert march.title not in client.get(url, {"kind": Kind.RURAL_DIBAO}).content.decode()
    book = load_workbook(BytesIO(client.get(reverse("publicity_staff:export"), {"year": 2018}).content))
    rows = list(book.active.values)
    assert rows[0][0] == "标题" and [r[0] for r in rows[1:]] == [march.title]
    assert rows[1][8] == 2  # households


def test_an_editor_creates_a_list_and_a_notice(personas, client):
    client.force_login(personas.editor)
    assert "城市最低生活保障" in client.get(reverse("publicity_staff:new")).content.decode()
    response = client.post(
        reverse("publicity_staff:new") + "?kind=urban_dibao",
        {"organisation": personas.department.pk, "title": "2018年5月城市低保公示", "year": 2018, "month": 5, "period_days": 7},
    )
    publicity = Publicity.objects.get(title="2018年5月城市低保公示")
    assert response.status_code == 302 and publicity.period_days == 7
    response = client.post(
        reverse("publicity_staff:new") + "?kind=land_acquisition",
        {
            "organisation": personas.department.pk,
            "title": "征地信息",
            "year": 2018,
            "fact_project": "第一批次",
            "fact_location": "华塘镇吴山村",
            "fact_area": "abc",
        },
    )
    page = response.content.decode()
    assert response.status_code == 200 and "征收面积（公顷）应为不小于0的数字" in page
    assert "第一批次</textarea>" in page  # nothing typed is lost


def test_a_bad_household_comes_back_with_what_was_typed(make_list, personas, client):
    publicity = make_list()
    client.force_login(personas.editor)
    response = client.post(
        reverse("publicity_staff:entry_add", args=[publicity.pk]),
        {"town": "华塘镇", "name": "张三", "id_number": "430102199001011235", "people": "2", "amount": "300"},
    )
    page = response.content.decode()
    assert "校验位" in page and 'value="华塘镇"' in page and 'value="张三"' in page
    assert not Entry.objects.exists()


def test_the_detail_page_masks_and_offers_what_the_state_allows(filled, personas, client):
    publicity = filled(3)
    client.force_login(personas.editor)
    url = reverse("publicity_staff:detail", args=[publicity.pk])
    page = client.get(url).content.decode()
    assert "提交发布" in page and "逐户登记" in page
    for entry in Entry.objects.filter(publicity=publicity):
        assert entry.phone.plaintext() not in page and entry.phone.masked in page
    assert client.post(reverse("publicity_staff:release", args=[publicity.pk])).status_code == 302
    publicity.refresh_from_db()
    assert publicity.state == State.RELEASED
    page = client.get(url).content.decode()
    assert "逐户登记" not in page and "公开 3 行" in page


def test_an_objection_is_recorded_and_settled_from_the_page(filled, publish, personas, client, march_2018):
    publicity = publish(filled(2))
    client.force_login(personas.editor)
    client.post(
        reverse("publicity_staff:objection_new", args=[publicity.pk]),
        {"received_on": "2018-03-05", "entry_number": "2", "content": "该户有车辆。", "objector_phone": "13800138000"},
    )
    objection = Objection.objects.get()
    assert objection.entry.number == 2 and objection.objector_phone.plaintext() == "13800138000"
    page = client.get(reverse("publicity_staff:detail", args=[publicity.pk])).content.decode()
    assert "13800138000" not in page and "138****8000" in page
    client.post(
        reverse("publicity_staff:objection_resolve", args=[objection.pk]),
        {"outcome": "upheld", "resolution": "核实属实，取消该户资格。", "resolved_on": "2018-03-05"},
    )
    objection.refresh_from_db()
    assert objection.outcome == "upheld" and objection.resolved_on == dt.date(2018, 3, 5)


def test_the_office_sets_a_period_and_an_editor_may_not(personas, client):
    client.force_login(personas.editor)
    assert client.get(reverse("publicity_staff:periods")).status_code == 403
    client.force_login(personas.coordinator)
    assert client.get(reverse("publicity_staff:periods")).status_code == 200
    client.post(reverse("publicity_staff:periods"), {"kind": Kind.LOW_RENT, "period_days": "15"})
    created = actions.create_publicity(
        actor=personas.coordinator, organisation=personas.department, kind=Kind.LOW_RENT, title="廉租房", year=2018
    )
    assert created.period_days == 15


def test_the_workbench_lists_what_waits(filled, personas, client):
    from gongkai.publicity.todos import publicity_todos

    publicity = filled(2)
    assert [t.url for t in publicity_todos(personas.editor)] == [reverse("publicity_staff:detail", args=[publicity.pk])]
    assert publicity_todos(personas.outsider) == []
