"""What the purge of personal data past its retention period has done (manage.py purge_personal)."""

from __future__ import annotations

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class PurgedRecord(models.Model):
    """One record whose personal data was removed: it is never purged twice, and the office can
    answer "what became of my data" for any record number."""

    kind = models.CharField(_("记录类别"), max_length=40, db_index=True)
    model = models.CharField(_("数据表"), max_length=100)
    object_id = models.BigIntegerField(_("记录编号"))
    object_repr = models.CharField(_("记录"), max_length=200, blank=True)
    closed_on = models.DateField(_("办结/撤下日期"))
    purged_at = models.DateTimeField(_("删除时间"), default=timezone.now, db_index=True)

    class Meta:
        verbose_name = _("已删除个人信息的记录")
        verbose_name_plural = _("已删除个人信息的记录")
        ordering = ["-purged_at", "-pk"]
        constraints = [models.UniqueConstraint(fields=["model", "object_id"], name="purged_once")]

    def __str__(self) -> str:
        return f"{self.model}#{self.object_id}"
