"""State changes of information items. Each function: one transaction, permission and workflow
checks, an audit event, and the search index kept in step before the transaction commits."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from gongkai.accounts.permissions import has_perm, require
from gongkai.audit.log import diff, record, snapshot
from gongkai.catalog import search, workflow
from gongkai.catalog.models import Column, IndexCounter, Item, State, Validity, Version
from gongkai.catalog.sanitize import clean_html
from gongkai.lib import counters
from gongkai.orgs.models import Organisation

CONTENT_FIELDS = (
    "column",
    "topic",
    "title",
    "doc_number",
    "doc_kind",
    "written_date",
    "validity",
    "effective_date",
    "repealed_date",
    "disclosure_mode",
    "keywords",
    "summary",
    "body",
    "interprets",
    "scheduled_at",
)


def next_index_no(organisation: Organisation, year: int) -> str:
    """``<organisation code>/<year>-<serial>``: the counter row is locked, so numbers are unique
    under concurrency and never reused (a deleted draft leaves a gap, never a duplicate)."""
    serial = counters.next_value(IndexCounter, organisation=organisation, year=year)
    return f"{organisation.code}/{year}-{serial:05d}"


def _validate(version: Version) -> None:
    errors: dict[str, list[str]] = {}
    if version.column.district_id != version.item.district_id:
        errors.setdefault("column", []).append("栏目不属于本区。")
    if version.doc_kind in ("rule", "normative"):
        if not version.validity:
            errors.setdefault("validity", []).append("规章和行政规范性文件须注明有效性。")
        if not version.doc_number:
            errors.setdefault("doc_number", []).append("规章和行政规范性文件须填写文号。")
    if version.validity == Validity.REPEALED and not version.repealed_date:
        errors.setdefault("repealed_date", []).append("废止的文件须填写废止日期。")
    if version.interprets_id and version.interprets_id == version.item_id:
        errors.setdefault("interprets", []).append("政策解读不能关联自身。")
    if errors:
        raise ValidationError(errors)
    version.full_clean(exclude=["item", "column", "topic", "interprets", "author"])


def _set_content(version: Version, content: dict[str, Any]) -> None:
    unknown = set(content) - set(CONTENT_FIELDS)
    if unknown:
        raise ValidationError(f"不能修改这些字段：{', '.join(sorted(unknown))}")
    for name, value in content.items():
        if name == "body":
            value = clean_html(value)
        elif isinstance(value, str):
            value = value.strip()
        setattr(version, name, value)


def _audit(verb: str, version: Version, actor, *, changes=None, note: str = "") -> None:
    record(
        f"item.{verb}",
        actor=actor,
        target=version.item,
        organisation=version.item.organisation,
        changes=changes,
        note=note,
    )


@transaction.atomic
def create_item(*, actor, organisation: Organisation, column: Column, **content: Any) -> Version:
    """A new item as a draft; its index number is assigned now and kept for good."""
    require(actor, "item.edit", organisation)
    year = (content.get("written_date") or timezone.localdate()).year
    item = Item(
        district_id=organisation.district_id,
        organisation=organisation,
        index_no=next_index_no(organisation, year),
        created_by=actor,
    )
    item.save()
    version = Version(item=item, number=1, column=column, author=actor)
    _set_content(version, content)
    _validate(version)
    version.save()
    _audit(
        "create", version, actor, changes={"title": [None, version.title], "index_no": [None, item.index_no]}
    )
    return version


def _locked(version: Version) -> Version:
    return (
        Version.objects.select_for_update(of=("self",))
        .select_related("item__organisation", "column")
        .get(pk=version.pk)
    )


@transaction.atomic
def update_draft(version: Version, *, actor, **content: Any) -> dict:
    version = _locked(version)
    require(actor, "item.edit", version.item.organisation)
    workflow.check("edit", version.state)
    fields = [f for f in CONTENT_FIELDS if f in content]
    before = snapshot(version, fields)
    _set_content(version, content)
    _validate(version)
    changes = diff(before, snapshot(version, fields))
    if changes:
        version.save()
        _audit("edit", version, actor, changes=changes)
    return changes


def _transition(version: Version, verb: str, actor) -> Version:
    version = _locked(version)
    transition = workflow.check(verb, version.state)
    require(actor, transition.permission, version.item.organisation)
    return version


@transaction.atomic
def submit(version: Version, *, actor) -> Version:
    version = _transition(version, "submit", actor)
    _validate(version)
    version.state = State.SUBMITTED
    version.save(update_fields=["state", "updated_at"])
    _audit("submit", version, actor, changes={"state": [State.DRAFT, State.SUBMITTED]})
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
    _decide(version, actor, verb, State.REVIEWED, reason, audit=False)
    _publish(version, actor=actor, now=now)
    return version


def _decide(version: Version, actor, verb: str, to: str, reason: str, *, audit: bool = True) -> Version:
    if verb.endswith("reject"):
        if not reason.strip():
            raise ValidationError({"reason": "退回时须填写理由。"})
        version.last_rejection = reason.strip()
    old = version.state
    version.state = to
    version.save(update_fields=["state", "last_rejection", "updated_at"])
    if audit:
        _audit(verb, version, actor, changes={"state": [old, to]}, note=reason.strip())
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
    _audit(
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
    _audit("unschedule", version, actor, changes={"state": [State.SCHEDULED, State.DRAFT]}, note=reason)
    return version


def publish_due(now: dt.datetime | None = None) -> int:
    """Publish every scheduled version whose time has come (periodic; safe to run twice)."""
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


@transaction.atomic
def start_correction(item: Item, *, actor) -> Version:
    """A new draft version of a published item, copying its content; the index number stays."""
    item = Item.objects.select_for_update(of=("self",)).select_related("organisation", "live").get(pk=item.pk)
    require(actor, "item.edit", item.organisation)
    if item.live is None:
        raise ValidationError("只有已发布的信息才能更正。")
    pending = item.versions.filter(
        state__in=[State.DRAFT, State.SUBMITTED, State.REVIEWED, State.SCHEDULED]
    ).first()
    if pending is not None:
        return pending
    source = item.live
    attachments = list(source.attachments.all())
    source.pk = None
    source.id = None
    version = source
    version.number = item.versions.order_by("-number").values_list("number", flat=True).first() + 1
    version.state = State.DRAFT
    version.published_at = None
    version.scheduled_at = None
    version.last_rejection = ""
    version.author = actor
    version.created_at = timezone.now()
    version._state.adding = True
    version.save()
    for attachment in attachments:
        attachment.pk = None
        attachment.version = version
        attachment._state.adding = True
        attachment.save()
    _audit("start_correction", version, actor, changes={"version": [version.number - 1, version.number]})
    return version


@transaction.atomic
def withdraw(item: Item, *, actor, reason: str, public_notice: bool = True) -> Item:
    """Take a published item off the portal (撤回); its versions stay in history."""
    item = Item.objects.select_for_update(of=("self",)).select_related("organisation").get(pk=item.pk)
    require(actor, "item.withdraw", item.organisation)
    if not item.is_public:
        raise ValidationError("该信息当前未公开，无需撤回。")
    if not reason.strip():
        raise ValidationError({"reason": "撤回时须填写理由。"})
    item.withdrawn_at = timezone.now()
    item.withdrawn_reason = reason.strip()
    item.withdrawal_notice = public_notice
    item.save(update_fields=["withdrawn_at", "withdrawn_reason", "withdrawal_notice"])
    record(
        "item.withdraw",
        actor=actor,
        target=item,
        organisation=item.organisation,
        changes={"withdrawn": [False, True]},
        note=reason.strip(),
    )
    search.unindex_item(item)
    return item


def can_act(user, verb: str, version: Version) -> bool:
    transition = workflow.TRANSITIONS[verb]
    return version.state in transition.sources and has_perm(
        user, transition.permission, version.item.organisation
    )


def ensure_can_view(user, item: Item) -> None:
    if not has_perm(user, "item.view", item.organisation):
        raise PermissionDenied
