"""Model values to column values and back; rows become model dataclasses here, nowhere else.

Annotations are stored as compact JSON arrays (one row read opens an article); dates as ISO
text, with a separate day column for range filters and a UTC sort key for ordering.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import UTC, date, datetime
from functools import lru_cache
from typing import Any

from reader.library.dedup import words
from reader.models import (
    Annotations,
    Article,
    ArticleSummary,
    Feed,
    PersonMention,
    PlaceMention,
    Published,
    Quote,
    SourceKind,
)
from reader.sanitize import clean_line, strip_controls

SUMMARY_COLUMNS = "id, title, outlet, published, countries, bookmarked, read"
ARTICLE_COLUMNS = (
    "a.id, a.source, a.url, a.title, a.outlet, a.byline, a.published, a.countries,"
    " a.bookmarked, a.read, a.kind, a.added_at, a.tags, t.people, t.places, t.quotes, t.body"
)
#: FROM clause for ARTICLE_COLUMNS.
ARTICLE_FROM = "articles a JOIN article_texts t ON t.article_id = a.id"
FEED_COLUMNS = (
    "id, url, title, fetch_full_pages, etag, last_modified, last_checked, last_error,"
    " last_new_count"
)


def now_iso() -> str:
    """The current UTC time as ISO text (seconds precision)."""
    return datetime.now(UTC).replace(microsecond=0).isoformat()


def encode_published(value: Published | None) -> tuple[str | None, str | None, str | None]:
    """``(published, published_day, sort_key)`` column values for a publication moment."""
    if value is None:
        return None, None, None
    if isinstance(value, datetime):
        day = value.date().isoformat()
        moment = value.astimezone(UTC).replace(tzinfo=None) if value.tzinfo else value
        return value.isoformat(), day, moment.replace(microsecond=0).isoformat()
    return value.isoformat(), value.isoformat(), value.isoformat()


def decode_published(text: str | None) -> Published | None:
    """A stored publication moment: a datetime when a time was stored, else a date."""
    if not text:
        return None
    try:
        if len(text) == 10:
            return date.fromisoformat(text)
        return datetime.fromisoformat(text)
    except ValueError:
        return None


def decode_datetime(text: str | None) -> datetime | None:
    """A stored timestamp, or None."""
    if not text:
        return None
    try:
        return datetime.fromisoformat(text)
    except ValueError:
        return None


def dumps(value: Any) -> str:
    """Compact JSON for a column."""
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def _strings(text: str | None) -> tuple[str, ...]:
    if not text:
        return ()
    value = json.loads(text)
    return tuple(str(v) for v in value) if isinstance(value, list) else ()


def clean_optional(text: str | None) -> str | None:
    """``clean_line`` that keeps None and turns a blank string into None."""
    if text is None:
        return None
    cleaned = clean_line(text)
    return cleaned or None


def clean_list(values: Sequence[str]) -> list[str]:
    """Clean each string, dropping blanks and repeats, keeping order."""
    seen: dict[str, None] = {}
    for value in values:
        cleaned = clean_line(str(value))
        if cleaned:
            seen.setdefault(cleaned, None)
    return list(seen)


def _index_map(original: str, cleaned: str) -> list[int]:
    """For each offset of ``original`` (and its end), the matching offset in ``cleaned``.

    ``strip_controls`` only deletes characters or turns CR into LF, so ``cleaned`` is a
    subsequence of ``original`` up to that replacement.
    """
    mapping: list[int] = []
    j = 0
    for char in original:
        mapping.append(j)
        if j < len(cleaned) and (char == cleaned[j] or (char == "\r" and cleaned[j] == "\n")):
            j += 1
    mapping.append(j)
    return mapping


def clean_annotations(annotations: Annotations, original: str, body: str) -> Annotations:
    """Annotations fit for ``body`` (``original`` after sanitising): spans remapped, bad ones dropped."""
    mapping = _index_map(original, body) if original != body else None

    def span(start: int, end: int) -> tuple[int, int] | None:
        if not 0 <= start < end <= len(original):
            return None
        if mapping is not None:
            start, end = mapping[start], mapping[end]
        return (start, end) if start < end else None

    people = []
    for p in annotations.people:
        s = span(p.start, p.end)
        if s:
            people.append(PersonMention(body[s[0] : s[1]], *s, clean_line(p.canonical)))
    places = []
    for pl in annotations.places:
        s = span(pl.start, pl.end)
        if s:
            country = clean_optional(pl.country)
            places.append(PlaceMention(body[s[0] : s[1]], *s, country, clean_line(pl.kind)))
    quotes = []
    for q in annotations.quotes:
        s = span(q.start, q.end)
        if s:
            quotes.append(Quote(body[s[0] : s[1]], *s, clean_optional(q.speaker)))
    return Annotations(
        tuple(people), tuple(places), tuple(quotes), tuple(clean_list(annotations.countries))
    )


def encode_annotations(annotations: Annotations) -> tuple[str, str, str, str]:
    """``(countries, people, places, quotes)`` JSON column values."""
    return (
        dumps(list(annotations.countries)),
        dumps([[p.text, p.start, p.end, p.canonical] for p in annotations.people]),
        dumps([[p.text, p.start, p.end, p.country, p.kind] for p in annotations.places]),
        dumps([[q.text, q.start, q.end, q.speaker] for q in annotations.quotes]),
    )


def mention_keys(annotations: Annotations) -> set[tuple[str, str]]:
    """``(kind, key)`` rows for the people/places filters: each name folded, and its words."""
    keys: set[tuple[str, str]] = set()
    names = {("person", p.text) for p in annotations.people}
    names.update(("person", p.canonical) for p in annotations.people)
    names.update(("place", pl.text) for pl in annotations.places)
    for kind, name in names:
        keys.update(_name_keys(kind, name))
    return keys


@lru_cache(maxsize=8192)
def _name_keys(kind: str, name: str) -> tuple[tuple[str, str], ...]:
    # Names recur across articles (the same people and places): fold each once.
    tokens = words(name)
    if not tokens:
        return ()
    return ((kind, " ".join(tokens)), *((kind, token) for token in tokens if len(token) > 1))


def mention_key(name: str) -> str:
    """The key a people/places filter value is looked up by (folded words, space-joined)."""
    return " ".join(words(name))


def summary_from_row(row: Sequence[Any]) -> ArticleSummary:
    """An ArticleSummary from a row of SUMMARY_COLUMNS."""
    return ArticleSummary(
        id=row[0],
        title=row[1],
        outlet=row[2],
        published=decode_published(row[3]),
        countries=_strings(row[4]),
        bookmarked=bool(row[5]),
        read=bool(row[6]),
    )


def article_from_row(row: Sequence[Any]) -> Article:
    """An Article from a row of ARTICLE_COLUMNS."""
    people = tuple(PersonMention(t, s, e, c) for t, s, e, c in json.loads(row[13]))
    places = tuple(PlaceMention(t, s, e, c, k) for t, s, e, c, k in json.loads(row[14]))
    quotes = tuple(Quote(t, s, e, sp) for t, s, e, sp in json.loads(row[15]))
    try:
        kind = SourceKind(row[10])
    except ValueError:
        kind = SourceKind.HTML
    return Article(
        id=row[0],
        source=row[1],
        url=row[2],
        title=row[3],
        outlet=row[4],
        byline=row[5],
        published=decode_published(row[6]),
        countries=_strings(row[7]),
        bookmarked=bool(row[8]),
        read=bool(row[9]),
        kind=kind,
        added_at=decode_datetime(row[11]),
        tags=_strings(row[12]),
        people=people,
        places=places,
        quotes=quotes,
        body=row[16],
    )


def feed_from_row(row: Sequence[Any]) -> Feed:
    """A Feed from a row of FEED_COLUMNS."""
    return Feed(
        id=row[0],
        url=row[1],
        title=row[2],
        fetch_full_pages=bool(row[3]),
        etag=row[4],
        last_modified=row[5],
        last_checked=decode_datetime(row[6]),
        last_error=row[7],
        last_new_count=int(row[8] or 0),
    )


def clean_source(source: str) -> str:
    """A source path or URL as stored: controls stripped, otherwise exact (it is a key)."""
    return strip_controls(source)


def clean_body(body: str) -> str:
    """The body as stored: control sequences stripped."""
    return strip_controls(body)
