"""Writing, releasing and revising the versions of a service guide (workflow.py)."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from gongkai.accounts.permissions import has_perm
from gongkai.audit.log import record
from gongkai.services import guides, notices, permissions, workflow
from gongkai.services.models import GuideState, ServiceGuide, ServiceItem


def _locked(guide: ServiceGuide) -> ServiceGuide:
    return (
        ServiceGuide.objects.select_for_update(of=("self",))
        .select_related("item", "item__organisation", "item__department")
        .get(pk=guide.pk)
    )


def _apply(guide: ServiceGuide, values: dict[str, Any]) -> dict[str, list]:
    """Set the given elements on the draft; returns the audit event's changes."""
    unknown = set(values) - set(guides.GUIDE_FIELDS) - {"note"}
    if unknown:
        raise ValueError(f"unknown guide fields: {sorted(unknown)}")
    cleaned: dict[str, Any] = {}
    for field, value in values.items():
        if field in guides.NUMBER_FIELDS:
            cleaned[field] = value
        elif field == "materials":
            cleaned[field] = guides.parse_materials(value) if isinstance(value, str) else list(value or [])
        else:
            cleaned[field] = (value or "").strip()
    errors = guides.check_values({f: cleaned.get(f, getattr(guide, f)) for f in guides.NUMBER_FIELDS})
    if errors:
        raise ValidationError(errors)
    changes: dict[str, list] = {}
    for field, value in cleaned.items():
        if getattr(guide, field) != value:
            changes[field] = (
                [getattr(guide, field), value]
                if field != "materials"
                else [
                    len(getattr(guide, field) or []),
                    len(value),
                ]
            )
            setattr(guide, field, value)
    return changes


@transaction.atomic
def create_guide(item: ServiceItem, *, actor, **values: Any) -> ServiceGuide:
    """The first version of an item's guide, as a draft (elements may still be missing)."""
    item = ServiceItem.objects.select_for_update(of=("self",)).select_related("organisation").get(pk=item.pk)
    permissions.require(actor, "edit", item.organisation)
    if item.guides.exists():
        raise ValidationError(_("该事项已有办事指南；已发布的指南请用“修订（新版本）”。"))
    guide = ServiceGuide(item=item, version=1, created_by=actor)
    changes = _apply(guide, values)
    guide.save()
    record(
        "service_guide.create",
        actor=actor,
        target=guide,
        organisation=item.organisation,
        changes={"version": [None, 1], **changes},
        note=item.code,
    )
    return guide


@transaction.atomic
def edit_guide(guide: ServiceGuide, *, actor, **values: Any) -> ServiceGuide:
    guide = _locked(guide)
    permissions.require(actor, "edit", guide.item.organisation)
    workflow.check("edit", guide.state)
    changes = _apply(guide, values)
    if not changes:
        return guide
    guide.save()
    record(
        "service_guide.edit",
        actor=actor,
        target=guide,
        organisation=guide.item.organisation,
        changes=changes,
        note=guide.item.code,
    )
    return guide


def refuse_if_incomplete(guide: ServiceGuide) -> None:
    missing = guides.missing_elements(guide)
    if missing:
        raise ValidationError(
            _("办事指南缺少以下要素，不能发布：%(missing)s。") % {"missing": "、".join(missing)},
            code="incomplete",
            params={"missing": missing},
        )


@transaction.atomic
def release_guide(guide: ServiceGuide, *, actor) -> ServiceGuide:
    """Freeze a complete draft and draft its notice in the catalog; review and approval there
    publish it. A guide missing an element is refused, naming each missing one."""
    guide = _locked(guide)
    organisation = guide.item.organisation
    permissions.require(actor, "release", organisation)
    workflow.check("release", guide.state)
    refuse_if_incomplete(guide)
    if not has_perm(actor, "item.edit", organisation):
        raise PermissionDenied(
            _("办事指南须以%(org)s的名义起草公开信息，请由该单位的信息编辑提交发布。")
            % {"org": organisation.name}
        )
    guide.released_by = actor
    guide.released_at = timezone.now()
    notice = notices.draft_notice(guide, actor=actor)
    guide.state = GuideState.RELEASED
    guide.notice_item_id = notice.id
    guide.save(update_fields=["state", "released_by", "released_at", "notice_item_id"])
    record(
        "service_guide.release",
        actor=actor,
        target=guide,
        organisation=organisation,
        changes={"state": [GuideState.DRAFT, GuideState.RELEASED], "notice": [None, notice.index_no]},
        note=guide.item.code,
    )
    return guide


@transaction.atomic
def revise_guide(guide: ServiceGuide, *, actor, note: str = "") -> ServiceGuide:
    """A new draft version copied from a released one (the newest), to be released again."""
    guide = _locked(guide)
    item = ServiceItem.objects.select_for_update(of=("self",)).get(pk=guide.item_id)
    permissions.require(actor, "revise", guide.item.organisation)
    workflow.check("revise", guide.state)
    if item.guides.filter(state=GuideState.DRAFT).exists():
        raise ValidationError(_("该事项已有一个修订中的草稿，请先完成或发布它。"))
    newest = item.guides.aggregate(n=Max("version"))["n"] or 0
    if guide.version != newest:
        raise ValidationError(_("请从最新版本修订。"))
    draft = ServiceGuide(
        item=item,
        version=newest + 1,
        created_by=actor,
        note=(note or "").strip(),
        **{field: getattr(guide, field) for field in guides.GUIDE_FIELDS},
    )
    draft.save()
    record(
        "service_guide.revise",
        actor=actor,
        target=draft,
        organisation=guide.item.organisation,
        changes={"version": [guide.version, draft.version]},
        note=item.code,
    )
    return draft
