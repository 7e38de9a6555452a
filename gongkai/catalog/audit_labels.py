"""The audit trail's words for the action codes of proactive disclosure (found by
``gongkai.audit.history``): their labels, and how an item's events are described."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from gongkai.audit.models import AuditEvent
from gongkai.catalog import workflow
from gongkai.catalog.actions.items import ALSO_COLUMNS, CONTENT_FIELDS
from gongkai.catalog.models import State, Version

LABELS = {
    "item.create": gettext_lazy("创建"),
    "item.edit": gettext_lazy("修改内容"),
    "item.publish": gettext_lazy("发布"),
    "item.publish_correction": gettext_lazy("发布更正"),
    "item.start_correction": gettext_lazy("开始更正"),
    "item.withdraw": gettext_lazy("撤回"),
    "item.attach": gettext_lazy("上传附件"),
    "item.detach": gettext_lazy("删除附件"),
    **{f"item.{verb}": t.label for verb, t in workflow.TRANSITIONS.items() if verb != "edit"},
    "item.import": gettext_lazy("批量导入"),
}


def describe_item_event(event: AuditEvent) -> str:
    """A short line saying what an event of an item changed, without dumping whole bodies: the
    state, the version number, the index number it was given, the names of the fields edited.
    (An event's changes name a version's fields, but its target is the item, so the generic
    wording would not find their labels.) Attachments and withdrawal say it in their note."""
    changes = event.changes or {}
    states = dict(State.choices)
    parts = []
    if "state" in changes:
        old, new = changes["state"]
        parts.append(f"{states.get(old, old or '—')} → {states.get(new, new)}")
    if "version" in changes:
        old, new = changes["version"]
        parts.append(_("版本 %(old)s → %(new)s") % {"old": old or "—", "new": new})
    if event.action == "item.create" and "index_no" in changes:
        parts.append(_("索引号 %(no)s") % {"no": changes["index_no"][1]})
    if event.action != "item.create":
        fields = [
            str(Version._meta.get_field(name).verbose_name) for name in changes if name in (*CONTENT_FIELDS, ALSO_COLUMNS)
        ]
        if fields:
            parts.append(_("修改了：%(fields)s") % {"fields": "、".join(fields)})
    return "；".join(parts)


# Every event whose target is an item (the import's is the district's).
DESCRIBE = {code: describe_item_event for code in LABELS if code != "item.import"}
