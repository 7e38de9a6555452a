"""The audit trail's words for the action codes of disclosure applications."""

from django.utils.translation import gettext_lazy as _

LABELS = {
    "application.submit": _("登记/提交申请"),
    "application.accept": _("受理"),
    "application.transfer": _("转办"),
    "application.clarification_start": _("发出补正通知"),
    "application.clarification_end": _("收到补正材料"),
    "application.third_party_start": _("征求第三方意见"),
    "application.third_party_end": _("收到第三方意见"),
    "application.co_agency_start": _("征求其他机关意见"),
    "application.co_agency_end": _("收到其他机关意见"),
    "application.fee_start": _("发出收费通知"),
    "application.fee_end": _("收到缴费"),
    "application.extend": _("延期答复"),
    "application.close": _("答复办结"),
    "application.deliver": _("送达"),
    "application.review_case": _("登记复议/诉讼"),
    "application.review_result": _("复议/诉讼结果"),
    "application.attach": _("上传答复材料"),
    "application.detach": _("删除答复材料"),
    "application.third_party_recount": _("重新计算征求第三方意见期限"),
    "application.co_agency_recount": _("重新计算征求其他机关意见期限"),
    "application.fee_recount": _("重新计算缴费期限"),
    "application.letter_template": _("修改告知书模板"),
}
