import datetime as dt

import pytest
import time_machine
from django_tasks_db.models import DBTaskResult

from gongkai.background import periodic
from gongkai.background.models import JobRun, RunStatus, RunTrigger

T0 = dt.datetime(2025, 3, 3, 9, 0, tzinfo=dt.UTC)

pytestmark = pytest.mark.django_db


def task_result(status, finished_at):
    return DBTaskResult.objects.create(
        args_kwargs={"args": [], "kwargs": {}},
        task_path="gongkai.background.tasks.run_periodic_job",
        status=status,
        finished_at=finished_at,
        backend_name="default",
    )


def job_run(name, status, at):
    return JobRun.objects.create(
        name=name, trigger=RunTrigger.SCHEDULE, status=status, created_at=at, started_at=at, finished_at=at
    )


def test_prune_deletes_finished_results_older_than_the_keep_period_and_keeps_the_rest():
    old, recent = T0 - dt.timedelta(days=31), T0 - dt.timedelta(days=29)
    old_ok = task_result("SUCCESSFUL", old)
    old_failed = task_result("FAILED", old)
    kept = [task_result("SUCCESSFUL", recent), task_result("READY", None), task_result("RUNNING", None)]
    with time_machine.travel(T0, tick=False):
        run = periodic.run_job("prune_task_results")
    assert run.status == RunStatus.OK, run.error
    assert set(DBTaskResult.objects.values_list("pk", flat=True)) == {r.pk for r in kept}
    assert not DBTaskResult.objects.filter(pk__in=[old_ok.pk, old_failed.pk]).exists()
    assert '"task_results": 2' in run.summary


def test_prune_keeps_the_latest_successful_run_of_each_job_whatever_its_age(settings):
    settings.TASK_RESULTS_KEEP_DAYS = 7
    ancient = T0 - dt.timedelta(days=100)
    monthly_last_ok = job_run("monthly_report", RunStatus.OK, ancient)
    older_ok = job_run("monthly_report", RunStatus.OK, ancient - dt.timedelta(days=30))
    old_failure = job_run("monthly_report", RunStatus.FAILED, ancient + dt.timedelta(days=1))
    recent = job_run("monthly_report", RunStatus.FAILED, T0 - dt.timedelta(days=1))
    with time_machine.travel(T0, tick=False):
        run = periodic.run_job("prune_task_results")
    remaining = set(JobRun.objects.values_list("pk", flat=True))
    assert {monthly_last_ok.pk, recent.pk, run.pk} <= remaining
    assert older_ok.pk not in remaining and old_failure.pk not in remaining
    assert '"keep_days": 7' in run.summary
