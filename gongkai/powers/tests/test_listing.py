"""The list as it stood on a day: each power's latest change by then, the cancelled ones left out,
its status the kind of that change."""

import datetime as dt

import pytest

from gongkai.powers import actions, listing
from gongkai.powers.models import ChangeKind, PowerChange
from gongkai.powers.public import public_changes

pytestmark = pytest.mark.django_db

BEFORE, ISSUED, AFTER = dt.date(2018, 4, 19), dt.date(2018, 4, 20), dt.date(2018, 4, 21)


def _codes(entries):
    return sorted(e.power.code for e in entries.select_related("power"))


def _statuses(entries):
    return {e.power.code: e.get_status_display() for e in entries.select_related("power")}


@pytest.fixture
def changed_2018(personas, listed, make_document, add_power, publish):
    """北政发-style document of 20 April 2018: one power cancelled, one adjusted, one added."""
    document = make_document("教发〔2018〕10号", issued_on=ISSUED)
    actions.record_change(document, actor=personas.editor, code="JY-001", kind=ChangeKind.CANCEL)
    actions.record_change(
        document,
        actor=personas.editor,
        code="JY-002",
        kind=ChangeKind.ADJUST,
        name="对民办学校违规办学的处罚",
    )
    add_power(document, "JY-004", "校外培训机构设立审批", kind=ChangeKind.ADD)
    return publish(document)


def test_the_list_before_a_change_event_is_the_list_as_first_published(changed_2018, personas):
    entries = listing.in_force(public_changes(personas.district), BEFORE)
    assert _codes(entries) == ["JY-001", "JY-002", "JY-003"]
    assert set(_statuses(entries).values()) == {"保留"}


def test_the_list_on_and_after_the_event_follows_it(changed_2018, personas):
    for day in (ISSUED, AFTER):
        entries = listing.in_force(public_changes(personas.district), day)
        assert _codes(entries) == ["JY-002", "JY-003", "JY-004"]
        assert _statuses(entries) == {"JY-002": "调整", "JY-003": "保留", "JY-004": "新增"}
        adjusted = entries.get(power__code="JY-002")
        assert adjusted.name == "对民办学校违规办学的处罚" and adjusted.basis  # the rest kept


def test_a_cancelled_power_is_still_found_with_its_status_among_the_latest_changes(changed_2018, personas):
    latest = listing.latest(public_changes(personas.district), AFTER)
    assert _statuses(latest)["JY-001"] == "已取消"


def test_before_the_list_was_published_there_was_no_list(changed_2018, personas):
    assert not listing.in_force(public_changes(personas.district), dt.date(2016, 5, 31)).exists()


def test_a_power_moved_to_another_organisation_belongs_to_the_new_one(personas, listed, make_document):
    document = make_document("教发〔2019〕1号", issued_on=dt.date(2019, 1, 1), actor=personas.coordinator)
    actions.record_change(
        document,
        actor=personas.coordinator,
        code="JY-003",
        kind=ChangeKind.ADJUST,
        organisation=personas.budget_unit,
    )
    changes = PowerChange.objects.filter(power__district=personas.district)
    day = dt.date(2019, 6, 1)
    entries = listing.in_force(changes, day)
    department_only = listing.narrowed(entries, organisation_ids=[personas.department.pk])
    assert _codes(department_only) == ["JY-001", "JY-002"]
    unit = listing.narrowed(entries, organisation_ids=[personas.budget_unit.pk])
    assert _codes(unit) == ["JY-003"]


def test_filters_by_type_and_keyword(listed, personas):
    entries = listing.in_force(public_changes(personas.district), AFTER)
    assert _codes(listing.narrowed(entries, type="penalty")) == ["JY-002"]
    assert _codes(listing.narrowed(entries, q="JY-003")) == ["JY-003"]
    assert _codes(listing.narrowed(entries, q="民办教育促进法")) == ["JY-001", "JY-002", "JY-003"]
