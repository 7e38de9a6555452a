"""督查考核: supervision and assessment: the timeliness checks' findings and each district's thresholds
and scorecard weights.

A finding is what one check found about one object (a column, an application, a ticket, a budget
unit's disclosure …). It opens the first day a check finds it and closes by itself on the first run
that no longer does (``closed_on`` kept); scores of a past period are recomputed from these days.
Derived facts (overdue, scores) are computed, not stored.
"""

from __future__ import annotations

import datetime as dt

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from gongkai.orgs.models import Organisation


class SupervisionSettings(models.Model):
    """The district's thresholds for the checks (国办秘函〔2019〕19号, 条例 defaults) and the weights
    of the scorecard's indicators; a district that never saved any uses the defaults (unsaved)."""

    district = models.OneToOneField(Organisation, on_delete=models.CASCADE, related_name="+")
    # timeliness checks
    veto_stale_columns = models.PositiveSmallIntegerField(
        _("超期未更新栏目单项否决数"), default=5, validators=[MinValueValidator(1)]
    )
    long_stale_days = models.PositiveSmallIntegerField(
        _("长期未更新天数"), default=180, validators=[MinValueValidator(1)]
    )
    veto_long_stale_columns = models.PositiveSmallIntegerField(
        _("长期未更新栏目单项否决数"), default=10, validators=[MinValueValidator(1)]
    )
    veto_blank_columns = models.PositiveSmallIntegerField(
        _("空白栏目单项否决数"), default=5, validators=[MinValueValidator(1)]
    )
    publish_within_working_days = models.PositiveSmallIntegerField(
        _("形成后公开时限（工作日）"), default=20, validators=[MinValueValidator(1)]
    )
    late_publication_window_days = models.PositiveSmallIntegerField(
        _("逾期公开检查范围（天）"),
        default=90,
        validators=[MinValueValidator(1), MaxValueValidator(3660)],
        help_text=_("检查最近多少天内首次发布的信息"),
    )
    application_soon_working_days = models.PositiveSmallIntegerField(
        _("依申请即将到期提醒（工作日）"), default=3, validators=[MaxValueValidator(20)]
    )
    home_stale_days = models.PositiveSmallIntegerField(
        _("首页未更新天数"), default=14, validators=[MinValueValidator(1)], help_text=_("国办秘函〔2019〕19号：2周")
    )
    interpretation_working_days = models.PositiveSmallIntegerField(
        _("政策解读发布时限（工作日）"),
        default=3,
        validators=[MaxValueValidator(60)],
        help_text=_("政策文件公开后多少个工作日内应发布解读（“三同步”；0为同日发布）"),
    )
    interpret_rules = models.BooleanField(_("规章须发布解读"), default=True)
    interpret_normative = models.BooleanField(_("行政规范性文件须发布解读"), default=True)
    interpret_documents = models.BooleanField(_("其他政策文件须发布解读"), default=False)
    interpretation_window_days = models.PositiveSmallIntegerField(
        _("政策解读检查范围（天）"),
        default=365,
        validators=[MinValueValidator(1), MaxValueValidator(3660)],
        help_text=_("检查最近多少天内首次公开的政策文件"),
    )
    message_unanswered_months = models.PositiveSmallIntegerField(
        _("公开留言未答复月数"),
        default=3,
        validators=[MinValueValidator(1), MaxValueValidator(24)],
        help_text=_("国办秘函〔2019〕19号：有效留言超过3个月未回复即单项否决"),
    )
    check_external_links = models.BooleanField(
        _("检查外部链接"),
        default=False,
        help_text=_("勾选后每日检查时访问信息正文中的外部网站链接（需服务器能访问互联网）"),
    )
    # scorecard weights (any non-negative numbers; the score divides by their sum)
    weight_timeliness = models.PositiveSmallIntegerField(_("信息发布及时率权重"), default=20)
    weight_completeness = models.PositiveSmallIntegerField(_("预决算公开完整率权重"), default=15)
    weight_applications = models.PositiveSmallIntegerField(_("依申请按时答复率权重"), default=20)
    weight_hotline_closure = models.PositiveSmallIntegerField(_("热线办结率权重"), default=10)
    weight_hotline_on_time = models.PositiveSmallIntegerField(_("热线按时答复率权重"), default=10)
    weight_hotline_satisfaction = models.PositiveSmallIntegerField(_("热线满意率权重"), default=10)
    weight_findings = models.PositiveSmallIntegerField(_("督查问题权重"), default=15)
    finding_points = models.PositiveSmallIntegerField(
        _("每个未整改问题扣分"), default=10, validators=[MaxValueValidator(100)]
    )
    finding_points_per_month = models.PositiveSmallIntegerField(
        _("问题每超过30天加扣"), default=2, validators=[MaxValueValidator(100)]
    )

    class Meta:
        verbose_name = _("督查考核设置")
        verbose_name_plural = _("督查考核设置")

    def __str__(self) -> str:
        return str(self.district)


