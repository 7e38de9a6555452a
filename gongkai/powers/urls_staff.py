from django.urls import path

from gongkai.powers import views_staff

app_name = "powers_staff"
urlpatterns = [
    path("", views_staff.power_list, name="list"),
    path("export.xlsx", views_staff.export_xlsx, name="export"),
    path("template.xlsx", views_staff.import_template, name="template"),
    path("p/<int:pk>/", views_staff.power_detail, name="power"),
    path("documents/", views_staff.document_list, name="documents"),
    path("documents/new/", views_staff.document_new, name="document_new"),
    path("documents/<int:pk>/", views_staff.document_detail, name="document"),
    path("documents/<int:pk>/record/", views_staff.change_new, name="record"),
    path("documents/<int:pk>/import/", views_staff.document_import, name="import"),
    path("documents/<int:pk>/release/", views_staff.document_release, name="release"),
    path("documents/<int:pk>/link/", views_staff.document_link, name="link"),
    path("changes/<int:pk>/remove/", views_staff.change_remove, name="remove"),
]
