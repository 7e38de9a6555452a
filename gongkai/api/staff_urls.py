from django.urls import path

from gongkai.api.staff import api

urlpatterns = [path("", api.urls)]
