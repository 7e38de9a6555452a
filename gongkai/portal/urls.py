from django.urls import path

from gongkai.portal import views
from gongkai.portal.pagecache import public_page

app_name = "portal"
urlpatterns = [
    path("", public_page(views.home), name="home"),
    path("xxgk/", public_page(views.disclosure), name="disclosure"),
]
