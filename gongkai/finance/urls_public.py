"""Public addresses of budgets and final accounts, mounted at ``xxgk/czzj/`` (财政资金 czzj):
公开 gk, 完成情况 wcqk, 收费 sf, 数据 sj."""

from django.urls import path

from gongkai.finance import views_public
from gongkai.lib.pagecache import public_page

app_name = "finance"
urlpatterns = [
    path("", public_page(views_public.disclosure_list), name="list"),
    path("gk/<int:pk>/", public_page(views_public.disclosure_detail), name="detail"),
    path("wcqk/", public_page(views_public.completeness_page), name="completeness"),
    path("sf/", public_page(views_public.fee_page), name="fees"),
    path("sj/", public_page(views_public.data_page), name="data"),
    path("sj/<slug:dataset>.csv", public_page(views_public.export_csv), name="export_csv"),
    path("sj/<slug:dataset>.json", public_page(views_public.export_json), name="export_json"),
    path("sj/<slug:dataset>.schema.json", public_page(views_public.schema_json), name="schema"),
]
