from django.urls import path

from gongkai.hotline import views_public

app_name = "mailbox"
urlpatterns = [path("", views_public.mailbox, name="form")]
