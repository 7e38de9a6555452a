"""State changes of an item's content: a new draft, editing it, a correction of a published item,
and withdrawal. Also the helpers the other action modules share (validation, locking, the audit
event)."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from gongkai.audit.log import diff, record, snapshot
from gongkai.catalog import permissions, search, workflow
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


def validate(version: Version) -> None:
    """The rules a version's content must meet before it is saved or submitted."""
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


def audit(verb: str, version: Version, actor, *, changes=None, note: str = "") -> None:
    """The audit event ``item.<verb>`` of the version's item."""
    record(
        f"item.{verb}",
        actor=actor,
        target=version.item,
        organisation=version.item.organisation,
        changes=changes,
        note=note,
    )


def locked(version: Version) -> Version:
    """The version again, its row locked for the rest of the transaction."""
    return (
        Version.objects.select_for_update(of=("self",))
        .select_related("item__organisation", "column")
        .get(pk=version.pk)
    )


@transaction.atomic
def create_item(*, actor, organisation: Organisation, column: Column, **content: Any) -> Version:
    """A new item as a draft; its index number is assigned now and kept for good."""
    permissions.require(actor, "create", organisation)
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
    validate(version)
    version.save()
    audit(
        "create", version, actor, changes={"title": [None, version.title], "index_no": [None, item.index_no]}
    )
    return version


@transaction.atomic
def update_draft(version: Version, *, actor, **content: Any) -> dict:
    """Change a draft's content; returns the changes made (none: nothing saved, nothing audited)."""
    version = locked(version)
    permissions.require(actor, "edit", version.item.organisation)
    workflow.check("edit", version.state)
    fields = [f for f in CONTENT_FIELDS if f in content]
    before = snapshot(version, fields)
    _set_content(version, content)
    validate(version)
    changes = diff(before, snapshot(version, fields))
    if changes:
        version.save()
        audit("edit", version, actor, changes=changes)
    return changes


@transaction.atomic
def start_correction(item: Item, *, actor) -> Version:
    """A new draft version of a published item, copying its content; the index number stays."""
    item = Item.objects.select_for_update(of=("self",)).select_related("organisation", "live").get(pk=item.pk)
    permissions.require(actor, "correct", item.organisation)
    if item.live is None:
        raise ValidationError("只有已发布的信息才能更正。")
    pending = item.versions.filter(state__in=workflow.PENDING_STATES).first()
    if pending is not None:
        return pending
    source = item.live
    attachments = list(source.attachments.all())
    also_columns = list(source.also_columns.all())  # the categories it also stands in
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
    version.also_columns.set(also_columns)
    for attachment in attachments:
        attachment.pk = None
        attachment.version = version
        attachment._state.adding = True
        attachment.save()
    audit("start_correction", version, actor, changes={"version": [version.number - 1, version.number]})
    return version


@transaction.atomic
def withdraw(item: Item, *, actor, reason: str, public_notice: bool = True) -> Item:
    """Take a published item off the portal (撤回); its versions stay in history."""
    item = Item.objects.select_for_update(of=("self",)).select_related("organisation").get(pk=item.pk)
    permissions.require(actor, "withdraw", item.organisation)
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
