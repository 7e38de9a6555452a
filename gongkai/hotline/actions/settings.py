"""State changes of a district's hotline settings: its problem categories and its time limits.

Each checks ``hotline.configure`` for the district (``permissions.can_configure``), runs in one
transaction and records what changed.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from gongkai.audit.log import diff, record, snapshot
from gongkai.hotline.models import Category, HotlineSettings
from gongkai.hotline.permissions import can_configure
from gongkai.orgs.models import Organisation

CATEGORY_FIELDS = ["name", "default_organisation", "sort_order", "is_active"]
LIMIT_FIELDS = [
    "limit_normal",
    "limit_urgent",
    "limit_very_urgent",
    "extension_max",
    "return_within",
    "duplicate_window_days",
]


def require_configure(actor, district: Organisation) -> None:
    if not can_configure(actor, district.pk):
        raise PermissionDenied("hotline.configure refused")


@transaction.atomic
def save_category(category: Category, *, actor, district: Organisation) -> Category:
    """Add or change one of the district's categories (the form has set its fields)."""
    require_configure(actor, district)
    if category.pk and not Category.objects.filter(pk=category.pk, district=district).exists():
        raise PermissionDenied("hotline.configure refused")
    unit = category.default_organisation
    if unit is not None and unit.district_id != district.pk:
        raise ValidationError({"default_organisation": "默认承办单位必须属于本区。"})
    before = snapshot(Category.objects.get(pk=category.pk), CATEGORY_FIELDS) if category.pk else {}
    created = category.pk is None
    category.district = district
    category.full_clean()
    category.save()
    record(
        "hotline.category.add" if created else "hotline.category.edit",
        actor=actor,
        target=category,
        organisation=district,
        changes=diff(before, snapshot(category, CATEGORY_FIELDS)),
    )
    return category


@transaction.atomic
def update_limits(limits: HotlineSettings, *, actor, district: Organisation) -> HotlineSettings:
    """Change the district's time limits (the form has set them). A district that never saved its
    own had the defaults: the audit event shows the change from those."""
    require_configure(actor, district)
    stored = HotlineSettings.objects.select_for_update().filter(district=district).first()
    before = snapshot(stored or HotlineSettings(district=district), LIMIT_FIELDS)
    limits.pk, limits.district = (stored.pk if stored else None), district
    limits.full_clean(exclude=["district"])
    limits.save()
    record(
        "hotline.settings.edit",
        actor=actor,
        target=limits,
        organisation=district,
        changes=diff(before, snapshot(limits, LIMIT_FIELDS)),
    )
    return limits
