"""Staff addresses of sector figures, mounted at ``staff/sectors/``."""

from django.urls import path  # noqa: F401

app_name = "sectors_staff"
urlpatterns: list = []
