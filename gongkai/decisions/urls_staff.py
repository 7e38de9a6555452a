"""Staff addresses of the 双公示 registry, mounted at ``staff/decisions/``."""

from django.urls import path

from gongkai.decisions import views_staff

app_name = "decisions_staff"
urlpatterns = [
    path("", views_staff.decision_list, name="list"),
    path("export.xlsx", views_staff.export_xlsx, name="export"),
    path("template.xlsx", views_staff.import_template, name="template"),
    path("new/", views_staff.decision_new, name="new"),
    path("import/", views_staff.decision_import, name="import"),
    path("release/", views_staff.release, name="release"),
    path("batches/", views_staff.batch_list, name="batches"),
    path("rules/", views_staff.rules_page, name="rules"),
    path("d/<int:pk>/", views_staff.decision_detail, name="detail"),
    path("d/<int:pk>/edit/", views_staff.decision_edit, name="edit"),
    path("d/<int:pk>/remove/", views_staff.decision_remove, name="remove"),
    path("d/<int:pk>/withdraw/", views_staff.decision_withdraw, name="withdraw"),
]
