from django.urls import path

from gongkai.catalog import views_portal

app_name = "catalog"
urlpatterns = [
    path("search/", views_portal.search_page, name="search"),
]
