"""Periodic jobs: a registry, the rule for what is due, and the one code path that runs a job.

An app declares a job in its ``periodic_jobs`` module (found by ``BackgroundConfig.ready``)::

    from datetime import timedelta
    from gongkai.background.periodic import periodic

    @periodic("deadline_reminders", every=timedelta(hours=1), description="提醒即将到期的申请")
    def deadline_reminders(now):
        sent = remind_due_applications(now)   # a domain function; safe to run twice
        return {"sent": sent}

A job takes the time of the run and returns a short summary (text or a JSON-friendly dict). It
must be idempotent: a run may be repeated after a crash, and a missed run is simply caught up by
the next one, because a job is *due* whenever its last successful run is older than ``every``.

Every run goes through ``run_job``, whoever asks for it: ``manage.py run_periodic`` (cron or by
hand), or the ``run_periodic_job`` task that ``manage.py schedule_periodic`` puts on the queue.
``run_job`` records a ``JobRun`` row; at most one row per job is queued or running at a time, so
two schedulers, workers or cron lines never run one job concurrently.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import traceback
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ImproperlyConfigured
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone

from gongkai.background.models import JobRun, RunStatus, RunTrigger

logger = logging.getLogger("gongkai.background")

JobFunction = Callable[[dt.datetime], "str | dict[str, Any] | None"]

# A run still marked queued or running after this long is taken to be lost (the process died);
# it is marked failed so the job can run again. Pass a longer ``timeout`` for slow jobs.
DEFAULT_TIMEOUT = dt.timedelta(hours=1)
# After a failure the job stays due, but is retried no sooner than this (or ``every`` if shorter),
# so that a broken job does not write a failed row every minute.
RETRY_AFTER = dt.timedelta(minutes=10)
# Longest error text kept on a run; the end of a traceback says the most.
MAX_ERROR_CHARS = 5000


class UnknownJob(KeyError):
    """No periodic job has this name."""


@dataclass(frozen=True)
class PeriodicJob:
    name: str
    func: JobFunction
    every: dt.timedelta
    description: str
    timeout: dt.timedelta = DEFAULT_TIMEOUT

    @property
    def retry_after(self) -> dt.timedelta:
        return min(self.every, RETRY_AFTER)


_registry: dict[str, PeriodicJob] = {}


def periodic(
    name: str,
    *,
    every: dt.timedelta,
    description: str,
    timeout: dt.timedelta = DEFAULT_TIMEOUT,
) -> Callable[[JobFunction], JobFunction]:
    """Register the decorated function as the periodic job ``name``, run every ``every``."""
    if not name or len(name) > 100:
        raise ImproperlyConfigured(f"periodic job name {name!r} must be 1 to 100 characters")
    if every <= dt.timedelta(0) or timeout <= dt.timedelta(0):
        raise ImproperlyConfigured(f"periodic job {name!r}: every and timeout must be positive")

    def decorator(func: JobFunction) -> JobFunction:
        existing = _registry.get(name)
        if existing is not None and _qualname(existing.func) != _qualname(func):
            raise ImproperlyConfigured(
                f"periodic job {name!r} is registered twice: {_qualname(existing.func)} and {_qualname(func)}"
            )
        _registry[name] = PeriodicJob(name, func, every, description, timeout)
        return func

    return decorator


def _qualname(func: Callable) -> str:
    return f"{func.__module__}.{func.__qualname__}"


def registered_jobs() -> list[PeriodicJob]:
    return sorted(_registry.values(), key=lambda job: job.name)


def get_job(name: str) -> PeriodicJob:
    try:
        return _registry[name]
    except KeyError:
        raise UnknownJob(name) from None


# --- what is due ------------------------------------------------------------------------------


def _latest_start(status: str, names: list[str] | None = None) -> dict[str, dt.datetime]:
    runs = JobRun.objects.filter(status=status, started_at__isnull=False)
    if names is not None:
        runs = runs.filter(name__in=names)
    # order_by() clears the model's default ordering, which would split the GROUP BY.
    return dict(runs.order_by().values_list("name").annotate(Max("started_at")))


def _is_due(job: PeriodicJob, now: dt.datetime, last_ok: dt.datetime | None, last_failed) -> bool:
    if last_ok is not None and now - last_ok < job.every:
        return False
    failed_since_ok = last_failed is not None and (last_ok is None or last_failed > last_ok)
    return not (failed_since_ok and now - last_failed < job.retry_after)


def due_jobs(now: dt.datetime | None = None) -> list[PeriodicJob]:
    """Jobs whose last successful run started ``every`` or longer ago, or that never succeeded.

    A failed run does not count as success; the job is retried ``retry_after`` after it failed.
    """
    now = now or timezone.now()
    last_ok = _latest_start(RunStatus.OK)
    last_failed = _latest_start(RunStatus.FAILED)
    return [
        job
        for job in registered_jobs()
        if _is_due(job, now, last_ok.get(job.name), last_failed.get(job.name))
    ]


def _job_is_due(job: PeriodicJob, now: dt.datetime) -> bool:
    last_ok = _latest_start(RunStatus.OK, [job.name]).get(job.name)
    last_failed = _latest_start(RunStatus.FAILED, [job.name]).get(job.name)
    return _is_due(job, now, last_ok, last_failed)


# --- claiming a job: the concurrency guard ----------------------------------------------------


def _expire_stale(job: PeriodicJob, now: dt.datetime) -> None:
    """Mark runs that were queued or running for longer than the job's timeout as failed."""
    cutoff = now - job.timeout
    note = f"超过 {job.timeout} 仍未完成，视为中断（进程可能已退出）。"
    JobRun.objects.filter(name=job.name, status=RunStatus.RUNNING, started_at__lt=cutoff).update(
        status=RunStatus.FAILED, finished_at=now, error=note
    )
    JobRun.objects.filter(name=job.name, status=RunStatus.QUEUED, created_at__lt=cutoff).update(
        status=RunStatus.FAILED, finished_at=now, error="排队" + note
    )


