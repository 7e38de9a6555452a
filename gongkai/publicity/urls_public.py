"""Public addresses of publicity lists, mounted at ``xxgk/gsgg/`` (公示公告 gsgg): 公示 gs, 数据 sj."""

from django.urls import path

from gongkai.lib.pagecache import public_page
from gongkai.publicity import views_public

app_name = "publicity"
urlpatterns = [
    path("", public_page(views_public.column), name="column"),
    path("gs/<int:pk>/", public_page(views_public.detail), name="detail"),
    path("gs/<int:pk>/rows.csv", public_page(views_public.rows_csv), name="rows_csv"),
    path("gs/<int:pk>/rows.json", public_page(views_public.rows_json), name="rows_json"),
    path("sj/", public_page(views_public.data_page), name="data"),
    path("sj/publicity.csv", public_page(views_public.column_csv), name="column_csv"),
    path("sj/publicity.json", public_page(views_public.column_json), name="column_json"),
    path("sj/<str:which>-schema.json", public_page(views_public.schema_json), name="schema"),
]
