"""Staff addresses of the annual reports, mounted at ``staff/reports/``."""

from django.urls import path

from gongkai.reports import views_staff

app_name = "reports_staff"
urlpatterns = [
    path("", views_staff.report_list, name="list"),
    path("generate/", views_staff.report_generate, name="generate"),
    path("deadlines/", views_staff.report_deadlines, name="deadlines"),
    path("<int:pk>/", views_staff.report_detail, name="detail"),
    path("<int:pk>/trace/", views_staff.report_trace, name="trace"),
    path("<int:pk>/edit/", views_staff.report_edit, name="edit"),
    path("<int:pk>/regenerate/", views_staff.report_regenerate, name="regenerate"),
    path("<int:pk>/approve/", views_staff.report_approve, name="approve"),
    path("<int:pk>/reopen/", views_staff.report_reopen, name="reopen"),
    path("<int:pk>/release/", views_staff.report_release, name="release"),
    path("<int:pk>/compare/", views_staff.report_compare, name="compare"),
    path("<int:pk>/download.<str:fmt>", views_staff.report_download, name="download"),
]

# The website's yearly form (政府网站工作年度报表).
urlpatterns += [
    path("website/", views_staff.website_list, name="website_list"),
    path("website/generate/", views_staff.website_generate, name="website_generate"),
    path("website/<int:pk>/", views_staff.website_detail, name="website_detail"),
    path("website/<int:pk>/<str:verb>/", views_staff.website_action, name="website_action"),
    path("website/<int:pk>/download.<str:fmt>", views_staff.website_download, name="website_download"),
]
