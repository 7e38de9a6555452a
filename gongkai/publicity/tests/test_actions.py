"""Entering, releasing and objecting: each action's rules, and what it writes."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import connection

from gongkai.audit.models import AuditEvent
from gongkai.catalog.models import Item, Version
from gongkai.catalog.models import State as ItemState
from gongkai.publicity import actions
from gongkai.publicity.kinds import Kind
from gongkai.publicity.models import Entry, PublicRow, State

pytestmark = pytest.mark.django_db


def test_a_list_takes_the_districts_period_for_its_kind(make_list, personas):
    assert make_list().period_days == 7
    actions.set_period(personas.district, Kind.URBAN_DIBAO, actor=personas.coordinator, period_days=10)
    assert make_list().period_days == 10
    assert make_list(Kind.EXPROPRIATION_DECISION, title="征收决定", facts={"project": "甲", "scope": "乙"}).period_days is None


def test_a_bad_household_is_refused_with_the_reason_and_nothing_is_written(make_list, household, personas):
    publicity = make_list()
    with pytest.raises(ValidationError) as refused:
        actions.add_entry(publicity, actor=personas.editor, **household(id_number="430102199001011235", people=""))
    messages = refused.value.message_dict
    assert "校验位" in messages["id_number"][0]
    assert messages["people"] == ["此项不能为空。"]
    assert not Entry.objects.exists()


def test_the_same_person_twice_in_one_list_is_refused(make_list, household, personas):
    publicity = make_list()
    values = household()
    actions.add_entry(publicity, actor=personas.editor, **values)
    with pytest.raises(ValidationError, match="已在本名单中"):
        actions.add_entry(publicity, actor=personas.editor, **household(id_number=values["id_number"]))


def test_entries_are_numbered_and_their_personal_data_kept_encrypted(filled, personas):
    publicity = filled(3)
    entries = list(Entry.objects.filter(publicity=publicity))
    assert [e.number for e in entries] == [1, 2, 3]
    with connection.cursor() as cursor:
        cursor.execute("SELECT id_number, phone FROM publicity_entry WHERE id = %s", [entries[0].pk])
        stored_id, stored_phone = cursor.fetchone()
    assert entries[0].id_number.plaintext() not in stored_id
    assert entries[0].phone.plaintext() not in stored_phone


def test_release_masks_the_list_once_and_drafts_its_notice_in_the_catalog(filled, personas):
    publicity = filled(4)
    released = actions.release_publicity(publicity, actor=personas.editor)
    assert released.state == State.RELEASED
    rows = list(PublicRow.objects.filter(publicity=publicity).order_by("number"))
    entries = list(Entry.objects.filter(publicity=publicity).order_by("number"))
    assert len(rows) == 4
    for row, entry in zip(rows, entries, strict=True):
        full = entry.id_number.plaintext()
        assert row.id_number == full[:4] + "*" * 10 + full[-4:]
        assert row.name == entry.name.plaintext()[0] + "*" * (len(entry.name.plaintext()) - 1)
        assert (row.people, row.amount, row.town) == (entry.people, entry.amount, entry.town)
    version = Version.objects.get(item_id=released.notice_item_id)
    assert version.state == ItemState.DRAFT
    assert "公示汇总" in version.body and "4" in version.body
    for entry in entries:  # the item carries the summary, never a name or an ID number
        assert entry.id_number.plaintext() not in version.body
        assert entry.name.plaintext() not in version.body
    assert AuditEvent.objects.filter(action="publicity.release").count() == 1


def test_an_empty_list_cannot_be_released(make_list, personas):
    with pytest.raises(ValidationError, match="还没有任何条目"):
        actions.release_publicity(make_list(), actor=personas.editor)
    assert not Item.objects.exists()


def test_a_released_list_is_frozen(filled, household, personas):
    publicity = actions.release_publicity(filled(2), actor=personas.editor)
    with pytest.raises(ValidationError, match="不能执行"):
        actions.add_entry(publicity, actor=personas.editor, **household())
    with pytest.raises(ValidationError, match="不能执行"):
        actions.remove_entry(Entry.objects.filter(publicity=publicity).first(), actor=personas.editor)


def test_a_notice_needs_its_required_facts_and_masks_a_natural_persons(make_list, personas):
    with pytest.raises(ValidationError) as refused:
        make_list(Kind.COMPENSATION_DECISION, title="补偿决定", facts={"amount": "-3"})
    assert set(refused.value.message_dict) == {"fact_project", "fact_amount", "party_name"}
    notice = make_list(
        Kind.COMPENSATION_DECISION,
        title="补偿决定",
        facts={"project": "燕泉路棚改", "amount": "386420.00"},
        party_name="欧阳修文",
        party_address="郴州市北湖区燕泉路128号3栋2单元501室",
    )
    released = actions.release_publicity(notice, actor=personas.editor)
    facts = dict(released.public_facts)
    assert facts["被征收人"] == "欧阳**"
    assert facts["被征收房屋位置"] == "郴州市北湖区****"
    assert facts["补偿金额（元）"] == "386420"


def test_an_objection_is_recorded_only_within_the_period(filled, publish, personas, march_2018):
    publicity = publish(filled(2))
    assert publicity.period_starts_on is None  # recorded by the job; read from the item meanwhile
    objection = actions.record_objection(
        publicity, actor=personas.editor, received_on=dt.date(2018, 3, 5), content="第1户有房产。"
    )
    assert objection.is_open
    march_2018.move_to(dt.datetime(2018, 3, 20, 10, tzinfo=dt.timezone(dt.timedelta(hours=8))))
    with pytest.raises(ValidationError, match="公示期内"):
        actions.record_objection(publicity, actor=personas.editor, received_on=dt.date(2018, 3, 20), content="又一条")
    resolved = actions.resolve_objection(
        objection, actor=personas.editor, outcome="rejected", resolution="经入户核查，该户无房产。", resolved_on=dt.date(2018, 3, 9)
    )
    assert resolved.outcome == "rejected" and not resolved.is_open


def test_amounts_keep_their_cents(make_list, household, personas):
    entry = actions.add_entry(make_list(), actor=personas.editor, **household(amount="325.50"))
    assert entry.amount == Decimal("325.50")
    with pytest.raises(ValidationError, match="两位小数"):
        actions.add_entry(make_list(), actor=personas.editor, **household(amount="1.005"))
