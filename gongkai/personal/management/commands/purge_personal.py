"""Remove the personal data of records past their retention period (PERSONAL_DATA_RETENTION).

Run it from the scheduler (monthly is enough) or by hand; ``--dry-run`` lists what would go. A record
is purged once; what the statistics count stays, so every figure and annual report is unchanged.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.utils.translation import gettext as _

from gongkai.personal.actions import purge_personal


class Command(BaseCommand):
    help = _("删除保存期满的个人信息（统计数据不变）")

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--dry-run", action="store_true", help=_("只列出将删除的内容，不做修改"))

    def handle(self, *args: Any, dry_run: bool = False, **options: Any) -> None:
        results = purge_personal(dry_run=dry_run)
        verb = _("将删除") if dry_run else _("已删除")
        for r in results:
            self.stdout.write(
                _(
                    "%(label)s（保存 %(years)d 年，办结于 %(cutoff)s 之前）：%(verb)s %(records)d 条记录的 %(fields)d 项个人信息、%(files)d 个文件"
                )
                % {
                    "label": r.rule.label,
                    "years": r.rule.years(),
                    "cutoff": r.cutoff.isoformat(),
                    "verb": verb,
                    "records": r.records,
                    "fields": r.fields,
                    "files": r.files,
                }
            )
            if dry_run:
                for names in r.by_district.values():
                    for name in names:
                        self.stdout.write(f"  {name}")
        total = sum(r.records for r in results)
        self.stdout.write(
            _("共 %(n)d 条记录。") % {"n": total} + (_("（试运行，未做修改）") if dry_run else "")
        )
