"""Public addresses of sector figures, mounted at ``xxgk/hysj/`` (行业数据 hysj): a department's
year ``<year>/<credit code>/``, an indicator 指标 ``zb/<code>/``, the open data 数据 ``sj/``."""

from django.urls import path

from gongkai.lib.pagecache import public_page
from gongkai.sectors import views_public

app_name = "sectors"
urlpatterns = [
    path("", public_page(views_public.figure_list), name="list"),
    path("<int:year>/<str:code>/", public_page(views_public.report_detail), name="report"),
    path("zb/<str:code>/", public_page(views_public.indicator_detail), name="indicator"),
    path("sj/", public_page(views_public.data_page), name="data"),
    path("sj/figures.csv", public_page(views_public.export_csv), name="export_csv"),
    path("sj/figures.json", public_page(views_public.export_json), name="export_json"),
    path("sj/schema.json", public_page(views_public.schema_json), name="schema"),
]
