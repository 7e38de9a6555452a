from django.contrib import admin

from gongkai.orgs.models import LeadingGroup, LeadingGroupMember, Organisation, PortalHost


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ("name", "short_name", "kind", "parent", "district", "code", "is_active")
    list_filter = ("kind", "district", "is_active")
    search_fields = ("name", "short_name", "code")
    list_select_related = ("parent", "district")
    autocomplete_fields = ("parent",)
    fieldsets = (
        (None, {"fields": ("name", "short_name", "code", "kind", "parent", "sort_order", "is_active")}),
        (
            "公开指南联系方式",
            {"fields": ("address", "postcode", "office_hours", "phone", "fax", "email", "website")},
        ),
        ("职责", {"fields": ("duties",)}),
    )


@admin.register(PortalHost)
class PortalHostAdmin(admin.ModelAdmin):
    list_display = ("host", "district")
    list_select_related = ("district",)


class LeadingGroupMemberInline(admin.TabularInline):
    model = LeadingGroupMember
    autocomplete_fields = ("organisation",)
    extra = 0


@admin.register(LeadingGroup)
class LeadingGroupAdmin(admin.ModelAdmin):
    list_display = ("name", "district", "office")
    autocomplete_fields = ("office", "office_host")
    inlines = [LeadingGroupMemberInline]
