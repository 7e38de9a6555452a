"""Re-encrypt all personal data under the first key of PERSONAL_DATA_KEYS.

Key rotation: put the new key first in PERSONAL_DATA_KEYS (keeping the old ones after it), restart,
run this command, then remove the old keys. Values already under the current key are left alone,
so the command can be re-run after an interruption; a second run changes nothing.
``--reindex`` also recomputes every blind index (after changing PERSONAL_DATA_INDEX_KEY).
"""

from __future__ import annotations

from typing import Any

from django.apps import apps
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connection, models, transaction
from django.db.models import ExpressionWrapper, F, TextField, Value
from django.utils.translation import gettext as _

from gongkai.personal.crypto import DecryptionError, blind_index, decrypt, is_current, reencrypt
from gongkai.personal.fields import EncryptedField

BATCH_SIZE = 500


def models_with_personal_data() -> list[tuple[type[models.Model], list[EncryptedField]]]:
    """Every model with encrypted fields whose table exists in the database."""
    tables = set(connection.introspection.table_names())
    found = []
    for model in apps.get_models():
        opts = model._meta
        if opts.proxy or opts.swapped or opts.db_table not in tables:
            continue
        fields = [f for f in opts.local_concrete_fields if isinstance(f, EncryptedField)]
        if fields:
            found.append((model, fields))
    return found


def rotate_model(
    model: type[models.Model], fields: list[EncryptedField], *, reindex: bool = False, dry_run: bool = False
) -> tuple[int, int]:
    """Re-encrypt (and with ``reindex`` re-hash) ``fields`` of every row; (rows changed, failures)."""
    indexes = {f.name: f.index_field() for f in fields} if reindex else {}
    # Read the raw column (no decryption on load): wrap it in an expression typed as plain text.
    raw = {f"_raw_{f.attname}": ExpressionWrapper(F(f.attname), output_field=TextField()) for f in fields}
    hashes = [index.attname for index in indexes.values() if index is not None]
    manager = model._base_manager
    changed = failed = 0
    last_pk = None
    while True:
        rows = manager.order_by("pk").annotate(**raw)
        if last_pk is not None:
            rows = rows.filter(pk__gt=last_pk)
        batch = list(rows.values("pk", *raw, *hashes)[:BATCH_SIZE])
        if not batch:
            return changed, failed
        last_pk = batch[-1]["pk"]
        with transaction.atomic():
            for row in batch:
                updates: dict[str, Any] = {}
                try:
                    for field in fields:
                        token = row[f"_raw_{field.attname}"]
                        if not token:
                            continue
                        if not is_current(token):
                            updates[field.attname] = Value(reencrypt(token), output_field=TextField())
                        index = indexes.get(field.name)
                        if index is not None:
                            digest = blind_index(field.kind, decrypt(token))
                            if row[index.attname] != digest:
                                updates[index.attname] = digest
                except DecryptionError:
                    failed += 1
                    continue
                if updates:
                    changed += 1
                    if not dry_run:
                        # Value(...) keeps update() from encrypting the token a second time.
                        manager.filter(pk=row["pk"]).update(**updates)


class Command(BaseCommand):
    help = _("用第一个密钥重新加密全部个人信息（密钥轮换）；可重复执行。")

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--reindex", action="store_true", help=_("同时重新计算检索码（更换检索密钥后）"))
        parser.add_argument("--dry-run", action="store_true", help=_("只统计，不写入"))

    def handle(self, *args: Any, reindex: bool, dry_run: bool, **options: Any) -> None:
        total_failed = 0
        for model, fields in models_with_personal_data():
            changed, failed = rotate_model(model, fields, reindex=reindex, dry_run=dry_run)
            total_failed += failed
            names = ", ".join(f.name for f in fields)
            self.stdout.write(
                _("%(model)s (%(fields)s): %(changed)d 条已更新, %(failed)d 条无法解密")
                % {"model": model._meta.label, "fields": names, "changed": changed, "failed": failed}
            )
        if total_failed:
            raise CommandError(
                _("%(count)d 条记录无法用现有密钥解密，请检查 PERSONAL_DATA_KEYS") % {"count": total_failed}
            )
