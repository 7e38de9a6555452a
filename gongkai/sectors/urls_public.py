"""Public addresses of sector figures, mounted at ``xxgk/hysj/`` (行业数据 hysj)."""

from django.urls import path  # noqa: F401

app_name = "sectors"
urlpatterns: list = []
