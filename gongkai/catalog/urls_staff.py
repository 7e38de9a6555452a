from django.urls import path

from gongkai.catalog import views_staff

app_name = "catalog_staff"
urlpatterns = [
    path("", views_staff.dashboard, name="dashboard"),
]
