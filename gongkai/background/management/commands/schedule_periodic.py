"""The scheduler: every minute, put each due periodic job on the task queue.

Run it beside the task worker (``db_worker`` or ``rqworker``). Several schedulers may run at once,
on one machine or several: a job is queued only when no run of it is already queued or running.
"""

from __future__ import annotations

import logging
import time

from django.core.management.base import BaseCommand
from django.db import close_old_connections
from django.utils.translation import gettext as _

from gongkai.background import periodic

logger = logging.getLogger("gongkai.background")


class Command(BaseCommand):
    help = "每分钟把到期的定时任务加入后台任务队列（--once 只检查一次）。"

    def add_arguments(self, parser) -> None:
        parser.add_argument("--once", action="store_true", help="只检查一次，然后退出")
        parser.add_argument("--interval", type=float, default=60.0, help="检查间隔（秒），默认 60")

    def handle(self, *args, once: bool, interval: float, **options) -> None:
        if interval <= 0:
            interval = 60.0
        names = "、".join(job.name for job in periodic.registered_jobs()) or _("（无）")
        if not once:
            self.stdout.write(
                _("定时任务调度已启动，每 %(interval)g 秒检查一次：%(names)s")
                % {"interval": interval, "names": names}
            )
        while True:
            try:
                for run in periodic.enqueue_due():
                    self.stdout.write(
                        _("%(name)s：已加入队列（运行记录 %(id)s）") % {"name": run.name, "id": run.pk}
                    )
            except Exception:
                if once:
                    raise
                # A database hiccup must not end the scheduler; the next pass tries again.
                logger.exception("scheduling periodic jobs failed")
            if once:
                return
            time.sleep(interval)
            # Like a request would: drop a connection the database closed while we slept.
            close_old_connections()
