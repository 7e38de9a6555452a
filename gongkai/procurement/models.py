"""政府采购: government procurement projects and their notices.

A ``Project`` is one procurement of one purchasing unit (采购单位) in one budget year: what is
bought (货物, 工程, 服务), how (公开招标 … 框架协议), its budget, and — once the supplier is chosen —
the supplier and the contract amount (中标、成交金额), with the dates of each step. Savings (节约
资金 = budget − contract amount) and the savings rate are computed (``money.py``), never stored.

A ``Notice`` is one of the project's three notices — the intention (采购意向公开), the tender
notice (采购公告) and the result notice (中标（成交）结果公告) — and is an information item of the
catalog: drafted through ``catalog/interface.py`` (``notices.py``) and published by the catalog's
own review and approval. Whether a notice is public, and on which day it was published, is asked
of the catalog every time; nothing about publication is stored twice.
"""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gongkai.lib.noticelink import Recorded
from gongkai.orgs.models import Organisation


class ProcurementType(models.TextChoices):
    """采购项目类别 (政府采购法第二条): goods, works, services."""

    GOODS = "goods", _("货物")
    WORKS = "works", _("工程")
    SERVICES = "services", _("服务")


class Method(models.TextChoices):
    """采购方式 (政府采购法第二十六条, 财政部令第74号 and 第110号, and the online bidding platform)."""

    OPEN_TENDER = "open_tender", _("公开招标")
    INVITED_TENDER = "invited_tender", _("邀请招标")
    COMPETITIVE_NEGOTIATION = "competitive_negotiation", _("竞争性谈判")
    COMPETITIVE_CONSULTATION = "competitive_consultation", _("竞争性磋商")
    INQUIRY = "inquiry", _("询价")
    SINGLE_SOURCE = "single_source", _("单一来源")
    ONLINE_BIDDING = "online_bidding", _("网上竞价")
    FRAMEWORK_AGREEMENT = "framework_agreement", _("框架协议")


class ProjectState(models.TextChoices):
    """Where a project stands (``workflow.py`` says which verb leads where)."""

    PLANNED = "planned", _("计划")
    PROCURING = "procuring", _("采购中")
    AWARDED = "awarded", _("已确定供应商")
    CONTRACTED = "contracted", _("已签订合同")
    TERMINATED = "terminated", _("已终止")


class NoticeKind(models.TextChoices):
    INTENTION = "intention", _("采购意向公开")
    TENDER = "tender", _("采购公告")
    RESULT = "result", _("中标（成交）结果公告")


MONEY = {"max_digits": 14, "decimal_places": 2}


class Project(Recorded):
    district = models.ForeignKey(
        Organisation, verbose_name=_("区"), on_delete=models.PROTECT, related_name="+"
    )
    organisation = models.ForeignKey(
        Organisation, verbose_name=_("采购单位"), on_delete=models.PROTECT, related_name="+"
    )
    code = models.CharField(_("项目编号"), max_length=40)
    name = models.CharField(_("项目名称"), max_length=200)
    year = models.PositiveSmallIntegerField(_("预算年度"), db_index=True)
    type = models.CharField(_("采购类别"), max_length=20, choices=ProcurementType.choices)
    method = models.CharField(_("采购方式"), max_length=30, choices=Method.choices)
    requirements = models.TextField(_("需求概况"), blank=True)
    budget = models.DecimalField(
        _("预算金额（元）"), validators=[MinValueValidator(Decimal("0.01"))], **MONEY
    )
    planned_start_on = models.DateField(_("预计采购时间"), null=True, blank=True)
    started_on = models.DateField(_("采购活动开始日期"), null=True, blank=True)
    supplier_chosen_on = models.DateField(_("确定供应商日期"), null=True, blank=True)
    contract_signed_on = models.DateField(_("合同签订日期"), null=True, blank=True)
    supplier_name = models.CharField(_("中标（成交）供应商"), max_length=200, blank=True)
    supplier_code = models.CharField(_("供应商统一社会信用代码"), max_length=18, blank=True)
    contract_amount = models.DecimalField(_("中标（成交）金额（元）"), null=True, blank=True, **MONEY)
    state = models.CharField(
        _("状态"), max_length=20, choices=ProjectState.choices, default=ProjectState.PLANNED, db_index=True
    )
    termination_reason = models.TextField(_("终止原因"), blank=True)

    updated_at = models.DateTimeField(_("更新时间"), default=timezone.now)

    class Meta:
        verbose_name = _("采购项目")
        verbose_name_plural = _("采购项目")
        ordering = ["-year", "code"]
        constraints = [
            models.UniqueConstraint(fields=["district", "code"], name="procurement_code_unique_per_district")
        ]
        indexes = [models.Index(fields=["district", "year"]), models.Index(fields=["organisation", "year"])]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"

    @property
    def savings(self) -> Decimal | None:
        """节约资金 (元): budget − contract amount, once there is a contract amount."""
        from gongkai.procurement.money import savings

        return savings(self.budget, self.contract_amount)

    @property
    def savings_rate(self) -> Decimal | None:
        """资金节约率 (a percentage, two decimals)."""
        from gongkai.procurement.money import rate

        return rate(self.savings, self.budget) if self.contract_amount is not None else None

    @property
    def procurement_start(self):
        """The day procurement starts, for the intention's 30 days: the actual one, else the planned."""
        return self.started_on or self.planned_start_on


class Notice(models.Model):
    """One notice of a project: an information item of the catalog (its id, resolved through
    ``catalog/interface.py``, not a foreign key into another domain app's tables)."""

    project = models.ForeignKey(
        Project, verbose_name=_("采购项目"), on_delete=models.PROTECT, related_name="notices"
    )
    kind = models.CharField(_("公告类型"), max_length=20, choices=NoticeKind.choices)
    item_id = models.PositiveBigIntegerField(_("公开信息"), unique=True)
    drafted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("起草人"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    drafted_at = models.DateTimeField(_("起草时间"), default=timezone.now)

    class Meta:
        verbose_name = _("采购公告")
        verbose_name_plural = _("采购公告")
        ordering = ["project_id", "kind"]
        constraints = [
            models.UniqueConstraint(fields=["project", "kind"], name="one_notice_per_project_and_kind")
        ]

    def __str__(self) -> str:
        return f"{self.project_id} {self.get_kind_display()}"
