"""Another department is refused everywhere: every action, every staff page, every export and the
reveal of personal data; the office sees the whole district."""

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from gongkai.personal.access import reveal_token
from gongkai.publicity import actions, permissions
from gongkai.publicity.kinds import Kind
from gongkai.publicity.models import Entry

pytestmark = pytest.mark.django_db


def test_the_outsider_is_refused_by_every_action(filled, household, sheet, personas, make_list):
    outsider = personas.outsider
    publicity = filled(2)
    entry = Entry.objects.filter(publicity=publicity).first()
    calls = [
        lambda: actions.create_publicity(
            actor=outsider, organisation=personas.department, kind=Kind.URBAN_DIBAO, title="x", year=2018
        ),
        lambda: actions.update_publicity(publicity, actor=outsider, title="改"),
        lambda: actions.add_entry(publicity, actor=outsider, **household()),
        lambda: actions.remove_entry(entry, actor=outsider),
        lambda: actions.import_entries(publicity, sheet(["姓名"], []), actor=outsider),
        lambda: actions.release_publicity(publicity, actor=outsider),
        lambda: actions.link_notice(publicity, actor=outsider, index_no="x"),
        lambda: actions.set_period(personas.district, Kind.URBAN_DIBAO, actor=outsider, period_days=9),
    ]
    for call in calls:
        with pytest.raises(PermissionDenied):
            call()
    released = actions.release_publicity(publicity, actor=personas.editor)
    with pytest.raises(PermissionDenied):
        actions.record_objection(released, actor=outsider, received_on=None, content="x")
    assert Entry.objects.filter(publicity=publicity).count() == 2


def test_the_outsider_is_refused_on_every_staff_page(filled, personas, client):
    publicity = filled(2)
    entry = Entry.objects.filter(publicity=publicity).first()
    client.force_login(personas.outsider)
    gets = [
        reverse("publicity_staff:detail", args=[publicity.pk]),
        reverse("publicity_staff:edit", args=[publicity.pk]),
        reverse("publicity_staff:import", args=[publicity.pk]),
        reverse("publicity_staff:entries_export", args=[publicity.pk]),
    ]
    for url in gets:
        assert client.get(url).status_code in (403, 404), url
    posts = [
        reverse("publicity_staff:entry_add", args=[publicity.pk]),
        reverse("publicity_staff:release", args=[publicity.pk]),
        reverse("publicity_staff:link", args=[publicity.pk]),
        reverse("publicity_staff:objection_new", args=[publicity.pk]),
        reverse("publicity_staff:entry_remove", args=[entry.pk]),
        reverse("publicity_staff:periods"),
    ]
    for url in posts:
        assert client.post(url, {"index_no": "x", "kind": "urban_dibao", "period_days": "3"}).status_code in (403, 404), url
    listing = client.get(reverse("publicity_staff:list"))
    assert listing.status_code == 200 and publicity.title not in listing.content.decode()
    export = client.get(reverse("publicity_staff:export"))
    from io import BytesIO

    from openpyxl import load_workbook

    assert load_workbook(BytesIO(export.content)).active.max_row == 1  # the header only
    token = reveal_token(entry, "id_number")
    refused = client.post(reverse("personal:reveal"), {"token": token})
    assert refused.status_code == 403
    assert entry.id_number.plaintext() not in refused.content.decode()
    assert Entry.objects.filter(publicity=publicity).count() == 2


def test_the_office_sees_the_whole_district_and_the_editor_its_own(filled, personas, make_list):
    mine = filled(1)
    theirs = make_list(actor=personas.coordinator, organisation=personas.other_department, title="财政局的名单")
    assert set(permissions.visible_publicities(personas.coordinator)) == {mine, theirs}
    assert set(permissions.visible_publicities(personas.editor)) == {mine}
    assert set(permissions.visible_publicities(personas.outsider)) == {theirs}
    assert permissions.can_configure(personas.coordinator, personas.district)
    assert not permissions.can_configure(personas.editor, personas.district)


def test_the_editor_reveals_a_full_id_number_and_the_look_is_audited(filled, personas, client):
    from gongkai.audit.models import AuditEvent, AuditKind

    entry = Entry.objects.filter(publicity=filled(1)).first()
    client.force_login(personas.editor)
    page = client.get(reverse("publicity_staff:detail", args=[entry.publicity_id])).content.decode()
    assert entry.id_number.plaintext() not in page and entry.id_number.masked in page
    answer = client.post(reverse("personal:reveal"), {"token": reveal_token(entry, "id_number"), "purpose": "核对"})
    assert answer.json()["value"] == entry.id_number.plaintext()
    event = AuditEvent.objects.get(kind=AuditKind.PERSONAL_VIEW)
    assert event.actor == personas.editor and entry.id_number.plaintext() not in event.note
