"""The staff workflow: generate, edit prose, approve, release into 年报 through the catalog's own
workflow; the frozen snapshot; the trace of a cell; another department refused everywhere."""

import datetime as dt
import io

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from gongkai.accounts.factories import make_staff
from gongkai.accounts.roles import Role
from gongkai.applications.models import Application
from gongkai.catalog import actions as catalog_actions
from gongkai.catalog.models import Item, Version
from gongkai.reports import actions, figures, workflow
from gongkai.reports.models import Report, ReportState

pytestmark = pytest.mark.django_db


@pytest.fixture
def report(ledger, personas):
    return actions.generate_report(personas.department, 2021, actor=personas.editor)


def test_every_verb_is_allowed_exactly_from_its_states():
    for verb, transition in workflow.TRANSITIONS.items():
        for state in ReportState.values:
            if state in transition.sources:
                assert workflow.check(verb, state) is transition
            else:
                with pytest.raises(workflow.IllegalTransition):
                    workflow.check(verb, state)
    assert [t.verb for t in workflow.verbs_from(ReportState.RELEASED)] == []


def test_a_department_generates_its_report_with_its_prose_drafted_from_the_figures(report, personas):
    rows = report.figures["table_three"]["rows"]
    assert report.state == ReportState.DRAFT and report.format == "2021"
    assert f"全年新收政府信息公开申请{rows['new']['total']}件" in report.overview
    assert report.other.startswith("本年度")


def test_prose_is_edited_but_figures_cannot_be(report, personas):
    actions.edit_report(report, actor=personas.editor, overview="本年度工作总体情况。", problems="问题一。")
    report.refresh_from_db()
    assert report.overview == "本年度工作总体情况。"
    with pytest.raises(ValidationError):
        actions.edit_report(report, actor=personas.editor, figures="{}")
    with pytest.raises(ValidationError) as refused:
        actions.edit_report(report, actor=personas.editor, overview="  ")
    assert "总体情况" in str(refused.value)


def test_an_unbalanced_report_cannot_be_approved_and_names_the_applications(ledger, personas):
    broken = next(
        a
        for a in ledger
        if a.organisation_id == personas.department.pk and a.replied_on and a.replied_on.year == 2021
        and a.received_on.year == 2021
    )
    Application.objects.filter(pk=broken.pk).update(outcome="")
    report = actions.generate_report(personas.department, 2021, actor=personas.editor)
    with pytest.raises(ValidationError) as refused:
        actions.approve_report(report, actor=personas.leader)
    assert broken.number in str(refused.value)


def test_the_approved_report_is_a_frozen_snapshot_and_the_comparison_shows_what_would_differ(
    report, personas, put_application, client
):
    actions.approve_report(report, actor=personas.leader)
    snapshot = Report.objects.get(pk=report.pk).figures
    put_application(personas.department, dt.date(2021, 5, 6), category="legal")
    with pytest.raises(ValidationError):
        actions.generate_report(personas.department, 2021, actor=personas.editor)
    assert Report.objects.get(pk=report.pk).figures == snapshot
    changed = {k: (a, b) for k, a, b in figures.differences(snapshot, figures.compute(personas.department, 2021))}
    before = snapshot["table_three"]["rows"]["new"]["legal"]
    assert changed["table_three.rows.new.legal"] == (before, before + 1)
    client.force_login(personas.editor)
    page = client.get(reverse("reports_staff:compare", args=[report.pk])).content.decode()
    assert "表三 一、本年新收政府信息公开申请数量 · 法律服务机构" in page


def test_released_report_goes_through_the_catalog_into_the_annual_report_column(ledger, personas, client):
    office_editor = make_staff("officeeditor", personas.office, Role.EDITOR, full_name="公开办编辑")
    report = actions.generate_report(personas.district, 2021, actor=personas.coordinator)
    actions.approve_report(report, actor=personas.coordinator)
    with pytest.raises(PermissionDenied):
        actions.release_report(report, actor=personas.coordinator)  # no item.edit in the office
    report = actions.release_report(report, actor=office_editor)
    version = Version.objects.get(item_id=report.item_id)
    assert version.column.slug == "ndbg" and version.item.organisation == personas.office
    assert "（四）无法提供" in version.body and "<table" in version.body
    reviewer = make_staff("officereviewer", personas.office, Role.REVIEWER)
    leader = make_staff("officeleader", personas.office, Role.LEADER)
    catalog_actions.submit(version, actor=office_editor)
    catalog_actions.review(version, actor=reviewer, passed=True)
    catalog_actions.approve(version, actor=leader, approved=True)
    assert Item.objects.get(pk=report.item_id).is_public
    page = client.get(reverse("catalog:annual_reports"), HTTP_HOST="testserver").content.decode()
    assert report.title in page or "年度报告" in page


