from django.urls import path

from gongkai.hotline import views_bulletins

app_name = "hotline_bulletins"
urlpatterns = [path("", views_bulletins.bulletin_list, name="list")]
