"""The audit trail's words for the action codes of staff accounts and organisations."""

from django.utils.translation import gettext_lazy as _

LABELS = {
    "staff.create": _("新建工作人员账号"),
    "staff.grant_role": _("授予角色"),
    "staff.revoke_role": _("收回角色"),
    "staff.set_active": _("启用或停用账号"),
    "staff.change_password": _("修改本人密码"),
    "staff.reset_password": _("重置密码"),
    "auth.unlock": _("解除登录锁定"),
    "staff.totp_enable": _("绑定动态验证码"),
    "staff.totp_disable": _("解除动态验证码绑定"),
    "org.create": _("新建单位"),
    "org.update_contacts": _("修改单位联系信息"),
}
