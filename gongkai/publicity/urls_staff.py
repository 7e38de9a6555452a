"""Staff addresses of publicity lists, mounted at ``staff/publicity/``."""

from django.urls import path

from gongkai.publicity import views_staff

app_name = "publicity_staff"
urlpatterns = [
    path("", views_staff.publicity_list, name="list"),
    path("export.xlsx", views_staff.export_xlsx, name="export"),
    path("new/", views_staff.publicity_new, name="new"),
    path("periods/", views_staff.periods, name="periods"),
    path("template/<str:kind>.xlsx", views_staff.import_template, name="template"),
    path("p/<int:pk>/", views_staff.publicity_detail, name="detail"),
    path("p/<int:pk>/edit/", views_staff.publicity_edit, name="edit"),
    path("p/<int:pk>/entries/", views_staff.entry_add, name="entry_add"),
    path("p/<int:pk>/entries.xlsx", views_staff.entries_export, name="entries_export"),
    path("p/<int:pk>/import/", views_staff.entries_import, name="import"),
    path("p/<int:pk>/release/", views_staff.publicity_release, name="release"),
    path("p/<int:pk>/link/", views_staff.publicity_link, name="link"),
    path("p/<int:pk>/objections/", views_staff.objection_new, name="objection_new"),
    path("entries/<int:pk>/remove/", views_staff.entry_remove, name="entry_remove"),
    path("objections/<int:pk>/resolve/", views_staff.objection_resolve, name="objection_resolve"),
]
