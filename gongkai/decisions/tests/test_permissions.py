"""Who may do what: a department keeps its own decisions (and those of the units below it), the
office the whole district, the auditor reads. The outsider (an editor and leader of 财政局) is
refused everything of 教育局's: in the actions, on every staff page, in lists and exports."""

import datetime as dt
import io

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from gongkai.decisions import actions, importer, permissions
from gongkai.decisions.models import BatchGroup, Decision
from gongkai.decisions.tests.conftest import licensing_values, penalty_values

pytestmark = pytest.mark.django_db


@pytest.fixture
def decision(record):
    return record()


def test_the_outsider_cannot_record_a_decision_of_another_department(personas):
    with pytest.raises(PermissionDenied):
        actions.record_decision(
            actor=personas.outsider, organisation=personas.department, **licensing_values()
        )
    assert not Decision.objects.exists()


def test_the_outsider_cannot_change_release_withdraw_or_remove_another_departments_decision(
    personas, decision
):
    outsider = personas.outsider
    with pytest.raises(PermissionDenied):
        actions.update_decision(decision, actor=outsider, **licensing_values(title="改"))
    with pytest.raises(PermissionDenied):
        actions.remove_decision(decision, actor=outsider)
    with pytest.raises(PermissionDenied):
        actions.withdraw_decision(decision, actor=outsider, on=dt.date(2018, 6, 1), reason="x")
    with pytest.raises(PermissionDenied):
        actions.release_batch(
            actor=outsider, organisation=personas.department, group=BatchGroup.LICENSING, decisions=[decision]
        )
    with pytest.raises(PermissionDenied):
        actions.update_rules(personas.district, actor=outsider, publish_within=3)
    decision.refresh_from_db()
    assert decision.title == "民办学校办学许可"


def test_the_outsider_cannot_release_another_departments_decision_under_their_own_name(personas, decision):
    with pytest.raises(Exception, match="不是测试区财政局的决定"):
        actions.release_batch(
            actor=personas.outsider,
            organisation=personas.other_department,
            group=BatchGroup.LICENSING,
            decisions=[decision],
        )


def test_the_outsider_cannot_import_into_another_department(personas):
    upload = io.BytesIO(importer.template_workbook())
    with pytest.raises(PermissionDenied):
        actions.import_decisions(upload, actor=personas.outsider, organisation=personas.department)


def test_a_sheet_row_naming_another_department_is_refused(personas, client):
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.append(importer.HEADERS)
    values = licensing_values()
    row = {**values, "kind": "行政许可", "category": "普通", "party_type": "法人及非法人组织"}
    row["organisation"] = personas.department.name
    sheet.append([str(row.get(attr, "") or "") for _h, attr, _r in importer.COLUMNS])
    buffer = io.BytesIO()
    book.save(buffer)
    buffer.seek(0)
    report = actions.import_decisions(buffer, actor=personas.outsider, organisation=personas.other_department)
    assert report.bad_rows and "无权登记测试区教育局的决定" in report.bad_rows[0].errors[0]
    assert not Decision.objects.exists()


def test_the_department_sees_its_own_the_office_and_auditor_the_whole_district(personas, record):
    own = record()
    other = record(penalty_values(), actor=personas.outsider, organisation=personas.other_department)
    assert set(permissions.visible_decisions(personas.editor)) == {own}
    assert set(permissions.visible_decisions(personas.outsider)) == {other}
    assert set(permissions.visible_decisions(personas.coordinator)) == {own, other}
    assert set(permissions.visible_decisions(personas.auditor)) == {own, other}
    with pytest.raises(PermissionDenied):
        actions.record_decision(actor=personas.auditor, organisation=personas.department, **penalty_values())


def test_the_office_records_for_any_department_and_a_unit_below_belongs_to_its_department(personas):
    by_office = actions.record_decision(
        actor=personas.coordinator, organisation=personas.department, **licensing_values()
    )
    by_unit = actions.record_decision(
        actor=personas.editor,
        organisation=personas.budget_unit,
        **licensing_values(number="北一中许〔2018〕1号"),
    )
    assert set(permissions.visible_decisions(personas.editor)) == {by_office, by_unit}


def test_another_department_is_refused_on_every_staff_page(client, personas, decision):
    client.force_login(personas.outsider)
    for name in ("detail", "edit"):
        assert client.get(reverse(f"decisions_staff:{name}", args=[decision.pk])).status_code == 404
    for name in ("remove", "withdraw"):
        response = client.post(
            reverse(f"decisions_staff:{name}", args=[decision.pk]), {"on": "2018-06-01", "reason": "x"}
        )
        assert response.status_code == 404
    listing = client.get(reverse("decisions_staff:list"))
    assert listing.status_code == 200 and decision.number not in listing.content.decode()
    export = client.get(reverse("decisions_staff:export"))
    assert decision.number.encode() not in export.content  # zipped XLSX: the number would be inside
    release = client.get(reverse("decisions_staff:release"), {"organisation": personas.department.pk})
    assert decision.number not in release.content.decode()
    response = client.post(
        reverse("decisions_staff:release"),
        {"organisation": personas.department.pk, "group": BatchGroup.LICENSING, "decisions": [decision.pk]},
    )
    assert response.status_code == 200  # the form refuses an organisation not offered
    decision.refresh_from_db()
    assert decision.state == "recorded"
    rules = client.post(reverse("decisions_staff:rules"), {"publish_within": 3})
    assert rules.status_code == 403


def test_a_citizen_without_an_account_is_sent_to_sign_in(client, decision):
    response = client.get(reverse("decisions_staff:detail", args=[decision.pk]))
    assert response.status_code == 302 and "login" in response["Location"]
