"""Background tasks of the services app: an import of a platform export (``actions.run_import``)."""

from __future__ import annotations

from django_tasks import task

from gongkai.services.models import ImportRun


@task()
def import_cases(run_id: int) -> dict:
    """Run the queued import ``run_id``; a run already taken or gone is left alone."""
    from gongkai.services.actions import run_import

    run = ImportRun.objects.filter(pk=run_id).first()
    if run is None:
        return {"run_id": run_id, "state": "missing"}
    run = run_import(run)
    return {"run_id": run.pk, "state": run.state, "created": run.created, "rejected": run.rejected}
