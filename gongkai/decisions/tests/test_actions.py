"""Recording, correcting, releasing and withdrawing decisions, and what each leaves behind."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import connection

from gongkai.audit.models import AuditEvent
from gongkai.catalog.models import Item
from gongkai.decisions import actions, public
from gongkai.decisions.models import BatchGroup, Decision, DecisionState
from gongkai.decisions.tests.conftest import (
    credit_code,
    id_number,
    licensing_values,
    penalty_values,
    person_values,
)

pytestmark = pytest.mark.django_db


def errors_of(excinfo) -> dict:
    return excinfo.value.message_dict


def test_a_legal_persons_licence_is_recorded_in_full(record):
    decision = record()
    assert decision.state == DecisionState.RECORDED
    assert decision.party_name == "郴州市北湖区示例培训学校"
    assert decision.source == decision.organisation
    assert decision.publicity_ends_on is None  # licensing: no publicity period
    event = AuditEvent.objects.get(action="decision.record")
    assert event.changes["number"] == [None, "北教许〔2018〕1号"]


def test_a_natural_persons_name_is_stored_masked_and_the_id_number_encrypted(record):
    decision = record(person_values())
    assert decision.party_name == "张**"
    assert decision.person_name.plaintext() == "张三丰"
    assert decision.id_number.plaintext() == id_number(123)
    with connection.cursor() as cursor:
        cursor.execute("SELECT id_number, person_name FROM decisions_decision WHERE id = %s", [decision.pk])
        raw = cursor.fetchone()
    assert id_number(123) not in raw[0] and "张三丰" not in raw[1]
    assert Decision.objects.filter(id_number=id_number(123)).get() == decision
    event = AuditEvent.objects.get(action="decision.record")
    assert "张三丰" not in str(event.changes) and id_number(123) not in str(event.changes)


@pytest.mark.parametrize(
    ("values", "field", "words"),
    [
        (person_values(id_number="431002199001011230"), "id_number", "校验位"),
        (person_values(id_number=""), "id_number", "身份证号码"),
        (person_values(credit_code=credit_code(3)), "credit_code", "自然人不填"),
        (licensing_values(credit_code="91431002MA4L000010"), "credit_code", "校验位"),
        (licensing_values(legal_rep=""), "legal_rep", "法定代表人"),
        (licensing_values(decided_on=dt.date(2018, 6, 2)), "decided_on", "不能晚于今天"),
        (licensing_values(category="fine"), "category", "普通、特许"),
        (licensing_values(valid_to=dt.date(2018, 1, 1)), "valid_to", "不能早于"),
        (penalty_values(fine_wan=None), "fine_wan", "请填写罚款金额"),
        (penalty_values(category_2="", content="警告"), "fine_wan", "不应填写罚款金额"),
        (penalty_values(category_2="warning"), "category_2", "不能与处罚类别一相同"),
        (penalty_values(facts=""), "facts", "违法事实"),
        (penalty_values(fine_wan="八千"), "fine_wan", "应为数字"),
    ],
)
def test_a_wrong_decision_is_refused_with_the_field_named(record, values, field, words):
    with pytest.raises(ValidationError) as excinfo:
        record(values)
    messages = errors_of(excinfo)
    assert field in messages, messages
    assert words in messages[field][0]
    assert not Decision.objects.exists()


def test_a_number_is_recorded_once_in_a_district(record):
    record()
    with pytest.raises(ValidationError) as excinfo:
        record(title="另一件")
    assert "已登记文书号" in errors_of(excinfo)["number"][0]


def test_the_publicity_period_follows_the_penalty(record):
    minor = record(penalty_values())
    assert minor.publicity_ends_on == dt.date(2018, 8, 23)  # warning and 0.8 万元: three months
    big = record(penalty_values(number="北教罚〔2018〕4号", fine_wan=Decimal("5")))
    assert big.publicity_ends_on == dt.date(2021, 5, 23)  # a fine above 1 万元: three years


def test_a_recorded_decision_is_corrected_and_the_change_audited(personas, record):
    decision = record()
    actions.update_decision(
        decision, actor=personas.editor, **licensing_values(title="民办学校办学许可（变更）")
    )
    decision.refresh_from_db()
    assert decision.title == "民办学校办学许可（变更）"
    event = AuditEvent.objects.get(action="decision.edit")
    assert event.changes == {"title": ["民办学校办学许可", "民办学校办学许可（变更）"]}


def test_release_drafts_one_item_for_the_batch_and_the_public_sees_it_after_approval(
    personas, record, approve
):
    first, second = record(), record(person_values())
    batch = actions.release_batch(
        actor=personas.editor,
        organisation=personas.department,
        group=BatchGroup.LICENSING,
        decisions=[first, second],
    )
    item = Item.objects.get(pk=batch.notice_item_id)
    assert item.organisation == personas.department
    assert item.versions.get().column.slug == "xzxk"
    assert batch.title == "测试区教育局行政许可信息公示（2018年第1期）"
    body = item.versions.get().body
    assert "北教许〔2018〕1号" in body and "张**" in body
    assert "张三丰" not in body and id_number(123) not in body
    assert set(Decision.objects.values_list("state", flat=True)) == {DecisionState.RELEASED}
    assert not public.on_portal(personas.district, dt.date(2018, 6, 1)).exists()
    approve(batch)
    assert set(public.on_portal(personas.district, dt.date(2018, 6, 1))) == {first, second}
    with pytest.raises(ValidationError):
        actions.update_decision(first, actor=personas.editor, **licensing_values())


def test_release_refuses_a_mixed_batch(personas, record):
    licence, penalty = record(), record(penalty_values())
    with pytest.raises(ValidationError, match="不属于本批次的类别"):
        actions.release_batch(
            actor=personas.editor,
            organisation=personas.department,
            group=BatchGroup.LICENSING,
            decisions=[licence, penalty],
        )
    assert set(Decision.objects.values_list("state", flat=True)) == {DecisionState.RECORDED}


def test_a_withdrawn_decision_leaves_the_portal_with_its_reason_kept(personas, record, publish):
    decision = record()
    publish(decision)
    with pytest.raises(ValidationError) as excinfo:
        actions.withdraw_decision(decision, actor=personas.editor, on=dt.date(2018, 6, 1), reason=" ")
    assert "撤销理由" in errors_of(excinfo)["reason"][0]
    actions.withdraw_decision(
        decision,
        actor=personas.editor,
        on=dt.date(2018, 6, 1),
        reason="经行政复议决定撤销（北政复决字〔2018〕3号）",
    )
    decision.refresh_from_db()
    assert decision.state == DecisionState.WITHDRAWN
    assert not public.on_portal(personas.district, dt.date(2018, 6, 1)).exists()
    assert list(public.withdrawn_after_publication(personas.district)) == [decision]


def test_a_decision_entered_by_mistake_is_removed_before_release_only(personas, record, publish):
    wrong = record()
    actions.remove_decision(wrong, actor=personas.editor)
    assert not Decision.objects.exists()
    kept = record()
    publish(kept)
    with pytest.raises(ValidationError, match="不能执行“删除”"):
        actions.remove_decision(kept, actor=personas.editor)


def test_the_periodic_job_takes_a_penalty_off_the_portal_after_its_period(personas, record, publish, clock):
    from gongkai.decisions.periodic_jobs import end_decision_publicity

    decision = record(penalty_values())  # public through 23 August 2018
    publish(decision)
    assert public.on_portal(personas.district, dt.date(2018, 8, 23)).get() == decision
    assert not public.on_portal(personas.district, dt.date(2018, 8, 24)).exists()
    clock.move_to(dt.datetime(2018, 8, 24, 1, 0, tzinfo=dt.UTC), tick=False)
    assert end_decision_publicity(dt.datetime(2018, 8, 24, 1, 0, tzinfo=dt.UTC)) == "撤下 1 件"
    assert end_decision_publicity(dt.datetime(2018, 8, 24, 7, 0, tzinfo=dt.UTC)) == "撤下 0 件"
    decision.refresh_from_db()
    assert decision.state == DecisionState.ENDED
    assert public.published(personas.district).get() == decision  # still counted, kept for staff
    assert AuditEvent.objects.filter(action="decision.end").count() == 1


def test_the_office_sets_the_rules_and_new_decisions_follow_them(personas, record):
    actions.update_rules(personas.district, actor=personas.coordinator, publish_within=5, minor_months=6)
    decision = record(penalty_values())
    assert decision.publicity_ends_on == dt.date(2018, 11, 23)
    with pytest.raises(ValidationError):
        actions.update_rules(personas.district, actor=personas.coordinator, publish_within=0)
