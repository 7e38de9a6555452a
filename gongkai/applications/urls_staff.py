from django.urls import path

from gongkai.applications import views_staff

app_name = "applications_staff"
urlpatterns = [path("", views_staff.application_list, name="list")]
