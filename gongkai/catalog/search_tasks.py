"""Background task of the portal search: apply the search outbox when a web process found the
index writer busy (the worker waits for it; whoever writes next drains the outbox anyway)."""

from __future__ import annotations

from django_tasks import task


@task()
def apply_search_changes() -> dict:
    from gongkai.catalog.search import apply_changes

    applied = apply_changes(wait=30.0)
    return {"applied": applied, "busy": applied is None}
