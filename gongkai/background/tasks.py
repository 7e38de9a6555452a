"""Tasks of the background app itself (other apps keep theirs in their own ``tasks.py``)."""

from __future__ import annotations

from typing import Any

from django_tasks import task

from gongkai.background import periodic
from gongkai.background.models import RunTrigger


@task()
def run_periodic_job(name: str, run_id: int | None = None) -> dict[str, Any]:
    """Run the periodic job ``name`` through ``periodic.run_job``.

    ``run_id`` is the queued JobRun that ``schedule_periodic`` created; if that run was already
    taken (the task is delivered twice, or ``run_periodic`` got there first) nothing happens.
    Without ``run_id`` the job runs now as a manual run, unless a run of it is under way.
    The job's own failure is recorded on its JobRun and reported in the return value; the task
    fails only when the job name is unknown.
    """
    trigger = RunTrigger.SCHEDULE if run_id is not None else RunTrigger.MANUAL
    run = periodic.run_job(name, trigger=trigger, run_id=run_id)
    if run is None:
        return {"name": name, "run_id": run_id, "status": "skipped"}
    return {"name": name, "run_id": run.pk, "status": run.status, "summary": run.summary}
