"""Public addresses of the services app, mounted at ``xxgk/bszn/`` (办事指南 bszn): 指南 zn,
办件统计 bj, 数据 sj."""

from django.urls import path

from gongkai.lib.pagecache import public_page
from gongkai.services import views_public

app_name = "services"
urlpatterns = [
    path("", public_page(views_public.guide_list), name="list"),
    path("zn/<str:code>/", public_page(views_public.guide_detail), name="detail"),
    path("bj/", public_page(views_public.figures), name="figures"),
    path("sj/", public_page(views_public.data_page), name="data"),
    path("sj/schema-<str:dataset>.json", public_page(views_public.schema_json), name="schema"),
    path("sj/<str:dataset>.csv", public_page(views_public.export_csv), name="export_csv"),
    path("sj/<str:dataset>.json", public_page(views_public.export_json), name="export_json"),
]
