from django.contrib import admin

from gongkai.audit.models import AuditEvent


@admin.register(AuditEvent)
class AuditEventAdmin(admin.ModelAdmin):
    """Read-only: the audit trail can be browsed, never changed or deleted."""

    list_display = ("at", "kind", "action", "actor_name", "organisation", "target_repr")
    list_filter = ("kind", "action", "district")
    search_fields = ("action", "actor_name", "target_repr", "target_id")
    date_hierarchy = "at"
    list_select_related = ("organisation",)

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False
