"""The audit trail page (/staff/audit/): every event in words, filtered, scoped to the reader."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from gongkai.audit import history
from gongkai.audit.log import record

pytestmark = pytest.mark.django_db


def _rows(html: str) -> str:
    return html.split("<tbody>", 1)[1].split("</tbody>", 1)[0]


def test_the_office_browses_and_filters_the_trail_in_words(client, personas):
    record("org.update_contacts", actor=personas.editor, target=personas.department)
    record("org.create", actor=personas.coordinator, target=personas.other_department)
    client.force_login(personas.coordinator)
    rows = _rows(client.get("/staff/audit/").content.decode())
    assert "修改单位联系信息" in rows and "新建单位" in rows
    rows = _rows(client.get("/staff/audit/?action=org.create").content.decode())
    assert "修改单位联系信息" not in rows and "新建单位" in rows


def test_changes_are_worded_with_the_field_names_and_choice_labels(client, personas):
    record(
        "org.update_contacts",
        actor=personas.editor,
        target=personas.department,
        changes={"phone": [None, "0731-1234567"], "kind": ["department", "town"]},
    )
    client.force_login(personas.coordinator)
    rows = _rows(client.get("/staff/audit/").content.decode())
    assert "联系电话：（空） → 0731-1234567" in rows and "类型：区直部门 → 乡镇" in rows
    assert "phone" not in rows and "department" not in rows


def test_a_department_leader_sees_only_own_department_events(client, personas):
    record("org.update_contacts", actor=personas.editor, target=personas.department, note="本局")
    record("org.update_contacts", actor=personas.outsider, target=personas.other_department, note="外局")
    client.force_login(personas.leader)
    html = client.get("/staff/audit/").content.decode()
    assert "本局" in html and "外局" not in html


def test_an_editor_may_not_read_the_trail(client, personas):
    client.force_login(personas.editor)
    assert client.get("/staff/audit/").status_code == 403


def _recorded_codes() -> set[str]:
    """Every action code written as a literal in a record(...) call of the platform's code."""
    codes = set()
    for path in Path(__file__).resolve().parents[2].glob("**/*.py"):
        if "tests" in path.parts or "migrations" in path.parts:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and getattr(node.func, "id", getattr(node.func, "attr", "")) == "record":
                args = [*node.args[:1], *(k.value for k in node.keywords if k.arg == "action")]
                codes |= {a.value for a in args if isinstance(a, ast.Constant) and isinstance(a.value, str)}
    return codes


def test_every_action_code_the_platform_records_has_a_chinese_label():
    codes = _recorded_codes()
    assert len(codes) > 30
    missing = sorted(code for code in codes if history.action_label(code) == code)
    assert not missing, f"no label in any app's audit_labels.py: {missing}"
