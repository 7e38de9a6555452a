"""Staff addresses of budgets and final accounts, mounted at ``staff/finance/``."""

from django.urls import path  # noqa: F401

app_name = "finance_staff"
urlpatterns: list = []
