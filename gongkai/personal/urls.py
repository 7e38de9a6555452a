from django.urls import path

from gongkai.personal import views

app_name = "personal"
urlpatterns = [
    path("reveal/", views.reveal, name="reveal"),
]
