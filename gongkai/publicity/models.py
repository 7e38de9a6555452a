"""公示公告: publicity lists (公示: 低保, public and low-rent housing, renovation subsidies) and notices
(征地, 房屋征收, 矿业权), personal data masked, off the portal after their period.

- ``Publicity``: one list or one notice of one organisation, with its kind (``kinds.py``), year
  (and month, for the monthly 低保 lists), publicity period and the information item that publishes
  it (an id the catalog resolves through ``catalog/interface.py``).
- ``Entry``: one household of a list, as staff keep it: name, ID number, phone, bank account and
  address encrypted (``gongkai.personal``), shown to staff masked, in full only through the audited
  reveal.
- ``PublicRow``: the masked projection of an entry, made once when the list is released
  (``public.project_entry``). Public pages, exports, the API and the figures read only these rows
  and the notice's ``public_facts``, never the entries: no later edit of an entry reaches the
  public without being masked again.
- ``Objection``: an objection (异议) raised during the period, and how it was settled.
- ``PeriodSetting``: a district's publicity period for a kind, where it differs from the default.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gongkai.lib.noticelink import NoticeLinked, Recorded, Released
from gongkai.orgs.models import Organisation
from gongkai.personal.fields import BlindIndexField, EncryptedField
from gongkai.personal.fields import Kind as PersonalKind
from gongkai.publicity.kinds import Family, Kind, spec


class State(models.TextChoices):
    """Where a list or notice stands. Whether the public sees it also follows its information item
    in the catalog and, for a list, its period (``public.py``)."""

    DRAFT = "draft", _("草稿")
    RELEASED = "released", _("已提交发布")
    ENDED = "ended", _("公示期满")


class Publicity(NoticeLinked, Released, Recorded):
    district = models.ForeignKey(Organisation, verbose_name=_("区"), on_delete=models.PROTECT, related_name="+")
    organisation = models.ForeignKey(
        Organisation, verbose_name=_("公示单位"), on_delete=models.PROTECT, related_name="+"
    )
    kind = models.CharField(_("类别"), max_length=30, choices=Kind.choices, db_index=True)
    title = models.CharField(_("标题"), max_length=300)
    year = models.PositiveSmallIntegerField(
        _("所属年度"), validators=[MinValueValidator(2000), MaxValueValidator(2100)], db_index=True
    )
    month = models.PositiveSmallIntegerField(
        _("所属月份"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(12)],
        help_text=_("按月公示的名单（如低保）填写"),
    )
    doc_number = models.CharField(_("文号"), max_length=100, blank=True)
    description = models.TextField(_("公示说明"), blank=True)
    period_days = models.PositiveSmallIntegerField(
        _("公示期（天）"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(365)],
        help_text=_("自发布之日起计算；不填则长期公开"),
    )
    facts = models.JSONField(_("公告要素"), default=dict, blank=True)
    # A notice's facts about a natural person (a 补偿决定's 被征收人), kept encrypted.
    party_name = EncryptedField(_("被征收人"), kind=PersonalKind.NAME, blank=True, default="")
    party_address = EncryptedField(_("被征收房屋位置"), kind=PersonalKind.ADDRESS, blank=True, default="")

    state = models.CharField(_("状态"), max_length=20, choices=State.choices, default=State.DRAFT, db_index=True)
    # The masked projection of a notice's facts, made on release: [[label, value], ...].
    public_facts = models.JSONField(_("公开的公告要素"), default=list, blank=True)
    period_starts_on = models.DateField(_("公示开始日期"), null=True, blank=True)
    ended_on = models.DateField(_("撤下日期"), null=True, blank=True, help_text=_("公示期满、离开门户网站的日期"))

    class Meta:
        verbose_name = _("公示公告")
        verbose_name_plural = _("公示公告")
        ordering = ["-year", "-month", "-created_at", "-id"]
        indexes = [models.Index(fields=["district", "state", "year"])]

    def __str__(self) -> str:
        return self.title

    @property
    def spec(self):
        return spec(self.kind)

    @property
    def is_list(self) -> bool:
        return self.spec.family == Family.LIST

    @property
    def period_ends_on(self) -> dt.date | None:
        """The last day of the period (inclusive), once it has started; None: no end."""
        if self.period_starts_on is None or not self.period_days:
            return None
        return self.period_starts_on + dt.timedelta(days=self.period_days - 1)

    def in_period(self, day: dt.date) -> bool:
        """Is ``day`` within the period (a notice without a period: always, once started)?"""
        if self.period_starts_on is None or day < self.period_starts_on:
            return False
        end = self.period_ends_on
        return end is None or day <= end

    def period_label(self) -> str:
        if not self.period_days:
            return str(_("长期公开"))
        if self.period_starts_on is None:
            return str(_("%(n)s天（自发布之日起）") % {"n": self.period_days})
        return f"{self.period_starts_on:%Y-%m-%d} 至 {self.period_ends_on:%Y-%m-%d}（{self.period_days}天）"


class Entry(models.Model):
    """One household of a list, as the organisation keeps it (never shown to the public)."""

    publicity = models.ForeignKey(Publicity, verbose_name=_("公示"), on_delete=models.CASCADE, related_name="entries")
    number = models.PositiveIntegerField(_("序号"))
    town = models.CharField(_("乡镇（街道）"), max_length=60)
    village = models.CharField(_("村（社区）"), max_length=60, blank=True)
    name = EncryptedField(_("姓名"), kind=PersonalKind.NAME)
    id_number = EncryptedField(_("身份证号码"), kind=PersonalKind.ID_NUMBER)
    id_number_hash = BlindIndexField("id_number")
    phone = EncryptedField(_("联系电话"), kind=PersonalKind.PHONE, blank=True, default="")
    bank_account = EncryptedField(_("银行账号"), kind=PersonalKind.BANK_ACCOUNT, blank=True, default="")
    address = EncryptedField(_("家庭住址"), kind=PersonalKind.ADDRESS, blank=True, default="")
    people = models.PositiveSmallIntegerField(_("人数"), validators=[MinValueValidator(1), MaxValueValidator(30)])
    amount = models.DecimalField(_("金额（元）"), max_digits=12, decimal_places=2, null=True, blank=True)
    category = models.CharField(_("类别"), max_length=60, blank=True)
    detail = models.CharField(_("说明"), max_length=120, blank=True)
    area = models.DecimalField(_("面积（㎡）"), max_digits=8, decimal_places=2, null=True, blank=True)
    note = models.TextField(_("备注（不公开）"), blank=True)
    recorded_at = models.DateTimeField(_("登记时间"), default=timezone.now)

    class Meta:
        verbose_name = _("公示名单条目")
        verbose_name_plural = _("公示名单条目")
        ordering = ["publicity_id", "number", "id"]
        constraints = [
            models.UniqueConstraint(fields=["publicity", "id_number_hash"], name="one_entry_per_person_and_list")
        ]

    def __str__(self) -> str:
        return f"{self.publicity_id} #{self.number}"

    def personal_data_organisation(self) -> Organisation:
        return self.publicity.organisation


class PublicRow(models.Model):
    """The masked projection of one entry: everything the public sees of a household."""

    publicity = models.ForeignKey(
        Publicity, verbose_name=_("公示"), on_delete=models.CASCADE, related_name="public_rows"
    )
    number = models.PositiveIntegerField(_("序号"))
    town = models.CharField(_("乡镇（街道）"), max_length=60)
    village = models.CharField(_("村（社区）"), max_length=60, blank=True)
    name = models.CharField(_("姓名"), max_length=40)
    id_number = models.CharField(_("身份证号码"), max_length=18)
    people = models.PositiveSmallIntegerField(_("人数"))
    amount = models.DecimalField(_("金额（元）"), max_digits=12, decimal_places=2, null=True, blank=True)
    category = models.CharField(_("类别"), max_length=60, blank=True)
    detail = models.CharField(_("说明"), max_length=120, blank=True)
    area = models.DecimalField(_("面积（㎡）"), max_digits=8, decimal_places=2, null=True, blank=True)

    class Meta:
        verbose_name = _("公开名单行")
        verbose_name_plural = _("公开名单行")
        ordering = ["publicity_id", "number", "id"]
        indexes = [models.Index(fields=["publicity", "town"])]

    def __str__(self) -> str:
        return f"{self.publicity_id} #{self.number} {self.name}"


class ObjectionOutcome(models.TextChoices):
    UPHELD = "upheld", _("经核实，异议成立")
    REJECTED = "rejected", _("经核实，异议不成立")


class Objection(models.Model):
    """An objection (异议) raised during the period, and its settlement."""

    publicity = models.ForeignKey(Publicity, verbose_name=_("公示"), on_delete=models.CASCADE, related_name="objections")
    entry = models.ForeignKey(
        Entry,
        verbose_name=_("涉及的名单条目"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="objections",
    )
    received_on = models.DateField(_("收到日期"))
    objector = EncryptedField(_("异议人"), kind=PersonalKind.NAME, blank=True, default="")
    objector_phone = EncryptedField(_("异议人联系电话"), kind=PersonalKind.PHONE, blank=True, default="")
    content = models.TextField(_("异议内容"))
    outcome = models.CharField(_("处理结果"), max_length=20, choices=ObjectionOutcome.choices, blank=True)
    resolution = models.TextField(_("核实情况"), blank=True)
    resolved_on = models.DateField(_("办结日期"), null=True, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("登记人"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    recorded_at = models.DateTimeField(_("登记时间"), default=timezone.now)

    class Meta:
        verbose_name = _("异议")
        verbose_name_plural = _("异议")
        ordering = ["publicity_id", "received_on", "id"]

    def __str__(self) -> str:
        return f"{self.publicity_id} {self.received_on}"

    def personal_data_organisation(self) -> Organisation:
        return self.publicity.organisation

    @property
    def is_open(self) -> bool:
        return not self.outcome


class PeriodSetting(models.Model):
    """A district's publicity period for one kind, set by the disclosure office."""

    district = models.ForeignKey(Organisation, verbose_name=_("区"), on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(_("类别"), max_length=30, choices=Kind.choices)
    period_days = models.PositiveSmallIntegerField(
        _("公示期（天）"), null=True, blank=True, validators=[MinValueValidator(1), MaxValueValidator(365)]
    )

    class Meta:
        verbose_name = _("公示期设置")
        verbose_name_plural = _("公示期设置")
        constraints = [models.UniqueConstraint(fields=["district", "kind"], name="one_period_per_kind_and_district")]

    def __str__(self) -> str:
        return f"{self.district_id} {self.kind} {self.period_days}"


ZERO = Decimal("0.00")


def period_days_for(district_id: int | None, kind: str) -> int | None:
    """The district's publicity period for ``kind``: the office's setting, else the kind's default."""
    found = PeriodSetting.objects.filter(district_id=district_id, kind=kind).first()
    return found.period_days if found is not None else spec(kind).period_days
