"""Staff addresses of budgets and final accounts, mounted at ``staff/finance/``."""

from django.urls import path

from gongkai.finance import views_staff

app_name = "finance_staff"
urlpatterns = [
    path("", views_staff.disclosure_list, name="list"),
    path("export.xlsx", views_staff.export_xlsx, name="export"),
    path("new/", views_staff.disclosure_new, name="new"),
    path("board/", views_staff.board, name="board"),
    path("settings/", views_staff.settings_page, name="settings"),
    path("d/<int:pk>/", views_staff.disclosure_detail, name="disclosure"),
    path("d/<int:pk>/edit/", views_staff.disclosure_edit, name="edit"),
    path("d/<int:pk>/import/", views_staff.disclosure_import, name="import"),
    path("d/<int:pk>/template.xlsx", views_staff.disclosure_template, name="template"),
    path("d/<int:pk>/tables.xlsx", views_staff.disclosure_export, name="tables_export"),
    path("d/<int:pk>/empty/", views_staff.table_empty, name="empty"),
    path("d/<int:pk>/release/", views_staff.disclosure_release, name="release"),
    path("d/<int:pk>/link/", views_staff.disclosure_link, name="link"),
    path("t/<int:pk>/remove/", views_staff.table_remove, name="remove_table"),
    path("fees/", views_staff.fee_list, name="fees"),
    path("fees/new/", views_staff.fee_new, name="fee_new"),
    path("fees/import/", views_staff.fee_import, name="fee_import"),
    path("fees/template.xlsx", views_staff.fee_template, name="fee_template"),
    path("fees/<int:pk>/", views_staff.fee_detail, name="fee"),
]
