"""System checks for the task queue configuration."""

from __future__ import annotations

from django.conf import settings
from django.core import checks

RQ_JOB_CLASS = "django_tasks_rq.Job"


@checks.register(checks.Tags.compatibility)
def rq_job_class(app_configs=None, **kwargs) -> list[checks.CheckMessage]:
    """With the Redis queue, RQ workers must build django_tasks_rq's Job, or every task fails
    ("'Task' object is not callable"); RQ = {"JOB_CLASS": ...} makes plain ``rqworker`` do so."""
    uses_rq = any(
        config.get("BACKEND") == "django_tasks_rq.RQBackend"
        for config in getattr(settings, "TASKS", {}).values()
    )
    job_class = getattr(settings, "RQ", {}).get("JOB_CLASS")
    if not uses_rq or job_class in (RQ_JOB_CLASS, "django_tasks_rq.backend.Job"):
        return []
    return [
        checks.Warning(
            "TASKS uses django_tasks_rq.RQBackend but RQ['JOB_CLASS'] is not django_tasks_rq.Job; "
            "'manage.py rqworker default' would fail every task.",
            hint=f'Set RQ = {{"JOB_CLASS": "{RQ_JOB_CLASS}"}} in settings, or start the worker with '
            f"'manage.py rqworker --job-class {RQ_JOB_CLASS} default'.",
            id="background.W001",
        )
    ]
