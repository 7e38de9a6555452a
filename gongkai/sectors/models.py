"""行业领域数据: the yearly figures departments report on a form with units and checks.

- ``Indicator`` (指标): the catalog of what is reported — a code, name, unit, decimal places, the
  department responsible, and optionally a parent indicator whose parts sum to it (or stay within
  it). Configured per district by the disclosure office; a standard catalog built from the seed
  (``standard.py``) is where a district starts.
- ``Report`` (填报): one department's figures of one year. Its ``Entry`` rows are the values as
  they are being entered; its ``Version`` rows are what was submitted (报送), each a frozen copy
  (``Figure``) with the checks as they stood, confirmed by the department's leader or returned.
- ``Explanation`` (情况说明): the department's recorded reason for a value a check flags (parts that
  do not add up, a jump from last year). It holds only while the values it explains are unchanged.

The figures the public, the open data and the annual report read are those of each report's
latest confirmed version (``stats.py``); the public sees them once the notice that publishes the
version is public in the catalog (``notices.py``).
"""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gongkai.lib.noticelink import NoticeLinked
from gongkai.orgs.models import Organisation


class Unit(models.TextChoices):
    PEOPLE = "人", _("人")
    HOUSEHOLDS = "户", _("户")
    ENTITIES = "家", _("家")
    WAN_YUAN = "万元", _("万元")
    WAN_MU = "万亩", _("万亩")
    ENTRIES = "条", _("条")
    PIECES = "个", _("个")
    PERSON_TIMES = "人次", _("人次")
    TIMES = "次", _("次")
    CASES = "起", _("起")
    MATTERS = "件", _("件")
    PERCENT = "%", _("%")


class Sector(models.TextChoices):
    """The key areas (重点领域) a figure belongs to; each has its column in the catalog."""

    SOCIAL_ASSISTANCE = "social_assistance", _("社会救助")
    EDUCATION = "education", _("教育")
    HEALTH = "health", _("医疗卫生")
    EMPLOYMENT = "employment", _("就业创业")
    ENVIRONMENT = "environment", _("生态环境")
    FOOD_DRUG = "food_drug", _("食品药品安全")
    LAND = "land", _("农村土地流转")
    OTHER = "other", _("其他")


class PartsRule(models.TextChoices):
    """How an indicator's parts (its child indicators) relate to it."""

    NONE = "", _("无")
    EQUAL = "equal", _("分项之和等于总数")
    AT_MOST = "at_most", _("分项之和不超过总数")


class Indicator(models.Model):
    district = models.ForeignKey(
        Organisation, verbose_name=_("区"), on_delete=models.PROTECT, related_name="+"
    )
    code = models.CharField(
        _("指标代码"),
        max_length=60,
        help_text=_("本区内唯一，例如 land.transfer.total；开放数据和接口以此引用"),
    )
    name = models.CharField(_("指标名称"), max_length=200)
    unit = models.CharField(_("计量单位"), max_length=8, choices=Unit.choices)
    decimals = models.PositiveSmallIntegerField(_("小数位数"), default=0)
    sector = models.CharField(_("领域"), max_length=30, choices=Sector.choices)
    organisation = models.ForeignKey(
        Organisation, verbose_name=_("填报单位"), on_delete=models.PROTECT, related_name="+"
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("上级指标"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="parts",
    )
    parts_rule = models.CharField(
        _("分项关系"), max_length=10, choices=PartsRule.choices, default="", blank=True
    )
    description = models.TextField(_("指标说明"), blank=True, help_text=_("统计口径、数据来源等"))
    sort_order = models.PositiveIntegerField(_("排序"), default=0)
    is_active = models.BooleanField(_("启用"), default=True)
    created_at = models.DateTimeField(_("登记时间"), default=timezone.now)

    class Meta:
        verbose_name = _("指标")
        verbose_name_plural = _("指标")
        ordering = ["sort_order", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["district", "code"], name="sector_indicator_code_unique_per_district"
            )
        ]

    def __str__(self) -> str:
        return f"{self.name}（{self.unit}）"

    @property
    def step(self) -> Decimal:
        """The smallest step a value may have (0.001 for three decimal places)."""
        return Decimal(1).scaleb(-self.decimals)

    @property
    def is_share(self) -> bool:
        return self.unit == Unit.PERCENT


class ReportState(models.TextChoices):
    DRAFT = "draft", _("填报中")
    SUBMITTED = "submitted", _("待确认")
    CONFIRMED = "confirmed", _("已确认")
    RETURNED = "returned", _("已退回")


class Report(models.Model):
    """One department's figures of one year (填报)."""

    district = models.ForeignKey(
        Organisation, verbose_name=_("区"), on_delete=models.PROTECT, related_name="+"
    )
    organisation = models.ForeignKey(
        Organisation, verbose_name=_("填报单位"), on_delete=models.PROTECT, related_name="+"
    )
    year = models.PositiveSmallIntegerField(_("年度"))
    state = models.CharField(
        _("状态"), max_length=20, choices=ReportState.choices, default=ReportState.DRAFT, db_index=True
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("创建人"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("创建时间"), default=timezone.now)

    class Meta:
        verbose_name = _("行业数据填报")
        verbose_name_plural = _("行业数据填报")
        ordering = ["-year", "organisation__sort_order", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "year"], name="sector_report_one_per_org_and_year"
            )
        ]

    def __str__(self) -> str:
        return f"{self.organisation} {self.year}年"


