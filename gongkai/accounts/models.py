"""Staff accounts and their roles in organisations."""

from __future__ import annotations

from django.contrib.auth.models import AbstractUser
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from gongkai.accounts.roles import DISTRICT_WIDE, Role


class User(AbstractUser):
    """A staff member. Citizens never need an account."""

    full_name = models.CharField(_("姓名"), max_length=50, blank=True)
    title = models.CharField(_("职务"), max_length=50, blank=True)
    office_phone = models.CharField(_("办公电话"), max_length=30, blank=True)
    # The district whose data this account works in; None only for a platform-wide superuser.
    district = models.ForeignKey(
        "orgs.Organisation",
        verbose_name=_("所属区"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        limit_choices_to={"kind": "district"},
    )
    # Set when an administrator gives the password (a new account, a reset): the holder must choose
    # their own at the next sign-in before anything else (accounts/middleware.py).
    must_change_password = models.BooleanField(_("须修改密码"), default=False)
    password_changed_at = models.DateTimeField(_("密码修改时间"), null=True, blank=True)

    class Meta:
        verbose_name = _("工作人员")
        verbose_name_plural = _("工作人员")

    def __str__(self) -> str:
        return self.full_name or self.username

    @property
    def display_name(self) -> str:
        return self.full_name or self.username


class Membership(models.Model):
    """A role that a staff member holds in one organisation."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="memberships")
    organisation = models.ForeignKey(
        "orgs.Organisation", verbose_name=_("单位"), on_delete=models.PROTECT, related_name="memberships"
    )
    role = models.CharField(_("角色"), max_length=20, choices=Role.choices)

    class Meta:
        verbose_name = _("角色分配")
        verbose_name_plural = _("角色分配")
        constraints = [
            models.UniqueConstraint(fields=["user", "organisation", "role"], name="unique_membership")
        ]

    def __str__(self) -> str:
        return f"{self.user} · {self.organisation} · {self.get_role_display()}"

    def clean(self) -> None:
        user_district = self.user.district_id if self.user_id else None
        if self.organisation_id and user_district and self.organisation.district_id != user_district:
            raise ValidationError({"organisation": _("角色所在单位必须属于该工作人员所属的区。")})
        if self.role in DISTRICT_WIDE and self.organisation_id and self.organisation.kind == "budget_unit":
            raise ValidationError({"role": _("全区性角色不能设在预算单位。")})


class PasswordHistory(models.Model):
    """A password hash an account has given up, so that it cannot be chosen again soon."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="password_history")
    password = models.CharField(_("密码摘要"), max_length=128)
    replaced_at = models.DateTimeField(_("停用时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("历史密码")
        verbose_name_plural = _("历史密码")
        ordering = ["-replaced_at", "-id"]

    def __str__(self) -> str:
        return f"{self.user} · {self.replaced_at:%Y-%m-%d %H:%M}"
