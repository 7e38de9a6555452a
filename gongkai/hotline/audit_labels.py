"""The audit trail's words for the action codes of the hotline and the mailbox."""

from django.utils.translation import gettext_lazy as _

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
