"""Imports whose process died are taken up again (see ``actions.resume_stalled_imports``)."""

from __future__ import annotations

import datetime as dt

from gongkai.background.periodic import periodic
from gongkai.services.actions import resume_stalled_imports


@periodic(
    "resume_stalled_service_imports",
    every=dt.timedelta(minutes=5),
    description="接着做进程中断的办件导入（10分钟没有进展的）",
)
def resume_stalled_service_imports(now: dt.datetime) -> dict:
    return resume_stalled_imports(now)
