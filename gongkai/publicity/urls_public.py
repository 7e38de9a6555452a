"""Public addresses of publicity lists, mounted at ``xxgk/gsgg/`` (公示公告 gsgg)."""

from django.urls import path  # noqa: F401

app_name = "publicity"
urlpatterns: list = []
