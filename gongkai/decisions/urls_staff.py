"""Staff addresses of licensing and penalty / enforcement decisions published within their limit, mounted at ``staff/decisions/``."""

from django.urls import path  # noqa: F401

app_name = "decisions_staff"
urlpatterns: list = []
