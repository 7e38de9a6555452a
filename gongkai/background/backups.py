"""Consistent backups of the platform while it runs, and their restore.

A backup is a directory:

* ``database.sqlite3`` — SQLite, copied with the sqlite3 online backup API (``Connection.backup``),
  which gives a consistent copy while other processes keep reading and writing;
* or ``database.pgdump`` — PostgreSQL, ``pg_dump --format=custom`` on a snapshot exported from the
  transaction in which the manifest's counts are taken, so the two describe the same moment;
* or ``database.jsonl`` — Django's serialization of every model (``dumpdata``'s, with full-precision
  times), the fallback where ``pg_dump`` is not installed, reported as such;
* ``media/`` — the uploaded files under MEDIA_ROOT, copied after the database, so every file the
  database names is there (uploads are written once, never changed in place);
* ``manifest.json`` — the time, the database vendor and method, the applied migrations, the rows and a
  SHA-256 of the rows of every table, and the size and SHA-256 of every file.

``restore`` checks every file against the manifest before touching anything, refuses a database
that already holds organisations, accounts or audit events unless forced (and then keeps a copy
of what it replaces), restores, and checks the restored tables and files against the manifest.
"""

from __future__ import annotations

import datetime as dt
import decimal
import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
import tempfile
import uuid
from dataclasses import dataclass, field
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.core import serializers
from django.core.management import call_command
from django.core.management.color import no_style
from django.db import connection, transaction

MANIFEST = "manifest.json"
MEDIA = "media"
FORMAT = 1
SQLITE_FILE = "database.sqlite3"
PGDUMP_FILE = "database.pgdump"
DUMPDATA_FILE = "database.jsonl"
METHODS = ("auto", "native", "dumpdata")


class BackupError(Exception):
    """A backup or restore that cannot go on; the message is for the operator, in Chinese."""


# --- hashing -------------------------------------------------------------------------------------


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _plain(value):
    if isinstance(value, memoryview):
        value = value.tobytes()
    if isinstance(value, bytes | bytearray):
        return {"bytes": bytes(value).hex()}
    if isinstance(value, int | float | str | bool) or value is None:
        return value
    return str(value)


def _quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def table_digests(cursor, tables, *, vendor: str) -> dict[str, dict]:
    """For each table: its number of rows and a SHA-256 of every row, in primary-key order."""
    result = {}
    for table in sorted(tables):
        columns = _columns(cursor, table, vendor)
        order = _primary_key(cursor, table, vendor) or columns
        sql = "SELECT {} FROM {} ORDER BY {}".format(  # noqa: S608 — names from the database's own catalogue
            ", ".join(_quote(c) for c in columns),
            _quote(table),
            ", ".join(_quote(c) for c in order),
        )
        cursor.execute(sql)
        digest, rows = hashlib.sha256(), 0
        while batch := cursor.fetchmany(2000):
            for row in batch:
                digest.update(json.dumps([_plain(v) for v in row], ensure_ascii=False).encode())
                digest.update(b"\n")
                rows += 1
        result[table] = {"rows": rows, "sha256": digest.hexdigest()}
    return result


def _columns(cursor, table: str, vendor: str) -> list[str]:
    if vendor == "sqlite":
        cursor.execute(f"PRAGMA table_info({_quote(table)})")
        return [row[1] for row in cursor.fetchall()]
    cursor.execute(
        "SELECT column_name FROM information_schema.columns "
        "WHERE table_schema = current_schema() AND table_name = %s ORDER BY ordinal_position",
        [table],
    )
    return [row[0] for row in cursor.fetchall()]


def _primary_key(cursor, table: str, vendor: str) -> list[str]:
    if vendor == "sqlite":
        cursor.execute(f"PRAGMA table_info({_quote(table)})")
        keyed = sorted((row[5], row[1]) for row in cursor.fetchall() if row[5])
        return [name for _, name in keyed]
    cursor.execute(
        "SELECT a.attname FROM pg_index i "
        "JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = ANY(i.indkey) "
        "WHERE i.indrelid = %s::regclass AND i.indisprimary ORDER BY a.attnum",
        [_quote(table)],
    )
    return [row[0] for row in cursor.fetchall()]


