"""Publishing letters in the mailbox column; to be mounted at ``/staff/hotline/publish/``."""

from django.urls import path

from gongkai.hotline import views_publishing

app_name = "hotline_publishing"
urlpatterns = [
    path("", views_publishing.publish_list, name="list"),
    path("<str:number>/", views_publishing.publish_edit, name="edit"),
]
