"""Staff addresses of publicity lists, mounted at ``staff/publicity/``."""

from django.urls import path  # noqa: F401

app_name = "publicity_staff"
urlpatterns: list = []
