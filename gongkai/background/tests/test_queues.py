"""The same task through the real queues: the database queue (default) and Redis (RQ)."""

import datetime as dt
import os
import signal
import uuid

import pytest
from django.core.management import call_command
from django.test import override_settings
from django_tasks import TaskResultStatus

from gongkai.background import periodic
from gongkai.background.models import JobRun, RunStatus, RunTrigger
from gongkai.background.tasks import run_periodic_job


@pytest.fixture
def counted(registry):
    @periodic.periodic("counted", every=dt.timedelta(hours=1), description="测试用")
    def counted(now):
        return {"counted": JobRun.objects.filter(name="counted").count()}


@pytest.fixture
def keep_signal_handlers():
    """Workers install their own SIGINT/SIGTERM handlers; give pytest its own back."""
    saved = {sig: signal.getsignal(sig) for sig in (signal.SIGINT, signal.SIGTERM, signal.SIGQUIT)}
    yield
    for sig, handler in saved.items():
        signal.signal(sig, handler)


# db_worker closes connections between tasks (close_old_connections), which would end the
# test's wrapping transaction: hence a transactional test.
@pytest.mark.django_db(transaction=True)
@override_settings(TASKS={"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}})
def test_the_database_queue_runs_a_scheduled_job_through_db_worker(counted, keep_signal_handlers):
    [queued] = periodic.enqueue_due()
    assert queued.status == RunStatus.QUEUED

    call_command("db_worker", "--batch", "--no-startup-delay", "--queue-name", "*", verbosity=0)

    queued.refresh_from_db()
    assert (queued.status, queued.trigger, queued.summary) == (
        RunStatus.OK,
        RunTrigger.SCHEDULE,
        '{"counted": 1}',
    )
    from django_tasks_db.models import DBTaskResult

    result = run_periodic_job.get_result(str(DBTaskResult.objects.get().pk))
    assert result.status == TaskResultStatus.SUCCESSFUL
    assert result.return_value["status"] == RunStatus.OK


def _redis_url() -> str:
    return os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/15")


@pytest.fixture
def redis_connection():
    import redis

    connection = redis.Redis.from_url(_redis_url())
    try:
        connection.ping()
    except redis.RedisError as exc:
        if os.environ.get("CI") == "true":
            pytest.fail(f"Redis at {_redis_url()} is not reachable in CI: {exc}")
        pytest.skip(f"Redis at {_redis_url()} is not reachable: {exc}")
    yield connection
    connection.close()


@pytest.mark.redis
@pytest.mark.django_db
def test_the_redis_queue_runs_a_task_through_an_rq_worker(counted, redis_connection, keep_signal_handlers):
    from django_tasks_rq.backend import Job
    from rq import SimpleWorker

    # A queue of our own, so that a test run never takes (or leaves) anyone else's jobs.
    queue_name = f"gongkai-test-{uuid.uuid4().hex[:12]}"
    # The backend fetches results through the "default" connection, so that one is needed too.
    rq_queues = {name: {"URL": _redis_url(), "DEFAULT_TIMEOUT": 60} for name in (queue_name, "default")}
    tasks = {"default": {"BACKEND": "django_tasks_rq.RQBackend", "QUEUES": [queue_name]}}
    with override_settings(TASKS=tasks, RQ_QUEUES=rq_queues):
        import django_rq

        queue = django_rq.get_queue(queue_name, job_class=Job)
        worker = SimpleWorker([queue], connection=queue.connection, job_class=Job)
        try:
            result = run_periodic_job.using(queue_name=queue_name).enqueue("counted")
            assert result.status == TaskResultStatus.READY
            assert not JobRun.objects.exists()

            assert worker.work(burst=True)

            run = JobRun.objects.get()
            assert (run.name, run.status, run.trigger) == ("counted", RunStatus.OK, RunTrigger.MANUAL)
            result.refresh()
            assert result.status == TaskResultStatus.SUCCESSFUL
            assert result.return_value == {
                "name": "counted",
                "run_id": run.pk,
                "status": "ok",
                "summary": '{"counted": 1}',
            }
        finally:
            for registry in (queue.finished_job_registry, queue.failed_job_registry):
                for job_id in registry.get_job_ids():
                    registry.remove(job_id, delete_job=True)
            queue.delete(delete_jobs=True)
            for key in redis_connection.scan_iter(f"*{queue_name}*"):
                redis_connection.delete(key)
            redis_connection.delete(worker.key)


RQ_TASKS = {"default": {"BACKEND": "django_tasks_rq.RQBackend", "QUEUES": ["default"]}}


@override_settings(TASKS=RQ_TASKS, RQ={})
def test_a_redis_queue_without_the_tasks_job_class_is_warned_about():
    from gongkai.background.checks import rq_job_class

    [warning] = rq_job_class()
    assert warning.id == "background.W001"
    with override_settings(RQ={"JOB_CLASS": "django_tasks_rq.Job"}):
        assert rq_job_class() == []
