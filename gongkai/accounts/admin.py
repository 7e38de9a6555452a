from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin

from gongkai.accounts.models import Membership, User


class MembershipInline(admin.TabularInline):
    model = Membership
    autocomplete_fields = ("organisation",)
    extra = 0


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    list_display = ("username", "full_name", "district", "is_active", "last_login")
    list_filter = ("district", "is_active", "memberships__role")
    search_fields = ("username", "full_name")
    fieldsets = (
        *DjangoUserAdmin.fieldsets,
        ("工作信息", {"fields": ("full_name", "title", "office_phone", "district")}),
    )
    inlines = [MembershipInline]
