"""RSS and Atom feeds: bytes in, a :class:`ParsedFeed` of clean items out.

Two engines share one normaliser. Well-formed RSS 2.0, RSS 1.0 and Atom 1.0 go through a
streaming lxml parser (fast, low memory: a 48 MB feed in a few seconds). Anything it declines
(a DOCTYPE, broken XML, odd dialects) goes to feedparser, always handed the bytes, never a
string (feedparser opens local files and URLs given a string). Every string is cleaned, every
link made absolute and limited to http/https.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from email.utils import parsedate_to_datetime
from typing import Any, Literal
from urllib.parse import urljoin, urlsplit

from reader.errors import FeedError
from reader.extract.dates import parse_date
from reader.models import Published
from reader.sanitize import clean_line
from reader.sources.htmltext import html_to_line, html_to_text, text_paragraphs

MAX_ITEMS = 20_000
MAX_TITLE = 1_000
MAX_LINK = 4_096
MAX_TAGS = 50
TextKind = Literal["text", "html"]
Engine = Literal["auto", "lxml", "feedparser"]
_MINOR_BOZO = {"CharacterEncodingOverride", "CharacterEncodingUnknown", "NonXMLContentType"}


@dataclass(frozen=True, slots=True)
class FeedItem:
    """One entry of a feed; text fields are clean paragraphs, links absolute http(s)."""

    title: str
    link: str | None = None
    guid: str | None = None
    published: Published | None = None
    author: str | None = None
    summary: str = ""
    content: str = ""
    tags: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class ParsedFeed:
    """A parsed feed: its title, its site link and its items (at most ``MAX_ITEMS``)."""

    title: str | None
    link: str | None
    items: list[FeedItem] = field(default_factory=list)
    version: str = ""
    truncated: bool = False


def absolute_link(link: str | None, base: str | None) -> str | None:
    """``link`` resolved against ``base``; None unless the result is an http(s) URL."""
    if not link:
        return None
    link = link.strip()
    if not link or len(link) > MAX_LINK or any(ord(ch) < 32 for ch in link):
        return None
    try:
        resolved = urljoin(base, link) if base else link
        parts = urlsplit(resolved)
    except ValueError:
        return None
    if parts.scheme.lower() not in {"http", "https"} or not parts.netloc:
        return None
    return resolved.replace(" ", "%20")


def feed_date(text: str | None) -> Published | None:
    """An RFC 822 or ISO 8601 feed date as an aware UTC datetime (a date when no time)."""
    if not text:
        return None
    text = text.strip()[:200]
    found: Published | None = None
    try:
        found = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        try:
            found = parsedate_to_datetime(text)
        except (TypeError, ValueError, IndexError):
            found = parse_date(text)
    return normalise_date(found)


def normalise_date(value: Published | None) -> Published | None:
    """Datetimes to aware UTC (naive ones are taken as UTC); plain dates unchanged."""
    if value is None:
        return None
    if isinstance(value, datetime):
        if value.tzinfo is None:
            value = value.replace(tzinfo=UTC)
        try:
            return value.astimezone(UTC)
        except (OverflowError, ValueError):
            return None
    return value if isinstance(value, date) else None


def _text(value: str | None, kind: TextKind) -> str:
    if not value:
        return ""
    return html_to_text(value) if kind == "html" else text_paragraphs(value)


def text_line(value: str | None, kind: TextKind, cap: int) -> str:
    if not value:
        return ""
    return (html_to_line(value) if kind == "html" else clean_line(value))[:cap]


def make_item(
    *,
    title: str | None,
    title_kind: TextKind = "html",
    link: str | None,
    guid: str | None,
    guid_is_link: bool = False,
    published: Published | None,
    author: str | None,
    summary: str | None,
    summary_kind: TextKind = "html",
    content: str | None,
    content_kind: TextKind = "html",
    tags: list[str],
    base: str | None,
) -> FeedItem:
    """Build a clean :class:`FeedItem` from raw feed fields (both engines use this)."""
    resolved = absolute_link(link, base)
    clean_guid = clean_line(guid)[:MAX_LINK] if guid else None
    if resolved is None and clean_guid and guid_is_link:
        resolved = absolute_link(clean_guid, base)
    unique_tags: dict[str, None] = {}
    for tag in tags:
        name = clean_line(tag)[:100]
        if name:
            unique_tags.setdefault(name, None)
        if len(unique_tags) >= MAX_TAGS:
            break
    return FeedItem(
        title=text_line(title, title_kind, MAX_TITLE),
        link=resolved,
        guid=clean_guid or None,
        published=normalise_date(published),
        author=text_line(author, "html", 300) or None,
        summary=_text(summary, summary_kind),
        content=_text(content, content_kind),
        tags=tuple(unique_tags),
    )


def has_substance(item: FeedItem) -> bool:
    """True when an item has something to show: a title, a link or some text."""
    return bool(item.title or item.link or item.summary or item.content)


def parse_feed(
    data: bytes,
    base_url: str | None = None,
    *,
    source: str | None = None,
    max_items: int = MAX_ITEMS,
    engine: Engine = "auto",
) -> ParsedFeed:
    """Parse RSS 2.0, RSS 1.0 or Atom ``data``; relative links resolve against ``base_url``.

    A feed with items but minor errors is accepted; a document with no items that is not a
    well-formed feed raises.

    Raises:
        FeedError: not a feed, malformed XML with no items, or a parser failure; ``title``
            is ``source`` (or ``base_url``).
    """
    name = source or base_url or "<feed>"
    if not isinstance(data, bytes):
        raise FeedError("internal error: parse_feed needs bytes", name)
    refuse_non_feed(data, name)
    if engine in {"auto", "lxml"}:
        from reader.sources.feed_fast import DeclinedError, parse_with_lxml

        try:
            return parse_with_lxml(data, base_url, max_items=max_items)
        except DeclinedError as exc:
            if engine == "lxml":
                raise FeedError(f"not a feed the fast parser reads: {exc}", name) from None
    return parse_with_feedparser(data, base_url, name, max_items)


def refuse_non_feed(data: bytes, name: str) -> None:
    """Raise FeedError for a document that is plainly no feed (empty, binary, a web page)."""
    from reader.sources.sniff import decode_bytes, describe_binary, sniff_text

    if not data.strip():
        raise FeedError("not a feed: the document is empty", name)
    kind = describe_binary(data)
    if kind:
        raise FeedError(f"not a feed: this is {kind}", name)
    head = decode_bytes(data[:8192])
    if sniff_text(head) == "html" and "<rss" not in head[:2048] and "<feed" not in head[:2048]:
        raise FeedError("not a feed: this is an HTML page", name)


def parse_with_feedparser(data: bytes, base_url: str | None, name: str, cap: int) -> ParsedFeed:
    """Parse with feedparser (any dialect, broken XML read loosely); FeedError names ``name``."""
    import feedparser

    headers = {"content-type": "application/xml"}
    if base_url:
        headers["content-location"] = base_url
    try:
        # A stream, never a string or bare bytes: feedparser tries open() on both, so bytes
        # that spell a path ("/etc/passwd") would be read from disk. A stream is only read.
        result = feedparser.parse(
            io.BytesIO(data),
            response_headers=headers,
            resolve_relative_uris=True,
            sanitize_html=True,
        )
    except Exception as exc:  # a third-party parser on hostile input: any crash is "malformed"
        raise FeedError(f"malformed feed ({type(exc).__name__})", name) from None
    entries = result.get("entries") or []
    version = str(result.get("version") or "")
    header = result.get("feed") or {}
    items: list[FeedItem] = []
    for entry in entries[:cap]:
        try:
            item = _item_from_entry(entry, base_url)
        except (TypeError, ValueError, AttributeError):
            continue
        if has_substance(item):
            items.append(item)
    if not entries and not version:
        raise FeedError("not a feed: no RSS or Atom items found", name)
    if result.get("bozo") and not items:
        problem_exc = result.get("bozo_exception")
        # Encoding notes on a well-formed empty feed are harmless; anything else is broken XML.
        if not version or type(problem_exc).__name__ not in _MINOR_BOZO:
            problem = clean_line(str(problem_exc or "unknown error"))[:160]
            raise FeedError(f"malformed XML, not a readable feed: {problem}", name)
    title_detail = header.get("title_detail") or {}
    return ParsedFeed(
        title=text_line(header.get("title"), _kind(title_detail), MAX_TITLE) or None,
        link=absolute_link(header.get("link"), base_url),
        items=items,
        version=version,
        truncated=len(entries) > cap,
    )


def _kind(detail: Any) -> TextKind:
    kind = str(detail.get("type", "")) if isinstance(detail, dict) else ""
    return "text" if kind == "text/plain" else "html"


def _item_from_entry(entry: Any, base_url: str | None) -> FeedItem:
    stamp = entry.get("published_parsed") or entry.get("updated_parsed")
    published: Published | None = None
    if stamp:
        try:
            year, month, day, hour, minute, second = (int(v) for v in stamp[:6])
            published = datetime(year, month, day, hour, minute, second, tzinfo=UTC)
        except (TypeError, ValueError):
            published = None
    contents = entry.get("content") or []
    content_html = "\n".join(str(c.get("value", "")) for c in contents if isinstance(c, dict))
    content_kind: TextKind = _kind(contents[0]) if contents else "html"
    summary = str(entry.get("summary") or "")
    if content_html and summary.strip() == content_html.strip():
        summary = ""  # feedparser copies content into summary when there is no summary
    tags = [str(t.get("label") or t.get("term") or "") for t in entry.get("tags") or []]
    return make_item(
        title=entry.get("title"),
        title_kind=_kind(entry.get("title_detail")),
        link=entry.get("link"),
        guid=entry.get("id"),
        guid_is_link=bool(entry.get("guidislink")),
        published=published,
        author=entry.get("author"),
        summary=summary,
        summary_kind=_kind(entry.get("summary_detail")),
        content=content_html,
        content_kind=content_kind,
        tags=tags,
        base=base_url,
    )


def find_feed_links(html: str, base_url: str | None = None) -> list[str]:
    """The RSS/Atom feeds a page advertises with ``<link rel="alternate" type=...>``, in order."""
    import re

    from lxml import etree
    from lxml import html as lxml_html

    feed_types = {"application/rss+xml", "application/atom+xml", "application/rdf+xml"}
    # Only the head matters; cut the page so a huge one costs nothing.
    from reader.safety import limit_attributes

    head = limit_attributes(html[:500_000])
    try:
        root = lxml_html.document_fromstring(head)
    except (etree.ParserError, etree.XMLSyntaxError, ValueError):
        return []
    base = base_url
    for element in root.iter("base"):
        href = element.get("href")
        if href:
            base = urljoin(base_url or "", href.strip()) if base_url else href.strip()
            break
    found: dict[str, None] = {}
    for element in root.iter("link"):
        rel = re.split(r"\s+", (element.get("rel") or "").strip().lower())
        kind = (element.get("type") or "").strip().lower().split(";")[0]
        if "alternate" not in rel or kind not in feed_types:
            continue
        url = absolute_link(element.get("href"), base)
        if url:
            found.setdefault(url, None)
    return list(found)


__all__ = [
    "MAX_ITEMS",
    "FeedItem",
    "ParsedFeed",
    "absolute_link",
    "find_feed_links",
    "make_item",
    "parse_feed",
    "parse_with_feedparser",
    "refuse_non_feed",
    "text_line",
]
