"""Staff addresses of supervision and assessment, mounted at ``staff/supervision/``."""

from django.urls import path

from gongkai.supervision import views_bulletin, views_plan, views_selfcheck, views_staff

app_name = "supervision_staff"
urlpatterns = [
    path("", views_staff.overview, name="overview"),
    path("findings/", views_staff.findings, name="findings"),
    path("findings/run/", views_staff.run_now, name="run"),
    path("scorecards/", views_staff.scorecard_list, name="scorecards"),
    path("scorecards/<int:unit_id>/", views_staff.scorecard_detail, name="scorecard"),
    path("settings/", views_staff.settings_edit, name="settings"),
    # the work plan (工作要点)
    path("plan/", views_plan.plan, name="plan"),
    path("plan/new/", views_plan.task_new, name="plan_task_new"),
    path("plan/import/", views_plan.import_tasks, name="plan_import"),
    path("plan/template.xlsx", views_plan.template, name="plan_template"),
    path("plan/export.xlsx", views_plan.export, name="plan_export"),
    path("plan/<int:pk>/", views_plan.task_detail, name="plan_task"),
    path("plan/<int:pk>/edit/", views_plan.task_edit, name="plan_task_edit"),
    path("plan/<int:pk>/delete/", views_plan.task_delete, name="plan_task_delete"),
    path("plan/reports/<int:pk>/<str:verb>/", views_plan.review, name="plan_review"),
    path("selfcheck/", views_selfcheck.page, name="selfcheck"),
    path("selfcheck.json", views_selfcheck.as_json, name="selfcheck_json"),
    # bulletins (督查通报)
    path("bulletins/", views_bulletin.bulletin_list, name="bulletins"),
    path("bulletins/<int:pk>/", views_bulletin.bulletin_detail, name="bulletin"),
    path("bulletins/<int:pk>/docx/", views_bulletin.bulletin_docx, name="bulletin_docx"),
    path("bulletins/<int:pk>/<str:verb>/", views_bulletin.bulletin_verb, name="bulletin_verb"),
]