class Entry(models.Model):
    """A value of a report as it is being entered (the current draft)."""

    report = models.ForeignKey(
        Report, verbose_name=_("填报"), on_delete=models.CASCADE, related_name="entries"
    )
    indicator = models.ForeignKey(
        Indicator, verbose_name=_("指标"), on_delete=models.PROTECT, related_name="+"
    )
    value = models.DecimalField(_("数值"), max_digits=20, decimal_places=6, null=True, blank=True)
    note = models.CharField(_("备注"), max_length=300, blank=True)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("填报人"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    entered_at = models.DateTimeField(_("填报时间"), default=timezone.now)

    class Meta:
        verbose_name = _("填报数值")
        verbose_name_plural = _("填报数值")
        constraints = [
            models.UniqueConstraint(fields=["report", "indicator"], name="sector_entry_one_per_indicator")
        ]

    def __str__(self) -> str:
        return f"{self.indicator_id}={self.value}"


class CheckKind(models.TextChoices):
    MISSING = "missing", _("未填写")
    NEGATIVE = "negative", _("负数")
    SHARE_OVER_100 = "share_over_100", _("比例超过100%")
    PARTS_SUM = "parts_sum", _("分项之和与总数不符")
    PARTS_EXCEED = "parts_exceed", _("分项之和超过总数")
    YEAR_ON_YEAR = "year_on_year", _("与上年相差较大")


class Explanation(models.Model):
    """The department's reason for a flagged value; valid while the values it saw are unchanged."""

    report = models.ForeignKey(
        Report, verbose_name=_("填报"), on_delete=models.CASCADE, related_name="explanations"
    )
    indicator = models.ForeignKey(
        Indicator, verbose_name=_("指标"), on_delete=models.PROTECT, related_name="+"
    )
    kind = models.CharField(_("核查项"), max_length=20, choices=CheckKind.choices)
    fingerprint = models.CharField(_("所说明的数值"), max_length=500)
    text = models.TextField(_("情况说明"))
    explained_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("说明人"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    explained_at = models.DateTimeField(_("说明时间"), default=timezone.now)

    class Meta:
        verbose_name = _("情况说明")
        verbose_name_plural = _("情况说明")
        constraints = [
            models.UniqueConstraint(
                fields=["report", "indicator", "kind"], name="sector_explanation_one_per_check"
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}：{self.text[:30]}"


class VersionState(models.TextChoices):
    SUBMITTED = "submitted", _("待确认")
    CONFIRMED = "confirmed", _("已确认")
    RETURNED = "returned", _("已退回")


class Version(NoticeLinked):
    """One submission of a report (第 n 次报送): its figures frozen, then confirmed or returned."""

    report = models.ForeignKey(
        Report, verbose_name=_("填报"), on_delete=models.CASCADE, related_name="versions"
    )
    number = models.PositiveIntegerField(_("版本"))
    state = models.CharField(
        _("状态"), max_length=20, choices=VersionState.choices, default=VersionState.SUBMITTED
    )
    # The checks as they stood when submitted, with their explanations (a frozen record).
    checks = models.JSONField(_("核查结果"), default=list, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("报送人"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    submitted_at = models.DateTimeField(_("报送时间"), default=timezone.now)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("确认或退回人"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("确认或退回时间"), null=True, blank=True)
    reason = models.TextField(_("退回理由"), blank=True)

    class Meta:
        verbose_name = _("报送版本")
        verbose_name_plural = _("报送版本")
        ordering = ["report_id", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["report", "number"], name="sector_version_number_unique")
        ]
        indexes = [models.Index(fields=["state", "report"])]

    def __str__(self) -> str:
        return f"{self.report} 第{self.number}版"


class Figure(models.Model):
    """A value as submitted in a version: what reports cite, traced to who entered it and when."""

    version = models.ForeignKey(
        Version, verbose_name=_("报送版本"), on_delete=models.CASCADE, related_name="figures"
    )
    indicator = models.ForeignKey(
        Indicator, verbose_name=_("指标"), on_delete=models.PROTECT, related_name="+"
    )
    value = models.DecimalField(_("数值"), max_digits=20, decimal_places=6)
    note = models.CharField(_("备注"), max_length=300, blank=True)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("填报人"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    entered_at = models.DateTimeField(_("填报时间"))

    class Meta:
        verbose_name = _("报送数值")
        verbose_name_plural = _("报送数值")
        constraints = [
            models.UniqueConstraint(fields=["version", "indicator"], name="sector_figure_one_per_indicator")
        ]

    def __str__(self) -> str:
        return f"{self.indicator_id}={self.value}"
