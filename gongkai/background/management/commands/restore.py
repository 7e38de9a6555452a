"""``manage.py restore DIR``: restore a backup made by ``manage.py backup`` and verify it."""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from gongkai.background import backups


class Command(BaseCommand):
    help = (
        "从 manage.py backup 的备份目录恢复数据库和上传文件：先按清单核对每个文件，"
        "恢复后再核对各表行数、行哈希和每个上传文件。当前数据库已有数据时须加 --force（覆盖前自动另存一份）。"
        "恢复前请停止平台的 Web 进程和后台任务。"
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("directory", help="备份目录")
        parser.add_argument(
            "--force", action="store_true", help="覆盖已有数据的数据库（覆盖前先备份现有数据）"
        )
        parser.add_argument("--check", action="store_true", help="只核对备份目录，不恢复")

    def handle(self, *args, directory: str, force: bool, check: bool, **options) -> None:
        path = Path(directory)
        try:
            manifest = backups.read_manifest(path)
            if check:
                problems = backups.verify_files(path, manifest)
                if problems:
                    raise backups.BackupError("备份不完整或已被改动：\n" + "\n".join(problems))
                self.stdout.write(
                    f"备份完好：{len(manifest['files'])} 个文件与清单一致（{manifest['created_at']}）"
                )
                return
            outcome = backups.restore(path, force=force)
        except backups.BackupError as exc:
            raise CommandError(str(exc)) from exc
        for note in outcome.notes:
            self.stdout.write(note)
        tables = outcome.manifest["tables"]
        rows = sum(t["rows"] for t in tables.values())
        self.stdout.write(
            f"已从 {path} 恢复（{outcome.manifest['created_at']} 的备份）：{len(tables)} 张表 {rows} 行、"
            f"{len(outcome.manifest['files']) - 1} 个上传文件，均与清单核对一致"
        )
