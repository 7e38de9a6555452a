"""The actions of the hotline's settings, roster and export, called directly: each checks who may
itself (the pages are not the only callers), and each records what changed."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from gongkai.accounts.factories import build_personas
from gongkai.audit.models import AuditEvent
from gongkai.hotline import actions
from gongkai.hotline.deadlines import limits_of
from gongkai.hotline.models import Category, DutyShift, HotlineSettings, Ticket

pytestmark = pytest.mark.django_db


@pytest.fixture
def elsewhere():
    return build_personas(prefix="外区", region="431003")


def _shift(personas, **values) -> DutyShift:
    return DutyShift(
        date=dt.date(2025, 6, 2), shift="full_day", person_name="张区长", position="区长", **values
    )


@pytest.mark.parametrize("who", ["editor", "auditor", "outsider"])
def test_staff_who_do_not_configure_the_hotline_change_nothing(personas, hotline, who):
    actor = getattr(personas, who)
    with pytest.raises(PermissionDenied):
        actions.save_category(Category(name="住房保障"), actor=actor, district=personas.district)
    with pytest.raises(PermissionDenied):
        actions.update_limits(limits_of(personas.district.pk), actor=actor, district=personas.district)
    with pytest.raises(PermissionDenied):
        actions.save_shift(_shift(personas), actor=actor, district=personas.district)
    assert not DutyShift.objects.exists() and not HotlineSettings.objects.exists()
    assert not AuditEvent.objects.filter(action__startswith="hotline.").exists()


def test_another_districts_operator_may_not_change_this_districts_settings(personas, hotline, elsewhere):
    category = hotline["教育"]
    category.name = "外区改名"
    with pytest.raises(PermissionDenied):
        actions.save_category(category, actor=elsewhere.operator, district=personas.district)
    with pytest.raises(PermissionDenied):
        # nor pass this district's category off as one of their own
        actions.save_category(category, actor=elsewhere.operator, district=elsewhere.district)
    assert Category.objects.get(pk=category.pk).name == "教育"


def test_a_category_is_handled_by_a_unit_of_its_own_district(personas, elsewhere):
    category = Category(name="住房保障", default_organisation=elsewhere.department)
    with pytest.raises(ValidationError, match="本区"):
        actions.save_category(category, actor=personas.operator, district=personas.district)


def test_the_first_limits_a_district_saves_are_audited_against_the_defaults(personas):
    limits = limits_of(personas.district.pk)
    assert limits.pk is None and limits.limit_normal == 5
    limits.limit_normal, limits.extension_max = 7, 8
    actions.update_limits(limits, actor=personas.coordinator, district=personas.district)
    assert HotlineSettings.objects.get(district=personas.district).limit_normal == 7
    event = AuditEvent.objects.get(action="hotline.settings.edit")
    assert event.changes == {"limit_normal": [5, 7], "extension_max": [10, 8]}
    again = limits_of(personas.district.pk)
    again.limit_urgent = 3
    actions.update_limits(again, actor=personas.coordinator, district=personas.district)
    assert HotlineSettings.objects.filter(district=personas.district).count() == 1
    assert AuditEvent.objects.filter(action="hotline.settings.edit").latest("id").changes == {
        "limit_urgent": [2, 3]
    }


def test_a_shift_that_took_calls_is_kept(personas, hotline, call):
    shift = actions.save_shift(_shift(personas), actor=personas.operator, district=personas.district)
    ticket = call()
    Ticket.objects.filter(pk=ticket.pk).update(duty=shift)
    with pytest.raises(ValidationError, match="不能删除"):
        actions.delete_shift(shift, actor=personas.operator)
    assert DutyShift.objects.filter(pk=shift.pk).exists()
    assert AuditEvent.objects.filter(action="hotline.duty.add").count() == 1


def test_the_export_lists_only_visible_tickets_and_is_audited(personas, hotline, call):
    ours, theirs = call(), call(matter="财政补贴没有发放")
    actions.dispatch(ours, personas.department, actor=personas.operator)
    actions.dispatch(theirs, personas.other_department, actor=personas.operator)
    rows = actions.export_tickets(Ticket.objects.all(), actor=personas.editor, limit=100)
    assert [t.pk for t in rows] == [ours.pk]
    event = AuditEvent.objects.get(action="ticket.export")
    assert event.actor_id == personas.editor.pk and "1件" in event.note
    with pytest.raises(PermissionDenied):
        actions.export_tickets(Ticket.objects.all(), actor=personas.sysadmin, limit=100)
