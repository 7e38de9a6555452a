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
# The other columns an item stands in (``Version.also_columns``), set with the content by the
# same actions (a many-to-many: set after the version is saved) and audited with it.
ALSO_COLUMNS = "also_columns"


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


def clean_also_columns(version: Version, columns) -> list[Column]:
    """The columns ``version`` also stands in, checked: the district's own active columns, not
    its main column (the item counts in that one already), each once."""
    chosen = list(dict.fromkeys(columns or ()))
    errors = []
    if any(c.district_id != version.item.district_id for c in chosen):
        errors.append("同时发布到的栏目须是本区的栏目。")
    inactive = [c.name for c in chosen if not c.is_active]
    if inactive:
        errors.append(f"栏目“{'、'.join(inactive)}”已停用，不能再发布到其中。")
    if any(c.pk == version.column_id for c in chosen):
        errors.append(f"“{version.column.name}”已是主栏目，无需再选为同时发布的栏目。")
    if errors:
        raise ValidationError({ALSO_COLUMNS: errors})
    return sorted(chosen, key=lambda c: c.pk)


def _also_names(columns) -> list[str]:
    return [str(c) for c in sorted(columns, key=lambda c: c.pk)]


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
def create_item(
    *, actor, organisation: Organisation, column: Column, also_columns=None, **content: Any
) -> Version:
    """A new item as a draft; its index number is assigned now and kept for good. ``also_columns``:
    the other columns it stands in (none by default)."""
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
    also = clean_also_columns(version, also_columns)
    version.save()
    changes = {"title": [None, version.title], "index_no": [None, item.index_no]}
    if also:
        version.also_columns.set(also)
        changes[ALSO_COLUMNS] = [[], _also_names(also)]
    audit("create", version, actor, changes=changes)
    return version


@transaction.atomic
def update_draft(version: Version, *, actor, also_columns=None, **content: Any) -> dict:
    """Change a draft's content; returns the changes made (none: nothing saved, nothing audited).
    ``also_columns``: the other columns it stands in from now on (None: unchanged; checked again
    against a changed main column either way)."""
    version = locked(version)
    permissions.require(actor, "edit", version.item.organisation)
    workflow.check("edit", version.state)
    fields = [f for f in CONTENT_FIELDS if f in content]
    before = snapshot(version, fields)
    had = list(version.also_columns.all())
    _set_content(version, content)
    validate(version)
    also = clean_also_columns(version, had if also_columns is None else also_columns)
    changes = diff(before, snapshot(version, fields))
    if _also_names(had) != _also_names(also):
        changes[ALSO_COLUMNS] = [_also_names(had), _also_names(also)]
    if changes:
        version.save()
        if ALSO_COLUMNS in changes:
            version.also_columns.set(also)
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
