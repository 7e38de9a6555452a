from django.urls import path

from gongkai.accounts import views

app_name = "accounts"
urlpatterns = [
    path("", views.staff_list, name="list"),
    path("roles/", views.staff_list, name="roles"),  # the same list, the security administrator's entry
    path("new/", views.staff_create, name="create"),
    path("password/", views.password_change, name="password"),
    path("lockouts/", views.lockouts, name="lockouts"),
    path("totp/", views.totp, name="totp"),
    path("<int:pk>/password/", views.password_reset, name="password_reset"),
    path("<int:pk>/", views.staff_detail, name="detail"),
    path("<int:pk>/roles/<int:membership_pk>/revoke/", views.role_revoke, name="revoke"),
    path("<int:pk>/active/", views.staff_set_active, name="set_active"),
]
