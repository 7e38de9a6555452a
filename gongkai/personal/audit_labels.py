"""The audit trail's words for looking at personal data (each look is recorded, never the value)."""

from django.utils.translation import gettext_lazy as _

from gongkai.personal.actions import PERMISSION, PURGE

LABELS = {
    PERMISSION: _("查看个人信息"),
    "personal.id_copy": _("查看身份证明材料"),
    "personal.letter": _("生成告知书"),
    "personal.letter_download": _("下载告知书"),
    PURGE: _("删除保存期满的个人信息"),
}
