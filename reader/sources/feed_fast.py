"""The fast feed engine: a streaming lxml parser for well-formed RSS 2.0, RSS 1.0 and Atom 1.0.

Each item is turned into a :class:`FeedItem` as soon as its closing tag is read, then its
element is freed, so memory stays near the size of the input. Anything unusual (a DOCTYPE,
entities, broken XML, another dialect) raises :class:`DeclinedError` and the caller falls
back to feedparser.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from typing import Any

from reader.sources.feeds import (
    FeedItem,
    ParsedFeed,
    TextKind,
    absolute_link,
    feed_date,
    has_substance,
    make_item,
    text_line,
)

ATOM = "{http://www.w3.org/2005/Atom}"
RSS1 = "{http://purl.org/rss/1.0/}"
RDF = "{http://www.w3.org/1999/02/22-rdf-syntax-ns#}"
DC = "{http://purl.org/dc/elements/1.1/}"
CONTENT = "{http://purl.org/rss/1.0/modules/content/}"
XML_BASE = "{http://www.w3.org/XML/1998/namespace}base"
_DOCTYPE = re.compile(rb"<!DOCTYPE|<!ENTITY", re.IGNORECASE)


class DeclinedError(Exception):
    """The fast engine does not read this document; feedparser should."""


def parse_with_lxml(data: bytes, base_url: str | None, *, max_items: int) -> ParsedFeed:
    """Parse a well-formed RSS 2.0 / RSS 1.0 / Atom 1.0 document, or raise DeclinedError."""
    stream = LxmlStream(data, base_url, max_items=max_items)
    items = list(stream.items())
    return ParsedFeed(
        title=stream.title,
        link=stream.link,
        items=items,
        version=stream.version,
        truncated=stream.truncated,
    )


class LxmlStream:
    """One lxml parse of a feed, read item by item.

    :meth:`items` yields each item as soon as its closing tag is read; the header fields
    fill in as the parse meets them, and are final once the items are exhausted. Raises
    :class:`DeclinedError` (at once, or part way through) for a document it does not read.
    """

    def __init__(self, data: bytes, base_url: str | None, *, max_items: int) -> None:
        if _DOCTYPE.search(data[:4096]):
            # DTDs mean entities: feedparser's loose handling, with no DTD loading, is safer.
            raise DeclinedError("the document has a DOCTYPE")
        self._data = data
        self._base_url = base_url
        self._max_items = max_items
        self._title: tuple[str | None, TextKind] = (None, "html")
        self.link: str | None = None
        self.version = ""
        self.truncated = False

    @property
    def title(self) -> str | None:
        """The feed's title, once the parse has met it."""
        return text_line(self._title[0], self._title[1], 1000) or None

    def items(self) -> Iterator[FeedItem]:
        """The items with something to show, in document order."""
        from lxml import etree

        events = etree.iterparse(
            io.BytesIO(self._data),
            events=("start", "end"),
            resolve_entities=False,
            no_network=True,
            load_dtd=False,
            huge_tree=False,
            remove_comments=True,
            remove_pis=True,
        )
        base_url = self._base_url
        root: Any = None
        dialect = item_tag = ""
        count = 0
        base = base_url
        try:
            for event, elem in events:
                if root is None:
                    root = elem
                    dialect, item_tag = _dialect(elem.tag)
                    self.version = dialect
                    if elem.get(XML_BASE):
                        base = absolute_link(elem.get(XML_BASE), base_url) or base
                    continue
                if event != "end":
                    continue
                tag = elem.tag
                if tag == item_tag:
                    if count >= self._max_items:
                        self.truncated = True
                        _free(elem)
                        continue
                    item = _item(elem, dialect, base, base_url)
                    _free(elem)
                    if has_substance(item):
                        count += 1
                        yield item
                    continue
                parent = elem.getparent()
                if parent is None or parent.tag not in _HEADERS:
                    continue
                if tag in _TITLES and self._title[0] is None:
                    self._title = (_inner(elem), _kind_of(elem, dialect))
                elif tag in _LINKS and self.link is None:
                    self.link = _header_link(elem, dialect, base, base_url)
        except etree.XMLSyntaxError as exc:
            raise DeclinedError(f"not well-formed XML: {exc}") from None
        except (ValueError, RecursionError, MemoryError, UnicodeError) as exc:
            raise DeclinedError(f"{type(exc).__name__}") from None
        if root is None:
            raise DeclinedError("empty document")


_HEADERS = {"channel", f"{RSS1}channel", f"{ATOM}feed"}
_TITLES = {"title", f"{RSS1}title", f"{ATOM}title"}
_LINKS = {"link", f"{RSS1}link", f"{ATOM}link"}


def _dialect(tag: Any) -> tuple[str, str]:
    if tag == "rss":
        return "rss20", "item"
    if tag == f"{RDF}RDF":
        return "rss10", f"{RSS1}item"
    if tag == f"{ATOM}feed":
        return "atom10", f"{ATOM}entry"
    raise DeclinedError(f"unknown root element {str(tag)[:60]!r}")


def _free(elem: Any) -> None:
    """Drop a finished item and its earlier siblings so memory does not grow with the feed."""
    elem.clear(keep_tail=False)
    parent = elem.getparent()
    if parent is not None:
        while elem.getprevious() is not None:
            del parent[0]


