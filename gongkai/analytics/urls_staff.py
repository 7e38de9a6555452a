"""Staff addresses of participation analytics, mounted at ``staff/analytics/``."""

from django.urls import path

from gongkai.analytics import views_staff

app_name = "analytics_staff"
urlpatterns = [
    path("", views_staff.dashboard, name="dashboard"),
    path("export.xlsx", views_staff.export_xlsx, name="export"),
]
