"""Export a district's public items to XLSX or CSV (the format import_items reads)."""

from __future__ import annotations

import csv
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from gongkai.catalog.importer import export_rows
from gongkai.catalog.management.commands.import_items import district_arg


class Command(BaseCommand):
    help = "导出本区已公开的政府信息为 XLSX 或 CSV，格式与导入一致。"

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)
        parser.add_argument("--district")

    def handle(self, *args, file: Path, district: str | None, **options):
        target = district_arg(district)
        rows = export_rows(target)
        suffix = file.suffix.lower()
        count = -1
        if suffix == ".xlsx":
            from openpyxl import Workbook

            book = Workbook(write_only=True)
            sheet = book.create_sheet("政府信息")
            for row in rows:
                sheet.append(row)
                count += 1
            book.save(file)
        elif suffix == ".csv":
            with file.open("w", encoding="utf-8-sig", newline="") as fh:
                writer = csv.writer(fh)
                for row in rows:
                    writer.writerow(row)
                    count += 1
        else:
            raise CommandError("只支持 .xlsx 和 .csv 文件。")
        self.stdout.write(self.style.SUCCESS(f"已导出 {count} 条到 {file}。"))
