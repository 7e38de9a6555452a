"""Public addresses of proactive disclosure, mounted at the site root before the portal's own.

The short paths follow the pinyin initials real district portals use: 信息公开 xxgk, 目录 ml,
栏目 lm, 信息 xx, 附件 fj, 指南 zn, 年报 nb.
"""

from django.urls import path

from gongkai.catalog import feeds, views_public
from gongkai.lib.pagecache import public_page

app_name = "catalog"
urlpatterns = [
    path("xxgk/ml/", public_page(views_public.browse), name="browse"),
    path("xxgk/lm/<slug:slug>/", public_page(views_public.column_page), name="column"),
    path("xxgk/lm/<slug:slug>/rss.xml", public_page(feeds.ColumnRssFeed()), name="column_rss"),
    path("xxgk/lm/<slug:slug>/atom.xml", public_page(feeds.ColumnAtomFeed()), name="column_atom"),
    path("xxgk/xx/<int:pk>/", public_page(views_public.item_detail), name="item"),
    path("xxgk/xx/<int:pk>/hit/", views_public.hit, name="hit"),
    path("xxgk/xx/<int:pk>/fj/<int:attachment_id>/", views_public.attachment_download, name="attachment"),
    path("xxgk/zn/", public_page(views_public.guide), name="guide"),
    path("xxgk/nb/", public_page(views_public.annual_reports), name="annual_reports"),
    path("search/", views_public.search_page, name="search"),
]
