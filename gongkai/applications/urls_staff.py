from django.urls import path

from gongkai.applications import views_staff

app_name = "applications_staff"
urlpatterns = [
    path("", views_staff.application_list, name="list"),
    path("export.xlsx", views_staff.application_export, name="export"),
    path("new/", views_staff.application_new, name="new"),
    path("ledger/", views_staff.ledger_import, name="ledger"),
    path("ledger/template/", views_staff.ledger_template, name="ledger_template"),
    path("templates/", views_staff.template_list, name="templates"),
    path("templates/<str:outcome>/", views_staff.template_edit, name="template_edit"),
    path("templates/<str:outcome>/reset/", views_staff.template_reset, name="template_reset"),
    path("letters/<int:pk>/<str:kind>/", views_staff.letter_download, name="letter"),
    path("documents/<int:pk>/", views_staff.document_download, name="document"),
    path("documents/<int:pk>/remove/", views_staff.document_remove, name="document_remove"),
    path("<int:pk>/", views_staff.application_detail, name="detail"),
    path("<int:pk>/documents/", views_staff.document_upload, name="document_upload"),
    path("<int:pk>/acknowledgement/", views_staff.acknowledgement, name="acknowledgement"),
    path("<int:pk>/id-copy/", views_staff.id_copy, name="id_copy"),
    path("<int:pk>/<str:verb>/", views_staff.application_action, name="action"),
]
