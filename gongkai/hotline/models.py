"""The district head's public hotline and mailbox (区长公开电话 / 区长信箱).

A ticket (工单) goes round the closed loop of GB/T 33358 and 国办发〔2020〕53号:
受理 → 派单 → 办理 → 答复 → 督办 → 回访 → 办结. Derived facts — due dates, overdue, which duty
shift took a call — are computed from the records, not stored twice.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gongkai.orgs.models import Organisation
from gongkai.personal.fields import BlindIndexField, EncryptedField, Kind


class Channel(models.TextChoices):
    PHONE = "phone", _("区长公开电话")
    MAILBOX = "mailbox", _("区长信箱")
    LETTER = "letter", _("来信")
    VISIT = "visit", _("来访")
    OTHER = "other", _("其他渠道")


class Urgency(models.TextChoices):
    NORMAL = "normal", _("一般")
    URGENT = "urgent", _("紧急")
    VERY_URGENT = "very_urgent", _("特急")


class Status(models.TextChoices):
    NEW = "new", _("待派单")
    DISPATCHED = "dispatched", _("办理中")
    REPLIED = "replied", _("已答复待回访")
    CLOSED = "closed", _("已办结")


class Satisfaction(models.TextChoices):
    SATISFIED = "satisfied", _("满意")
    BASIC = "basic", _("基本满意")
    UNSATISFIED = "unsatisfied", _("不满意")


class Category(models.Model):
    """What a ticket is about (城市管理, 住房保障 …); each district keeps its own list."""

    district = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    name = models.CharField(_("名称"), max_length=50)
    default_organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("默认承办单位"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    sort_order = models.PositiveIntegerField(_("排序"), default=0)
    is_active = models.BooleanField(_("启用"), default=True)

    class Meta:
        verbose_name = _("诉求类别")
        verbose_name_plural = _("诉求类别")
        ordering = ["district_id", "sort_order", "pk"]
        constraints = [models.UniqueConstraint(fields=["district", "name"], name="hotline_category_unique")]

    def __str__(self) -> str:
        return self.name


class HotlineSettings(models.Model):
    """Time limits in working days (configurable per district; the common defaults below)."""

    district = models.OneToOneField(Organisation, on_delete=models.CASCADE, related_name="hotline_settings")
    limit_normal = models.PositiveSmallIntegerField(_("一般件办理时限（工作日）"), default=5)
    limit_urgent = models.PositiveSmallIntegerField(_("紧急件办理时限（工作日）"), default=2)
    limit_very_urgent = models.PositiveSmallIntegerField(_("特急件办理时限（工作日）"), default=1)
    extension_max = models.PositiveSmallIntegerField(_("复杂件最长延期（工作日）"), default=10)
    return_within = models.PositiveSmallIntegerField(_("退单时限（工作日）"), default=2)
    duplicate_window_days = models.PositiveSmallIntegerField(_("重复来电判断范围（天）"), default=7)

    class Meta:
        verbose_name = _("热线办理时限")
        verbose_name_plural = _("热线办理时限")

    def __str__(self) -> str:
        return str(self.district)

    def limit_for(self, urgency: str) -> int:
        return {
            Urgency.NORMAL: self.limit_normal,
            Urgency.URGENT: self.limit_urgent,
            Urgency.VERY_URGENT: self.limit_very_urgent,
        }[urgency]


class DutyShiftKind(models.TextChoices):
    MORNING = "morning", _("上午")
    AFTERNOON = "afternoon", _("下午")
    FULL_DAY = "full_day", _("全天")


SHIFT_HOURS = {
    DutyShiftKind.MORNING: (0, 12),
    DutyShiftKind.AFTERNOON: (12, 24),
    DutyShiftKind.FULL_DAY: (0, 24),
}


class DutyShift(models.Model):
    """接听安排: a district leader or a unit head answers the hotline on a date and shift."""

    district = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    date = models.DateField(_("日期"), db_index=True)
    shift = models.CharField(
        _("班次"), max_length=10, choices=DutyShiftKind.choices, default=DutyShiftKind.FULL_DAY
    )
    person_name = models.CharField(_("接听人"), max_length=50)
    position = models.CharField(_("职务"), max_length=100)
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("单位"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    is_district_leader = models.BooleanField(_("区级领导"), default=False)
    is_published = models.BooleanField(_("已公布"), default=True)

    class Meta:
        verbose_name = _("接听安排")
        verbose_name_plural = _("接听安排")
        ordering = ["date", "shift"]
        constraints = [
            models.UniqueConstraint(fields=["district", "date", "shift"], name="one_duty_per_shift")
        ]

    def __str__(self) -> str:
        return f"{self.date} {self.get_shift_display()} {self.person_name}"


class TicketCounter(models.Model):
    """The last ticket serial of a district; locked in the intake transaction, so no gaps, no duplicates."""

    district = models.OneToOneField(Organisation, on_delete=models.CASCADE, related_name="+")
    last = models.PositiveIntegerField(default=0)

    def __str__(self) -> str:
        return f"{self.district_id}: {self.last}"


class Ticket(models.Model):
    district = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    number = models.CharField(_("工单编号"), max_length=30, unique=True)
    serial = models.PositiveIntegerField(editable=False)
    office = models.ForeignKey(
        Organisation,
        verbose_name=_("受理机构"),
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("区长公开电话办公室"),
    )
    channel = models.CharField(_("渠道"), max_length=20, choices=Channel.choices)
    received_at = models.DateTimeField(_("受理时间"), default=timezone.now, db_index=True)
    operator = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("受理人"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    duty = models.ForeignKey(
        DutyShift,
        verbose_name=_("接听领导"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="tickets",
    )
    query_code_hash = models.CharField(max_length=64, blank=True, editable=False)

    caller_name = EncryptedField(_("姓名"), kind=Kind.NAME, blank=True)
    phone = EncryptedField(_("联系电话"), kind=Kind.PHONE, blank=True)
    phone_hash = BlindIndexField("phone")
    email = EncryptedField(_("电子邮箱"), kind=Kind.EMAIL, blank=True)
    address = EncryptedField(_("联系地址"), kind=Kind.ADDRESS, blank=True)
    anonymous = models.BooleanField(_("匿名"), default=False)

    title = models.CharField(_("标题"), max_length=200, blank=True)
    matter = models.TextField(_("诉求内容"))
    # The matter's topic words (``hotissues.topic_words``), segmented once when the ticket is
    # first saved (a bulk insert sets them itself), so that bulletins and hot-issue reports count
    # words without segmenting every matter again. A ticket's matter is never edited.
    keywords = models.TextField(_("诉求关键词"), blank=True, editable=False)
    category = models.ForeignKey(
        Category, verbose_name=_("类别"), null=True, blank=True, on_delete=models.PROTECT
    )
    place = models.ForeignKey(
        Organisation,
        verbose_name=_("发生地（乡镇街道）"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    place_detail = models.CharField(_("具体地点"), max_length=200, blank=True)
    latitude = models.DecimalField(max_digits=9, decimal_places=6, null=True, blank=True)
    longitude = models.DecimalField(max_digits=9, decimal_places=6, null=True, blank=True)
    urgency = models.CharField(_("紧急程度"), max_length=20, choices=Urgency.choices, default=Urgency.NORMAL)
    repeat_of = models.ForeignKey(
        "self", verbose_name=_("疑似重复"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    is_repeat_caller = models.BooleanField(_("重复来电"), default=False)

    status = models.CharField(
        _("状态"), max_length=20, choices=Status.choices, default=Status.NEW, db_index=True
    )
    lead = models.ForeignKey(
        Organisation,
        verbose_name=_("承办单位"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="hotline_tickets",
    )
    dispatched_at = models.DateTimeField(_("派单时间"), null=True, blank=True)
    extension_days = models.PositiveSmallIntegerField(_("延期工作日"), default=0)
    escalated = models.BooleanField(_("督办"), default=False)
    reply = models.TextField(_("办理结果"), blank=True)
    replied_at = models.DateTimeField(_("答复时间"), null=True, blank=True)
    closed_at = models.DateTimeField(_("办结时间"), null=True, blank=True, db_index=True)
    reopen_count = models.PositiveSmallIntegerField(_("重办次数"), default=0)

    publish_allowed = models.BooleanField(_("同意公开"), default=False)
    published = models.BooleanField(_("已在信箱栏目公开"), default=False)
    public_question = models.TextField(_("公开的来信内容"), blank=True, help_text=_("公开前删去个人信息"))
    public_answer = models.TextField(_("公开的答复"), blank=True)

    class Meta:
        verbose_name = _("工单")
        verbose_name_plural = _("工单")
        ordering = ["-received_at", "-pk"]
        constraints = [models.UniqueConstraint(fields=["district", "serial"], name="ticket_serial_unique")]
        indexes = [
            models.Index(fields=["district", "received_at"]),
            models.Index(fields=["lead", "status"]),
        ]

    def __str__(self) -> str:
        return self.number

    def save(self, *args, **kwargs) -> None:
        if self._state.adding and not self.keywords:
            from gongkai.hotline.hotissues import topic_words  # hotissues reads this module

            self.keywords = topic_words(self.matter)
        super().save(*args, **kwargs)

    @property
    def organisation(self) -> Organisation:
        """The unit answerable for the ticket now: the lead once dispatched, the hotline office before."""
        return self.lead or self.office

    def personal_data_organisation(self) -> Organisation:
        """Who may reveal the caller's data: the lead unit while it handles the ticket (never for an
        anonymous caller), the hotline office otherwise — it calls back."""
        if self.status == Status.DISPATCHED and self.lead_id and not self.anonymous:
            return self.lead
        return self.office


class Assignment(models.Model):
    """One dispatch of a ticket to a unit: the lead or a co-handler, and what became of it."""

    class Role(models.TextChoices):
        LEAD = "lead", _("主办")
        CO = "co", _("协办")

    class Outcome(models.TextChoices):
        ACTIVE = "active", _("办理中")
        RETURNED = "returned", _("已退单")
        TRANSFERRED = "transferred", _("已转办")
        DONE = "done", _("已完成")

    ticket = models.ForeignKey(Ticket, on_delete=models.CASCADE, related_name="assignments")
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="hotline_assignments"
    )
    role = models.CharField(max_length=10, choices=Role.choices)
    dispatched_at = models.DateTimeField(default=timezone.now)
    dispatched_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    outcome = models.CharField(max_length=20, choices=Outcome.choices, default=Outcome.ACTIVE)
    ended_at = models.DateTimeField(null=True, blank=True)
    reason = models.TextField(blank=True)

    class Meta:
        ordering = ["dispatched_at", "pk"]

    def __str__(self) -> str:
        return f"{self.ticket} → {self.organisation}"


class Callback(models.Model):
    """回访: the operator asks the citizen how the matter was handled."""

    ticket = models.ForeignKey(Ticket, on_delete=models.CASCADE, related_name="callbacks")
    at = models.DateTimeField(default=timezone.now)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    reached = models.BooleanField(_("已联系上"), default=True)
    satisfaction = models.CharField(_("满意度"), max_length=20, choices=Satisfaction.choices, blank=True)
    no_callback_reason = models.CharField(_("未能回访原因"), max_length=200, blank=True)
    note = models.TextField(_("回访记录"), blank=True)

    class Meta:
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return f"{self.ticket} {self.get_satisfaction_display() or self.no_callback_reason}"
