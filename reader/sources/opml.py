"""OPML subscription lists: read them safely, write them for other readers.

OPML needs no DTD, so a document declaring one (with entities that could expand into a
"billion laughs" or reach for external files) is refused before any parser sees it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from reader.errors import FeedError, SourceError
from reader.models import Feed
from reader.sanitize import clean_line

if TYPE_CHECKING:
    from xml.etree.ElementTree import Element

    from reader.library.store import Library

MAX_OPML_BYTES = 10 * 1024 * 1024
MAX_OUTLINES = 50_000
_DTD = re.compile(rb"<!DOCTYPE|<!ENTITY", re.IGNORECASE)
# Characters XML 1.0 cannot carry, even escaped.
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


@dataclass(frozen=True, slots=True)
class OpmlEntry:
    """One subscription in an OPML file."""

    url: str
    title: str | None = None


@dataclass(frozen=True, slots=True)
class OpmlImport:
    """What importing an OPML file did."""

    added: list[Feed] = field(default_factory=list)
    existing: list[Feed] = field(default_factory=list)
    skipped: list[tuple[str, str]] = field(default_factory=list)  # (url, reason)


def parse_opml(data: bytes, *, source: str | None = None) -> tuple[list[OpmlEntry], list[str]]:
    """Read the feed outlines (with ``xmlUrl``) of an OPML document, folders flattened.

    Returns the entries (first occurrence of each URL) and the URLs refused as not http(s).

    Raises:
        FeedError: not OPML, malformed XML, a DTD or entities, or too large.
    """
    name = source or "<opml>"
    if len(data) > MAX_OPML_BYTES:
        raise FeedError("OPML file too large (more than 10 MB)", name)
    if _DTD.search(data):
        raise FeedError("OPML with a DOCTYPE or entity declarations is refused", name)
    from xml.etree.ElementTree import ParseError, fromstring

    try:
        root = fromstring(data)
    except ParseError as exc:
        raise FeedError(f"malformed OPML: {clean_line(str(exc))[:120]}", name) from None
    if _local(root.tag) != "opml":
        raise FeedError("not an OPML file (no <opml> root)", name)
    from reader.sources.feeds import absolute_link

    entries: dict[str, OpmlEntry] = {}
    refused: list[str] = []
    for count, outline in enumerate(_outlines(root)):
        if count >= MAX_OUTLINES:
            break
        raw = (outline.get("xmlUrl") or outline.get("xmlurl") or "").strip()
        if not raw:
            continue
        url = absolute_link(raw, None)
        if url is None:
            refused.append(clean_line(raw)[:300])
            continue
        title = clean_line(outline.get("title") or outline.get("text") or "")[:500]
        entries.setdefault(url, OpmlEntry(url, title or None))
    return list(entries.values()), refused


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1].lower()


def _outlines(root: Element) -> list[Element]:
    return [el for el in root.iter() if _local(el.tag) == "outline"]


def export_opml(feeds: Sequence[Feed], *, title: str = "Broadsheet subscriptions") -> str:
    """An OPML 2.0 document listing ``feeds`` (UTF-8 text with an XML declaration)."""
    from xml.etree.ElementTree import Element, SubElement, tostring

    def safe(text: str) -> str:
        return _NOT_XML.sub("", clean_line(text))

    root = Element("opml", version="2.0")
    head = SubElement(root, "head")
    SubElement(head, "title").text = safe(title)
    body = SubElement(root, "body")
    for feed in feeds:
        label = safe(feed.title or feed.url)
        SubElement(
            body, "outline", type="rss", text=label, title=label, xmlUrl=_NOT_XML.sub("", feed.url)
        )
    _indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + tostring(root, encoding="unicode") + "\n"


def _indent(root: Element) -> None:
    from xml.etree.ElementTree import indent

    indent(root, space="  ")


def import_opml(
    library: Library, data: bytes, *, source: str | None = None, fetch_full_pages: bool = True
) -> OpmlImport:
    """Subscribe to every feed an OPML document lists (no fetching; refresh reads them)."""
    from reader.feed_items import normalise_url

    entries, refused = parse_opml(data, source=source)
    result = OpmlImport(skipped=[(url, "only http and https feeds") for url in refused])
    # One look-up table, not one scan of the subscriptions per entry (OPML files can be big).
    known = {normalise_url(feed.url): feed for feed in library.feeds()}
    for entry in entries:
        key = normalise_url(entry.url)
        existing = known.get(key)
        if existing is not None:
            result.existing.append(existing)
            continue
        try:
            feed = library.add_feed(entry.url, title=entry.title, fetch_full_pages=fetch_full_pages)
        except SourceError as exc:
            result.skipped.append((entry.url, exc.message))
            continue
        known[key] = feed
        result.added.append(feed)
    return result


__all__ = ["OpmlEntry", "OpmlImport", "export_opml", "import_opml", "parse_opml"]
