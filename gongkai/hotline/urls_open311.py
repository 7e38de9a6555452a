from django.urls import path

from gongkai.hotline import open311

app_name = "open311"
urlpatterns = [path("services.json", open311.services, name="services")]
