"""The hotline's public pages, mounted in gongkai/urls.py: ``urlpatterns`` (``mailbox``) at
``/mailbox/`` (``mailbox:form`` is a stable interface), and ``roster`` (``hotline_roster``) at
``/hotline/roster/``, its own include so that its namespace stays as it is."""

from django.urls import path

from gongkai.hotline import views_public

app_name = "mailbox"
urlpatterns = [
    path("", views_public.mailbox, name="form"),
    path("receipt/", views_public.receipt, name="receipt"),
    path("follow/", views_public.follow, name="follow"),
    path("follow/letter/", views_public.follow_result, name="follow_result"),
    path("follow/end/", views_public.follow_end, name="follow_end"),
    path("letters/", views_public.letters, name="letters"),
    path("letters/<str:number>/", views_public.letter, name="letter"),
]

# 接听安排
roster = ([path("", views_public.roster_month, name="public")], "hotline_roster")
