"""A council's Atom feed: new resolutions and published documents, petition answers, upcoming sessions,
drafts opened for opinions."""

import datetime

from django.contrib.syndication.views import Feed
from django.http import HttpRequest
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed

from hdnd import dates
from portal import selectors
from registry.models import Council
from registry.selectors import public_council_get


class _StableAtom(Atom1Feed):
    """Atom whose <updated> is the latest entry's date, or with no entry the council's own last change:
    Django's default for an empty feed is the moment of the request, a feed that changes at every read."""

    def latest_post_date(self) -> datetime.datetime:
        if self.items:
            return super().latest_post_date()
        return self.feed["last_change"]


class CouncilFeed(Feed):
    feed_type = _StableAtom
    language = "vi"

    def get_object(self, request: HttpRequest, council_id: int) -> Council:
        return public_council_get(council_id)

    def feed_extra_kwargs(self, council: Council) -> dict[str, object]:
        return {"last_change": selectors.council_last_change(council)}

    def title(self, council: Council) -> str:
        return f"Tin mới — {council}"

    def subtitle(self, council: Council) -> str:
        return (
            f"Nghị quyết, văn bản công khai, trả lời kiến nghị cử tri, kỳ họp sắp tới và dự thảo lấy ý kiến "
            f"của {council}."
        )

    def link(self, council: Council) -> str:
        return reverse("portal:council", args=[council.pk])

    def items(self, council: Council) -> list[selectors.FeedItem]:
        return selectors.feed_items(council=council, today=dates.today())

    def item_title(self, item: selectors.FeedItem) -> str:
        return item.title

    def item_description(self, item: selectors.FeedItem) -> str:
        return item.description

    def item_link(self, item: selectors.FeedItem) -> str:
        return item.link

    def item_guid_is_permalink(self, item: selectors.FeedItem) -> bool:
        return False

    def item_guid(self, item: selectors.FeedItem) -> str:
        return f"{item.link}|{item.kind}|{item.title}"

    def item_updateddate(self, item: selectors.FeedItem) -> object:
        return item.updated

    def item_pubdate(self, item: selectors.FeedItem) -> object:
        return item.updated

    def item_categories(self, item: selectors.FeedItem) -> list[str]:
        return [item.kind]
