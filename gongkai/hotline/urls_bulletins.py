from django.urls import path

from gongkai.hotline import views_bulletins

app_name = "hotline_bulletins"
urlpatterns = [
    path("", views_bulletins.bulletin_list, name="list"),
    path("<int:year>/<int:month>/", views_bulletins.bulletin_detail, name="detail"),
    path("<int:year>/<int:month>/docx/", views_bulletins.bulletin_docx, name="docx"),
    path("<int:year>/<int:month>/publish/", views_bulletins.bulletin_publish, name="publish"),
    path("hot/", views_bulletins.hot_issues, name="hot"),
    path("hot/report.docx", views_bulletins.special_report, name="special_report"),
]