def _all_tables(cursor, vendor: str) -> list[str]:
    if vendor == "sqlite":
        cursor.execute("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
    else:
        cursor.execute(
            "SELECT table_name FROM information_schema.tables "
            "WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'"
        )
    return sorted(row[0] for row in cursor.fetchall())


def _model_tables() -> list[str]:
    return sorted(connection.introspection.django_table_names(only_existing=True, include_views=False))


def _applied_migrations(cursor) -> list[list[str]]:
    cursor.execute("SELECT app, name FROM django_migrations ORDER BY app, name")
    return [list(row) for row in cursor.fetchall()]


def media_root() -> Path:
    return Path(settings.MEDIA_ROOT)


def file_digests(root: Path) -> dict[str, dict]:
    """Every file under ``root``: its path relative to it, size and SHA-256."""
    if not root.is_dir():
        return {}
    found = {}
    for path in sorted(root.rglob("*")):
        if path.is_file() and not path.is_symlink():
            found[path.relative_to(root).as_posix()] = {
                "size": path.stat().st_size,
                "sha256": sha256_of(path),
            }
    return found


# --- backup --------------------------------------------------------------------------------------


@dataclass
class Outcome:
    directory: Path
    manifest: dict
    notes: list[str] = field(default_factory=list)


def backup(out: Path, *, method: str = "auto") -> Outcome:
    """Back the database and the uploaded files up into the new or empty directory ``out``."""
    if method not in METHODS:
        raise BackupError(f"未知的备份方式：{method}")
    out = Path(out)
    if out.exists() and (not out.is_dir() or any(out.iterdir())):
        raise BackupError(f"备份目录已存在且不是空目录：{out}（请指定新的目录）")
    out.mkdir(parents=True, exist_ok=True)
    vendor = connection.vendor
    if vendor not in ("sqlite", "postgresql"):
        raise BackupError(f"不支持的数据库：{vendor}")
    notes: list[str] = []
    if method == "auto":
        if vendor == "postgresql" and not shutil.which("pg_dump"):
            method = "dumpdata"
            notes.append(
                "未找到 pg_dump：数据库改用 Django dumpdata 备份（JSON，恢复时需先迁移到相同版本）。"
            )
        else:
            method = "native"
    if method == "native" and vendor == "postgresql" and not shutil.which("pg_dump"):
        raise BackupError("未找到 pg_dump，无法按 native 方式备份 PostgreSQL；可改用 --method dumpdata")

    if method == "dumpdata":
        database_file, tables, migrations = _backup_dumpdata(out)
    elif vendor == "sqlite":
        database_file, tables, migrations = _backup_sqlite(out)
    else:
        database_file, tables, migrations = _backup_postgresql(out)

    media_out = out / MEDIA
    root = media_root()
    if root.is_dir():
        shutil.copytree(root, media_out, symlinks=False)
    else:
        media_out.mkdir()
        notes.append(f"上传文件目录不存在：{root}（没有上传文件可备份）")
    files = {f"{MEDIA}/{name}": value for name, value in file_digests(media_out).items()}
    files[database_file] = {
        "size": (out / database_file).stat().st_size,
        "sha256": sha256_of(out / database_file),
    }

    manifest = {
        "format": FORMAT,
        "created_at": dt.datetime.now(dt.UTC).isoformat(),
        "vendor": vendor,
        "method": method,
        "database_file": database_file,
        "tables_scope": "model" if method == "dumpdata" else "all",
        "migrations": migrations,
        "tables": tables,
        "files": files,
        "notes": notes,
    }
    (out / MANIFEST).write_text(
        json.dumps(manifest, ensure_ascii=False, indent=1, sort_keys=True), encoding="utf-8"
    )
    return Outcome(out, manifest, notes)


def _backup_sqlite(out: Path):
    _sqlite_path()
    connection.ensure_connection()
    target = out / SQLITE_FILE
    copy = sqlite3.connect(target)
    try:
        # Pages are copied in steps; a write by another connection meanwhile restarts the copy, so
        # the result is always one consistent state of the database.
        connection.connection.backup(copy, pages=1024)
    finally:
        copy.close()
    # Counted in the copy itself: exactly what the backup holds.
    copy = sqlite3.connect(f"file:{target}?mode=ro", uri=True)
    try:
        cursor = copy.cursor()
        tables = table_digests(cursor, _all_tables(cursor, "sqlite"), vendor="sqlite")
        migrations = _applied_migrations(cursor)
    finally:
        copy.close()
    return SQLITE_FILE, tables, migrations


def _pg_env() -> tuple[list[str], dict[str, str]]:
    config = connection.settings_dict
    args, env = [], dict(os.environ)
    if config.get("HOST"):
        args += ["--host", str(config["HOST"])]
    if config.get("PORT"):
        args += ["--port", str(config["PORT"])]
    if config.get("USER"):
        args += ["--username", str(config["USER"])]
    if config.get("PASSWORD"):
        env["PGPASSWORD"] = str(config["PASSWORD"])
    args += ["--dbname", str(config["NAME"])]
    return args, env


def _backup_postgresql(out: Path):
    args, env = _pg_env()
    with transaction.atomic(), connection.cursor() as cursor:
        # One snapshot for the counts and for pg_dump, held while pg_dump runs.
        cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
        cursor.execute("SELECT pg_export_snapshot()")
        snapshot = cursor.fetchone()[0]
        tables = table_digests(cursor, _all_tables(cursor, "postgresql"), vendor="postgresql")
        migrations = _applied_migrations(cursor)
        command = ["pg_dump", "--format=custom", "--no-password", f"--snapshot={snapshot}"]
        command += ["--file", str(out / PGDUMP_FILE), *args]
        done = subprocess.run(command, env=env, capture_output=True, text=True, check=False)  # noqa: S603
        if done.returncode != 0:
            raise BackupError(f"pg_dump 失败：{done.stderr.strip()}")
    return PGDUMP_FILE, tables, migrations


def _backup_dumpdata(out: Path):
    target = out / DUMPDATA_FILE
    if connection.vendor == "sqlite":
        # A second, raw connection takes the write lock: nothing is committed between its counts
        # and the dump, which readers (Django's connection) may still take meanwhile.
        raw = sqlite3.connect(_sqlite_path(), isolation_level=None)
        try:
            raw.execute("BEGIN IMMEDIATE")
            tables = table_digests(raw.cursor(), _model_tables(), vendor="sqlite")
            migrations = _applied_migrations(raw.cursor())
            dump_models(target)
        finally:
            raw.rollback()
            raw.close()
        return DUMPDATA_FILE, tables, migrations
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
        tables = table_digests(cursor, _model_tables(), vendor=connection.vendor)
        migrations = _applied_migrations(cursor)
        dump_models(target)
    return DUMPDATA_FILE, tables, migrations


class _FullPrecision(json.JSONEncoder):
    """Dates and times in full: Django's JSON encoder (and so ``dumpdata``) cuts microseconds to
    milliseconds, which would change every timestamp of a restored database."""

    def default(self, o):
        if isinstance(o, dt.datetime | dt.date | dt.time):
            return o.isoformat()
        if isinstance(o, decimal.Decimal | uuid.UUID):
            return str(o)
        return super().default(o)


def _dumped_models() -> list:
    """Every table's model: concrete models and the many-to-many tables, each with its own keys.

    Dependants come first (the registry lists an app's models, and the apps, in dependency order;
    reversed): a signal that, against Django's advice, acts on a raw save of a row (the calendar bumps
    its year's revision when a day is saved) then finds nothing to change, and the row it would have
    changed is loaded afterwards as it was. The foreign keys are checked at the end of the load."""
    return [
        model
        for model in apps.get_models(include_auto_created=True)
        if model._meta.managed and not model._meta.proxy and model._meta.can_migrate(connection)
    ][::-1]


def _encrypted_columns(model) -> list[str]:
    """Columns of the platform's own fields that turn the stored value into another on reading:
    personal data (personal/fields.py, whose serialization is only a mask). Recognised by that,
    not imported: the background layer does not depend on the personal app."""
    return [
        f.column
        for f in model._meta.concrete_fields
        if type(f).__module__.startswith("gongkai.") and hasattr(f, "from_db_value")
    ]


def _stored(model, columns: list[str], pks: list) -> dict:
    """The columns as stored (personal data: the ciphertext), for the rows ``pks``."""
    if not columns or not pks:
        return {}
    table, pk = model._meta.db_table, model._meta.pk.column
    sql = "SELECT {}, {} FROM {} WHERE {} IN ({})".format(  # noqa: S608 — names from the model's options
        _quote(pk),
        ", ".join(_quote(c) for c in columns),
        _quote(table),
        _quote(pk),
        ", ".join(["%s"] * len(pks)),
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, pks)
        return {row[0]: dict(zip(columns, row[1:], strict=True)) for row in cursor.fetchall()}


def dump_models(target: Path) -> None:
    """Every row of every model as Django's serialization, one JSON object a line. Like
    ``dumpdata --all`` but with full-precision times, the many-to-many rows as their own records (so
    their ids come back too), and personal data as its stored ciphertext — Django's serialization
    would give its mask (personal/fields.py), losing it, and never the plaintext. XML, which keeps
    the precision, refuses control characters that old citizen text may hold."""
    with target.open("w", encoding="utf-8") as out:
        for model in _dumped_models():
            m2m = {f.name for f in model._meta.many_to_many}
            encrypted = _encrypted_columns(model)
            queryset = model._base_manager.order_by("pk")
            for start in range(0, queryset.count(), 1000):
                objects = serializers.serialize("python", queryset[start : start + 1000])
                stored = _stored(model, encrypted, [obj["pk"] for obj in objects])
                for obj in objects:
                    for name in m2m:
                        obj["fields"].pop(name, None)
                    if encrypted:
                        for field in model._meta.concrete_fields:
                            if field.column in encrypted:
                                obj["fields"][field.name] = (
                                    None if stored[obj["pk"]][field.column] is None else ""
                                )
                        obj["stored"] = stored[obj["pk"]]
                    out.write(json.dumps(obj, cls=_FullPrecision, ensure_ascii=False) + "\n")


def load_models(source: Path) -> None:
    """Load a ``dump_models`` file into an empty database, in one transaction."""
    loaded = set()
    with (
        transaction.atomic(),
        connection.constraint_checks_disabled(),
        source.open(encoding="utf-8") as lines,
    ):
        for line in lines:
            data = json.loads(line)
            stored = data.pop("stored", None)
            for item in serializers.deserialize("python", [data], ignorenonexistent=False):
                item.save()
                model = type(item.object)
                loaded.add(model)
                if stored:
                    # The ciphertext as it was, not the empty value just saved in its place.
                    columns = list(stored)
                    sql = "UPDATE {} SET {} WHERE {} = %s".format(  # noqa: S608 — names from the model
                        _quote(model._meta.db_table),
                        ", ".join(f"{_quote(c)} = %s" for c in columns),
                        _quote(model._meta.pk.column),
                    )
                    with connection.cursor() as cursor:
                        cursor.execute(sql, [stored[c] for c in columns] + [item.object.pk])
        tables = [model._meta.db_table for model in loaded]
        connection.check_constraints(table_names=tables)
        statements = connection.ops.sequence_reset_sql(no_style(), list(loaded))
        with connection.cursor() as cursor:
            for sql in statements:
                cursor.execute(sql)


def _sqlite_path() -> str:
    """The SQLite database's file; rows are hashed through a plain sqlite3 connection to it, which
    reads values as stored (Django's own connection converts booleans, dates and decimals)."""
    name = str(connection.settings_dict["NAME"])
    if name == ":memory:" or "mode=memory" in name:
        raise BackupError("内存中的 SQLite 数据库无法备份")
    return name


# --- restore -------------------------------------------------------------------------------------


def read_manifest(directory: Path) -> dict:
    path = Path(directory) / MANIFEST
    if not path.is_file():
        raise BackupError(f"不是备份目录：{directory}（缺少 {MANIFEST}）")
    try:
        manifest = json.loads(path.read_text(encoding="utf-8"))
    except (ValueError, UnicodeDecodeError) as exc:
        raise BackupError(f"备份清单无法读取：{exc}") from exc
    if manifest.get("format") != FORMAT:
        raise BackupError(f"不认识的备份格式：{manifest.get('format')}")
    return manifest


def verify_files(directory: Path, manifest: dict) -> list[str]:
    """Problems with the backup's files: missing, changed or not in the manifest."""
    directory = Path(directory)
    problems = []
    for name, expected in sorted(manifest["files"].items()):
        path = directory / name
        if not path.is_file():
            problems.append(f"缺少文件：{name}")
        elif sha256_of(path) != expected["sha256"]:
            problems.append(f"文件与清单不符（SHA-256 不同）：{name}")
    listed = set(manifest["files"])
    for name in file_digests(directory / MEDIA):
        if f"{MEDIA}/{name}" not in listed:
            problems.append(f"清单中没有的文件：{MEDIA}/{name}")
    return problems


def database_holds_data() -> bool:
    """Whether the database already holds the platform's data (organisations, accounts, audit)."""
    from gongkai.accounts.models import User
    from gongkai.audit.models import AuditEvent
    from gongkai.orgs.models import Organisation

    existing = set(connection.introspection.table_names())
    return any(
        model._meta.db_table in existing and model._default_manager.exists()
        for model in (Organisation, User, AuditEvent)
    )


def current_digests(manifest: dict) -> dict[str, dict]:
    if connection.vendor == "sqlite":
        raw = sqlite3.connect(f"file:{_sqlite_path()}?mode=ro", uri=True)
        try:
            cursor = raw.cursor()
            if manifest.get("tables_scope") == "model":
                tables = _model_tables()
            else:
                tables = _all_tables(cursor, "sqlite")
            return table_digests(cursor, tables, vendor="sqlite")
        finally:
            raw.close()
    with connection.cursor() as cursor:
        if manifest.get("tables_scope") == "model":
            tables = _model_tables()
        else:
            tables = _all_tables(cursor, connection.vendor)
        return table_digests(cursor, tables, vendor=connection.vendor)


def compare(manifest: dict) -> list[str]:
    """Differences between the database and files now and what the manifest records."""
    problems = []
    now = current_digests(manifest)
    for table in sorted(set(now) | set(manifest["tables"])):
        was, is_ = manifest["tables"].get(table), now.get(table)
        if was is None:
            problems.append(f"备份中没有的表：{table}")
        elif is_ is None:
            problems.append(f"恢复后缺少表：{table}")
        elif was["rows"] != is_["rows"]:
            problems.append(f"表 {table} 行数不符：备份 {was['rows']}，恢复后 {is_['rows']}")
        elif was["sha256"] != is_["sha256"]:
            problems.append(f"表 {table} 内容不符（行哈希不同）")
    expected = {k[len(MEDIA) + 1 :]: v for k, v in manifest["files"].items() if k.startswith(f"{MEDIA}/")}
    actual = file_digests(media_root())
    for name in sorted(set(expected) | set(actual)):
        if name not in actual:
            problems.append(f"恢复后缺少上传文件：{name}")
        elif name not in expected:
            problems.append(f"多出的上传文件：{name}")
        elif actual[name]["sha256"] != expected[name]["sha256"]:
            problems.append(f"上传文件内容不符：{name}")
    return problems


def restore(directory: Path, *, force: bool = False) -> Outcome:
    directory = Path(directory)
    manifest = read_manifest(directory)
    problems = verify_files(directory, manifest)
    if problems:
        raise BackupError("备份不完整或已被改动，未恢复任何内容：\n" + "\n".join(problems))
    if manifest["vendor"] != connection.vendor:
        raise BackupError(
            f"备份来自 {manifest['vendor']} 数据库，当前数据库是 {connection.vendor}，不能直接恢复"
        )
    notes: list[str] = []
    if database_holds_data():
        if not force:
            raise BackupError("当前数据库已有数据（机构、账号或审计记录），未恢复；确需覆盖请加 --force")
        notes.append(_keep_current_database())

    method = manifest["method"]
    if method == "dumpdata":
        _restore_dumpdata(directory / manifest["database_file"])
    elif manifest["vendor"] == "sqlite":
        _restore_sqlite(directory / manifest["database_file"])
    else:
        _restore_postgresql(directory / manifest["database_file"])
    kept = _restore_media(directory / MEDIA)
    if kept:
        notes.append(f"原有上传文件已移到：{kept}")
    outcome = Outcome(directory, manifest, notes)
    differences = compare(manifest)
    if differences:
        raise BackupError("恢复后与备份清单不符：\n" + "\n".join(differences))
    return outcome


def _stamp() -> str:
    return dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%SZ")


def _keep_current_database() -> str:
    """Before a forced restore: a backup of what is there now, beside the data directory."""
    keep = Path(settings.DATA_DIR) / "backups" / f"before-restore-{_stamp()}"
    backup(keep, method="auto")
    return f"恢复前的数据已备份到：{keep}"


def _restore_sqlite(source: Path) -> None:
    connection.ensure_connection()
    if connection.in_atomic_block:
        raise BackupError("不能在事务中恢复数据库")
    backup_copy = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
    try:
        # Writes the backup's pages into the platform's own database file, as one transaction.
        backup_copy.backup(connection.connection)
    finally:
        backup_copy.close()


def _restore_postgresql(source: Path) -> None:
    if not shutil.which("pg_restore"):
        raise BackupError("未找到 pg_restore，无法恢复 PostgreSQL 备份")
    args, env = _pg_env()
    connection.close()
    command = ["pg_restore", "--clean", "--if-exists", "--no-owner", "--single-transaction", "--no-password"]
    done = subprocess.run(  # noqa: S603 — fixed program, arguments from the settings
        [*command, *args, str(source)], env=env, capture_output=True, text=True, check=False
    )
    if done.returncode != 0:
        raise BackupError(f"pg_restore 失败：{done.stderr.strip()}")


def _restore_dumpdata(source: Path) -> None:
    call_command("migrate", interactive=False, verbosity=0)
    with transaction.atomic():
        # Empty every model table (the audit's guard is lifted for this only, audit/…/flush.py) and
        # load the backup with its own primary keys, content types and permissions included.
        call_command("flush", interactive=False, inhibit_post_migrate=True, verbosity=0)
        load_models(source)


def _restore_media(source: Path) -> str:
    """Put the backup's files in MEDIA_ROOT; files already there are moved aside, not deleted."""
    root = media_root()
    root.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{root.name}-restoring-", dir=root.parent))
    staging.rmdir()
    shutil.copytree(source, staging)
    kept = ""
    if root.exists():
        if any(root.iterdir()):
            kept_path = root.with_name(f"{root.name}-before-restore-{_stamp()}")
            root.rename(kept_path)
            kept = str(kept_path)
        else:
            root.rmdir()
    staging.rename(root)
    return kept
