"""Staff addresses of the annual reports, mounted at ``staff/reports/``."""

from django.urls import path  # noqa: F401

app_name = "reports_staff"
urlpatterns: list = []
