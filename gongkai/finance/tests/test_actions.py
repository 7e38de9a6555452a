"""Entering, importing and releasing a disclosure through the actions, with their audit events."""

import datetime as dt
import io

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from gongkai.audit.models import AuditEvent
from gongkai.finance import actions, notices
from gongkai.finance.models import Disclosure, FinanceTable, Kind, State
from gongkai.finance.tables import SPECS, specs_for

from .conftest import sample_tables, workbook

pytestmark = pytest.mark.django_db


def test_an_editor_enters_a_final_accounts_draft_of_a_unit_below_the_department(
    personas, frozen, make_disclosure
):
    d = make_disclosure()
    assert d.state == State.DRAFT and d.organisation == personas.budget_unit and d.level == "department"
    assert d.year == 2018  # 2017's final accounts fall due in 2018
    assert AuditEvent.objects.filter(action="finance.create", target_id=str(d.pk)).exists()


def test_the_same_unit_kind_and_year_cannot_be_entered_twice(frozen, make_disclosure):
    make_disclosure()
    with pytest.raises(ValidationError, match="已登记"):
        make_disclosure()


def test_an_approval_date_in_the_future_or_the_wrong_year_is_refused(frozen, make_disclosure):
    with pytest.raises(ValidationError, match="不能晚于今天"):
        make_disclosure(approved_on=dt.date(2018, 7, 1))
    with pytest.raises(ValidationError, match="2017年或2018年"):
        make_disclosure(approved_on=dt.date(2016, 7, 1))


def test_only_budget_units_and_the_district_publish_budgets(personas, frozen, make_disclosure):
    with pytest.raises(ValidationError, match="只有预算单位"):
        make_disclosure(unit=personas.department)


def test_importing_the_finance_systems_workbook_fills_every_table_and_twice_changes_nothing(
    personas, frozen, make_disclosure
):
    d = make_disclosure()
    report = actions.import_tables(d, workbook(Kind.FINAL), actor=personas.editor, name="决算.xlsx")
    assert report.ok and report.imported == 9 and report.unchanged == 0
    assert FinanceTable.objects.filter(disclosure=d).count() == 9
    empty = FinanceTable.objects.get(disclosure=d, code="final-8")
    assert empty.is_empty and empty.note == "本单位无政府性基金预算财政拨款收入支出，故本表为空表。"
    again = actions.import_tables(d, workbook(Kind.FINAL), actor=personas.editor, name="决算.xlsx")
    assert again.ok and again.imported == 0 and again.unchanged == 9
    assert AuditEvent.objects.filter(action="finance.import", target_id=str(d.pk)).count() == 1


def test_a_table_whose_rows_do_not_add_up_is_refused_with_the_row_named_and_nothing_is_written(
    personas, frozen, make_disclosure
):
    d = make_disclosure()
    tables = sample_tables(Kind.FINAL)
    broken = tables["final-3"]
    row = next(r for r in broken.rows if r.code == "20502")
    row.values[1] += 1  # 基本支出 one 万元 more than the 项 below it and than 合计
    report = actions.import_tables(d, workbook(Kind.FINAL, tables=tables), actor=personas.editor)
    assert not report.ok or report.bad_sheets
    (bad,) = report.bad_sheets
    assert bad.spec.title == "支出决算表"
    assert any("“20502 普通教育”" in e for e in bad.errors)
    assert not FinanceTable.objects.filter(disclosure=d).exists()


def test_a_file_that_is_not_a_workbook_is_refused_in_chinese(personas, frozen, make_disclosure):
    d = make_disclosure()
    report = actions.import_tables(d, io.BytesIO(b"not a workbook"), actor=personas.editor)
    assert report.problems == ["无法读取该文件，请上传 Excel（.xlsx）文件。"]


