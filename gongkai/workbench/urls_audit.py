from django.urls import path

from gongkai.workbench import views_audit as views

app_name = "audit"
urlpatterns = [
    path("", views.event_list, name="list"),
    path("logins/", views.login_list, name="logins"),
    path("personal/", views.personal_views, name="personal"),
    path("personal/export.xlsx", views.personal_views_export, name="personal_export"),
]
