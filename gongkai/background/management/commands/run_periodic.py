"""Run periodic jobs now: the due ones (for cron), all of them, or those named; or list them.

    manage.py run_periodic              # every job that is due
    manage.py run_periodic --all        # every job, due or not
    manage.py run_periodic NAME ...     # the named jobs, due or not
    manage.py run_periodic --list       # each job with its last run and when it is next due

A cron line such as ``*/5 * * * * cd /srv/gongkai && .venv/bin/python manage.py run_periodic``
is enough to drive every job; a run that was missed is caught up by the next. Exits non-zero when
a job failed, so that cron reports it.
"""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone
from django.utils.translation import gettext as _

from gongkai.background import periodic
from gongkai.background.models import RunStatus, RunTrigger


def _when(value) -> str:
    return timezone.localtime(value).strftime("%Y-%m-%d %H:%M") if value else "—"


class Command(BaseCommand):
    help = "运行到期的定时任务（--all 运行全部；给出名称则运行指定任务；--list 列出任务）。"

    def add_arguments(self, parser) -> None:
        parser.add_argument("names", nargs="*", metavar="NAME", help="要运行的任务名称（不论是否到期）")
        parser.add_argument("--all", action="store_true", dest="run_all", help="运行全部任务，不论是否到期")
        parser.add_argument(
            "--list", action="store_true", dest="list_jobs", help="列出任务、上次运行和下次到期时间"
        )

    def handle(self, *args, names: list[str], run_all: bool, list_jobs: bool, **options) -> None:
        if list_jobs:
            self.list_jobs()
            return
        if names and run_all:
            raise CommandError(_("不能同时指定任务名称和 --all。"))
        known = {job.name for job in periodic.registered_jobs()}
        unknown = [name for name in names if name not in known]
        if unknown:
            raise CommandError(
                _("未知的定时任务：%(unknown)s。已登记：%(known)s")
                % {"unknown": "、".join(unknown), "known": "、".join(sorted(known)) or "（无）"}
            )
        if run_all:
            names = sorted(known)
        outcomes = periodic.run_jobs(names or None, trigger=RunTrigger.COMMAND)
        if not outcomes:
            self.stdout.write(_("没有到期的定时任务。"))
        failed = []
        for outcome in outcomes:
            run = outcome.run
            if run is None:
                self.stdout.write(
                    _("%(name)s：跳过（正在其他进程中排队或运行）") % {"name": outcome.job.name}
                )
            elif run.status == RunStatus.OK:
                self.stdout.write(
                    _("%(name)s：成功 %(summary)s") % {"name": run.name, "summary": run.summary}
                )
            else:
                failed.append(run.name)
                last_line = run.error.strip().splitlines()[-1] if run.error.strip() else ""
                self.stderr.write(_("%(name)s：失败 %(error)s") % {"name": run.name, "error": last_line})
        if failed:
            raise CommandError(
                _("%(count)d 个定时任务失败：%(names)s") % {"count": len(failed), "names": "、".join(failed)}
            )

    def list_jobs(self) -> None:
        now = timezone.now()
        states = periodic.job_states(now)
        if not states:
            self.stdout.write(_("没有登记的定时任务。"))
            return
        rows = [(_("名称"), _("间隔"), _("上次运行"), _("结果"), _("下次到期"), _("说明"))]
        for state in states:
            last = state.last_run
            if state.active:
                next_due = _("运行中") if last.status == RunStatus.RUNNING else _("排队中")
            elif state.next_due <= now:
                next_due = _("现在")
            else:
                next_due = _when(state.next_due)
            rows.append(
                (
                    state.job.name,
                    _every(state.job.every),
                    _when(last.started_at or last.created_at) if last else _("从未运行"),
                    last.get_status_display() if last else "—",
                    next_due,
                    state.job.description,
                )
            )
        widths = [max(_width(row[i]) for row in rows) for i in range(len(rows[0]) - 1)]
        for row in rows:
            cells = [cell + " " * (width - _width(cell)) for cell, width in zip(row, widths, strict=False)]
            self.stdout.write("  ".join([*cells, row[-1]]))


def _every(every) -> str:
    """A job's interval in words: "1 天", "2 小时 30 分钟"."""
    seconds = int(every.total_seconds())
    parts = []
    for size, unit in ((86400, _("天")), (3600, _("小时")), (60, _("分钟")), (1, _("秒"))):
        if seconds >= size:
            parts.append(f"{seconds // size} {unit}")
            seconds %= size
    return " ".join(parts) or "0 秒"


def _width(text: str) -> int:
    """Display width: CJK characters take two columns in a terminal."""
    import unicodedata

    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)
