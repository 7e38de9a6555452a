"""The project's URLs with the calendar pages mounted where the lead will mount them."""

from django.urls import include, path

from gongkai.urls import urlpatterns as project_urlpatterns

urlpatterns = [
    path("staff/calendar/", include("gongkai.workcal.urls")),
    *project_urlpatterns,
]
