"""``manage.py backup --out DIR``: a consistent backup of the database and the uploaded files."""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from gongkai.background import backups

METHOD_NAMES = {
    ("sqlite", "native"): "SQLite 在线备份（sqlite3 backup API）",
    ("postgresql", "native"): "pg_dump（custom 格式）",
    ("sqlite", "dumpdata"): "Django dumpdata（JSON）",
    ("postgresql", "dumpdata"): "Django dumpdata（JSON，替代 pg_dump）",
}


class Command(BaseCommand):
    help = (
        "在平台运行时备份数据库和上传文件到一个新目录，并写入清单（时间、数据库类型、各表行数和行哈希、"
        "每个文件的 SHA-256）。SQLite 用在线备份，PostgreSQL 用 pg_dump，没有 pg_dump 时改用 dumpdata 并注明。"
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("--out", required=True, help="备份目录（新目录或空目录）")
        parser.add_argument(
            "--method",
            choices=backups.METHODS,
            default="auto",
            help="auto（默认）：SQLite 在线备份或 pg_dump；dumpdata：Django 的 JSON 导出",
        )

    def handle(self, *args, out: str, method: str, **options) -> None:
        try:
            outcome = backups.backup(Path(out), method=method)
        except backups.BackupError as exc:
            raise CommandError(str(exc)) from exc
        manifest = outcome.manifest
        for note in outcome.notes:
            self.stderr.write(self.style.WARNING(note))
        rows = sum(t["rows"] for t in manifest["tables"].values())
        media = sum(1 for name in manifest["files"] if name.startswith(f"{backups.MEDIA}/"))
        self.stdout.write(
            f"已备份到 {outcome.directory}：{METHOD_NAMES[(manifest['vendor'], manifest['method'])]}，"
            f"{len(manifest['tables'])} 张表 {rows} 行，上传文件 {media} 个"
        )
        manifest_path = outcome.directory / backups.MANIFEST
        self.stdout.write(f"清单 {manifest_path}  SHA-256 {backups.sha256_of(manifest_path)}")
