"""The record of periodic job runs: what ran, when, why, and how it ended.

The rows also serve as the lock that keeps two schedulers or workers from running one job at the
same time: at most one row per job may be *queued* or *running* (a partial unique constraint, which
SQLite and PostgreSQL both enforce), so claiming a job is a plain insert that either succeeds or
fails with an IntegrityError.
"""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class RunStatus(models.TextChoices):
    QUEUED = "queued", _("排队中")
    RUNNING = "running", _("运行中")
    OK = "ok", _("成功")
    FAILED = "failed", _("失败")


ACTIVE_STATUSES = (RunStatus.QUEUED, RunStatus.RUNNING)


class RunTrigger(models.TextChoices):
    SCHEDULE = "schedule", _("定时调度")
    COMMAND = "command", _("管理命令")
    MANUAL = "manual", _("手动")


class JobRun(models.Model):
    name = models.CharField(_("任务名称"), max_length=100)
    trigger = models.CharField(_("触发方式"), max_length=20, choices=RunTrigger.choices)
    status = models.CharField(_("状态"), max_length=20, choices=RunStatus.choices)
    created_at = models.DateTimeField(_("创建时间"), default=timezone.now)
    started_at = models.DateTimeField(_("开始时间"), null=True, blank=True)
    finished_at = models.DateTimeField(_("结束时间"), null=True, blank=True)
    summary = models.TextField(_("结果摘要"), blank=True)
    error = models.TextField(_("错误信息"), blank=True)

    class Meta:
        verbose_name = _("定时任务运行记录")
        verbose_name_plural = _("定时任务运行记录")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["name", "status", "started_at"])]
        constraints = [
            models.UniqueConstraint(
                fields=["name"],
                condition=Q(status__in=["queued", "running"]),
                name="background_jobrun_one_active_per_job",
            )
        ]

    def __str__(self) -> str:
        return f"{self.name} {self.created_at:%Y-%m-%d %H:%M} {self.get_status_display()}"

    @property
    def duration(self):
        if self.started_at and self.finished_at:
            return self.finished_at - self.started_at
        return None
