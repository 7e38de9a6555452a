"""The audit trail's words for the action codes of proactive disclosure."""

from django.utils.translation import gettext_lazy as _

from gongkai.catalog import workflow

LABELS = {
    "item.create": _("创建"),
    "item.edit": _("修改内容"),
    "item.publish": _("发布"),
    "item.publish_correction": _("发布更正"),
    "item.start_correction": _("开始更正"),
    "item.withdraw": _("撤回"),
    "item.attach": _("上传附件"),
    "item.detach": _("删除附件"),
    **{f"item.{verb}": t.label for verb, t in workflow.TRANSITIONS.items() if verb != "edit"},
    "item.import": _("批量导入"),
}
