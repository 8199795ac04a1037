"""Build a small, deterministic library from tests/fixtures/tui/*.json through the Library API.

Annotations are given in the fixture (found by searching the body), not computed, so the
TUI tests and screenshots do not change when the annotator improves.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

from reader.models import Annotations, Extracted, PersonMention, PlaceMention, Quote, SourceKind

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "tui"
#: The day the fixed clock says it is, in tests and screenshots.
FIXED_TODAY = date(2024, 6, 14)


def _all(body: str, text: str) -> list[int]:
    starts: list[int] = []
    start = body.find(text)
    while start != -1:
        # Skip a hit inside a longer name already listed ("Lavrov" in "Sergei Lavrov").
        starts.append(start)
        start = body.find(text, start + len(text))
    return starts


def annotations_for(item: dict[str, Any]) -> Annotations:
    """The fixture's people, places and quotes as spans of its body."""
    body: str = item["body"]
    people: list[PersonMention] = []
    taken: set[int] = set()
    for text, canonical in sorted(item.get("people", []), key=lambda p: -len(p[0])):
        for start in _all(body, text):
            if any(start <= t < start + len(text) for t in taken):
                continue
            if any(p.start <= start < p.end for p in people):
                continue
            people.append(PersonMention(text, start, start + len(text), canonical))
            taken.add(start)
    places = [
        PlaceMention(text, start, start + len(text), country, "city")
        for text, country in item.get("places", [])
        for start in _all(body, text)
    ]
    quotes = []
    for text, speaker in item.get("quotes", []):
        start = body.find(text)
        if start != -1:
            quotes.append(Quote(text, start, start + len(text), speaker))
    return Annotations(
        people=tuple(sorted(people, key=lambda p: p.start)),
        places=tuple(sorted(places, key=lambda p: p.start)),
        quotes=tuple(quotes),
        countries=tuple(item.get("countries", [])),
    )


def load_items(name: str = "articles.json") -> list[dict[str, Any]]:
    """The article records of one fixture file."""
    data = json.loads((FIXTURES / name).read_text(encoding="utf-8"))
    items: list[dict[str, Any]] = data["articles"]
    return items


def build_library(path: Path, name: str = "articles.json") -> dict[str, int]:
    """Store every fixture article in a library at ``path``; returns title -> id."""
    from reader.library.store import Library

    ids: dict[str, int] = {}
    with Library(path) as library:
        for position, item in enumerate(load_items(name)):
            published = date.fromisoformat(item["published"]) if item.get("published") else None
            extracted = Extracted(
                title=item["title"],
                body=item["body"],
                outlet=item.get("outlet"),
                byline=item.get("byline"),
                published=published,
                url=item.get("url"),
                kind=SourceKind.TEXT,
            )
            source = item.get("source") or item.get("url") or f"fixture-{position}.txt"
            outcome = library.store(
                extracted, annotations_for(item), source=source, url=item.get("url")
            )
            assert outcome.article_id is not None, outcome
            ids[item["title"]] = outcome.article_id
            if item.get("bookmarked"):
                library.set_bookmarked(outcome.article_id, True)
            if item.get("read"):
                library.set_read(outcome.article_id, True)
    return ids
