"""Page metadata: title, outlet, byline, publication time, tags, canonical URL, standfirst.

Sources, most trusted first: JSON-LD (``NewsArticle`` and kin, also inside ``@graph`` and
lists), OpenGraph and article meta tags, other common meta conventions (parsely, sailthru,
Dublin Core, ``author``, ``keywords``, ``news_keywords``), ``<time datetime>``, itemprop
microdata, and finally the visible text. Every string leaves through ``clean_line``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urljoin, urlsplit

from reader.extract.dates import parse_date
from reader.extract.html_jsonld import JsonLdFacts, read_json_ld
from reader.models import Published
from reader.sanitize import clean_line

_TITLE_SEPARATORS = re.compile(r"\s+(?:[|–—:»·•]|-{1,2}|/|\\)\s+")
_BYLINE_PREFIX = re.compile(r"^(?:by|written by|words by|posted by|von|par|por)\s+", re.I)
_STANDFIRST_RE = re.compile(
    r"(?:^|[\s_-])(?:standfirst|dek|deck|subhead(?:line)?|sub-?title|strap(?:line)?|"
    r"summary|lede|lead|intro|teaser|description|excerpt|abstract)(?:$|[\s_-])",
    re.I,
)
_NOT_STANDFIRST_RE = re.compile(
    r"caption|credit|gallery|tooltip|popover|modal|related|promo|teaser-list|video|"
    r"editor|placeholder|(?:^|[\s_-])(?:asset|media|image|photo|picture)s?(?:$|[\s_-])",
    re.I,
)
_NEGATED_CLASS = re.compile(r"(?:^|(?<=\s))(?:no|without)[-_]\S*", re.I)
_MAX_TAGS = 30


@dataclass(slots=True)
class PageMetadata:
    """What the page says about itself; every field may be missing."""

    title: str | None = None
    outlet: str | None = None
    byline: str | None = None
    published: Published | None = None
    tags: list[str] = field(default_factory=list)
    canonical_url: str | None = None
    language: str | None = None
    description: str | None = None


def _meta_values(root: Any) -> dict[str, list[str]]:
    """Every <meta> content keyed by its lower-cased name, property or itemprop."""
    values: dict[str, list[str]] = {}
    for meta in root.iter("meta"):
        content = meta.get("content")
        if content is None or not content.strip():
            continue
        for attr in ("property", "name", "itemprop", "http-equiv"):
            # A tag may carry several space-separated property names.
            for key in (meta.get(attr) or "").lower().split():
                values.setdefault(key, []).append(content.strip())
    return values


def _first(values: dict[str, list[str]], *keys: str) -> str | None:
    for key in keys:
        for value in values.get(key, ()):
            cleaned = clean_line(value)
            if cleaned:
                return cleaned
    return None


def _dedupe(items: list[str]) -> list[str]:
    seen: set[str] = set()
    out: list[str] = []
    for item in items:
        key = item.casefold()
        if key and key not in seen:
            seen.add(key)
            out.append(item)
    return out


def _split_tags(raw: str) -> list[str]:
    sep = "," if "," in raw else ";" if ";" in raw else "|" if "|" in raw else None
    parts = raw.split(sep) if sep else [raw]
    return [clean_line(part) for part in parts]


def _clean_person(name: str | None) -> str | None:
    if not name:
        return None
    name = _BYLINE_PREFIX.sub("", clean_line(name)).strip(" ,;|·•—–-")
    if not name or len(name) > 120 or name.startswith(("http://", "https://", "/")):
        return None
    return name


def _title_from_tag(root: Any) -> str | None:
    el = root.find(".//title")
    return clean_line(el.text_content()) if el is not None else None


def _h1_texts(root: Any) -> list[str]:
    return [clean_line(h.text_content()) for h in root.iter("h1")][:5]


def _strip_site_name(title: str, outlet: str | None, h1s: list[str]) -> str:
    """Drop a " | Outlet" or "Outlet - " part from a <title> when it is the site's name."""
    for h1 in h1s:
        if h1 and h1 in title and len(h1) >= 0.4 * len(title):
            return h1
    parts = _TITLE_SEPARATORS.split(title)
    if len(parts) < 2:
        return title
    if outlet:
        kept = [p for p in parts if p.casefold() != outlet.casefold()]
        if kept and len(kept) < len(parts):
            return " - ".join(kept) if len(kept) > 1 else kept[0]
    # Without a known outlet the longest part is the headline when the rest is short.
    longest = max(parts, key=len)
    rest = sum(len(p) for p in parts) - len(longest)
    return longest if rest < len(longest) / 2 and len(longest.split()) >= 3 else title


def _host_outlet(url: str | None) -> str | None:
    if not url:
        return None
    host = (urlsplit(url).hostname or "").lower()
    if host.startswith("www."):
        host = host[4:]
    return host or None


def _time_element_date(root: Any) -> Published | None:
    for el in root.iter("time"):
        text = el.get("datetime") or el.get("content") or ""
        value = parse_date(text) or parse_date(el.text_content())
        if value is not None:
            return value
    return None


def _itemprop(root: Any, name: str) -> list[Any]:
    return [el for el in root.iter() if isinstance(el.tag, str) and el.get("itemprop") == name]


def _visible_date(root: Any) -> Published | None:
    """A date written near the top of the page, in an element that names dates or times."""
    for el in root.iter():
        if not isinstance(el.tag, str):
            continue
        feature = f"{el.get('class') or ''} {el.get('id') or ''}".lower()
        if any(word in feature for word in ("date", "time", "publish", "posted", "byline")):
            value = parse_date(" ".join(el.text_content().split())[:120])
            if value is not None:
                return value
    return None


