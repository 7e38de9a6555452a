"""Public addresses of service items, mounted at ``xxgk/bszn/`` (办事指南 bszn)."""

from django.urls import path  # noqa: F401

app_name = "services"
urlpatterns: list = []
