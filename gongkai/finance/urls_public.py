"""Public addresses of budgets and final accounts, mounted at ``xxgk/czzj/`` (财政资金 czzj)."""

from django.urls import path  # noqa: F401

app_name = "finance"
urlpatterns: list = []
