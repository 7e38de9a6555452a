"""Django's ``flush``, able to empty the audit trail too.

The audit table refuses deletes in the database (audit/appendonly.py). Emptying the whole database
— an administrator's deliberate ``manage.py flush``, and what transactional tests do after each
test — must still work: on SQLite the guard's triggers are lifted for the flush and put back
afterwards, whatever happens. (On PostgreSQL flush truncates, which the row triggers do not see.)
"""

from __future__ import annotations

from django.core.management.commands.flush import Command as FlushCommand
from django.db import DEFAULT_DB_ALIAS, connections

from gongkai.audit import appendonly


class Command(FlushCommand):
    def handle(self, **options):
        connection = connections[options.get("database") or DEFAULT_DB_ALIAS]
        if connection.vendor != "sqlite" or not appendonly.installed(connection):
            return super().handle(**options)
        appendonly.remove(connection)
        try:
            return super().handle(**options)
        finally:
            appendonly.install(connection)
