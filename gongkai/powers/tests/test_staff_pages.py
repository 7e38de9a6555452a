"""The workbench pages: the list with filters and export, a power's history, the documents, and
recording, removing and releasing through the forms."""

import datetime as dt
from io import BytesIO

import pytest
from openpyxl import load_workbook

from gongkai.powers import actions
from gongkai.powers.models import ChangeKind, DocumentState, PowerChange, SourceDocument
from gongkai.powers.todos import power_todos

pytestmark = pytest.mark.django_db


@pytest.fixture
def draft(make_document):
    return make_document("教发〔2018〕10号", issued_on=dt.date(2018, 4, 20))


def test_the_list_shows_drafts_to_staff_and_filters_them_out_on_request(
    client, personas, listed, draft, add_power
):
    add_power(draft, "JY-010", "草稿中的新增权力", kind=ChangeKind.ADD)
    client.force_login(personas.editor)
    page = client.get("/staff/powers/", {"date": "2018-05-01"}).content.decode()
    assert "草稿中的新增权力" in page and "草稿" in page and "权力JY-001" in page
    public_only = client.get("/staff/powers/", {"date": "2018-05-01", "basis": "public"}).content.decode()
    assert "草稿中的新增权力" not in public_only


def test_the_export_is_the_filtered_list_as_an_xlsx(client, personas, listed):
    client.force_login(personas.coordinator)
    response = client.get("/staff/powers/export.xlsx", {"type": "penalty"})
    rows = list(load_workbook(BytesIO(response.content)).active.iter_rows(values_only=True))
    assert rows[0][0] == "权力编码" and [r[0] for r in rows[1:]] == ["JY-002"]


def test_recording_a_change_through_the_form(client, personas, listed, draft):
    client.force_login(personas.editor)
    url = f"/staff/powers/documents/{draft.pk}/record/"
    form = client.get(url, {"code": "JY-002"}).content.decode()
    assert 'value="权力JY-002"' in form  # the current attributes, ready to adjust
    assert 'value="2018-04-20"' in form  # the document's date, as a date input reads it
    response = client.post(url, {"code": "JY-002", "kind": ChangeKind.ADJUST, "name": "新名称"})
    assert response.status_code == 302
    assert PowerChange.objects.get(document=draft).name == "新名称"
    refused = client.post(url, {"code": "JY-002", "kind": ChangeKind.CANCEL}).content.decode()
    assert "本文件已登记" in refused


def test_removing_a_change_through_its_button(client, personas, listed, draft, add_power):
    change = add_power(draft, "JY-010", kind=ChangeKind.ADD)
    client.force_login(personas.editor)
    assert client.post(f"/staff/powers/changes/{change.pk}/remove/").status_code == 302
    assert not PowerChange.objects.filter(pk=change.pk).exists()


def test_releasing_through_the_document_page_drafts_the_notice(client, personas, listed, draft, add_power):
    add_power(draft, "JY-010", kind=ChangeKind.ADD)
    client.force_login(personas.editor)
    page = client.get(f"/staff/powers/documents/{draft.pk}/").content.decode()
    assert "提交发布" in page and "JY-010" in page
    client.post(f"/staff/powers/documents/{draft.pk}/release/")
    draft.refresh_from_db()
    assert draft.state == DocumentState.RELEASED and draft.notice_item_id
    page = client.get(f"/staff/powers/documents/{draft.pk}/").content.decode()
    assert "公告草稿" in page and "登记变更" not in page


def test_creating_a_document_through_the_form(client, personas):
    client.force_login(personas.editor)
    response = client.post(
        "/staff/powers/documents/new/",
        {
            "organisation": personas.department.pk,
            "number": "教发〔2020〕3号",
            "title": "关于调整权力事项的通知",
            "issued_on": "2020-03-01",
        },
    )
    assert response.status_code == 302
    assert SourceDocument.objects.get(number="教发〔2020〕3号").organisation == personas.department
    assert (
        "本区已登记文号"
        in client.post(
            "/staff/powers/documents/new/",
            {
                "organisation": personas.department.pk,
                "number": "教发〔2020〕3号",
                "title": "重复",
                "issued_on": "2020-03-01",
            },
        ).content.decode()
    )


def test_a_powers_page_shows_its_history_and_the_documents_to_record_under(client, personas, listed, draft):
    actions.record_change(draft, actor=personas.editor, code="JY-003", kind=ChangeKind.ADJUST, name="新名称")
    client.force_login(personas.editor)
    power = PowerChange.objects.get(document=listed, power__code="JY-001").power
    page = client.get(f"/staff/powers/p/{power.pk}/").content.decode()
    assert "清单公布" in page and "教发〔2018〕10号" in page and "操作记录" in page


def test_the_list_page_runs_a_bounded_number_of_queries(
    client, personas, listed, draft, add_power, django_assert_max_num_queries
):
    for n in range(20):
        add_power(draft, f"JY-1{n:02d}", kind=ChangeKind.ADD)
    client.force_login(personas.coordinator)
    with django_assert_max_num_queries(20):
        assert client.get("/staff/powers/", {"date": "2018-05-01"}).status_code == 200


def test_a_draft_with_changes_waits_for_release_on_the_to_do_list(personas, draft, add_power):
    assert power_todos(personas.editor) == []
    add_power(draft, "JY-010", kind=ChangeKind.ADD)
    (todo,) = power_todos(personas.editor)
    assert "待提交发布" in todo.title and todo.count == 1
    assert power_todos(personas.outsider) == []


def test_the_workbench_home_names_the_power_list_and_what_waits_there(client, personas, draft, add_power):
    add_power(draft, "JY-010", kind=ChangeKind.ADD)
    client.force_login(personas.editor)
    home = client.get("/staff/").content.decode()
    assert 'href="/staff/powers/"' in home and "待提交发布" in home
