"""Article facts from JSON-LD blocks: headline, authors, publisher, dates, keywords, URL.

Pages wrap their objects in many ways: one object, a list, an ``@graph``, an article nested
under ``mainEntity``. Every object whose ``@type`` names an article kind is considered; the
first article found wins, other objects (``WebPage``, ``Organization``) fill the gaps.
Broken JSON is skipped, never fatal.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from typing import Any

from reader.sanitize import clean_line

_ARTICLE_TYPES = re.compile(
    r"article|newsarticle|reportage|analysisnewsarticle|opinionnewsarticle|backgroundnewsarticle|"
    r"reviewnewsarticle|blogposting|liveblogposting|posting|report|scholarlyarticle|techarticle",
    re.I,
)
_MAX_OBJECTS = 200


@dataclass(slots=True)
class JsonLdFacts:
    """The facts JSON-LD gives about the article; empty when the page has none."""

    headline: str | None = None
    authors: list[str] = field(default_factory=list)
    publisher: str | None = None
    published: str | None = None
    keywords: list[str] = field(default_factory=list)
    url: str | None = None
    description: str | None = None


def _types(obj: dict[str, Any]) -> list[str]:
    kind = obj.get("@type")
    if isinstance(kind, str):
        return [kind]
    if isinstance(kind, list):
        return [k for k in kind if isinstance(k, str)]
    return []


def _walk(data: Any) -> list[dict[str, Any]]:
    """Every dict in ``data`` that has an ``@type``, breadth first, capped in number."""
    found: list[dict[str, Any]] = []
    queue: list[Any] = [data]
    while queue and len(found) < _MAX_OBJECTS:
        item = queue.pop(0)
        if isinstance(item, list):
            queue.extend(item)
        elif isinstance(item, dict):
            if "@type" in item:
                found.append(item)
            for key in ("@graph", "mainEntity", "mainEntityOfPage", "itemListElement"):
                if isinstance(item.get(key), (list, dict)):
                    queue.append(item[key])
    return found


def _name(value: Any) -> str | None:
    if isinstance(value, str):
        return clean_line(value) or None
    if isinstance(value, dict):
        return _name(value.get("name"))
    return None


def _names(value: Any) -> list[str]:
    items = value if isinstance(value, list) else [value]
    names = [_name(item) for item in items]
    return [n for n in names if n]


def _text(value: Any) -> str | None:
    if isinstance(value, list) and value:
        value = value[0]
    if isinstance(value, dict):
        value = value.get("@id") or value.get("url")
    return clean_line(value) or None if isinstance(value, str) else None


def _keywords(value: Any) -> list[str]:
    if isinstance(value, str):
        return [clean_line(v) for v in value.split(",") if clean_line(v)]
    if isinstance(value, list):
        return [clean_line(v) for v in value if isinstance(v, str) and clean_line(v)]
    return []


def _load(text: str) -> Any:
    text = text.strip()
    if text.startswith("<!--"):
        text = text[4:]
    if text.endswith("-->"):
        text = text[:-3]
    try:
        return json.loads(text, strict=False)
    except (ValueError, RecursionError):
        return None


def read_json_ld(root: Any) -> JsonLdFacts:
    """Gather article facts from every ``application/ld+json`` script in the page."""
    objects: list[dict[str, Any]] = []
    for script in root.iter("script"):
        if "ld+json" not in (script.get("type") or "").lower() or not script.text:
            continue
        objects.extend(_walk(_load(script.text)))
    facts = JsonLdFacts()
    if not objects:
        return facts
    articles = [o for o in objects if any(_ARTICLE_TYPES.search(t) for t in _types(o))]
    for obj in articles + [o for o in objects if o not in articles]:
        is_article = obj in articles
        if is_article or not facts.headline:
            facts.headline = facts.headline or _name(obj.get("headline"))
        if is_article:
            facts.authors = facts.authors or _names(obj.get("author") or obj.get("creator"))
            facts.published = facts.published or _text(obj.get("datePublished"))
            facts.published = facts.published or _text(obj.get("dateCreated"))
            facts.keywords = facts.keywords or _keywords(obj.get("keywords"))
            facts.url = facts.url or _text(obj.get("url")) or _text(obj.get("mainEntityOfPage"))
            facts.description = facts.description or _name(obj.get("description"))
        facts.publisher = facts.publisher or _name(obj.get("publisher"))
        if "WebSite" in _types(obj):
            facts.publisher = facts.publisher or _name(obj.get("name"))
    return facts
