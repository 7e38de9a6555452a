"""Staff addresses of supervision and assessment, mounted at ``staff/supervision/``."""

from django.urls import path  # noqa: F401

app_name = "supervision_staff"
urlpatterns: list = []
