"""What every action of the package does first: lock the application, then ask whether the actor
may apply the verb (``permissions``) and whether its state allows it (``workflow``)."""

from __future__ import annotations

from django.core.files import File
from django.db.models.fields.files import FieldFile

from gongkai.applications import permissions, workflow
from gongkai.applications.models import Application


def locked(app: Application) -> Application:
    """``app`` read again and locked for the rest of the transaction."""
    return Application.objects.select_for_update(of=("self",)).select_related("organisation").get(pk=app.pk)


def allow(app: Application, verb: str, actor) -> workflow.Transition:
    """PermissionDenied unless ``actor`` may apply ``verb`` to ``app``, then IllegalTransition unless
    its state allows it: a refused user learns nothing about the state."""
    permissions.require(actor, verb, app)
    return workflow.check(verb, app.status)


def open_file(field: FieldFile) -> File:
    """A stored file opened for reading; FileNotFoundError if it is missing."""
    try:
        return field.open("rb")
    except ValueError:  # no file associated with the field
        raise FileNotFoundError(field.name) from None
