"""The audit trail is append-only and readable only within the reader's reach."""

import pytest

from gongkai.audit.log import record
from gongkai.audit.models import AppendOnlyError, AuditEvent

pytestmark = pytest.mark.django_db


def test_an_event_cannot_be_changed_or_deleted(personas):
    event = record(
        "org.update_contacts", actor=personas.editor, target=personas.department, changes={"a": [1, 2]}
    )
    event.note = "改写"
    with pytest.raises(AppendOnlyError):
        event.save()
    with pytest.raises(AppendOnlyError):
        event.delete()
    with pytest.raises(AppendOnlyError):
        AuditEvent.objects.filter(pk=event.pk).update(note="改写")
    with pytest.raises(AppendOnlyError):
        AuditEvent.objects.all().delete()
    assert AuditEvent.objects.get(pk=event.pk).note == ""


def test_an_event_records_who_when_what_and_old_and_new_values(personas):
    event = record(
        "org.update_contacts", actor=personas.editor, target=personas.department, changes={"phone": ["", "1"]}
    )
    assert event.actor_name == "王编辑"
    assert event.organisation == personas.department
    assert event.district == personas.district
    assert event.target_type == "orgs.organisation"
    assert event.changes == {"phone": ["", "1"]}
    assert event.at is not None


def test_the_admin_offers_no_way_to_change_an_event(client, personas):
    from django.contrib.admin.sites import site

    from gongkai.audit.admin import AuditEventAdmin

    admin = AuditEventAdmin(AuditEvent, site)
    assert not admin.has_change_permission(None) and not admin.has_delete_permission(None)
    assert not admin.has_add_permission(None)


def test_sign_ins_and_failed_attempts_are_recorded_without_the_password(client, personas):
    personas.editor.set_password("correct-horse-battery")
    personas.editor.save()
    client.post("/staff/login/", {"username": "editor", "password": "wrong-password-typed"})
    client.post("/staff/login/", {"username": "editor", "password": "correct-horse-battery"})
    failed = AuditEvent.objects.get(action="auth.login_failed")
    assert "editor" in failed.note and "wrong-password-typed" not in str(failed.__dict__)
    ok = AuditEvent.objects.get(action="auth.login")
    assert ok.actor == personas.editor
    assert ok.ip == "127.0.0.1"
