from django.urls import path

from gongkai.accounts import views_orgs as views

app_name = "orgs"
urlpatterns = [
    path("", views.org_list, name="list"),
    path("<int:pk>/", views.org_detail, name="detail"),
    path("<int:pk>/contacts/", views.org_edit_contacts, name="edit_contacts"),
]