def _inner(elem: Any) -> str:
    """An element's text; for Atom xhtml content, its markup serialised as HTML."""
    if elem.get("type") == "xhtml":
        from lxml import etree

        parts = [elem.text or ""]
        for child in elem:
            parts.append(etree.tostring(child, encoding="unicode", method="html"))
        return "".join(parts)
    return "".join(elem.itertext())


def _kind_of(elem: Any, dialect: str) -> TextKind:
    if dialect != "atom10":
        return "html"  # RSS text is HTML by convention; plain text passes through unharmed
    kind = (elem.get("type") or "text").lower()
    return "text" if kind in {"text", "text/plain"} else "html"


def _header_link(elem: Any, dialect: str, base: str | None, doc_url: str | None) -> str | None:
    if dialect == "atom10":
        if (elem.get("rel") or "alternate") != "alternate":
            return None
        return absolute_link(elem.get("href"), _base_of(elem, doc_url))
    return absolute_link(elem.text, base)


def _base_of(elem: Any, base: str | None) -> str | None:
    """Apply the ``xml:base`` attributes between the root and ``elem`` (outermost first)."""
    chain = []
    node = elem
    while node is not None:
        value = node.get(XML_BASE)
        if value:
            chain.append(value)
        node = node.getparent()
    for value in reversed(chain):
        base = absolute_link(value, base) or base
    return base


def _item(elem: Any, dialect: str, feed_base: str | None, doc_url: str | None) -> FeedItem:
    fields: dict[str, Any] = {"tags": []}
    # Atom: xml:base applies from the root down, starting again from the document's URL.
    base = _base_of(elem, doc_url) if dialect == "atom10" else feed_base
    if dialect == "atom10":
        _atom_fields(elem, fields, doc_url)
    else:
        _rss_fields(elem, fields, dialect)
    return make_item(
        title=fields.get("title"),
        title_kind=fields.get("title_kind", "html"),
        link=fields.get("link"),
        guid=fields.get("guid"),
        guid_is_link=fields.get("guid_is_link", False),
        published=feed_date(fields.get("published") or fields.get("updated")),
        author=fields.get("author"),
        summary=fields.get("summary"),
        summary_kind=fields.get("summary_kind", "html"),
        content=fields.get("content"),
        content_kind=fields.get("content_kind", "html"),
        tags=fields["tags"],
        base=base,
    )


def _rss_fields(elem: Any, fields: dict[str, Any], dialect: str) -> None:
    ns = RSS1 if dialect == "rss10" else ""
    if dialect == "rss10" and elem.get(f"{RDF}about"):
        fields["guid"] = elem.get(f"{RDF}about")
    for child in elem:
        tag = child.tag
        if not isinstance(tag, str):
            continue
        text = child.text or ""
        if tag == f"{ns}title":
            fields.setdefault("title", text)
        elif tag == f"{ns}link":
            fields.setdefault("link", text)
        elif tag == f"{ns}description":
            fields.setdefault("summary", text)
        elif tag == f"{CONTENT}encoded":
            fields.setdefault("content", text)
        elif tag == "guid":
            fields["guid"] = text
            fields["guid_is_link"] = (child.get("isPermaLink") or "true").lower() != "false"
        elif tag in {"pubDate", f"{DC}date"}:
            fields.setdefault("published", text)
        elif tag in {"author", f"{DC}creator"}:
            fields.setdefault("author", text)
        elif tag in {"category", f"{DC}subject"}:
            fields["tags"].append(text)
        elif (
            tag == f"{ATOM}link"
            and not fields.get("link")
            and (child.get("rel") or "alternate") == "alternate"
        ):
            fields["link"] = child.get("href")


def _atom_fields(elem: Any, fields: dict[str, Any], doc_url: str | None) -> None:
    for child in elem:
        tag = child.tag
        if not isinstance(tag, str):
            continue
        if tag == f"{ATOM}title":
            fields.setdefault("title", _inner(child))
            fields.setdefault("title_kind", _kind_of(child, "atom10"))
        elif tag == f"{ATOM}link":
            rel = child.get("rel") or "alternate"
            if rel == "alternate" and "link" not in fields:
                fields["link"] = absolute_link(child.get("href"), _base_of(child, doc_url))
        elif tag == f"{ATOM}id":
            fields.setdefault("guid", child.text or "")
        elif tag == f"{ATOM}published":
            fields.setdefault("published", child.text or "")
        elif tag == f"{ATOM}updated":
            fields.setdefault("updated", child.text or "")
        elif tag == f"{ATOM}summary":
            fields.setdefault("summary", _inner(child))
            fields.setdefault("summary_kind", _kind_of(child, "atom10"))
        elif tag == f"{ATOM}content" and not child.get("src"):
            fields.setdefault("content", _inner(child))
            fields.setdefault("content_kind", _kind_of(child, "atom10"))
        elif tag == f"{ATOM}author" and "author" not in fields:
            for sub in child:
                if sub.tag == f"{ATOM}name":
                    fields["author"] = sub.text or ""
        elif tag == f"{ATOM}category":
            fields["tags"].append(child.get("label") or child.get("term") or "")
        elif tag == f"{DC}creator":
            fields.setdefault("author", child.text or "")