def test_a_cell_opens_exactly_the_records_counted_in_it(report, personas, client):
    client.force_login(personas.editor)
    key = "table_three.new.natural"
    expected = set(
        Application.objects.filter(
            organisation=personas.department, received_on__year=2021, category="natural"
        ).values_list("number", flat=True)
    )
    page = client.get(reverse("reports_staff:detail", args=[report.pk])).content.decode()
    assert f"cell={key}" in page.replace("%2E", ".")
    listed = client.get(reverse("reports_staff:trace", args=[report.pk]), {"cell": key}).content.decode()
    numbers = {n for n in Application.objects.values_list("number", flat=True) if f">{n}<" in listed}
    assert numbers == expected and len(expected) == report.figures["table_three"]["rows"]["new"]["natural"]


def test_the_docx_has_the_tables_as_word_tables_and_the_pdf_its_chinese_text(report, personas, client):
    from docx import Document
    from pypdf import PdfReader

    client.force_login(personas.editor)
    docx = client.get(reverse("reports_staff:download", args=[report.pk, "docx"]))
    document = Document(io.BytesIO(docx.content))
    assert document.paragraphs[0].text == report.title
    three = next(t for t in document.tables if any("本年新收" in c.text for c in t.columns[0].cells))
    rows = report.figures["table_three"]["rows"]
    new_row = next(r for r in three.rows if r.cells[0].text.startswith("一、本年新收"))
    assert [c.text for c in new_row.cells[3:]] == [str(rows["new"][c]) for c in report.figures["table_three"]["columns"]]
    total_row = next(r for r in three.rows if r.cells[1].text == "（七）总计")
    assert total_row.cells[-1].text == str(rows["results_total"]["total"])
    four = next(t for t in document.tables if t.rows[0].cells[0].text == "行政复议")
    assert len(four.rows[-1].cells) == 15
    pdf = client.get(reverse("reports_staff:download", args=[report.pk, "pdf"])).content
    assert pdf.startswith(b"%PDF")
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
    assert report.title in text.replace("\n", "")
    assert "收到和处理政府信息公开申请情况" in text and "属于四类过程性信息" in text


def test_another_department_is_refused_everywhere(report, personas, client):
    outsider = personas.outsider
    with pytest.raises(PermissionDenied):
        actions.generate_report(personas.department, 2021, actor=outsider)
    with pytest.raises(PermissionDenied):
        actions.edit_report(report, actor=outsider, overview="x")
    with pytest.raises(PermissionDenied):
        actions.approve_report(report, actor=outsider)
    with pytest.raises(PermissionDenied):
        actions.generate_report(personas.district, 2021, actor=personas.editor)  # a department's editor
    client.force_login(outsider)
    for name, args in [
        ("detail", [report.pk]),
        ("edit", [report.pk]),
        ("compare", [report.pk]),
        ("download", [report.pk, "docx"]),
        ("download", [report.pk, "json"]),
    ]:
        assert client.get(reverse(f"reports_staff:{name}", args=args)).status_code == 404
    assert client.get(reverse("reports_staff:trace", args=[report.pk]), {"cell": "table_three.new.total"}).status_code == 404
    for name in ("approve", "regenerate", "release", "reopen"):
        assert client.post(reverse(f"reports_staff:{name}", args=[report.pk])).status_code == 404
    listing = client.get(reverse("reports_staff:list")).content.decode()
    assert report.title not in listing
    response = client.post(reverse("reports_staff:generate"), {"organisation": personas.department.pk, "year": 2021})
    assert Report.objects.filter(organisation=personas.department).count() == 1 and response.status_code == 302


def test_the_office_sees_every_report_and_the_list_filters(report, personas, client):
    client.force_login(personas.coordinator)
    page = client.get(reverse("reports_staff:list"), {"year": 2021}).content.decode()
    assert report.title.replace("2021年政府信息公开工作年度报告", "") in page
    assert personas.department.name in client.get(reverse("reports_staff:list"), {"year": 2020}).content.decode()
    assert "还没有年度报告" in client.get(reverse("reports_staff:list"), {"year": 2020}).content.decode()


def test_bad_input_gets_a_chinese_error(personas, client):
    client.force_login(personas.coordinator)
    response = client.post(reverse("reports_staff:generate"), {"organisation": personas.district.pk, "year": 1999}, follow=True)
    assert "年度须在" in response.content.decode()
    response = client.post(reverse("reports_staff:generate"), {"organisation": "", "year": ""}, follow=True)
    assert "请选择报告单位" in response.content.decode()
