from django.urls import path

from gongkai.workbench import views_audit as views

app_name = "audit"
urlpatterns = [
    path("", views.event_list, name="list"),
    path("logins/", views.login_list, name="logins"),
]
