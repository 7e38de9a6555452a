"""Background work: deferred tasks and periodic jobs, one mechanism for the whole platform.

Deferred work (mail, search-index updates, report generation) uses Django's Tasks API, through
the django-tasks backport. The queue is chosen by TASK_BACKEND: ``database`` (the default; worker
``manage.py db_worker``), ``redis`` (RQ, for deployments on several machines; worker
``manage.py rqworker default``) or ``immediate`` (tests). Code does not depend on which.

Defining a task, in ``<app>/tasks.py``::

    from django_tasks import task

    @task()
    def send_acknowledgement(application_id: int) -> None:
        application = Application.objects.filter(pk=application_id).first()
        if application is None or application.acknowledged_at:   # gone, or already done
            return
        mail_acknowledgement(application)                         # a domain function

- A task takes IDs and plain values (they are stored as JSON), never model instances: it loads
  what it needs when it runs, by which time the data may have changed or gone.
- A task calls domain functions; the logic lives in ``<app>/actions.py`` or beside it, not in
  the task, so that it can be tested and called without a queue.
- A task is safe to run twice: the queue delivers at least once, and a worker may die midway.

Enqueueing from an action, only once its transaction has committed (a worker must find the row,
and a rolled-back action must leave no task behind)::

    from gongkai.background import enqueue_on_commit

    @transaction.atomic
    def submit_application(...):
        ...
        enqueue_on_commit(send_acknowledgement, application.pk)

which is ``transaction.on_commit(lambda: send_acknowledgement.enqueue(application.pk))`` with an
early check that the arguments can be stored.

Periodic work (deadline reminders, expiry checks) is a function registered with
``@periodic`` in ``<app>/periodic_jobs.py``; see ``gongkai.background.periodic``. The jobs run
through ``manage.py run_periodic`` (cron, or by hand) or ``manage.py schedule_periodic``
(a loop beside the worker that queues due jobs as ``run_periodic_job`` tasks). Each run is
recorded as a ``JobRun``, visible in the admin.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from django.db import transaction

if TYPE_CHECKING:
    from django_tasks.base import Task


def enqueue_on_commit(task: Task, *args: Any, **kwargs: Any) -> None:
    """Enqueue ``task(*args, **kwargs)`` once the current transaction commits (now, outside one).

    The arguments are checked now, where a mistake (a model instance instead of its ID) shows
    up in the code that made it, rather than in the commit hook. A queue that cannot be reached
    after the commit is logged, not raised: the action's own work has been saved by then.
    """
    try:
        json.dumps([args, kwargs])
    except (TypeError, ValueError) as exc:
        raise TypeError(
            f"arguments of task {task.name} must be JSON values (pass IDs, not objects): {exc}"
        ) from exc
    transaction.on_commit(lambda: task.enqueue(*args, **kwargs), robust=True)
