"""Staff addresses of service items, mounted at ``staff/services/``."""

from django.urls import path

from gongkai.services import views_staff

app_name = "services_staff"
urlpatterns = [
    path("", views_staff.item_list, name="items"),
    path("export.xlsx", views_staff.export_xlsx, name="export"),
    path("items/new/", views_staff.item_new, name="item_new"),
    path("items/<int:pk>/", views_staff.item_detail, name="item"),
    path("items/<int:pk>/edit/", views_staff.item_edit, name="item_edit"),
    path("items/<int:pk>/guide/", views_staff.guide_edit, name="guide_new"),
    path("items/<int:pk>/guide/<int:guide_pk>/", views_staff.guide_edit, name="guide_edit"),
    path("guides/<int:pk>/release/", views_staff.guide_release, name="release"),
    path("guides/<int:pk>/revise/", views_staff.guide_revise, name="revise"),
    path("cases/", views_staff.case_list, name="cases"),
    path("cases/<int:pk>/", views_staff.case_detail, name="case"),
    path("imports/", views_staff.imports, name="imports"),
    path("imports/sources/<int:pk>/", views_staff.source_detail, name="source"),
    path("imports/<int:pk>/", views_staff.run_detail, name="run"),
    path("imports/<int:pk>/progress.json", views_staff.run_progress, name="progress"),
    path("imports/<int:pk>/rejects.csv", views_staff.run_rejects, name="rejects"),
]
