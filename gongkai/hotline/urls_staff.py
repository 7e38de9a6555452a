from django.urls import path

from gongkai.hotline import views_staff

app_name = "hotline_staff"
urlpatterns = [path("", views_staff.ticket_list, name="list")]
