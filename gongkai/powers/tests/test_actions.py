"""Recording changes: the rules every change meets, and the audit trail in words."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from gongkai.audit.history import history
from gongkai.audit.models import AuditEvent
from gongkai.powers import actions
from gongkai.powers.models import ChangeKind, DocumentState, Power, PowerChange

pytestmark = pytest.mark.django_db


def _messages(exc_info) -> str:
    return " ".join(exc_info.value.messages)


@pytest.fixture
def later(make_document):
    return make_document("教发〔2018〕10号", issued_on=dt.date(2018, 4, 20))


def test_a_power_cannot_be_cancelled_when_it_is_not_in_force_that_day(personas, listed, make_document):
    early = make_document("教发〔2015〕1号", issued_on=dt.date(2015, 1, 1))
    with pytest.raises(ValidationError) as exc:
        actions.record_change(early, actor=personas.editor, code="JY-001", kind=ChangeKind.CANCEL)
    assert "不在清单中" in _messages(exc)


def test_a_cancelled_power_cannot_be_cancelled_or_adjusted_again(personas, listed, later, make_document):
    actions.record_change(later, actor=personas.editor, code="JY-001", kind=ChangeKind.CANCEL)
    again = make_document("教发〔2019〕2号", issued_on=dt.date(2019, 3, 1))
    for kind in (ChangeKind.CANCEL, ChangeKind.ADJUST, ChangeKind.PARTIAL_CANCEL):
        with pytest.raises(ValidationError) as exc:
            actions.record_change(
                again, actor=personas.editor, code="JY-001", kind=kind, name="新名称", note="x"
            )
        assert "不在清单中" in _messages(exc)


def test_an_existing_code_cannot_be_added_even_after_it_was_cancelled(
    personas, listed, later, add_power, make_document
):
    with pytest.raises(ValidationError) as exc:
        add_power(later, "JY-001", kind=ChangeKind.ADD)
    assert "已有编码 JY-001" in _messages(exc)
    actions.record_change(later, actor=personas.editor, code="JY-001", kind=ChangeKind.CANCEL)
    with pytest.raises(ValidationError):
        add_power(
            make_document("教发〔2019〕2号", issued_on=dt.date(2019, 3, 1)),
            "JY-001",
            kind=ChangeKind.TAKE_OVER,
        )


@pytest.mark.parametrize("kind", [ChangeKind.ADD, ChangeKind.TAKE_OVER, ChangeKind.BASELINE])
@pytest.mark.parametrize("missing", ["name", "type", "basis", "organisation", "responsibilities"])
def test_a_new_power_needs_every_attribute(personas, later, kind, missing):
    values = {
        "name": "校外培训机构设立审批",
        "type": "licensing",
        "basis": "《民办教育促进法》",
        "organisation": personas.department,
        "responsibilities": "受理、审查、决定",
    }
    values[missing] = None if missing == "organisation" else ""
    with pytest.raises(ValidationError) as exc:
        actions.record_change(later, actor=personas.editor, code="JY-009", kind=kind, **values)
    assert missing in exc.value.message_dict
    assert not Power.objects.filter(code="JY-009").exists()


def test_a_change_needs_a_draft_source_document(personas, listed):
    assert listed.state == DocumentState.RELEASED
    with pytest.raises(ValidationError) as exc:
        actions.record_change(listed, actor=personas.editor, code="JY-001", kind=ChangeKind.CANCEL)
    assert "已提交发布" in _messages(exc)


def test_attributes_not_given_stay_as_they_were_and_an_adjustment_must_change_one(personas, listed, later):
    with pytest.raises(ValidationError) as exc:
        actions.record_change(later, actor=personas.editor, code="JY-002", kind=ChangeKind.ADJUST)
    assert "至少改变一项" in _messages(exc)
    change = actions.record_change(
        later, actor=personas.editor, code="JY-002", kind=ChangeKind.ADJUST, basis="《行政处罚法》第八条"
    )
    assert change.name == "权力JY-002" and change.type == "penalty" and change.basis == "《行政处罚法》第八条"
    assert change.effective_on == later.issued_on


def test_a_partial_cancellation_says_what_was_cancelled(personas, listed, later):
    with pytest.raises(ValidationError) as exc:
        actions.record_change(later, actor=personas.editor, code="JY-003", kind=ChangeKind.PARTIAL_CANCEL)
    assert "note" in exc.value.message_dict
    change = actions.record_change(
        later, actor=personas.editor, code="JY-003", kind=ChangeKind.PARTIAL_CANCEL, note="取消对校车的检查"
    )
    assert change.get_status_display() == "部分取消"


def test_history_is_added_to_not_rewritten(personas, listed, later, make_document):
    actions.record_change(later, actor=personas.editor, code="JY-003", kind=ChangeKind.ADJUST, name="新名称")
    earlier = make_document("教发〔2017〕5号", issued_on=dt.date(2017, 5, 1))
    with pytest.raises(ValidationError) as exc:
        actions.record_change(earlier, actor=personas.editor, code="JY-003", kind=ChangeKind.CANCEL)
    assert "2018年4月20日生效的变更" in _messages(exc)


def test_one_document_changes_a_power_once(personas, listed, later):
    actions.record_change(later, actor=personas.editor, code="JY-003", kind=ChangeKind.ADJUST, name="新名称")
    with pytest.raises(ValidationError) as exc:
        actions.record_change(
            later,
            actor=personas.editor,
            code="JY-003",
            kind=ChangeKind.ADJUST,
            name="又一个名称",
            effective_on=dt.date(2018, 5, 1),
        )
    assert "本文件已登记" in _messages(exc)


def test_a_bad_code_and_an_organisation_of_another_district_are_refused(personas, later):
    from gongkai.accounts.factories import build_personas

    elsewhere = build_personas(prefix="外区", region="431003")
    with pytest.raises(ValidationError) as exc:
        actions.record_change(
            later,
            actor=personas.coordinator,
            code="含 空格",
            kind=ChangeKind.ADD,
            organisation=elsewhere.department,
        )
    assert set(exc.value.message_dict) == {"code", "organisation"}


def test_removing_a_draft_change_and_a_code_never_published_leaves_no_trace(
    personas, listed, later, add_power
):
    change = add_power(later, "JY-010", kind=ChangeKind.ADD)
    actions.remove_change(change, actor=personas.editor)
    assert not Power.objects.filter(code="JY-010").exists()
    cancel = actions.record_change(later, actor=personas.editor, code="JY-001", kind=ChangeKind.CANCEL)
    actions.remove_change(cancel, actor=personas.editor)
    assert PowerChange.objects.filter(power__code="JY-001").count() == 1


def test_a_released_documents_changes_cannot_be_removed(personas, listed):
    change = PowerChange.objects.get(document=listed, power__code="JY-001")
    with pytest.raises(ValidationError):
        actions.remove_change(change, actor=personas.editor)


def test_document_numbers_are_unique_in_the_district(personas, make_document):
    make_document("北政发〔2018〕10号")
    with pytest.raises(ValidationError) as exc:
        make_document("北政发〔2018〕10号")
    assert "number" in exc.value.message_dict


def test_the_history_of_a_power_and_of_a_document_in_words(personas, listed, later):
    actions.record_change(later, actor=personas.editor, code="JY-002", kind=ChangeKind.ADJUST, name="新名称")
    entries = history(Power.objects.get(code="JY-002"))
    assert [e.what for e in entries] == ["登记变更", "登记变更"]
    assert "新名称" in entries[0].detail and entries[0].who == "王编辑"
    assert [e.what for e in history(listed)][:2] == ["提交发布", "登记依据文件"]
    assert AuditEvent.objects.filter(action="power_document.release", target_id=str(listed.pk)).exists()
