"""Subscribing: accept a feed URL, or a page that advertises feeds, and add it to the library.

The URL stored is the one the user gave, or the feed link the page advertises; never the
target of a redirect (a redirect may be temporary or hostile).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from reader.errors import FeedError
from reader.models import Feed
from reader.sources.web import FEED_LIMITS, FetchLimits

if TYPE_CHECKING:
    import httpx

    from reader.library.store import Library

_FEED_TYPES = ("rss", "atom", "rdf", "xml")


@dataclass(frozen=True, slots=True)
class Discovery:
    """The feed to subscribe to, what it holds, and every feed the page offered."""

    feed_url: str
    title: str | None
    item_count: int
    page_url: str | None = None
    offered: list[str] = field(default_factory=list)


def discover_feed(
    url: str,
    *,
    pick: int = 0,
    limits: FetchLimits = FEED_LIMITS,
    client: httpx.Client | None = None,
) -> Discovery:
    """Fetch ``url``: a feed is checked and returned; a page's advertised feed ``pick`` is used.

    Raises:
        FetchError: the URL (or the advertised feed) cannot be fetched.
        FeedError: neither a feed nor a page linking one; ``pick`` out of range.
    """
    from reader.sources.feeds import find_feed_links, parse_feed
    from reader.sources.sniff import decode_bytes, sniff_text
    from reader.sources.web import fetch_page

    page = fetch_page(url, limits=limits, kind="any", client=client)
    text_head = decode_bytes(page.data[:65536], page.charset)
    kind = sniff_text(text_head)
    if kind == "feed" or (kind != "html" and any(w in page.content_type for w in _FEED_TYPES)):
        parsed = parse_feed(page.data, page.final_url, source=url)
        return Discovery(url, parsed.title, len(parsed.items))
    if kind != "html":
        raise FeedError("not a feed and not an HTML page that links one", url)
    offered = find_feed_links(decode_bytes(page.data, page.charset), page.final_url)
    if not offered:
        raise FeedError("this page does not link an RSS or Atom feed", url)
    if not 0 <= pick < len(offered):
        raise FeedError(f"the page offers {len(offered)} feed(s); pick 1 to {len(offered)}", url)
    chosen = offered[pick]
    feed_page = fetch_page(chosen, limits=limits, kind="feed", client=client)
    parsed = parse_feed(feed_page.data, feed_page.final_url, source=chosen)
    return Discovery(chosen, parsed.title, len(parsed.items), page_url=url, offered=offered)


def find_subscription(library: Library, url: str) -> Feed | None:
    """The feed already subscribed under ``url`` (compared normalised), if any."""
    from reader.feed_items import normalise_url

    wanted = normalise_url(url)
    for feed in library.feeds():
        if normalise_url(feed.url) == wanted:
            return feed
    return None


def subscribe(
    library: Library,
    url: str,
    *,
    title: str | None = None,
    fetch_full_pages: bool = True,
    pick: int = 0,
    client: httpx.Client | None = None,
) -> tuple[Feed, Discovery, bool]:
    """Discover and add a feed; returns the feed, what was found, and whether it is new."""
    from reader.sources.web import check_url

    url = check_url(url)
    existing = find_subscription(library, url)
    if existing is not None:
        return existing, Discovery(existing.url, existing.title, 0), False
    found = discover_feed(url, pick=pick, client=client)
    existing = find_subscription(library, found.feed_url)
    if existing is not None:
        return existing, found, False
    feed = library.add_feed(
        found.feed_url, title=title or found.title, fetch_full_pages=fetch_full_pages
    )
    return feed, found, True


__all__ = ["Discovery", "discover_feed", "find_subscription", "subscribe"]
