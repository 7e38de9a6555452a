"""Staff addresses of service items, mounted at ``staff/services/``."""

from django.urls import path  # noqa: F401

app_name = "services_staff"
urlpatterns: list = []