THRESHOLD_FIELDS = [
    "veto_stale_columns",
    "long_stale_days",
    "veto_long_stale_columns",
    "veto_blank_columns",
    "publish_within_working_days",
    "late_publication_window_days",
    "application_soon_working_days",
    "home_stale_days",
    "interpretation_working_days",
    "interpret_rules",
    "interpret_normative",
    "interpret_documents",
    "interpretation_window_days",
    "message_unanswered_months",
    "check_external_links",
]
WEIGHT_FIELDS = [
    "weight_timeliness",
    "weight_completeness",
    "weight_applications",
    "weight_hotline_closure",
    "weight_hotline_on_time",
    "weight_hotline_satisfaction",
    "weight_findings",
    "finding_points",
    "finding_points_per_month",
]


def settings_of(district: Organisation) -> SupervisionSettings:
    """The district's settings, or the defaults (unsaved) until the office saves its own."""
    return SupervisionSettings.objects.filter(district=district).first() or SupervisionSettings(
        district=district
    )


class Finding(models.Model):
    """One problem one check found about one object (``rule`` is the check's code in
    ``checks.RULES``). Open while ``closed_on`` is empty."""

    district = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    rule = models.CharField(_("规则"), max_length=40, db_index=True)
    unit = models.ForeignKey(
        Organisation, verbose_name=_("责任单位"), on_delete=models.CASCADE, related_name="+"
    )
    object_type = models.CharField(_("对象类型"), max_length=60)
    object_id = models.CharField(_("对象编号"), max_length=60)
    object_label = models.CharField(_("对象"), max_length=300)
    url = models.CharField(_("查看地址"), max_length=300, blank=True)
    detail = models.CharField(_("问题"), max_length=500)
    fix = models.TextField(_("整改要求"))
    since = models.DateField(_("问题起始日期"))
    found_on = models.DateField(_("发现日期"))
    checked_on = models.DateField(_("最近检查日期"))
    closed_on = models.DateField(_("整改完成日期"), null=True, blank=True)

    class Meta:
        verbose_name = _("督查问题")
        verbose_name_plural = _("督查问题")
        ordering = ["closed_on", "since", "pk"]
        indexes = [models.Index(fields=["district", "closed_on"]), models.Index(fields=["unit", "closed_on"])]
        constraints = [
            models.UniqueConstraint(
                fields=["district", "rule", "object_type", "object_id"],
                condition=Q(closed_on__isnull=True),
                name="one_open_finding_per_rule_and_object",
            )
        ]

    def __str__(self) -> str:
        return f"{self.rule}: {self.object_label}"

    @property
    def is_open(self) -> bool:
        return self.closed_on is None

    def open_days(self, on: dt.date) -> int:
        """Days the problem has stood by ``on`` (to its closing day once closed)."""
        end = min(self.closed_on, on) if self.closed_on else on
        return max((end - self.since).days, 0)


# --- the work plan (工作要点 / 实施方案) ------------------------------------------------------------


