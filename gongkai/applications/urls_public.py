"""Public pages of disclosure applications, mounted at /apply/ (namespace ``apply``)."""

from django.urls import path

from gongkai.applications import views_public

app_name = "apply"
urlpatterns = [
    path("", views_public.apply, name="form"),
    path("receipt/", views_public.receipt, name="receipt"),
    path("status/", views_public.status, name="status"),
    path("status/letter/", views_public.letter, name="letter"),
    path("status/documents/<int:pk>/", views_public.document, name="document"),
    path("deadline/", views_public.deadline, name="deadline"),
]
