"""Open311 GeoReport v2, mounted at ``/open311/v2/`` (a stable interface; JSON only)."""

from django.urls import path

from gongkai.hotline import open311

app_name = "open311"
urlpatterns = [
    path("discovery.json", open311.discovery, name="discovery"),
    path("services.json", open311.services, name="services"),
    path("requests.json", open311.requests, name="requests"),
    path("requests/<str:number>.json", open311.request_detail, name="request"),
]
