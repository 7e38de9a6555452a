"""The audit trail's words for the action codes of the hotline and the mailbox (``LABELS``), and
for the steps of a ticket's loop, how each moved it (``DESCRIBE``: "待派单 → 办理中")."""

from django.utils.translation import gettext as gettext_now
from django.utils.translation import gettext_lazy as _

from gongkai.hotline.models import Satisfaction, Status

LABELS = {
    "ticket.intake": _("受理登记"),
    "ticket.dispatch": _("派单"),
    "ticket.return": _("退单"),
    "ticket.transfer": _("转办"),
    "ticket.extend": _("延期"),
    "ticket.escalate": _("督办"),
    "ticket.reply": _("答复"),
    "ticket.callback": _("回访"),
    "ticket.reopen": _("重新办理"),
    "ticket.close": _("办结"),
    "ticket.export": _("导出工单"),
    "ticket.publish": _("公开信件"),
    "ticket.unpublish": _("撤回公开的信件"),
    "hotline.category.add": _("新增问题分类"),
    "hotline.category.edit": _("修改问题分类"),
    "hotline.duty.add": _("新增接听安排"),
    "hotline.duty.edit": _("修改接听安排"),
    "hotline.duty.delete": _("删除接听安排"),
    "hotline.duty.import": _("导入接听安排"),
    "hotline.settings.edit": _("修改热线设置"),
}


def describe_step(event) -> str:
    """A step of the loop in the words of the ticket page: the status moved, the lead unit
    changed, the days of an extension, the citizen's satisfaction."""
    statuses, satisfactions = dict(Status.choices), dict(Satisfaction.choices)
    changes = event.changes or {}
    parts = []
    if "status" in changes:
        old, new = changes["status"]
        parts.append(f"{statuses.get(old, old or '—')} → {statuses.get(new, new)}")
    if "lead" in changes:
        old, new = changes["lead"]
        parts.append(gettext_now("承办单位：%(old)s → %(new)s") % {"old": old or "—", "new": new or "—"})
    if "extension_days" in changes:
        parts.append(gettext_now("延期%(n)s个工作日") % {"n": changes["extension_days"][1]})
    if "satisfaction" in changes:
        value = changes["satisfaction"][1]
        parts.append(str(satisfactions.get(value, value)))
    return "；".join(parts)


# The steps whose changes ``describe_step`` words; the others (督办, 公开 …) read well generically.
DESCRIBE = dict.fromkeys(
    (
        "ticket.intake",
        "ticket.dispatch",
        "ticket.return",
        "ticket.transfer",
        "ticket.extend",
        "ticket.reply",
        "ticket.callback",
        "ticket.reopen",
        "ticket.close",
    ),
    describe_step,
)
