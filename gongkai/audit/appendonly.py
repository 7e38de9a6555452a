"""The audit trail's append-only guard in the database itself.

The model and its queryset refuse changes (models.py), but a raw ``UPDATE`` or ``DELETE`` — from a
database shell, another program or a bug that bypasses the ORM — must be refused too. The database
does it with triggers, installed by migration 0002:

* SQLite: ``BEFORE UPDATE`` and ``BEFORE DELETE`` triggers that ``RAISE(ABORT, …)``;
* PostgreSQL: one trigger function raising ``insufficient_privilege`` for ``UPDATE`` or ``DELETE``.

Emptying the whole database with ``manage.py flush`` (an administrator's deliberate wipe, and what
transactional tests do between tests) stays possible: on PostgreSQL flush is a ``TRUNCATE``, which
row triggers do not see; on SQLite the overriding flush command (management/commands/flush.py) lifts
the triggers for the flush only and puts them back whatever happens.
"""

from __future__ import annotations

TABLE = "audit_auditevent"
MESSAGE = "audit events are append-only"

SQLITE_INSTALL = [
    f"CREATE TRIGGER IF NOT EXISTS {TABLE}_no_update BEFORE UPDATE ON {TABLE} "
    f"BEGIN SELECT RAISE(ABORT, '{MESSAGE}: UPDATE refused'); END",
    f"CREATE TRIGGER IF NOT EXISTS {TABLE}_no_delete BEFORE DELETE ON {TABLE} "
    f"BEGIN SELECT RAISE(ABORT, '{MESSAGE}: DELETE refused'); END",
]
SQLITE_REMOVE = [
    f"DROP TRIGGER IF EXISTS {TABLE}_no_update",
    f"DROP TRIGGER IF EXISTS {TABLE}_no_delete",
]

POSTGRESQL_INSTALL = [
    f"""CREATE OR REPLACE FUNCTION {TABLE}_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION '{MESSAGE}: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
END;
$$""",
    f"DROP TRIGGER IF EXISTS {TABLE}_append_only ON {TABLE}",
    f"CREATE TRIGGER {TABLE}_append_only BEFORE UPDATE OR DELETE ON {TABLE} "
    f"FOR EACH ROW EXECUTE FUNCTION {TABLE}_append_only()",
]
POSTGRESQL_REMOVE = [
    f"DROP TRIGGER IF EXISTS {TABLE}_append_only ON {TABLE}",
    f"DROP FUNCTION IF EXISTS {TABLE}_append_only()",
]

_STATEMENTS = {
    "sqlite": (SQLITE_INSTALL, SQLITE_REMOVE),
    "postgresql": (POSTGRESQL_INSTALL, POSTGRESQL_REMOVE),
}


def statements(vendor: str, *, install: bool) -> list[str]:
    """The SQL that installs (or removes) the guard on ``vendor``; other databases are refused."""
    if vendor not in _STATEMENTS:
        raise NotImplementedError(f"no append-only guard for the {vendor} database")
    return _STATEMENTS[vendor][0 if install else 1]


def install(connection) -> None:
    with connection.cursor() as cursor:
        for sql in statements(connection.vendor, install=True):
            cursor.execute(sql)


def remove(connection) -> None:
    with connection.cursor() as cursor:
        for sql in statements(connection.vendor, install=False):
            cursor.execute(sql)


def installed(connection) -> bool:
    """Whether the guard's triggers are in the database."""
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute(
                "SELECT count(*) FROM sqlite_master WHERE type = 'trigger' AND tbl_name = %s", [TABLE]
            )
            return cursor.fetchone()[0] == 2
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT count(*) FROM pg_trigger WHERE tgrelid = %s::regclass AND NOT tgisinternal",
                [TABLE],
            )
            return cursor.fetchone()[0] >= 1
    return False
