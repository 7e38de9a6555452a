"""Staff addresses of sector figures, mounted at ``staff/sectors/``."""

from django.urls import path

from gongkai.sectors import views_staff

app_name = "sectors_staff"
urlpatterns = [
    path("", views_staff.report_list, name="list"),
    path("start/", views_staff.report_start, name="start"),
    path("completeness/", views_staff.completeness, name="completeness"),
    path("r/<int:pk>/", views_staff.report_detail, name="report"),
    path("r/<int:pk>/submit/", views_staff.report_submit, name="submit"),
    path("r/<int:pk>/explain/", views_staff.report_explain, name="explain"),
    path("r/<int:pk>/confirm/", views_staff.report_confirm, name="confirm"),
    path("r/<int:pk>/return/", views_staff.report_return, name="return"),
    path("r/<int:pk>/reopen/", views_staff.report_reopen, name="reopen"),
    path("r/<int:pk>/publish/", views_staff.report_publish, name="publish"),
    path("r/<int:pk>/form.xlsx", views_staff.report_form_xlsx, name="form_xlsx"),
    path("r/<int:pk>/import/", views_staff.report_import, name="import"),
    path("v/<int:pk>/", views_staff.version_detail, name="version"),
    path("indicators/", views_staff.indicator_list, name="indicators"),
    path("indicators/install/", views_staff.indicator_install, name="install"),
    path("indicators/new/", views_staff.indicator_new, name="indicator_new"),
    path("indicators/<int:pk>/", views_staff.indicator_edit, name="indicator_edit"),
]
