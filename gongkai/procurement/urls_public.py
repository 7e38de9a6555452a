"""Public addresses of government procurement, mounted at ``xxgk/zfcg/`` (政府采购 zfcg)."""

from django.urls import path  # noqa: F401

app_name = "procurement"
urlpatterns: list = []
