"""The workbench pages: the list with filters, a disclosure's page, import, release, the board,
the fee list — and another department refused everywhere."""

import datetime as dt

import pytest
from django.urls import reverse

from gongkai.finance import actions
from gongkai.finance.models import FinanceTable, Kind

from .conftest import workbook

pytestmark = pytest.mark.django_db


@pytest.fixture
def draft(personas, frozen, make_disclosure):
    return make_disclosure()


def test_the_editor_sees_the_units_disclosures_in_the_list_and_filters_them(client, personas, draft):
    client.force_login(personas.editor)
    page = client.get(reverse("finance_staff:list"))
    assert page.status_code == 200 and personas.budget_unit.name in page.content.decode()
    page = client.get(reverse("finance_staff:list"), {"kind": Kind.BUDGET})
    assert personas.budget_unit.name not in page.content.decode().split("<tbody>")[1]


def test_the_editor_imports_a_workbook_on_the_page(client, personas, draft):
    client.force_login(personas.editor)
    upload = workbook(Kind.FINAL)
    upload.name = "2017年决算.xlsx"
    response = client.post(reverse("finance_staff:import", args=[draft.pk]), {"file": upload})
    assert response.status_code == 302
    assert FinanceTable.objects.filter(disclosure=draft).count() == 9
    page = client.get(reverse("finance_staff:disclosure", args=[draft.pk])).content.decode()
    assert "收入支出决算总表" in page and "本单位无政府性基金预算财政拨款收入支出，故本表为空表" in page


def test_a_bad_workbook_shows_the_row_and_keeps_the_form(client, personas, draft):
    from .conftest import sample_tables

    tables = sample_tables(Kind.FINAL)
    tables["final-5"].totals[""][0] += 1
    upload = workbook(Kind.FINAL, tables=tables)
    upload.name = "bad.xlsx"
    client.force_login(personas.editor)
    page = client.post(reverse("finance_staff:import", args=[draft.pk]), {"file": upload})
    assert page.status_code == 200
    text = page.content.decode()
    assert "未导入任何内容" in text and "合计行：合计" in text
    assert not FinanceTable.objects.filter(disclosure=draft).exists()


def test_templates_download_as_workbooks(client, personas, draft):
    client.force_login(personas.editor)
    response = client.get(reverse("finance_staff:template", args=[draft.pk]))
    assert response.status_code == 200 and response["Content-Type"].startswith(
        "application/vnd.openxmlformats"
    )


def test_the_board_shows_the_unit_and_its_due_day(client, personas, draft):
    client.force_login(personas.coordinator)
    page = client.get(reverse("finance_staff:board"), {"year": 2018}).content.decode()
    assert personas.budget_unit.name in page and "2018-06-21" in page  # approved 1 June + 20 days


def test_fee_pages_open(client, personas, frozen):
    client.force_login(personas.editor)
    item = actions.create_fee_item(
        actor=personas.editor,
        organisation=personas.department,
        name="教师资格认定体检费",
        basis="湘价费〔2012〕1号",
        standard="每人次80元",
        from_year=2015,
    )
    actions.record_collection(item, actor=personas.editor, year=2017, amount_yuan="123456.78")
    assert client.get(reverse("finance_staff:fees"), {"year": 2017}).status_code == 200
    assert "123456.78" in client.get(reverse("finance_staff:fee", args=[item.pk])).content.decode()


def test_another_department_is_refused_everywhere(client, personas, draft):
    """The outsider (财政局) can neither see nor change the education bureau's unit's records,
    on the pages or through the actions."""
    item = actions.create_fee_item(
        actor=personas.editor,
        organisation=personas.department,
        name="教育收费",
        basis="依据",
        standard="标准",
        from_year=2015,
    )
    table = actions.mark_empty(draft, "final-9", actor=personas.editor)
    client.force_login(personas.outsider)
    for name in ("disclosure", "edit", "import", "template", "tables_export"):
        assert client.get(reverse(f"finance_staff:{name}", args=[draft.pk])).status_code == 404, name
    for name in ("empty", "release", "link"):
        assert (
            client.post(
                reverse(f"finance_staff:{name}", args=[draft.pk]), {"code": "final-8", "index_no": "x"}
            ).status_code
            == 404
        ), name
    assert client.post(reverse("finance_staff:remove_table", args=[table.pk])).status_code == 404
    assert client.get(reverse("finance_staff:fee", args=[item.pk])).status_code == 404
    assert personas.budget_unit.name not in client.get(reverse("finance_staff:list")).content.decode()
    assert (
        personas.budget_unit.name
        not in client.get(reverse("finance_staff:board"), {"year": 2018}).content.decode()
    )
    assert "教育收费" not in client.get(reverse("finance_staff:fees"), {"year": 2015}).content.decode()
    assert client.get(reverse("finance_staff:settings")).status_code == 403
    from django.core.exceptions import PermissionDenied

    for call in (
        lambda: actions.update_disclosure(draft, actor=personas.outsider, functions="x"),
        lambda: actions.import_tables(draft, workbook(Kind.FINAL), actor=personas.outsider),
        lambda: actions.mark_empty(draft, "final-8", actor=personas.outsider),
        lambda: actions.remove_table(table, actor=personas.outsider),
        lambda: actions.release_disclosure(draft, actor=personas.outsider),
        lambda: actions.link_item(draft, actor=personas.outsider, index_no="x"),
        lambda: actions.create_disclosure(
            actor=personas.outsider,
            unit=personas.budget_unit,
            kind=Kind.BUDGET,
            fiscal_year=2018,
            approved_on=dt.date(2018, 2, 1),
        ),
        lambda: actions.record_collection(item, actor=personas.outsider, year=2017, amount_yuan="1"),
        lambda: actions.update_fee_item(item, actor=personas.outsider, standard="x"),
    ):
        with pytest.raises(PermissionDenied):
            call()
    draft.refresh_from_db()
    assert draft.functions == "" and FinanceTable.objects.filter(disclosure=draft).count() == 1


def test_a_citizen_is_sent_to_sign_in(client, draft):
    response = client.get(reverse("finance_staff:list"))
    assert response.status_code == 302