def _insert_active(job: PeriodicJob, status: str, trigger: str, now: dt.datetime) -> JobRun | None:
    """Insert the job's one queued or running row, or return None if another exists.

    The partial unique constraint on JobRun makes this an atomic test-and-set on SQLite and
    PostgreSQL alike; the savepoint keeps an enclosing transaction usable after the conflict.
    """
    try:
        with transaction.atomic():
            return JobRun.objects.create(
                name=job.name,
                trigger=trigger,
                status=status,
                created_at=now,
                started_at=now if status == RunStatus.RUNNING else None,
            )
    except IntegrityError:
        return None


def _take_queued(job: PeriodicJob, now: dt.datetime, *, run_id: int | None, trigger: str | None):
    """Turn a queued run into a running one; the conditional UPDATE lets only one caller win."""
    queued = JobRun.objects.filter(name=job.name, status=RunStatus.QUEUED)
    if run_id is not None:
        queued = queued.filter(pk=run_id)
    for pk in queued.values_list("pk", flat=True):
        changes: dict[str, Any] = {"status": RunStatus.RUNNING, "started_at": now}
        if trigger is not None:
            changes["trigger"] = trigger
        if JobRun.objects.filter(pk=pk, status=RunStatus.QUEUED).update(**changes):
            return JobRun.objects.get(pk=pk)
    return None


def _claim(job: PeriodicJob, now: dt.datetime, *, trigger: str, run_id: int | None) -> JobRun | None:
    _expire_stale(job, now)
    if run_id is not None:
        # The scheduler queued this run; if it is no longer queued, someone else ran it.
        return _take_queued(job, now, run_id=run_id, trigger=None)
    # A run queued by the scheduler but not yet picked up is taken over (its task then finds
    # nothing to do); otherwise a new running row is inserted.
    return _take_queued(job, now, run_id=None, trigger=trigger) or _insert_active(
        job, RunStatus.RUNNING, trigger, now
    )


# --- running -----------------------------------------------------------------------------------


def _summary_text(result: Any) -> str:
    if result is None:
        return ""
    if isinstance(result, str):
        return result
    return json.dumps(result, ensure_ascii=False, sort_keys=True, default=str)