def test_an_empty_table_is_published_empty_with_its_note(personas, frozen, make_disclosure):
    d = make_disclosure()
    table = actions.mark_empty(d, "final-9", actor=personas.editor)
    assert table.is_empty and "故本表为空表" in table.note
    with pytest.raises(ValidationError):
        actions.mark_empty(d, "budget-1", actor=personas.editor)


def test_release_is_refused_until_every_table_and_section_is_there_and_says_what_is_missing(
    personas, frozen, make_disclosure
):
    d = make_disclosure()
    with pytest.raises(ValidationError) as exc:
        actions.release_disclosure(d, actor=personas.editor)
    text = "；".join(exc.value.messages)
    assert "表一 收入支出决算总表" in text and "表九 国有资本经营预算财政拨款支出决算表" in text
    assert "机构职能" in text and "名词解释" in text


def test_a_released_disclosure_is_public_once_the_catalog_publishes_its_item(
    personas, frozen, make_disclosure, filled, publish
):
    d = filled(make_disclosure())
    d = actions.release_disclosure(d, actor=personas.editor)
    p = notices.publications(personas.district, [d])[d.pk]
    assert d.state == State.RELEASED and p.item is not None and not p.is_public
    assert p.item.index_no.startswith(personas.budget_unit.code)
    with pytest.raises(ValidationError, match="不能执行"):
        actions.import_tables(d, workbook(Kind.FINAL), actor=personas.editor)


def test_publication_date_is_the_catalogs(personas, frozen, make_disclosure, filled, publish):
    d = publish(filled(make_disclosure()))
    p = notices.publications(personas.district, [d])[d.pk]
    assert p.is_public and p.published_on == frozen


def test_the_district_s_own_budget_is_published_in_the_finance_bureau_s_name(
    personas, frozen, make_disclosure
):
    d = make_disclosure(
        unit=personas.district,
        kind=Kind.BUDGET,
        fiscal_year=2018,
        approved_on=dt.date(2018, 2, 1),
        actor=personas.outsider,
    )
    assert d.level == "government" and d.organisation == personas.other_department
    assert next(s.title for s in specs_for("government", Kind.BUDGET)) == "一般公共预算收入表"


def test_open_cycle_enters_every_budget_unit_once(personas, frozen):
    n = actions.open_cycle(
        actor=personas.coordinator,
        district=personas.district,
        kind=Kind.BUDGET,
        fiscal_year=2018,
        approved_on=dt.date(2018, 2, 10),
    )
    assert n == 1
    assert (
        actions.open_cycle(
            actor=personas.coordinator,
            district=personas.district,
            kind=Kind.BUDGET,
            fiscal_year=2018,
            approved_on=dt.date(2018, 2, 10),
        )
        == 0
    )
    with pytest.raises(PermissionDenied):
        actions.open_cycle(
            actor=personas.editor,
            district=personas.district,
            kind=Kind.FINAL,
            fiscal_year=2017,
            approved_on=dt.date(2018, 6, 1),
        )


def test_procurement_figures_must_add_up(personas, frozen, make_disclosure):
    d = make_disclosure()
    with pytest.raises(ValidationError, match="不等于货物、工程、服务之和"):
        actions.update_disclosure(
            d,
            actor=personas.editor,
            procurement_total_wan="10.00",
            procurement_goods_wan="5.00",
            procurement_works_wan="2.00",
            procurement_services_wan="2.00",
        )
    d.refresh_from_db()
    assert d.procurement_total_wan is None


def test_the_deadline_is_configurable_per_district(personas, frozen):
    rule = actions.set_deadline_days(
        personas.district, actor=personas.coordinator, department_days=15, government_days=20
    )
    assert rule.department_days == 15
    with pytest.raises(PermissionDenied):
        actions.set_deadline_days(
            personas.district, actor=personas.editor, department_days=30, government_days=30
        )


def test_every_standard_table_code_is_known():
    assert all(code in SPECS for code in ("final-1", "budget-9", "tpf-1", "gbudget-6"))
    assert Disclosure._meta.get_field("approved_on").verbose_name == "批复日期"
