"""Who may do what: a department keeps its own projects (and its units'), the office the whole
district, the auditor reads. The outsider (an editor and leader of 财政局) is refused everywhere:
every action, every staff page, the list, the export and the to-do list."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from gongkai.procurement import actions, permissions
from gongkai.procurement.models import NoticeKind, Project
from gongkai.procurement.todos import procurement_todos

pytestmark = pytest.mark.django_db


@pytest.fixture
def project(make_project):
    return make_project(code="JY-CG-777", name="教育局专用项目")


def test_the_outsider_cannot_enter_a_project_for_another_department(personas, today):
    with pytest.raises(PermissionDenied):
        actions.create_project(
            actor=personas.outsider,
            organisation=personas.department,
            code="X",
            name="越权",
            year=2018,
            type="goods",
            method="inquiry",
            budget="1000",
        )


def test_the_outsider_is_refused_every_action_on_another_departments_project(personas, project):
    outsider = personas.outsider
    attempts = [
        lambda: actions.update_project(project, actor=outsider, name="改名"),
        lambda: actions.remove_project(project, actor=outsider),
        lambda: actions.start_procurement(project, actor=outsider, started_on=dt.date(2018, 6, 1)),
        lambda: actions.terminate(project, actor=outsider, reason="越权"),
        lambda: actions.draft_notice(project, NoticeKind.INTENTION, actor=outsider),
        lambda: actions.link_notice(project, NoticeKind.INTENTION, actor=outsider, index_no="x"),
    ]
    for attempt in attempts:
        with pytest.raises(PermissionDenied):
            attempt()
    actions.start_procurement(project, actor=personas.editor, started_on=dt.date(2018, 6, 1))
    with pytest.raises(PermissionDenied):
        actions.award(
            project,
            actor=outsider,
            supplier_name="x",
            contract_amount="1",
            supplier_chosen_on=dt.date(2018, 6, 2),
        )


def test_the_outsider_cannot_move_a_project_into_its_own_department(personas, project):
    with pytest.raises(PermissionDenied):
        actions.update_project(project, actor=personas.outsider, organisation=personas.other_department)


def test_a_department_enters_projects_for_the_units_below_it(personas, make_project):
    project = make_project(organisation=personas.budget_unit)
    assert project.organisation == personas.budget_unit
    assert project in permissions.visible_projects(personas.editor)


def test_the_office_reaches_the_whole_district_and_the_auditor_only_reads(personas, project):
    assert project in permissions.visible_projects(personas.coordinator)
    actions.update_project(project, actor=personas.coordinator, name="公开办修改")
    assert project in permissions.visible_projects(personas.auditor)
    with pytest.raises(PermissionDenied):
        actions.update_project(project, actor=personas.auditor, name="审计员修改")


def test_the_outsider_sees_nothing_of_another_department(client, personas, project):
    client.force_login(personas.outsider)
    assert project not in permissions.visible_projects(personas.outsider)
    listing = client.get(reverse("procurement_staff:list"))
    assert listing.status_code == 200
    assert "教育局专用项目" not in listing.content.decode()
    for name in ("project", "edit"):
        assert client.get(reverse(f"procurement_staff:{name}", args=[project.pk])).status_code == 404
    for name, args in (
        ("remove", [project.pk]),
        ("step", [project.pk, "start"]),
        ("draft", [project.pk, NoticeKind.INTENTION]),
        ("link", [project.pk]),
    ):
        assert client.post(reverse(f"procurement_staff:{name}", args=args), {}).status_code == 404
    assert Project.objects.get(pk=project.pk).name == "教育局专用项目"
    import io

    from openpyxl import load_workbook

    export = client.get(reverse("procurement_staff:export"))
    sheet = load_workbook(io.BytesIO(export.content)).active
    assert list(sheet.iter_rows(min_row=2, values_only=True)) == []


def test_the_outsider_gets_no_to_do_of_another_department(personas, make_project, today):
    make_project(planned_start_on=today + dt.timedelta(days=40), year=today.year)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr("gongkai.procurement.deadlines.intention_required_from", lambda: dt.date(2018, 1, 1))
        assert procurement_todos(personas.editor)
        assert procurement_todos(personas.outsider) == []


def test_someone_without_procurement_roles_cannot_open_the_pages(client, personas):
    client.force_login(personas.operator)
    assert client.get(reverse("procurement_staff:list")).status_code == 403
