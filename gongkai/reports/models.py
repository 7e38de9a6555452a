"""The statutory annual reports on government information disclosure (政府信息公开工作年度报告) and the
website's yearly form (政府网站工作年度报表), generated from the domain apps' ``stats.py``.

A ``Report`` is one organisation's report for one year (a district's covers all its units). Its
figures are never typed: ``generate`` computes them from the records (``figures.py``) and keeps
them in ``figures`` as they stood then; the office writes only the prose around them. Once the
report is approved the figures and the prose are frozen: the published report is that snapshot,
whatever later happens to the records (regenerating only shows what would differ,
``figures.differences``).

The format follows the year (``formats.format_for``): 2021 on the official one of
国办公开办函〔2021〕30号, 2019–2020 the 2019 trial format, 2018 and before the narrative report.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gongkai.orgs.models import Organisation


class ReportFormat(models.TextChoices):
    OFFICIAL_2021 = "2021", _("2021年版格式（国办公开办函〔2021〕30号）")
    TRIAL_2019 = "2019", _("2019年试行格式（国办公开办函〔2019〕60号）")
    NARRATIVE = "narrative", _("2018年及以前的叙述式格式")


class ReportState(models.TextChoices):
    DRAFT = "draft", _("草稿")
    APPROVED = "approved", _("已审定")
    RELEASED = "released", _("已提交发布")


class Report(models.Model):
    organisation = models.ForeignKey(
        Organisation, verbose_name=_("报告单位"), on_delete=models.PROTECT, related_name="+"
    )
    district = models.ForeignKey(Organisation, verbose_name=_("区"), on_delete=models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField(_("年度"))
    format = models.CharField(_("格式"), max_length=20, choices=ReportFormat.choices)
    state = models.CharField(
        _("状态"), max_length=20, choices=ReportState.choices, default=ReportState.DRAFT, db_index=True
    )
    # Every computed figure under the keys documented in figures.py (the JSON of annual_report).
    figures = models.JSONField(_("统计数据"), default=dict)
    overview = models.TextField(_("总体情况"), blank=True)
    problems = models.TextField(_("存在的主要问题及改进情况"), blank=True)
    plans = models.TextField(_("下一步工作计划"), blank=True)
    other = models.TextField(_("其他需要报告的事项"), blank=True)

    generated_at = models.DateTimeField(_("生成时间"), default=timezone.now)
    generated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("生成人"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    approved_at = models.DateTimeField(_("审定时间"), null=True, blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("审定人"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    released_at = models.DateTimeField(_("提交发布时间"), null=True, blank=True)
    released_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("提交发布人"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # The catalog item that publishes the report in 年报: an id the catalog resolves through
    # catalog/interface.py, not a foreign key into another app's tables.
    item_id = models.PositiveBigIntegerField(_("公开信息"), null=True, blank=True)

    class Meta:
        verbose_name = _("政府信息公开工作年度报告")
        verbose_name_plural = _("政府信息公开工作年度报告")
        ordering = ["-year", "district_id", "organisation__sort_order", "organisation_id"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "year"], name="one_report_per_organisation_and_year")
        ]

    def __str__(self) -> str:
        return f"{self.organisation.name}{self.year}年政府信息公开工作年度报告"

    @property
    def title(self) -> str:
        return str(self)

    @property
    def is_frozen(self) -> bool:
        return self.state != ReportState.DRAFT


class WebsiteForm(models.Model):
    """The portal's yearly form (政府网站工作年度报表, 国办函〔2018〕12号) of one district and year.

    ``figures`` holds what the platform computed from the records when the form was generated
    (``website_form.compute``), ``entered`` what the office filled in where the platform holds no
    record (visits, security checks, new media …); each figure of the form says which it is. Once
    approved both are frozen; releasing publishes the form through the catalog."""

    district = models.ForeignKey(Organisation, verbose_name=_("区"), on_delete=models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField(_("年度"))
    state = models.CharField(
        _("状态"), max_length=20, choices=ReportState.choices, default=ReportState.DRAFT, db_index=True
    )
    figures = models.JSONField(_("平台计算的数据"), default=dict)
    entered = models.JSONField(_("公开办填报的数据"), default=dict)
    generated_at = models.DateTimeField(_("生成时间"), default=timezone.now)
    generated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("生成人"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    approved_at = models.DateTimeField(_("审定时间"), null=True, blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("审定人"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    released_at = models.DateTimeField(_("提交发布时间"), null=True, blank=True)
    released_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("提交发布人"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    item_id = models.PositiveBigIntegerField(_("公开信息"), null=True, blank=True)

    class Meta:
        verbose_name = _("政府网站工作年度报表")
        verbose_name_plural = _("政府网站工作年度报表")
        ordering = ["-year", "district_id"]
        constraints = [models.UniqueConstraint(fields=["district", "year"], name="one_website_form_per_year")]

    def __str__(self) -> str:
        return f"{self.district.name}门户网站{self.year}年政府网站工作年度报表"

    @property
    def title(self) -> str:
        return str(self)

    @property
    def is_frozen(self) -> bool:
        return self.state != ReportState.DRAFT
