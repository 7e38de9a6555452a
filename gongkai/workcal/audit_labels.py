"""The audit trail's words for changes of the working-day calendar."""

from django.utils.translation import gettext_lazy as _

LABELS = {
    "calendar.year_create": _("录入节假日安排"),
    "calendar.year_delete": _("删除节假日安排"),
}
