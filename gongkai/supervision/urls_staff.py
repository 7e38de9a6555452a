"""Staff addresses of supervision and assessment, mounted at ``staff/supervision/``."""

from django.urls import path

from gongkai.supervision import views_staff

app_name = "supervision_staff"
urlpatterns = [
    path("", views_staff.overview, name="overview"),
    path("findings/", views_staff.findings, name="findings"),
    path("findings/run/", views_staff.run_now, name="run"),
    path("scorecards/", views_staff.scorecard_list, name="scorecards"),
    path("scorecards/<int:unit_id>/", views_staff.scorecard_detail, name="scorecard"),
    path("settings/", views_staff.settings_edit, name="settings"),
]
