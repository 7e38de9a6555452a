from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from gongkai.background.models import JobRun


@admin.register(JobRun)
class JobRunAdmin(admin.ModelAdmin):
    """Read-only: runs are written by the job runner, never by hand."""

    list_display = ("name", "status", "trigger", "started_at", "finished_at", "run_time", "short_summary")
    list_filter = ("status", "trigger", "name")
    search_fields = ("name", "summary", "error")
    date_hierarchy = "created_at"
    readonly_fields = [f.name for f in JobRun._meta.fields]

    @admin.display(description=_("耗时"))
    def run_time(self, obj: JobRun) -> str:
        return f"{obj.duration.total_seconds():.1f} 秒" if obj.duration is not None else "—"

    @admin.display(description=_("结果摘要"))
    def short_summary(self, obj: JobRun) -> str:
        if obj.summary:
            return obj.summary[:80]
        error_lines = obj.error.strip().splitlines()
        return error_lines[-1][:80] if error_lines else ""

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False
