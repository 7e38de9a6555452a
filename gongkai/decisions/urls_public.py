"""Public addresses of licensing and penalty / enforcement decisions published within their limit, mounted at ``xxgk/sgs/`` (双公示 sgs)."""

from django.urls import path  # noqa: F401

app_name = "decisions"
urlpatterns: list = []
