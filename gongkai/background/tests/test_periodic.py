import datetime as dt
import threading
import time

import pytest
import time_machine
from django.core.exceptions import ImproperlyConfigured
from django.db import connection

from gongkai.background import periodic
from gongkai.background.models import JobRun, RunStatus, RunTrigger

T0 = dt.datetime(2025, 3, 3, 9, 0, tzinfo=dt.UTC)

pytestmark = pytest.mark.django_db


def due_names(now):
    return [job.name for job in periodic.due_jobs(now)]


def test_a_job_that_never_ran_is_due(hourly):
    assert due_names(T0) == ["hourly"]


def test_a_job_is_due_once_every_has_passed_since_its_last_success_and_not_before(hourly):
    with time_machine.travel(T0, tick=False):
        periodic.run_job("hourly")
    assert due_names(T0 + dt.timedelta(minutes=59)) == []
    assert due_names(T0 + dt.timedelta(hours=1)) == ["hourly"]


def test_a_failed_run_does_not_count_as_success(registry):
    outcomes = iter([None, RuntimeError("数据库不可用")])

    @periodic.periodic("flaky", every=dt.timedelta(hours=1), description="")
    def flaky(now):
        error = next(outcomes)
        if error:
            raise error
        return "ok"

    with time_machine.travel(T0, tick=False):
        assert periodic.run_job("flaky").status == RunStatus.OK
    with time_machine.travel(T0 + dt.timedelta(hours=1), tick=False):
        assert periodic.run_job("flaky").status == RunStatus.FAILED
    # still due: retried after the retry delay, though a run happened since the last success
    assert due_names(T0 + dt.timedelta(hours=1, minutes=1)) == []
    assert due_names(T0 + dt.timedelta(hours=1) + periodic.RETRY_AFTER) == ["flaky"]


def test_the_job_receives_the_time_of_the_run_and_its_summary_is_recorded(hourly, calls):
    with time_machine.travel(T0, tick=False):
        run = periodic.run_job("hourly", trigger=RunTrigger.COMMAND)
    assert calls == [("hourly", T0)]
    run.refresh_from_db()
    assert (run.status, run.trigger, run.started_at, run.finished_at) == ("ok", "command", T0, T0)
    assert run.summary == '{"done": 1}'


def test_a_failing_job_is_recorded_with_its_traceback(registry):
    @periodic.periodic("broken", every=dt.timedelta(hours=1), description="")
    def broken(now):
        raise ValueError("第 3 行格式错误")

    run = periodic.run_job("broken")
    run.refresh_from_db()
    assert run.status == RunStatus.FAILED
    assert "Traceback" in run.error
    assert "ValueError: 第 3 行格式错误" in run.error
    assert run.finished_at is not None


def test_a_second_runner_does_not_run_a_job_that_is_running(registry, calls):
    @periodic.periodic("slow", every=dt.timedelta(hours=1), description="")
    def slow(now):
        calls.append("outer")
        # A second runner arrives while the first is still at work.
        calls.append(periodic.run_job("slow", trigger=RunTrigger.COMMAND))

    run = periodic.run_job("slow")
    assert calls == ["outer", None]
    assert run.status == RunStatus.OK
    assert JobRun.objects.count() == 1


@pytest.mark.django_db(transaction=True)
def test_two_runners_in_parallel_threads_run_the_job_once(registry):
    started = []

    @periodic.periodic("slow", every=dt.timedelta(hours=1), description="")
    def slow(now):
        started.append(now)
        time.sleep(0.5)

    results = []

    def runner():
        try:
            results.append(periodic.run_job("slow", trigger=RunTrigger.COMMAND))
        finally:
            connection.close()

    threads = [threading.Thread(target=runner) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(started) == 1
    assert sorted(r is None for r in results) == [False, True]
    assert JobRun.objects.filter(status=RunStatus.OK).count() == 1


def test_a_run_left_running_by_a_dead_process_is_expired_after_the_timeout(hourly, calls):
    JobRun.objects.create(
        name="hourly", trigger=RunTrigger.SCHEDULE, status=RunStatus.RUNNING, created_at=T0, started_at=T0
    )
    with time_machine.travel(T0 + dt.timedelta(minutes=30), tick=False):
        assert periodic.run_job("hourly") is None
    with time_machine.travel(T0 + hourly.timeout + dt.timedelta(minutes=1), tick=False):
        assert periodic.run_job("hourly").status == RunStatus.OK
    stale = JobRun.objects.get(started_at=T0)
    assert stale.status == RunStatus.FAILED
    assert "中断" in stale.error


def test_the_scheduler_queues_a_due_job_once(hourly, calls, settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    first = periodic.enqueue_due(T0)
    second = periodic.enqueue_due(T0)
    assert [run.status for run in first] == [RunStatus.QUEUED]
    assert second == []
    assert calls == []


def test_the_queued_run_is_done_by_its_task_and_a_repeated_delivery_does_nothing(hourly, calls, settings):
    from gongkai.background.tasks import run_periodic_job

    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    [queued] = periodic.enqueue_due()
    assert run_periodic_job.call("hourly", queued.pk)["status"] == RunStatus.OK
    assert run_periodic_job.call("hourly", queued.pk) == {
        "name": "hourly",
        "run_id": queued.pk,
        "status": "skipped",
    }
    assert len(calls) == 1
    queued.refresh_from_db()
    assert (queued.status, queued.trigger) == (RunStatus.OK, RunTrigger.SCHEDULE)


def test_with_the_immediate_backend_the_scheduler_runs_the_job_at_once(hourly, calls):
    [run] = periodic.enqueue_due()
    assert run.status == RunStatus.OK
    assert len(calls) == 1
    assert periodic.enqueue_due() == []


def test_a_command_run_takes_over_a_run_the_scheduler_queued(hourly, calls, settings):
    from gongkai.background.tasks import run_periodic_job

    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    [queued] = periodic.enqueue_due()
    run = periodic.run_job("hourly", trigger=RunTrigger.COMMAND)
    assert run.pk == queued.pk
    assert run_periodic_job.call("hourly", queued.pk)["status"] == "skipped"
    assert len(calls) == 1


def test_a_queue_that_cannot_be_reached_marks_the_queued_run_failed(hourly, monkeypatch):
    from gongkai.background.tasks import run_periodic_job

    def unreachable(*args, **kwargs):
        raise ConnectionError("redis down")

    monkeypatch.setattr(type(run_periodic_job), "enqueue", unreachable)
    [run] = periodic.enqueue_due()
    assert run.status == RunStatus.FAILED
    assert "redis down" in run.error


def test_a_name_cannot_be_registered_by_two_functions(registry):
    @periodic.periodic("twice", every=dt.timedelta(hours=1), description="")
    def one(now):
        pass

    with pytest.raises(ImproperlyConfigured):

        @periodic.periodic("twice", every=dt.timedelta(hours=1), description="")
        def other(now):
            pass


def test_an_unknown_job_name_is_refused(registry):
    with pytest.raises(periodic.UnknownJob):
        periodic.run_job("nonexistent")


def test_the_foundation_registers_its_jobs_from_periodic_jobs_modules():
    assert "prune_task_results" in [job.name for job in periodic.registered_jobs()]
