"""The background app's own periodic job: keeping the task tables from growing without end."""

from __future__ import annotations

import datetime as dt

from django.apps import apps
from django.conf import settings

from gongkai.background.models import JobRun, RunStatus
from gongkai.background.periodic import periodic

DEFAULT_KEEP_DAYS = 30


def keep_days() -> int:
    """How long finished task results and job runs are kept (settings.TASK_RESULTS_KEEP_DAYS)."""
    days = getattr(settings, "TASK_RESULTS_KEEP_DAYS", DEFAULT_KEEP_DAYS)
    if not isinstance(days, int) or days < 1:
        raise ValueError(f"TASK_RESULTS_KEEP_DAYS must be a whole number of days ≥ 1, not {days!r}")
    return days


@periodic(
    "prune_task_results",
    every=dt.timedelta(days=1),
    description="删除保留期（默认 30 天）之前已完成的后台任务结果和定时任务运行记录",
)
def prune_task_results(now: dt.datetime) -> dict[str, int]:
    days = keep_days()
    cutoff = now - dt.timedelta(days=days)
    task_results = 0
    if apps.is_installed("django_tasks_db"):
        from django_tasks_db.models import DBTaskResult

        # Finished only: a result still queued or running is work not yet done.
        task_results, _ = DBTaskResult.objects.finished().filter(finished_at__lt=cutoff).delete()
    # The latest successful run of each job stays: when a job is next due is computed from it.
    # One query per job name: there are few jobs.
    names = JobRun.objects.order_by().values_list("name", flat=True).distinct()
    keep = [
        JobRun.objects.filter(name=name, status=RunStatus.OK)
        .order_by("-started_at", "-pk")
        .values_list("pk", flat=True)
        .first()
        for name in names
    ]
    job_runs, _ = (
        JobRun.objects.filter(status__in=[RunStatus.OK, RunStatus.FAILED], finished_at__lt=cutoff)
        .exclude(pk__in=[pk for pk in keep if pk is not None])
        .delete()
    )
    return {"task_results": task_results, "job_runs": job_runs, "keep_days": days}
