"""Public addresses of government procurement, mounted at ``xxgk/zfcg/`` (政府采购 zfcg) beside the
catalog's pages: 项目 xm, 数据 sj."""

from django.urls import path

from gongkai.lib.pagecache import public_page
from gongkai.procurement import views_public

app_name = "procurement"
urlpatterns = [
    path("", public_page(views_public.project_list), name="list"),
    path("xm/<str:code>/", public_page(views_public.project_detail), name="detail"),
    path("sj/", public_page(views_public.data_page), name="data"),
    path("sj/procurement.csv", public_page(views_public.export_csv), name="export_csv"),
    path("sj/procurement.json", public_page(views_public.export_json), name="export_json"),
    path("sj/schema.json", public_page(views_public.schema_json), name="schema"),
]
