"""Public addresses of participation analytics, mounted at ``xxgk/gzcy/`` (公众参与 gzcy)."""

from django.urls import path  # noqa: F401

app_name = "analytics"
urlpatterns: list = []
