"""The database itself refuses to change or delete audit events; the trail exports for archiving."""

import csv
import datetime as dt
import hashlib
import json

import pytest
import time_machine
from django.core.management import CommandError, call_command
from django.db import DatabaseError, connection, transaction

from gongkai.audit import appendonly
from gongkai.audit.log import record
from gongkai.audit.models import AuditEvent

assert AuditEvent._meta.db_table == "audit_auditevent"  # the table the raw SQL below names


def _raw(sql, params=()):
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(sql, params)


@pytest.mark.django_db
def test_the_database_refuses_a_raw_update_or_delete(personas):
    event = record("org.update_contacts", actor=personas.editor, target=personas.department)
    assert appendonly.installed(connection)
    with pytest.raises(DatabaseError, match="append-only"):
        _raw("UPDATE audit_auditevent SET note = %s WHERE id = %s", ["改写", event.pk])
    with pytest.raises(DatabaseError, match="append-only"):
        _raw("DELETE FROM audit_auditevent WHERE id = %s", [event.pk])
    with pytest.raises(DatabaseError, match="append-only"):
        _raw("DELETE FROM audit_auditevent")
    event.refresh_from_db()
    assert event.note == ""
    # Appending still works.
    record("org.update_contacts", actor=personas.editor, target=personas.department, note="第二条")
    assert AuditEvent.objects.count() == 2


def test_the_guard_is_written_for_both_databases_and_refuses_others():
    assert any("BEFORE UPDATE" in sql for sql in appendonly.statements("sqlite", install=True))
    assert any("BEFORE DELETE" in sql for sql in appendonly.statements("sqlite", install=True))
    pg = " ".join(appendonly.statements("postgresql", install=True))
    assert "BEFORE UPDATE OR DELETE" in pg and "RAISE EXCEPTION" in pg and "FOR EACH ROW" in pg
    assert any("DROP FUNCTION" in sql for sql in appendonly.statements("postgresql", install=False))
    with pytest.raises(NotImplementedError):
        appendonly.statements("mysql", install=True)


@pytest.mark.django_db(transaction=True)
def test_flush_still_empties_the_database_and_the_guard_comes_back(personas):
    record("org.update_contacts", actor=personas.editor, target=personas.department)
    call_command("flush", interactive=False, verbosity=0)
    assert AuditEvent.objects.count() == 0
    assert appendonly.installed(connection)
    event = record("system.check", note="清空之后")
    with pytest.raises(DatabaseError, match="append-only"):
        _raw("DELETE FROM audit_auditevent WHERE id = %s", [event.pk])


def _events_on_three_days(personas):
    made = []
    for day, note in [(10, "十日"), (11, "十一日"), (12, "十二日")]:
        with time_machine.travel(dt.datetime(2026, 3, day, 9, 30, tzinfo=dt.UTC), tick=False):
            made.append(
                record(
                    "org.update_contacts",
                    actor=personas.editor,
                    target=personas.department,
                    changes={"phone": ["", f"0730-{day}"]},
                    note=f'{note}，含逗号,与"引号"\n换行',
                )
            )
    return made


@pytest.mark.django_db
def test_export_as_json_lines_with_a_period_and_the_file_hash(personas, tmp_path, capsys):
    _events_on_three_days(personas)
    out = tmp_path / "audit.jsonl"
    call_command("export_audit", "--since", "2026-03-11", "--until", "2026-03-11", "--out", str(out))
    lines = out.read_text(encoding="utf-8").splitlines()
    rows = [json.loads(line) for line in lines]
    assert [r["note"].split("，")[0] for r in rows] == ["十一日"]
    assert rows[0]["actor_name"] == "王编辑"
    assert rows[0]["organisation"] == personas.department.name
    assert rows[0]["changes"] == {"phone": ["", "0730-11"]}
    printed = capsys.readouterr().out
    assert "已导出 1 条" in printed
    assert hashlib.sha256(out.read_bytes()).hexdigest() in printed


@pytest.mark.django_db
def test_export_as_csv_oldest_first_with_every_column(personas, tmp_path, capsys):
    made = _events_on_three_days(personas)
    out = tmp_path / "audit.csv"
    call_command("export_audit", "--out", str(out))
    with out.open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    assert [int(r["id"]) for r in rows] == [e.pk for e in made]
    assert rows[2]["note"] == made[2].note
    assert json.loads(rows[0]["changes"]) == {"phone": ["", "0730-10"]}
    assert rows[0]["at"].startswith("2026-03-10T09:30")
    assert hashlib.sha256(out.read_bytes()).hexdigest() in capsys.readouterr().out
    # An hour-precise window, end excluded.
    call_command(
        "export_audit",
        "--since",
        "2026-03-10T00:00",
        "--until",
        "2026-03-12T09:30+00:00",
        "--format",
        "jsonl",
        "--out",
        str(out),
        "--force",
    )
    assert len(out.read_text(encoding="utf-8").splitlines()) == 2


@pytest.mark.django_db
def test_export_refuses_bad_input_in_chinese_and_keeps_an_existing_file(tmp_path):
    out = tmp_path / "audit.jsonl"
    out.write_text("上次的归档", encoding="utf-8")
    with pytest.raises(CommandError, match="已存在"):
        call_command("export_audit", "--out", str(out))
    assert out.read_text(encoding="utf-8") == "上次的归档"
    with pytest.raises(CommandError, match="日期格式不正确"):
        call_command("export_audit", "--since", "2026-13-01", "--out", str(tmp_path / "a.jsonl"))
    with pytest.raises(CommandError, match="早于"):
        call_command(
            "export_audit",
            "--since",
            "2026-03-02",
            "--until",
            "2026-03-01",
            "--out",
            str(tmp_path / "b.jsonl"),
        )
    with pytest.raises(CommandError, match="目录不存在"):
        call_command("export_audit", "--out", str(tmp_path / "无此目录" / "c.jsonl"))
