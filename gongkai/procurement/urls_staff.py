"""Staff addresses of government procurement, mounted at ``staff/procurement/``."""

from django.urls import path  # noqa: F401

app_name = "procurement_staff"
urlpatterns: list = []
