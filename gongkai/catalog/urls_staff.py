from django.urls import path

from gongkai.catalog import views_staff

app_name = "catalog_staff"
urlpatterns = [
    path("", views_staff.dashboard, name="dashboard"),
    path("items/", views_staff.item_list, name="items"),
    path("new/", views_staff.item_new, name="new"),
    path("v/<int:pk>/", views_staff.version_detail, name="version"),
    path("v/<int:pk>/edit/", views_staff.version_edit, name="edit"),
    path("v/<int:pk>/attachments/", views_staff.attachment_upload, name="attachment_upload"),
    # submit, review_pass, review_reject, approve, approve_reject, unschedule (workflow.TRANSITIONS)
    path("v/<int:pk>/<slug:verb>/", views_staff.version_transition, name="transition"),
    path("i/<int:pk>/correct/", views_staff.item_correct, name="correct"),
    path("i/<int:pk>/withdraw/", views_staff.item_withdraw, name="withdraw"),
    path("a/<int:pk>/", views_staff.attachment_download, name="attachment"),
    path("a/<int:pk>/remove/", views_staff.attachment_remove, name="attachment_remove"),
]
