"""Public addresses of the 双公示 registry, mounted at ``xxgk/sgs/`` (双公示 sgs) beside the
catalog's pages: 决定 d, 数据 sj."""

from django.urls import path

from gongkai.decisions import views_public
from gongkai.lib.pagecache import public_page

app_name = "decisions"
urlpatterns = [
    path("", public_page(views_public.decision_list), name="list"),
    path("d/<int:pk>/", public_page(views_public.decision_detail), name="detail"),
    path("sj/", public_page(views_public.data_page), name="data"),
    path("sj/decisions.csv", public_page(views_public.export_csv), name="export_csv"),
    path("sj/decisions.json", public_page(views_public.export_json), name="export_json"),
    path("sj/schema.json", public_page(views_public.schema_json), name="schema"),
]
