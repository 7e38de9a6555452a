"""The public read-only JSON API, documented at /api/openapi.json."""

from django.urls import path

from gongkai.api.public import api

urlpatterns = [path("", api.urls)]
