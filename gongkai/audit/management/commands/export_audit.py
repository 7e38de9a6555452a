"""Export the audit trail for archiving: ``manage.py export_audit --since --until --out FILE``."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime

from gongkai.audit import archive


def _moment(value: str, *, end: bool) -> dt.datetime:
    """A date (the whole day, in the platform's time zone) or an ISO date and time."""
    value = value.strip()
    moment = parse_datetime(value) if "T" in value or " " in value else None
    if moment is None:
        try:
            day = parse_date(value)
        except ValueError:
            day = None
        if day is None:
            raise CommandError(f"日期格式不正确：{value}（应为 YYYY-MM-DD 或 YYYY-MM-DDTHH:MM[:SS]）")
        if end:
            if day == dt.date.max:
                raise CommandError(f"日期超出范围：{value}")
            day += dt.timedelta(days=1)
        moment = dt.datetime.combine(day, dt.time.min)
    if timezone.is_naive(moment):
        moment = timezone.make_aware(moment)
    return moment


class Command(BaseCommand):
    help = (
        "导出审计日志供归档：JSON Lines（默认）或 CSV，按时间先后，每行一条，并打印文件的 SHA-256。"
        "--since 含当日，--until 为日期时含当日（为时刻时不含该时刻）。"
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("--since", help="起始日期或时刻，例如 2026-01-01")
        parser.add_argument("--until", help="截止日期或时刻，例如 2026-12-31")
        parser.add_argument("--out", required=True, help="输出文件")
        parser.add_argument(
            "--format", choices=archive.FORMATS, help="jsonl 或 csv；不写时按文件扩展名，默认 jsonl"
        )
        parser.add_argument("--force", action="store_true", help="覆盖已存在的输出文件")

    def handle(self, *args, since, until, out, format, force, **options) -> None:
        start = _moment(since, end=False) if since else None
        stop = _moment(until, end=True) if until else None
        if start and stop and start >= stop:
            raise CommandError("起始时间须早于截止时间")
        path = Path(out)
        fmt = format or ("csv" if path.suffix.lower() == ".csv" else "jsonl")
        if path.exists() and not force:
            raise CommandError(f"输出文件已存在：{path}（用 --force 覆盖）")
        if not path.parent.is_dir():
            raise CommandError(f"目录不存在：{path.parent}")
        count, digest = archive.export(path, fmt=fmt, since=start, until=stop)
        self.stdout.write(f"已导出 {count} 条审计记录到 {path}（{fmt}）")
        self.stdout.write(f"SHA-256  {digest}  {path.name}")
