"""The publication workflow of a version (``catalog/workflow.py``): submission, the confidentiality
review, the leader's approval, scheduled publication and its cancellation."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from gongkai.catalog import permissions, search, workflow
from gongkai.catalog.actions.items import audit, locked, validate
from gongkai.catalog.models import Item, State, Version


def _transition(version: Version, verb: str, actor) -> Version:
    """The version locked, once the actor may apply ``verb`` and its state allows it (the
    permission first: a user who may not act learns nothing from the state)."""
    version = locked(version)
    permissions.require(actor, verb, version.item.organisation)
    workflow.check(verb, version.state)
    return version


@transaction.atomic
def submit(version: Version, *, actor) -> Version:
    version = _transition(version, "submit", actor)
    validate(version)
    version.state = State.SUBMITTED
    version.save(update_fields=["state", "updated_at"])
    audit("submit", version, actor, changes={"state": [State.DRAFT, State.SUBMITTED]})
    return version


@transaction.atomic
def review(version: Version, *, actor, passed: bool, reason: str = "") -> Version:
    """The confidentiality review (保密审查): pass on to the leader, or return to draft with a reason."""
    verb = "review_pass" if passed else "review_reject"
    version = _transition(version, verb, actor)
    return _decide(version, actor, verb, State.REVIEWED if passed else State.DRAFT, reason)


@transaction.atomic
def approve(
    version: Version, *, actor, approved: bool, reason: str = "", now: dt.datetime | None = None
) -> Version:
    """The leader's approval: publish now, or at the scheduled time; or return to draft with a reason."""
    verb = "approve" if approved else "approve_reject"
    version = _transition(version, verb, actor)
    if not approved:
        return _decide(version, actor, verb, State.DRAFT, reason)
    now = now or timezone.now()
    if version.scheduled_at and version.scheduled_at > now:
        return _decide(version, actor, verb, State.SCHEDULED, reason)
    _decide(version, actor, verb, State.REVIEWED, reason, audit_event=False)
    _publish(version, actor=actor, now=now)
    return version


def _decide(version: Version, actor, verb: str, to: str, reason: str, *, audit_event: bool = True) -> Version:
    if verb.endswith("reject"):
        if not reason.strip():
            raise ValidationError({"reason": "退回时须填写理由。"})
        version.last_rejection = reason.strip()
    old = version.state
    version.state = to
    version.save(update_fields=["state", "last_rejection", "updated_at"])
    if audit_event:
        audit(verb, version, actor, changes={"state": [old, to]}, note=reason.strip())
    return version


def _publish(version: Version, *, actor, now: dt.datetime) -> None:
    item = Item.objects.select_for_update().get(pk=version.item_id)
    previous = item.live
    if previous is not None and previous.pk != version.pk:
        previous.state = State.SUPERSEDED
        previous.save(update_fields=["state", "updated_at"])
    old_state = version.state
    version.state = State.PUBLISHED
    version.published_at = now  # the real moment, never typed by an editor
    version.save(update_fields=["state", "published_at", "updated_at"])
    item.live = version
    item.first_published_at = item.first_published_at or now
    item.withdrawn_at = None
    item.save(update_fields=["live", "first_published_at", "withdrawn_at"])
    version.item = item
    audit(
        "publish" if previous is None else "publish_correction",
        version,
        actor,
        changes={
            "state": [old_state, State.PUBLISHED],
            "version": [getattr(previous, "number", None), version.number],
        },
    )
    search.index_item(item)


@transaction.atomic
def unschedule(version: Version, *, actor, reason: str = "") -> Version:
    version = _transition(version, "unschedule", actor)
    version.state = State.DRAFT
    version.save(update_fields=["state", "updated_at"])
    audit("unschedule", version, actor, changes={"state": [State.SCHEDULED, State.DRAFT]}, note=reason)
    return version


def publish_due(now: dt.datetime | None = None) -> int:
    """Publish every scheduled version whose time has come (periodic; safe to run twice). The
    system acts (no actor): the leader's approval already decided. One transaction per version."""
    now = now or timezone.now()
    count = 0
    for pk in Version.objects.filter(state=State.SCHEDULED, scheduled_at__lte=now).values_list(
        "pk", flat=True
    ):
        with transaction.atomic():
            version = Version.objects.select_for_update().filter(pk=pk, state=State.SCHEDULED).first()
            if version is None:
                continue  # another runner got it first
            _publish(version, actor=None, now=now)
            count += 1
    return count
