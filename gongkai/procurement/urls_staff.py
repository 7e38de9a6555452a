"""Staff addresses of government procurement, mounted at ``staff/procurement/``."""

from django.urls import path

from gongkai.procurement import views_staff

app_name = "procurement_staff"
urlpatterns = [
    path("", views_staff.project_list, name="list"),
    path("export.xlsx", views_staff.export_xlsx, name="export"),
    path("template.xlsx", views_staff.import_template, name="template"),
    path("import/", views_staff.project_import, name="import"),
    path("new/", views_staff.project_new, name="new"),
    path("p/<int:pk>/", views_staff.project_detail, name="project"),
    path("p/<int:pk>/edit/", views_staff.project_edit, name="edit"),
    path("p/<int:pk>/remove/", views_staff.project_remove, name="remove"),
    path("p/<int:pk>/step/<str:verb>/", views_staff.project_step, name="step"),
    path("p/<int:pk>/notice/<str:kind>/", views_staff.notice_draft, name="draft"),
    path("p/<int:pk>/link/", views_staff.notice_link, name="link"),
]