def _visible_byline(root: Any) -> str | None:
    for el in root.iter():
        if not isinstance(el.tag, str) or el.tag in ("html", "body"):
            continue
        rel = (el.get("rel") or "").lower()
        feature = f"{el.get('class') or ''} {el.get('id') or ''}".lower()
        if rel == "author" or "byline" in feature or el.get("itemprop") == "author":
            text = " ".join(el.text_content().split())
            if 2 < len(text) <= 100:
                name = _clean_person(re.split(r"\s[|·•]\s|\s{2,}|,\s*(?=\d)", text)[0])
                if name and not any(ch.isdigit() for ch in name):
                    return name
    return None


def find_standfirst(root: Any, description: str | None) -> tuple[str | None, int | None]:
    """A visible lead paragraph: the page's description shown as text, or a standfirst class."""
    want = " ".join(description.split()).casefold() if description else None
    body = root.find("body")
    if body is None:
        return None, None
    for el in body.iter("p", "div", "h2", "h3", "span", "section"):
        feature = f"{el.get('class') or ''} {el.get('id') or ''}"
        by_class = _STANDFIRST_RE.search(feature) is not None
        if not by_class and not want:
            continue
        text = " ".join(el.text_content().split())
        if not 30 <= len(text) <= 600:
            continue
        if not (want and text.casefold() == want) and not (
            by_class and el.find(".//p") is None and el.find(".//a") is None
        ):
            continue
        if _outside_story(el):
            continue
        return clean_line(text), el.sourceline
    return None, None


def _outside_story(el: Any) -> bool:
    """True inside navigation, links, figures and captions: not where a standfirst sits."""
    for depth, node in enumerate((el, *el.iterancestors())):
        if node.tag in ("nav", "footer", "aside", "a", "figure", "figcaption", "button"):
            return True
        feature = f"{node.get('class') or ''} {node.get('id') or ''}"
        # "no_header_image" says the element lacks an image.
        feature = _NEGATED_CLASS.sub("", feature)
        # Only the nearest wrappers: a page-wide "photo-essay" class says nothing here.
        if depth < 3 and _NOT_STANDFIRST_RE.search(feature):
            return True
    return False


def read_metadata(root: Any, url: str | None = None) -> PageMetadata:
    """Everything the page says about itself, from a parsed (unstripped) document."""
    meta = _meta_values(root)
    facts: JsonLdFacts = read_json_ld(root)
    page = PageMetadata()

    page.outlet = (
        _first(meta, "og:site_name", "application-name", "twitter:site:name")
        or facts.publisher
        or _first(meta, "publisher", "dc.publisher", "twitter:site")
    )
    if page.outlet and page.outlet.startswith("@"):
        page.outlet = page.outlet[1:] or None
    h1s = _h1_texts(root)
    tag_title = _title_from_tag(root)
    title = (
        facts.headline
        or _first(
            meta,
            "og:title",
            "twitter:title",
            "parsely-title",
            "sailthru.title",
            "dc.title",
            "dc:title",
        )
        or (tag_title and _strip_site_name(tag_title, page.outlet, h1s))
        or (h1s[0] if h1s else None)
    )
    if title and page.outlet:
        title = _strip_site_name(title, page.outlet, [])
    page.title = title or None
    page.outlet = page.outlet or _host_outlet(url)

    authors = (
        facts.authors
        or [
            a
            for a in (
                _first(meta, "dc:creator", "dc.creator", "dcterms.creator", "dcterms:creator"),
                _first(meta, "author", "article:author", "parsely-author", "sailthru.author"),
                _first(meta, "byl", "byline"),
            )
            if a
        ][:1]
    )
    names = _dedupe([n for n in (_clean_person(a) for a in authors) if n])
    page.byline = ", ".join(names[:4]) if names else _visible_byline(root)

    published_raw = (
        facts.published
        or _first(meta, "article:published_time", "og:article:published_time")
        or _first(meta, "parsely-pub-date", "sailthru.date", "pubdate", "publishdate")
        or _first(meta, "dc.date.issued", "dc.date", "dcterms.created", "dcterms.date")
        or _first(meta, "date", "datepublished", "article.published", "og:published_time")
    )
    page.published = parse_date(published_raw) if published_raw else None
    if page.published is None:
        stamped = _itemprop(root, "datePublished")
        raw = (stamped[0].get("datetime") or stamped[0].get("content")) if stamped else None
        page.published = parse_date(raw) or _time_element_date(root) or _visible_date(root)

    raw_tags: list[str] = list(facts.keywords)
    for key in ("article:tag", "og:article:tag"):
        for value in meta.get(key, ()):
            raw_tags.extend(_split_tags(value))
    for key in ("news_keywords", "keywords", "parsely-tags", "sailthru.tags", "dc.subject"):
        for value in meta.get(key, ()):
            raw_tags.extend(_split_tags(value))
    page.tags = _dedupe([t for t in raw_tags if t and len(t) <= 60])[:_MAX_TAGS]

    canonical = None
    for link in root.iter("link"):
        if "canonical" in (link.get("rel") or "").lower().split() and link.get("href"):
            canonical = link.get("href")
            break
    canonical = canonical or _first(meta, "og:url") or facts.url
    if canonical:
        canonical = clean_line(urljoin(url, canonical) if url else canonical)
        if canonical.startswith(("http://", "https://")):
            page.canonical_url = canonical

    lang = root.get("lang") or root.get("xml:lang") or _first(meta, "og:locale", "content-language")
    page.language = clean_line(lang).replace("_", "-")[:16] or None if lang else None
    page.description = _first(meta, "og:description", "description", "twitter:description")
    page.description = page.description or facts.description
    return page
