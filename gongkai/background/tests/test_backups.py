"""Backups restore: every record and every uploaded file comes back exactly, on SQLite.

(PostgreSQL's pg_dump path runs where CI has PostgreSQL; the dumpdata fallback is proven here.)
"""

import datetime as dt
import hashlib
import json

import pytest
from django.apps import apps
from django.core.management import CommandError, call_command
from django.db import DatabaseError, connection, transaction

from gongkai.applications import actions as applications
from gongkai.applications.models import ApplicantType, Application, Channel
from gongkai.audit.log import record
from gongkai.audit.models import AuditEvent

pytestmark = pytest.mark.django_db(transaction=True)


def every_record():
    """Every row of every model (many-to-many tables included), by primary key: independent of the
    manifest's own row hashes."""
    return {
        model._meta.label: list(model._base_manager.order_by("pk").values_list())
        for model in apps.get_models(include_auto_created=True)
    }


def every_file(root):
    return {
        p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(root.rglob("*"))
        if p.is_file()
    }


@pytest.fixture
def site(settings, tmp_path, personas):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.DATA_DIR = tmp_path / "data"
    (settings.MEDIA_ROOT / "applications" / "2026").mkdir(parents=True)
    (settings.MEDIA_ROOT / "applications" / "2026" / "身份证明.pdf").write_bytes(
        b"%PDF-1.4\n" + bytes(range(256))
    )
    (settings.MEDIA_ROOT / "catalog").mkdir()
    (settings.MEDIA_ROOT / "catalog" / "附件 一.docx").write_bytes(b"PK\x03\x04" + b"\x00" * 100)
    applications.submit_application(
        organisation=personas.department,
        data={
            "applicant_type": ApplicantType.NATURAL,
            "name": "张晓明",
            "id_type": "mainland_id",
            "id_number": "431002198506121234",
            "phone": "13800138000",
            "email": "zhang@example.com",
            "address": "郴州市北湖区人民路12号",
            "description": "2018年城乡低保资金发放明细",
            "form": "electronic",
            "delivery": "online",
        },
        channel=Channel.IN_PERSON,
        actor=personas.coordinator,
        arrived_on=dt.date(2025, 6, 9),
    )
    for n in range(3):
        record(
            "org.update_contacts",
            actor=personas.editor,
            target=personas.department,
            changes={"phone": [str(n), str(n + 1)]},
            note=f"第{n}条",
        )
    return settings.MEDIA_ROOT


def _change_everything(media, personas):
    record("org.update_contacts", actor=personas.editor, target=personas.department, note="备份之后")
    personas.department.__class__.objects.filter(pk=personas.department.pk).update(name="改名后的单位")
    (media / "catalog" / "附件 一.docx").write_bytes(b"changed")
    (media / "applications" / "2026" / "身份证明.pdf").unlink()
    (media / "新文件.txt").write_text("备份之后上传")


@pytest.mark.parametrize("method", ["auto", "dumpdata"])
def test_backup_and_restore_bring_back_every_record_and_file(site, personas, tmp_path, method, capsys):
    records, files = every_record(), every_file(site)
    out = tmp_path / "backup"
    call_command("backup", "--out", str(out), "--method", method)
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["vendor"] == connection.vendor
    assert manifest["method"] == ("native" if method == "auto" else "dumpdata")
    assert manifest["tables"]["audit_auditevent"]["rows"] == AuditEvent.objects.count() >= 3
    # Personal data stays encrypted in the backup, whichever way it was made.
    database = (out / manifest["database_file"]).read_bytes()
    assert "张晓明".encode() not in database and b"13800138000" not in database
    assert manifest["files"]["media/catalog/附件 一.docx"]["sha256"] == files["catalog/附件 一.docx"]
    printed = capsys.readouterr().out
    assert "已备份到" in printed and "上传文件 2 个" in printed

    _change_everything(site, personas)
    assert every_record() != records and every_file(site) != files

    with pytest.raises(CommandError, match="已有数据"):
        call_command("restore", str(out))
    assert AuditEvent.objects.filter(note="备份之后").exists()  # refused: nothing touched

    call_command("restore", str(out), "--force")
    assert every_record() == records
    assert every_file(site) == files
    restored = Application.objects.get()
    assert restored.name.plaintext() == "张晓明" and restored.phone.plaintext() == "13800138000"
    printed = capsys.readouterr().out
    assert "均与清单核对一致" in printed
    # What the restore replaced is kept: the database's state just before, and the old files.
    kept = list((tmp_path / "data" / "backups").glob("before-restore-*"))
    assert len(kept) == 1 and (kept[0] / "manifest.json").is_file()
    assert [p.name for p in tmp_path.glob("media-before-restore-*")]
    # The audit's guard is back after the restore.
    with (
        pytest.raises(DatabaseError, match="append-only"),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute("DELETE FROM audit_auditevent")


def test_a_damaged_backup_is_refused_before_anything_is_touched(site, personas, tmp_path):
    out = tmp_path / "backup"
    call_command("backup", "--out", str(out))
    (out / "media" / "catalog" / "附件 一.docx").write_bytes(b"tampered")
    (out / "media" / "extra.txt").write_text("x")
    record("org.update_contacts", actor=personas.editor, target=personas.department, note="备份之后")
    with pytest.raises(CommandError, match="SHA-256") as refused:
        call_command("restore", str(out), "--force")
    assert "清单中没有的文件：media/extra.txt" in str(refused.value)
    with pytest.raises(CommandError, match="已被改动"):
        call_command("restore", str(out), "--check")
    assert AuditEvent.objects.filter(note="备份之后").exists()
    assert (site / "catalog" / "附件 一.docx").read_bytes().startswith(b"PK")


def test_backup_refuses_a_directory_in_use_and_restore_a_directory_that_is_no_backup(site, tmp_path):
    used = tmp_path / "used"
    used.mkdir()
    (used / "old.txt").write_text("保留")
    with pytest.raises(CommandError, match="不是空目录"):
        call_command("backup", "--out", str(used))
    assert (used / "old.txt").read_text() == "保留"
    with pytest.raises(CommandError, match="不是备份目录"):
        call_command("restore", str(used))
