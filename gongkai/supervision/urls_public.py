"""Public addresses of supervision and assessment, mounted at ``xxgk/dcjk/`` (督查 dc)."""

from django.urls import path  # noqa: F401

app_name = "supervision"
urlpatterns: list = []
