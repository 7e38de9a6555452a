from django.urls import path

from gongkai.applications import views_public

app_name = "apply"
urlpatterns = [path("", views_public.apply, name="form")]
