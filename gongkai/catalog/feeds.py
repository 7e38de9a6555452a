"""RSS 2.0 and Atom feeds of each column: its latest public items, with absolute links."""

from __future__ import annotations

from django.contrib.syndication.views import Feed
from django.http import HttpRequest
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _

from gongkai.catalog.models import Column, Item
from gongkai.catalog.public import column_or_404, items_in_column, public_columns
from gongkai.catalog.sanitize import plain_text

FEED_ITEMS = 50
DESCRIPTION_CHARS = 200


class ColumnRssFeed(Feed):
    def get_object(self, request: HttpRequest, slug: str) -> Column:
        return column_or_404(getattr(request, "district", None), slug)

    def title(self, column: Column) -> str:
        return f"{column.district.name} - {column.name}"

    def link(self, column: Column) -> str:
        return reverse("catalog:column", args=[column.slug])

    def feed_url(self, column: Column) -> str:
        return reverse("catalog:column_rss", args=[column.slug])

    def description(self, column: Column) -> str:
        return column.description or _("%(district)s政府信息公开“%(column)s”栏目最新信息") % {
            "district": column.district.name,
            "column": column.name,
        }

    def items(self, column: Column):
        district = column.district
        return items_in_column(district, column, public_columns(district))[:FEED_ITEMS]

    def item_title(self, item: Item) -> str:
        return item.live.title  # plain text; the XML writer escapes it

    def item_description(self, item: Item) -> str:
        text = item.live.summary or plain_text(item.live.body)
        return text[:DESCRIPTION_CHARS] + ("…" if len(text) > DESCRIPTION_CHARS else "")

    def item_link(self, item: Item) -> str:
        return reverse("catalog:item", args=[item.pk])

    def item_pubdate(self, item: Item):
        return item.first_published_at

    def item_updateddate(self, item: Item):
        return item.live.published_at

    def item_author_name(self, item: Item) -> str:
        return item.organisation.name

    def item_categories(self, item: Item) -> list[str]:
        return [item.live.column.name]


class ColumnAtomFeed(ColumnRssFeed):
    feed_type = Atom1Feed

    def feed_url(self, column: Column) -> str:
        return reverse("catalog:column_atom", args=[column.slug])

    def subtitle(self, column: Column) -> str:
        return self.description(column)
