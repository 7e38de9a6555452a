"""Public addresses of the annual reports, mounted at ``xxgk/ndbg/`` (年度报告 ndbg): the column,
a report (bg), its downloads, and the open data (数据 sj)."""

from django.urls import path

from gongkai.lib.pagecache import public_page
from gongkai.reports import views_public

app_name = "reports"
urlpatterns = [
    path("", public_page(views_public.report_list), name="list"),
    path("bg/<int:pk>/", public_page(views_public.report_detail), name="detail"),
    path("bg/<int:pk>/download.<str:fmt>", public_page(views_public.report_download), name="download"),
    path("sj/", public_page(views_public.data_page), name="data"),
    path("sj/reports.csv", public_page(views_public.export_csv), name="export_csv"),
    path("sj/reports.json", public_page(views_public.export_json), name="export_json"),
    path("sj/schema.json", public_page(views_public.schema_json), name="schema"),
]
