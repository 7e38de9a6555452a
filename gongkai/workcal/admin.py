"""System configuration of the calendar: correcting a year that is already known.

New years are entered by the office on the workbench page (``views.year_create``); here a system
administrator (the admin is open to superusers only, see gongkai/urls.py) corrects a day, a name or
a note. Correcting the days of a package year makes it an office year, so that
re-seeding from the package never undoes the correction. Every change goes to the audit trail.
"""

from __future__ import annotations

from django.contrib import admin
from django.http import HttpRequest

from gongkai.accounts.permissions import has_any
from gongkai.audit.log import diff, record, snapshot
from gongkai.workcal.models import CalendarSource, CalendarYear, SpecialDay

_FIELDS = ("year", "source", "note")


def _may_edit(request: HttpRequest) -> bool:
    # Should the admin ever open to district staff, only calendar keepers may change the calendar.
    return request.user.is_superuser or has_any(request.user, "calendar.edit")


class SpecialDayInline(admin.TabularInline):
    model = SpecialDay
    fields = ("date", "kind", "name")
    extra = 0
    ordering = ("date",)


@admin.register(CalendarYear)
class CalendarYearAdmin(admin.ModelAdmin):
    list_display = ("year", "source", "note", "updated_at")
    list_filter = ("source",)
    fields = _FIELDS
    inlines = [SpecialDayInline]
    ordering = ("-year",)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return _may_edit(request)

    def has_change_permission(self, request: HttpRequest, obj=None) -> bool:
        return _may_edit(request)

    def has_delete_permission(self, request: HttpRequest, obj=None) -> bool:
        return _may_edit(request)

    def get_actions(self, request: HttpRequest):
        # Bulk deletion would bypass delete_model and so the audit trail.
        actions = super().get_actions(request)
        actions.pop("delete_selected", None)
        return actions

    def save_model(self, request: HttpRequest, obj: CalendarYear, form, change: bool) -> None:
        before = snapshot(CalendarYear.objects.get(pk=obj.pk), _FIELDS) if change else {}
        super().save_model(request, obj, form, change)
        request._workcal_before = before  # read in save_related, once the days are saved too

    def save_related(self, request: HttpRequest, form, formsets, change: bool) -> None:
        day_lines = [line for formset in formsets for line in _day_changes(formset)]
        super().save_related(request, form, formsets, change)
        obj: CalendarYear = form.instance
        if change and day_lines and obj.source == CalendarSource.PACKAGE:
            obj.source = CalendarSource.MANUAL
            obj.save(update_fields=["source", "updated_at"])
        changes = diff(request._workcal_before, snapshot(obj, _FIELDS))
        if day_lines:
            changes["days"] = [None, day_lines]
        if changes:
            action = "calendar.year_update" if change else "calendar.year_create"
            record(action, actor=request.user, target=obj, changes=changes, note="系统配置")

    def delete_model(self, request: HttpRequest, obj: CalendarYear) -> None:
        record("calendar.year_delete", actor=request.user, target=obj, changes={"year": [obj.year, None]})
        super().delete_model(request, obj)


def _day_changes(formset) -> list[str]:
    """The days an inline formset adds, changes or deletes, one line each."""
    lines = []
    for form in formset.forms:
        data = getattr(form, "cleaned_data", None)
        if not data or not form.has_changed():
            continue
        verb = "删除" if data.get("DELETE") else ("修改" if form.instance.pk else "新增")
        lines.append(f"{verb} {data.get('date')} {data.get('kind')} {data.get('name')}")
    return lines
