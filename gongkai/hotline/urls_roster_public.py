from django.urls import path

from gongkai.hotline import views_roster_public

# Mounted at /hotline/roster/ in gongkai/urls.py.
app_name = "hotline_roster"
urlpatterns = [path("", views_roster_public.roster, name="public")]
