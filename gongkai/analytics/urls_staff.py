"""Staff addresses of participation analytics, mounted at ``staff/analytics/``."""

from django.urls import path  # noqa: F401

app_name = "analytics_staff"
urlpatterns: list = []
