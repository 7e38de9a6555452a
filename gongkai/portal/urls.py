from django.urls import path

from gongkai.lib.pagecache import public_page
from gongkai.portal import views

app_name = "portal"
urlpatterns = [
    path("", public_page(views.home), name="home"),
    path("xxgk/", public_page(views.disclosure), name="disclosure"),
]
