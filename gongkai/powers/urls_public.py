"""Public addresses of the power list, mounted at ``xxgk/qlqd/`` (权力清单) beside the catalog's
pages: 权力 ql, 变更 bg, 文件 wj, 数据 sj."""

from django.urls import path

from gongkai.lib.pagecache import public_page
from gongkai.powers import views_public

app_name = "powers"
urlpatterns = [
    path("", public_page(views_public.power_list), name="list"),
    path("ql/<str:code>/", public_page(views_public.power_detail), name="detail"),
    path("bg/", public_page(views_public.change_list), name="changes"),
    path("wj/<int:pk>/", public_page(views_public.document_detail), name="document"),
    path("sj/", public_page(views_public.data_page), name="data"),
    path("sj/powers.csv", public_page(views_public.export_csv), name="export_csv"),
    path("sj/powers.json", public_page(views_public.export_json), name="export_json"),
    path("sj/schema.json", public_page(views_public.schema_json), name="schema"),
]
