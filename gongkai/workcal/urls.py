"""Staff pages of the working-day calendar; mounted under /staff/calendar/."""

from django.urls import path

from gongkai.workcal import views

app_name = "workcal"
urlpatterns = [
    path("", views.year_list, name="year_list"),
    path("new/", views.year_create, name="year_create"),
    path("paste/", views.year_paste, name="year_paste"),
    path("<int:year>/", views.year_detail, name="year_detail"),
]
