"""The publication workflow, enforced on the server."""

import datetime as dt
import re

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from gongkai.audit.models import AuditEvent
from gongkai.catalog import actions
from gongkai.catalog.models import Item, State
from gongkai.catalog.workflow import TRANSITIONS, IllegalTransition

pytestmark = pytest.mark.django_db


def test_a_new_item_gets_an_index_number_of_its_organisation_and_year(make_version, personas):
    version = make_version(written_date=dt.date(2018, 3, 5))
    assert re.fullmatch(rf"{personas.department.code}/2018-00001", version.item.index_no)
    second = make_version(written_date=dt.date(2018, 4, 1))
    assert second.item.index_no.endswith("/2018-00002")


def test_index_numbers_are_never_reused_after_a_draft_is_deleted(make_version):
    first = make_version(written_date=dt.date(2018, 3, 5))
    number = first.item.index_no
    first.item.delete()
    assert make_version(written_date=dt.date(2018, 3, 6)).item.index_no != number


def test_the_full_path_publishes_with_the_real_time(make_version, publish):
    version = make_version()
    before = timezone.now()
    publish(version)
    item = Item.objects.get(pk=version.item_id)
    assert item.live_id == version.pk and item.is_public
    assert item.first_published_at >= before
    version.refresh_from_db()
    assert version.state == State.PUBLISHED


@pytest.mark.parametrize(
    ("verb", "state"),
    [
        ("review_pass", State.DRAFT),
        ("approve", State.SUBMITTED),
        ("approve", State.DRAFT),
        ("submit", State.SUBMITTED),
    ],
)
def test_illegal_transitions_are_refused(make_version, personas, verb, state):
    version = make_version()
    version.state = state
    version.save()
    call = {
        "review_pass": lambda: actions.review(version, actor=personas.reviewer, passed=True),
        "approve": lambda: actions.approve(version, actor=personas.leader, approved=True),
        "submit": lambda: actions.submit(version, actor=personas.editor),
    }[verb]
    with pytest.raises(IllegalTransition):
        call()


def test_every_transition_names_a_known_permission():
    from gongkai.accounts.roles import PERMISSIONS

    for transition in TRANSITIONS.values():
        assert transition.permission in PERMISSIONS


def test_the_editor_cannot_review_or_approve_own_item(make_version, personas):
    version = make_version()
    actions.submit(version, actor=personas.editor)
    with pytest.raises(PermissionDenied):
        actions.review(version, actor=personas.editor, passed=True)
    actions.review(version, actor=personas.reviewer, passed=True)
    with pytest.raises(PermissionDenied):
        actions.approve(version, actor=personas.editor, approved=True)


def test_a_reviewer_of_another_department_is_refused(make_version, personas):
    from gongkai.accounts.models import Membership
    from gongkai.accounts.roles import Role

    Membership.objects.create(
        user=personas.outsider, organisation=personas.other_department, role=Role.REVIEWER
    )
    version = make_version()
    actions.submit(version, actor=personas.editor)
    with pytest.raises(PermissionDenied):
        actions.review(version, actor=personas.outsider, passed=True)
    version.refresh_from_db()
    assert version.state == State.SUBMITTED


def test_a_rejection_returns_to_draft_with_its_reason(make_version, personas):
    version = make_version()
    actions.submit(version, actor=personas.editor)
    with pytest.raises(ValidationError):
        actions.review(version, actor=personas.reviewer, passed=False, reason=" ")
    actions.review(version, actor=personas.reviewer, passed=False, reason="含有个人身份证号，请删除后再提交")
    version.refresh_from_db()
    assert version.state == State.DRAFT
    assert "身份证" in version.last_rejection
    assert AuditEvent.objects.filter(action="item.review_reject", note__contains="身份证").exists()


def test_scheduled_items_publish_only_when_due(make_version, personas):
    later = timezone.now() + dt.timedelta(hours=2)
    version = make_version(scheduled_at=later)
    actions.submit(version, actor=personas.editor)
    actions.review(version, actor=personas.reviewer, passed=True)
    actions.approve(version, actor=personas.leader, approved=True)
    version.refresh_from_db()
    assert version.state == State.SCHEDULED
    assert not Item.objects.get(pk=version.item_id).is_public
    assert actions.publish_due(now=timezone.now()) == 0
    assert actions.publish_due(now=later + dt.timedelta(minutes=1)) == 1
    assert actions.publish_due(now=later + dt.timedelta(minutes=2)) == 0  # safe to run twice
    assert Item.objects.get(pk=version.item_id).is_public


def test_a_correction_keeps_the_index_number_and_the_history(make_version, publish, personas):
    first = make_version(title="原标题")
    publish(first)
    correction = actions.start_correction(first.item, actor=personas.editor)
    assert correction.number == 2 and correction.item.index_no == first.item.index_no
    actions.update_draft(correction, actor=personas.editor, title="更正后的标题")
    publish(correction)
    item = Item.objects.get(pk=first.item_id)
    assert item.live.title == "更正后的标题"
    first.refresh_from_db()
    assert first.state == State.SUPERSEDED
    assert item.versions.count() == 2


def test_withdrawal_takes_the_item_off_and_keeps_its_history(make_version, publish, personas):
    version = make_version()
    publish(version)
    with pytest.raises(PermissionDenied):
        actions.withdraw(version.item, actor=personas.editor, reason="错误")
    actions.withdraw(version.item, actor=personas.coordinator, reason="内容有误，重新审核")
    item = Item.objects.get(pk=version.item_id)
    assert not item.is_public and item.versions.count() == 1
    assert AuditEvent.objects.filter(action="item.withdraw", target_id=str(item.pk)).exists()


def test_editors_cannot_back_date_the_published_date(make_version, publish):
    version = make_version()
    with pytest.raises(ValidationError):
        actions.update_draft(
            version, actor=version.author, published_at=timezone.now() - dt.timedelta(days=300)
        )


def test_rules_and_normative_documents_need_validity_and_a_document_number(make_version, personas):
    from gongkai.catalog.models import Column

    column = Column.objects.get(district=personas.district, slug="gfxwj")
    with pytest.raises(ValidationError) as err:
        make_version(column=column, doc_kind="normative")
    assert {"validity", "doc_number"} <= set(err.value.message_dict)


def test_a_body_is_sanitised_when_stored(make_version):
    version = make_version(
        body='<p onclick="x()">正文<script>alert(1)</script><a href="javascript:alert(2)">链接</a></p>'
    )
    assert "script" not in version.body and "onclick" not in version.body and "javascript" not in version.body
    assert "正文" in version.body


def test_the_periodic_job_publishes_due_items(make_version, personas):
    from gongkai.background.periodic import run_job

    version = make_version(scheduled_at=timezone.now() + dt.timedelta(seconds=1))
    actions.submit(version, actor=personas.editor)
    actions.review(version, actor=personas.reviewer, passed=True)
    actions.approve(version, actor=personas.leader, approved=True)
    assert not Item.objects.get(pk=version.item_id).is_public
    import time_machine

    with time_machine.travel(timezone.now() + dt.timedelta(minutes=5)):
        run_job("publish_scheduled_items", trigger="command")
    assert Item.objects.get(pk=version.item_id).is_public
