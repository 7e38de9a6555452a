"""The workbench pages: lists with filters, an item with its versions, the forms; another
department refused everywhere (its records not listed, their pages 404, its forms 403)."""

import pytest
from django.core.files.base import ContentFile

from gongkai.services import actions
from gongkai.services.models import Rating, ServiceCase

from .conftest import COMPLETE, csv_bytes

ROW = [
    "BJ1",
    "JY-XK-001",
    "",
    "2018-03-01",
    "2018-03-01",
    "2018-03-05",
    "",
    "准予",
    "1",
    "非常不满意",
    "2018-03-06",
    "张三",
    "13800138000",
]


@pytest.fixture
def imported(published_item, source, personas):
    run = actions.start_import(
        source, actor=personas.coordinator, upload=ContentFile(csv_bytes([ROW]), name="a.csv")
    )
    actions.run_import(run)
    return ServiceCase.objects.get()


def test_the_lists_and_pages_render_for_the_department(client, personas, imported):
    client.force_login(personas.editor)
    item = imported.item
    for url, text in [
        ("/staff/services/", "民办学校设立审批"),
        ("/staff/services/?type=licensing&guide=released&q=民办", "民办学校设立审批"),
        (f"/staff/services/items/{item.pk}/", "第1版"),
        ("/staff/services/items/new/", "设定和实施依据"),
        ("/staff/services/cases/", "BJ1"),
        ("/staff/services/cases/?rating=open&year=2018", "待整改回访"),
        (f"/staff/services/cases/{imported.pk}/", "尚未登记整改或回访"),
    ]:
        response = client.get(url)
        assert response.status_code == 200, url
        assert text in response.content.decode(), url
    assert client.get("/staff/services/export.xlsx")["Content-Type"].startswith(
        "application/vnd.openxmlformats"
    )


def test_a_bad_rating_waits_on_the_to_do_list_until_followed_up(client, personas, imported):
    from gongkai.services.todos import bad_rating_todos

    assert [t.url for t in bad_rating_todos(personas.editor)] == [f"/staff/services/cases/{imported.pk}/"]
    assert bad_rating_todos(personas.outsider) == []
    client.force_login(personas.editor)
    response = client.post(
        f"/staff/services/cases/{imported.pk}/", {"kind": "callback", "done_on": "2018-03-08", "note": ""}
    )
    assert "请写明整改或回访的情况。" in response.content.decode()
    response = client.post(
        f"/staff/services/cases/{imported.pk}/",
        {"kind": "callback", "done_on": "2018-03-08", "note": "已电话回访，申请人表示理解"},
    )
    assert response.status_code == 302
    assert bad_rating_todos(personas.editor) == []
    assert imported.rating == Rating.VERY_DISSATISFIED


def test_another_department_is_refused_everywhere(client, personas, imported):
    item = imported.item
    draft = actions.revise_guide(item.guides.get(), actor=personas.editor)
    client.force_login(personas.outsider)
    listing = client.get("/staff/services/").content.decode()
    assert "民办学校设立审批" not in listing
    assert "BJ1" not in client.get("/staff/services/cases/").content.decode()
    for url in (
        f"/staff/services/items/{item.pk}/",
        f"/staff/services/items/{item.pk}/edit/",
        f"/staff/services/items/{item.pk}/guide/{draft.pk}/",
        f"/staff/services/cases/{imported.pk}/",
        f"/staff/services/imports/sources/{imported.source_id}/",
    ):
        assert client.get(url).status_code in (403, 404), url
    for url in (f"/staff/services/guides/{draft.pk}/release/", f"/staff/services/guides/{draft.pk}/revise/"):
        assert client.post(url).status_code in (403, 404), url
    assert client.post(
        f"/staff/services/cases/{imported.pk}/", {"kind": "callback", "done_on": "2018-03-08", "note": "x"}
    ).status_code in (403, 404)
    assert not imported.follow_ups.exists()
    xlsx = client.get("/staff/services/export.xlsx").content
    from io import BytesIO

    from openpyxl import load_workbook

    rows = list(load_workbook(BytesIO(xlsx), read_only=True).active.iter_rows(values_only=True))
    assert len(rows) == 1  # the header only


def test_the_guide_form_keeps_what_was_typed_when_refused(client, personas, make_item):
    item = make_item()
    client.force_login(personas.editor)
    data = {**COMPLETE, "materials": "身份证 | 一份", "legal_limit_days": 5, "promised_limit_days": 3}
    response = client.post(f"/staff/services/items/{item.pk}/guide/", data)
    page = response.content.decode()
    assert response.status_code == 200
    assert "申请材料第1行：原件份数应为0到99的整数。" in page
    assert "北湖区政务服务中心一楼教育窗口" in page
    assert not item.guides.exists()
