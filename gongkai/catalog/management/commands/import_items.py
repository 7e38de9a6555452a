"""Import legacy items from an XLSX or CSV sheet (the format export_items writes)."""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from gongkai.catalog import actions
from gongkai.catalog.importer import HEADERS, read_rows, validate
from gongkai.orgs.models import Organisation, OrgKind


def district_arg(code: str | None) -> Organisation:
    districts = Organisation.objects.filter(kind=OrgKind.DISTRICT)
    if code:
        districts = districts.filter(code=code)
    found = list(districts[:2])
    if len(found) != 1:
        raise CommandError("请用 --district 指定区的统一社会信用代码。" if found else "找不到指定的区。")
    return found[0]


class Command(BaseCommand):
    help = "从 XLSX/CSV 批量导入历史政府信息。先逐行校验；任何一行有错则全部不导入，并列出错误。"

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)
        parser.add_argument("--district", help="区的统一社会信用代码（只有一个区时可省略）")
        parser.add_argument("--dry-run", action="store_true", help="只校验，不导入")

    def handle(self, *args, file: Path, district: str | None, dry_run: bool, **options):
        if not file.exists():
            raise CommandError(f"文件不存在：{file}")
        target = district_arg(district)
        try:
            rows = list(tqdm(read_rows(file), desc="读取", unit="行", disable=None, file=self.stderr))
        except ValueError as exc:
            raise CommandError(str(exc)) from exc
        parsed = validate(rows, target)
        if parsed.errors:
            for error in parsed.errors:
                self.stderr.write(str(error))
            raise CommandError(
                f"校验未通过：{len(parsed.errors)} 处错误，涉及 {len({e.row for e in parsed.errors})} 行；未导入任何数据。"
                f"表头应为：{'、'.join(HEADERS)}"
            )
        self.stdout.write(f"校验通过：{len(parsed.records)} 行。")
        if dry_run:
            return
        with tqdm(total=len(parsed.records), desc="导入", unit="条", disable=None, file=self.stderr) as bar:
            items = actions.import_items(parsed.records, target, source=file.name, progress=bar.update)
        self.stdout.write(self.style.SUCCESS(f"已导入 {len(items)} 条政府信息。"))
