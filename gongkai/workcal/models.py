"""The working-day calendar: statutory holidays and adjusted working days (调休), year by year.

A year is *known* when its ``CalendarYear`` row exists; deadlines are never computed through an
unknown year. Within a known year a day is a working day unless it is listed as a holiday, or it
falls on a weekend and is not listed as an adjusted working day.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _


class CalendarSource(models.TextChoices):
    PACKAGE = "package", _("chinese_calendar 软件包")
    MANUAL = "manual", _("公开办录入")


class DayKind(models.TextChoices):
    HOLIDAY = "holiday", _("法定节假日")
    WORKDAY = "workday", _("调休上班")


class CalendarYear(models.Model):
    year = models.PositiveSmallIntegerField(
        _("年份"), unique=True, validators=[MinValueValidator(2000), MaxValueValidator(2100)]
    )
    source = models.CharField(
        _("来源"),
        max_length=10,
        choices=CalendarSource.choices,
        default=CalendarSource.MANUAL,
        help_text=_("公开办录入的年份在重新导入软件包数据时不会被覆盖。"),
    )
    note = models.CharField(_("说明"), max_length=200, blank=True, help_text=_("例如：国务院办公厅通知文号"))
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)
    # Bumped on every change to the year or its days; other processes compare it to notice edits
    # (a counter, unlike a timestamp, cannot be fooled by clocks that differ between servers).
    revision = models.PositiveIntegerField(_("修订号"), default=1, editable=False)

    class Meta:
        verbose_name = _("日历年份")
        verbose_name_plural = _("日历年份")
        ordering = ["-year"]

    def __str__(self) -> str:
        return f"{self.year}年"


class SpecialDay(models.Model):
    """A day that differs from the plain week, or a weekend day inside a named holiday period.

    Holiday rows on a weekend change nothing in the count; they only carry the holiday's name so
    that a citizen sees "春节" rather than "周末" among the days a deadline skipped.
    """

    year = models.ForeignKey(
        CalendarYear, verbose_name=_("年份"), on_delete=models.CASCADE, related_name="days"
    )
    date = models.DateField(_("日期"), unique=True)
    kind = models.CharField(_("类型"), max_length=10, choices=DayKind.choices)
    name = models.CharField(_("节日"), max_length=30, help_text=_("例如：春节；调休上班日填写对应的节日"))

    class Meta:
        verbose_name = _("节假日与调休")
        verbose_name_plural = _("节假日与调休")
        ordering = ["date"]

    def __str__(self) -> str:
        return f"{self.date:%Y-%m-%d} {self.name}（{self.get_kind_display()}）"

    def clean(self) -> None:
        if self.date and self.year_id and self.date.year != self.year.year:
            raise ValidationError({"date": _("日期必须在%(year)s年内。") % {"year": self.year.year}})
        if self.date and self.kind == DayKind.WORKDAY and self.date.weekday() < 5:
            raise ValidationError({"date": _("调休上班日必须是星期六或星期日。")})
