"""A feed read item by item, so that storing a big feed starts before its parse ends.

A 50 MB feed takes seconds to parse; handed over whole, its items would leave the worker
processes idle all that time. :func:`stream_feed` returns as soon as the first item is read.
"""

from __future__ import annotations

from collections.abc import Iterator

from reader.errors import FeedError
from reader.sources.feed_fast import DeclinedError, LxmlStream
from reader.sources.feeds import (
    MAX_ITEMS,
    FeedItem,
    ParsedFeed,
    parse_with_feedparser,
    refuse_non_feed,
)


class FeedStream:
    """A feed being parsed: iterate over it for its items, in document order.

    The lxml engine yields each item as soon as it is read. A document it declines goes to
    feedparser whole: at once, or part way through (broken XML after some items), and then
    feedparser's items follow those already given, which come again: the reader skips them
    by their keys. The header (title, link, version, truncated) is final once the items are
    exhausted.
    """

    def __init__(self, data: bytes, base_url: str | None, name: str, max_items: int) -> None:
        self._data = data
        self._base_url = base_url
        self._name = name
        self._max_items = max_items
        self._header: LxmlStream | ParsedFeed
        self._head: list[FeedItem] = []
        self._rest: Iterator[FeedItem] | None = None
        try:
            lxml_stream = LxmlStream(data, base_url, max_items=max_items)
            rest = lxml_stream.items()
            first = next(rest, None)
        except DeclinedError:
            self._header = self._whole_with_feedparser()
            self._head = list(self._header.items)
            return
        self._header = lxml_stream
        self._head = [first] if first is not None else []
        self._rest = rest

    @property
    def title(self) -> str | None:
        """The feed's title, once the parse has met it."""
        return self._header.title

    @property
    def link(self) -> str | None:
        """The feed's site link, once the parse has met it."""
        return self._header.link

    @property
    def truncated(self) -> bool:
        """True when items past the cap were left out."""
        return self._header.truncated

    def __iter__(self) -> Iterator[FeedItem]:
        head, self._head = self._head, []  # items are given once: memory stays flat
        yield from head
        rest, self._rest = self._rest, None
        if rest is None:
            return
        try:
            yield from rest
        except DeclinedError:
            # Broken part way: feedparser reads the whole document, loosely.
            self._header = self._whole_with_feedparser()
            yield from self._header.items

    def _whole_with_feedparser(self) -> ParsedFeed:
        return parse_with_feedparser(self._data, self._base_url, self._name, self._max_items)


def stream_feed(
    data: bytes,
    base_url: str | None = None,
    *,
    source: str | None = None,
    max_items: int = MAX_ITEMS,
) -> FeedStream:
    """:func:`~reader.sources.feeds.parse_feed`, item by item (see :class:`FeedStream`).

    Raises:
        FeedError: as ``parse_feed`` does, for a document that is not a feed. (A document
            broken part way through raises it while being iterated, if feedparser cannot
            read it either.)
    """
    name = source or base_url or "<feed>"
    if not isinstance(data, bytes):
        raise FeedError("internal error: stream_feed needs bytes", name)
    refuse_non_feed(data, name)
    return FeedStream(data, base_url, name, max_items)


__all__ = ["FeedStream", "stream_feed"]
