"""Public addresses of the annual reports, mounted at ``xxgk/ndbg/`` (年度报告 ndbg)."""

from django.urls import path  # noqa: F401

app_name = "reports"
urlpatterns: list = []