class PlanTask(models.Model):
    """One key task of the district's work plan for a year, with its responsible units (one or
    several) and due date. Whether it is done or overdue is computed from the units' accepted
    progress reports and the working-day calendar (``plans.py``), never stored."""

    district = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    year = models.PositiveSmallIntegerField(_("年度"), validators=[MinValueValidator(2008)])
    number = models.CharField(_("序号"), max_length=20, blank=True)
    text = models.TextField(_("任务内容"))
    category = models.CharField(_("类别"), max_length=60, blank=True)
    due_on = models.DateField(_("完成时限"))
    source = models.CharField(_("来源文件"), max_length=300, blank=True)
    units = models.ManyToManyField(
        Organisation, verbose_name=_("责任单位"), through="PlanTaskUnit", related_name="+"
    )
    created_at = models.DateTimeField(_("录入时间"), auto_now_add=True)
    created_by = models.ForeignKey(
        "accounts.User", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("工作要点任务")
        verbose_name_plural = _("工作要点任务")
        ordering = ["district_id", "year", "due_on", "pk"]
        indexes = [models.Index(fields=["district", "year"])]

    def __str__(self) -> str:
        return f"{self.number} {self.text[:40]}".strip()


class PlanTaskUnit(models.Model):
    """A responsible unit of a task (the first named leads: 牵头单位)."""

    task = models.ForeignKey(PlanTask, on_delete=models.CASCADE, related_name="task_units")
    unit = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["task_id", "order", "pk"]
        constraints = [models.UniqueConstraint(fields=["task", "unit"], name="one_task_unit")]

    def __str__(self) -> str:
        return f"{self.task_id}/{self.unit_id}"


class ReportState(models.TextChoices):
    SUBMITTED = "submitted", _("待审核")
    ACCEPTED = "accepted", _("已通过")
    RETURNED = "returned", _("已退回")


class Progress(models.TextChoices):
    STARTED = "started", _("推进中")
    COMPLETED = "completed", _("已完成")


class ProgressReport(models.Model):
    """A unit's report of its progress on a task, with evidence: published catalog items of its
    own (their ids; their titles and whether the public still sees them are asked of the catalog
    when shown). The office accepts it or returns it with a reason."""

    task = models.ForeignKey(PlanTask, on_delete=models.CASCADE, related_name="reports")
    unit = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    text = models.TextField(_("进展情况"))
    progress = models.CharField(_("进度"), max_length=20, choices=Progress.choices)
    evidence = models.JSONField(_("佐证材料"), default=list, blank=True)
    state = models.CharField(_("状态"), max_length=20, choices=ReportState.choices, default=ReportState.SUBMITTED)
    submitted_at = models.DateTimeField(_("报送时间"))
    submitted_by = models.ForeignKey(
        "accounts.User", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    reviewed_at = models.DateTimeField(_("审核时间"), null=True, blank=True)
    reviewed_by = models.ForeignKey(
        "accounts.User", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    review_note = models.CharField(_("审核意见"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("工作进展报送")
        verbose_name_plural = _("工作进展报送")
        ordering = ["task_id", "submitted_at", "pk"]
        indexes = [models.Index(fields=["task", "unit", "state"])]

    def __str__(self) -> str:
        return f"{self.task_id}/{self.unit_id} {self.get_state_display()}"


# --- bulletins (通报) --------------------------------------------------------------------------------


class BulletinKind(models.TextChoices):
    MONTHLY = "monthly", _("月度通报")
    QUARTERLY = "quarterly", _("季度通报")
    YEARLY = "yearly", _("年度通报")


class BulletinState(models.TextChoices):
    DRAFT = "draft", _("草稿")
    SUBMITTED = "submitted", _("待审定")
    APPROVED = "approved", _("已审定")
    RELEASED = "released", _("已提交发布")


class Bulletin(models.Model):
    """A periodic bulletin of the units' standing and findings. Its figures and tables are computed
    from the scorecards and findings each time it is shown (``bulletins.py``); only its prose is
    typed (``prose``: paragraph key → text). Released, it is an information item of the portal's
    notices column (``item_id``), published by the catalog's own workflow."""

    district = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(_("类型"), max_length=20, choices=BulletinKind.choices)
    period = models.CharField(_("期间"), max_length=10)  # 2026-03, 2026-Q1, 2026
    number = models.PositiveSmallIntegerField(_("期号"), default=1)
    title = models.CharField(_("标题"), max_length=200)
    prose = models.JSONField(_("文字部分"), default=dict, blank=True)
    state = models.CharField(_("状态"), max_length=20, choices=BulletinState.choices, default=BulletinState.DRAFT)
    created_at = models.DateTimeField(_("生成时间"), auto_now_add=True)
    created_by = models.ForeignKey(
        "accounts.User", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    submitted_by = models.ForeignKey(
        "accounts.User", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    approved_at = models.DateTimeField(_("审定时间"), null=True, blank=True)
    approved_by = models.ForeignKey(
        "accounts.User", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    released_at = models.DateTimeField(_("提交发布时间"), null=True, blank=True)
    item_id = models.PositiveBigIntegerField(_("公开信息"), null=True, blank=True)
    return_note = models.CharField(_("退回意见"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("督查通报")
        verbose_name_plural = _("督查通报")
        ordering = ["district_id", "-period", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["district", "kind", "period"], name="one_bulletin_per_period")
        ]

    def __str__(self) -> str:
        return self.title
