"""Who may do what: a department keeps its own powers, the office the whole district, the auditor
reads. The outsider (an editor and leader of 财政局) is refused everything of 教育局's."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied

from gongkai.accounts.factories import make_staff
from gongkai.accounts.roles import Role
from gongkai.powers import actions, permissions
from gongkai.powers.models import ChangeKind, PowerChange

pytestmark = pytest.mark.django_db


@pytest.fixture
def draft(make_document):
    return make_document("教发〔2018〕10号", issued_on=dt.date(2018, 4, 20))


@pytest.fixture
def district_draft(personas, make_document):
    """A district-wide document of the government, made by the office."""
    return make_document(
        "北政发〔2018〕10号",
        issued_on=dt.date(2018, 4, 20),
        actor=personas.coordinator,
        organisation=personas.district,
    )


# --- actions ------------------------------------------------------------------------------------


def test_the_outsider_cannot_record_a_change_of_another_departments_power(personas, listed, district_draft):
    for kind in (ChangeKind.CANCEL, ChangeKind.ADJUST, ChangeKind.PARTIAL_CANCEL):
        with pytest.raises(PermissionDenied):
            actions.record_change(
                district_draft, actor=personas.outsider, code="JY-001", kind=kind, name="改名", note="说明"
            )


def test_the_outsider_cannot_add_a_power_to_another_department(personas, district_draft, add_power):
    with pytest.raises(PermissionDenied):
        add_power(district_draft, "JY-100", kind=ChangeKind.ADD, actor=personas.outsider)


def test_the_outsider_cannot_take_a_power_over_into_its_own_department(personas, listed, district_draft):
    with pytest.raises(PermissionDenied):
        actions.record_change(
            district_draft,
            actor=personas.outsider,
            code="JY-001",
            kind=ChangeKind.ADJUST,
            organisation=personas.other_department,
        )


def test_the_outsider_cannot_remove_release_or_open_documents_of_another_department(
    personas, draft, add_power
):
    change = add_power(draft, "JY-100", kind=ChangeKind.ADD)
    with pytest.raises(PermissionDenied):
        actions.remove_change(change, actor=personas.outsider)
    with pytest.raises(PermissionDenied):
        actions.release_document(draft, actor=personas.outsider)
    with pytest.raises(PermissionDenied):
        actions.link_notice(draft, actor=personas.outsider, index_no="x")
    with pytest.raises(PermissionDenied):
        actions.create_document(
            actor=personas.outsider,
            organisation=personas.department,
            number="教发〔2018〕99号",
            title="越权",
            issued_on=dt.date(2018, 1, 1),
        )


def test_a_department_records_its_own_powers_under_the_districts_document(
    personas, district_draft, add_power
):
    change = add_power(district_draft, "JY-100", kind=ChangeKind.ADD, actor=personas.editor)
    assert change.organisation == personas.department
    own = add_power(
        district_draft,
        "CZ-001",
        kind=ChangeKind.ADD,
        actor=personas.outsider,
        organisation=personas.other_department,
    )
    assert own.organisation == personas.other_department


def test_the_office_records_for_the_whole_district_and_the_auditor_only_reads(
    personas, district_draft, add_power
):
    add_power(
        district_draft,
        "CZ-001",
        kind=ChangeKind.ADD,
        actor=personas.coordinator,
        organisation=personas.other_department,
    )
    with pytest.raises(PermissionDenied):
        add_power(district_draft, "JY-100", kind=ChangeKind.ADD, actor=personas.auditor)
    assert permissions.visible_changes(personas.auditor).count() == 1
    assert permissions.visible_changes(personas.editor).count() == 0


def test_releasing_needs_an_editor_of_the_issuing_organisation(personas, district_draft, add_power):
    add_power(district_draft, "JY-100", kind=ChangeKind.ADD)
    with pytest.raises(PermissionDenied) as exc:
        actions.release_document(district_draft, actor=personas.coordinator)
    assert "信息编辑" in str(exc.value)
    district_editor = make_staff("gov_editor", personas.district, Role.EDITOR)
    document = actions.release_document(district_draft, actor=district_editor)
    assert document.notice_item_id


def test_reviewers_and_leaders_see_but_do_not_record(personas, draft):
    for persona in (personas.reviewer, personas.leader):
        with pytest.raises(PermissionDenied):
            actions.record_change(
                draft,
                actor=persona,
                code="JY-100",
                kind=ChangeKind.ADD,
                name="x",
                type="licensing",
                basis="x",
                organisation=personas.department,
                responsibilities="x",
            )
        assert permissions.can_open(persona)


# --- pages --------------------------------------------------------------------------------------


def test_the_outsider_sees_none_of_another_departments_powers_on_the_workbench(client, personas, listed):
    client.force_login(personas.outsider)
    power = PowerChange.objects.filter(power__code="JY-001").first().power
    assert client.get(f"/staff/powers/p/{power.pk}/").status_code == 404
    page = client.get("/staff/powers/").content.decode()
    assert "JY-001" not in page and "没有符合条件的权力" in page
    export = client.get("/staff/powers/export.xlsx")
    assert export.status_code == 200 and b"JY-001" not in export.content
    assert (
        client.get(f"/staff/powers/documents/{listed.pk}/").status_code == 200
    )  # the document, not its changes
    assert "权力JY-001" not in client.get(f"/staff/powers/documents/{listed.pk}/").content.decode()


def test_the_outsider_is_refused_the_forms_for_another_departments_powers(client, personas, listed, draft):
    client.force_login(personas.outsider)
    response = client.post(
        f"/staff/powers/documents/{draft.pk}/record/", {"code": "JY-001", "kind": ChangeKind.CANCEL}
    )
    assert response.status_code == 403
    assert not PowerChange.objects.filter(document=draft).exists()
    change = PowerChange.objects.filter(power__code="JY-001").first()
    assert client.post(f"/staff/powers/changes/{change.pk}/remove/").status_code == 404
    assert client.post(f"/staff/powers/documents/{draft.pk}/release/").status_code == 403


def test_people_without_a_power_role_are_refused_the_workbench_pages(client, personas):
    client.force_login(personas.operator)
    for url in ("/staff/powers/", "/staff/powers/documents/", "/staff/powers/export.xlsx"):
        assert client.get(url).status_code == 403


def test_the_pages_need_a_sign_in(client, db):
    response = client.get("/staff/powers/")
    assert response.status_code == 302 and "login" in response["Location"]
