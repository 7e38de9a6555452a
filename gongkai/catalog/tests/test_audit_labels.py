"""An item's history in words (audit_labels.py, read by audit/history.py): what each event changed."""

import pytest

from gongkai.audit.history import describe, history
from gongkai.audit.models import AuditEvent
from gongkai.catalog import actions

pytestmark = pytest.mark.django_db


def test_the_history_of_an_item_says_what_each_event_changed(personas, make_version, publish):
    version = make_version(title="原标题")
    actions.update_draft(version, actor=personas.editor, title="新标题", keywords="低保")
    publish(version)
    actions.withdraw(version.item, actor=personas.coordinator, reason="内容有误")
    entries = history(version.item)
    assert [(e.what, e.detail, e.note) for e in entries] == [
        ("撤回", "", "内容有误"),
        ("发布", "待领导审批 → 已发布；版本 — → 1", ""),
        ("保密审查通过", "待保密审查 → 待领导审批", ""),
        ("提交审查", "草稿 → 待保密审查", ""),
        ("修改内容", "修改了：标题、关键词", ""),
        ("创建", f"索引号 {version.item.index_no}", ""),
    ]
    assert entries[-1].who == "王编辑"


def test_a_correction_names_its_version_numbers(personas, make_version, publish):
    first = make_version()
    publish(first)
    correction = actions.start_correction(first.item, actor=personas.editor)
    publish(correction)
    details = {e.what: e.detail for e in history(first.item)}
    assert details["开始更正"] == "版本 1 → 2"
    assert details["发布更正"] == "待领导审批 → 已发布；版本 1 → 2"


def test_the_audit_trail_words_item_events_the_same_way(personas, make_version):
    version = make_version()
    actions.submit(version, actor=personas.editor)
    event = AuditEvent.objects.get(action="item.submit")
    assert describe(event) == "草稿 → 待保密审查"
