"""The hotline's staff pages, mounted in gongkai/urls.py: ``urlpatterns`` (``hotline_staff``) at
``/staff/hotline/``; ``bulletins`` (``hotline_bulletins``) at ``/staff/hotline/bulletins/`` and
``publishing`` (``hotline_publishing``) at ``/staff/hotline/publish/``, each its own include so
that its namespace stays as it is."""

from django.urls import path

from gongkai.hotline import views_staff

app_name = "hotline_staff"
urlpatterns = [
    path("", views_staff.ticket_list, name="list"),
    path("export.xlsx", views_staff.ticket_export, name="export"),
    path("new/", views_staff.ticket_new, name="new"),
    path("lookup/", views_staff.caller_lookup, name="lookup"),
    path("mine/", views_staff.my_tickets, name="mine"),
    path("<int:pk>/", views_staff.ticket_detail, name="detail"),
    # one endpoint per step of the loop, each calling one action
    path("<int:pk>/dispatch/", views_staff.ticket_dispatch, name="dispatch"),
    path("<int:pk>/return/", views_staff.ticket_return, name="return"),
    path("<int:pk>/transfer/", views_staff.ticket_transfer, name="transfer"),
    path("<int:pk>/extend/", views_staff.ticket_extend, name="extend"),
    path("<int:pk>/escalate/", views_staff.ticket_escalate, name="escalate"),
    path("<int:pk>/reply/", views_staff.ticket_reply, name="reply"),
    path("<int:pk>/callback/", views_staff.ticket_callback, name="callback"),
    path("<int:pk>/close/", views_staff.ticket_close, name="close"),
    # 接听安排
    path("roster/", views_staff.roster_month, name="roster"),
    path("roster/new/", views_staff.roster_edit, name="roster_new"),
    path("roster/<int:pk>/edit/", views_staff.roster_edit, name="roster_edit"),
    path("roster/<int:pk>/delete/", views_staff.roster_delete, name="roster_delete"),
    path("roster/import/", views_staff.roster_import, name="roster_import"),
    path("roster/template.xlsx", views_staff.roster_template, name="roster_template"),
    # 热线设置
    path("settings/", views_staff.settings_page, name="settings"),
    path("settings/categories/new/", views_staff.category_save, name="category_add"),
    path("settings/categories/<int:pk>/", views_staff.category_save, name="category_edit"),
    path("settings/limits/", views_staff.limits_save, name="limits"),
]

# 月度通报 and 热点问题
bulletins = (
    [
        path("", views_staff.bulletin_list, name="list"),
        path("<int:year>/<int:month>/", views_staff.bulletin_detail, name="detail"),
        path("<int:year>/<int:month>/docx/", views_staff.bulletin_docx, name="docx"),
        path("<int:year>/<int:month>/publish/", views_staff.bulletin_publish, name="publish"),
        path("hot/", views_staff.hot_issues, name="hot"),
        path("hot/report.docx", views_staff.special_report, name="special_report"),
    ],
    "hotline_bulletins",
)

# 信件公开
publishing = (
    [
        path("", views_staff.publish_list, name="list"),
        path("<str:number>/", views_staff.publish_edit, name="edit"),
    ],
    "hotline_publishing",
)