def run_job(
    name: str,
    *,
    trigger: str = RunTrigger.MANUAL,
    run_id: int | None = None,
    only_if_due: bool = False,
) -> JobRun | None:
    """Run one job now and record the run; the one code path for every way of running a job.

    Returns the finished JobRun, or None when the job was not run: another run of it is queued
    or running elsewhere, ``run_id`` names a run that is no longer queued, or ``only_if_due`` is
    set and the job stopped being due while waiting for its turn.

    A job that raises is recorded as failed with its traceback; the exception is not re-raised
    (KeyboardInterrupt and SystemExit are, after recording). The job runs outside any
    transaction of ours, so it may commit its work in as many steps as it likes.
    """
    job = get_job(name)
    now = timezone.now()
    run = _claim(job, now, trigger=trigger, run_id=run_id)
    if run is None:
        logger.info("periodic job %s not run: another run is queued or running", name)
        return None
    if only_if_due and not _job_is_due(job, now):
        # Someone finished it between our due check and our claim.
        JobRun.objects.filter(pk=run.pk).delete()
        return None

    logger.info("periodic job %s started (run %s, %s)", name, run.pk, run.trigger)
    interrupted: BaseException | None = None
    try:
        result = job.func(now)
    except BaseException as exc:
        run.status = RunStatus.FAILED
        run.error = "".join(traceback.format_exception(exc))[-MAX_ERROR_CHARS:]
        logger.exception("periodic job %s failed (run %s)", name, run.pk)
        if not isinstance(exc, Exception):
            interrupted = exc
    else:
        run.status = RunStatus.OK
        run.summary = _summary_text(result)
        logger.info("periodic job %s done (run %s): %s", name, run.pk, run.summary)
    run.finished_at = timezone.now()
    run.save(update_fields=["status", "summary", "error", "finished_at"])
    if interrupted is not None:
        raise interrupted
    return run


@dataclass(frozen=True)
class Outcome:
    job: PeriodicJob
    run: JobRun | None  # None: not run (see run_job)


def run_jobs(names: list[str] | None = None, *, trigger: str = RunTrigger.COMMAND) -> list[Outcome]:
    """Run the due jobs (``names`` None), or the named jobs whether due or not, one after another.

    One job failing does not stop the others.
    """
    if names is None:
        jobs = due_jobs(timezone.now())
        return [Outcome(job, run_job(job.name, trigger=trigger, only_if_due=True)) for job in jobs]
    jobs = [get_job(name) for name in names]
    return [Outcome(job, run_job(job.name, trigger=trigger)) for job in jobs]


def enqueue_due(now: dt.datetime | None = None) -> list[JobRun]:
    """Put a ``run_periodic_job`` task on the queue for each due job that is not already queued.

    Returns the queued runs. Call it outside a transaction (the scheduler command does), so that
    the queued row is committed before a worker on another machine looks for it.
    """
    from gongkai.background.tasks import run_periodic_job

    now = now or timezone.now()
    queued = []
    for job in due_jobs(now):
        _expire_stale(job, now)
        run = _insert_active(job, RunStatus.QUEUED, RunTrigger.SCHEDULE, now)
        if run is None:
            continue  # already queued or running
        try:
            run_periodic_job.enqueue(job.name, run.pk)
        except Exception as exc:
            logger.exception("could not enqueue periodic job %s", job.name)
            JobRun.objects.filter(pk=run.pk, status=RunStatus.QUEUED).update(
                status=RunStatus.FAILED, finished_at=timezone.now(), error=f"无法加入任务队列：{exc!r}"
            )
        run.refresh_from_db()
        queued.append(run)
    return queued


# --- reporting ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class JobState:
    job: PeriodicJob
    last_run: JobRun | None
    last_ok_at: dt.datetime | None
    next_due: dt.datetime  # the time from which the job is due (in the past when due now)
    active: bool  # a run is queued or running


def job_states(now: dt.datetime | None = None) -> list[JobState]:
    """Each registered job with its latest run and when it is next due."""
    now = now or timezone.now()
    jobs = registered_jobs()
    names = [job.name for job in jobs]
    last_ok = _latest_start(RunStatus.OK, names)
    last_failed = _latest_start(RunStatus.FAILED, names)
    states = []
    for job in jobs:  # one query per job for its latest run: there are few jobs, many runs
        ok, failed = last_ok.get(job.name), last_failed.get(job.name)
        next_due = ok + job.every if ok is not None else now
        if failed is not None and (ok is None or failed > ok):
            next_due = max(next_due, failed + job.retry_after)
        last = JobRun.objects.filter(name=job.name).order_by("-created_at", "-id").first()
        active = last is not None and last.status in (RunStatus.QUEUED, RunStatus.RUNNING)
        states.append(JobState(job, last, ok, next_due, active))
    return states
