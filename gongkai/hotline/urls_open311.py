"""Open311 GeoReport v2 (``api_open311``), mounted at ``/open311/v2/`` (a stable interface; JSON only)."""

from django.urls import path

from gongkai.hotline import api_open311

app_name = "open311"
urlpatterns = [
    path("discovery.json", api_open311.discovery, name="discovery"),
    path("services.json", api_open311.services, name="services"),
    path("requests.json", api_open311.requests, name="requests"),
    path("requests/<str:number>.json", api_open311.request_detail, name="request"),
]
