"""Who said what: every quotation in the (filtered) library, grouped by speaker.

Quotes live as JSON beside each body (one row read opens an article), so these queries
read the quotes column of the matching articles and group in Python; the articles' order
(newest first) comes from the same index the list uses.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator

from reader.library.codec import decode_published, mention_key
from reader.library.filters import where_clause
from reader.models import UNATTRIBUTED, Filter, QuoteEntry

_CHUNK = 500


def _quoted_rows(
    conn: sqlite3.Connection, flt: Filter
) -> Iterator[tuple[int, str, str | None, str | None, str]]:
    """``(id, title, outlet, published, quotes JSON)`` of matching articles that quote someone."""
    where, params = where_clause(flt)
    sql = (
        "SELECT a.id, a.title, a.outlet, a.published, t.quotes FROM articles a"
        " JOIN article_texts t ON t.article_id = a.id"
        f" WHERE a.id IN (SELECT id FROM articles{where}) AND t.quotes != '[]'"
        " ORDER BY a.sort_key DESC, a.id DESC"  # the list's order (filters.ORDER_BY)
    )
    cursor = conn.execute(sql, params)
    while rows := cursor.fetchmany(_CHUNK):
        yield from rows


def speaker_key(name: str | None) -> str:
    """The key a speaker is grouped and searched by ("" for an unattributed quote)."""
    return mention_key(name) if name else ""


def _speaker_matches(wanted: str, speaker: str | None) -> bool:
    """Whether a ``--speaker`` value names this speaker: every word of it, in any case."""
    if mention_key(wanted) == mention_key(UNATTRIBUTED):
        return not speaker
    if not speaker:
        return False
    words = mention_key(wanted).split()
    return bool(words) and set(words) <= set(speaker_key(speaker).split())


def _entries(conn: sqlite3.Connection, flt: Filter) -> Iterator[QuoteEntry]:
    for article_id, title, outlet, published, quotes in _quoted_rows(conn, flt):
        when = decode_published(published)
        for text, start, end, speaker in json.loads(quotes):
            yield QuoteEntry(int(article_id), title, outlet, when, speaker, text, start, end)


def quotes(
    conn: sqlite3.Connection,
    flt: Filter,
    *,
    speaker: str | None = None,
    offset: int = 0,
    limit: int = 500,
) -> list[QuoteEntry]:
    """Quotes of matching articles grouped by speaker, newest first within each group.

    Groups come in order of their newest quote (the unattributed ones last); a quote's
    speaker is grouped by its folded name, shown as first (most recently) spelt.
    """
    groups: dict[str, list[QuoteEntry]] = {}
    for entry in _entries(conn, flt):
        if speaker is not None and not _speaker_matches(speaker, entry.speaker):
            continue
        groups.setdefault(speaker_key(entry.speaker), []).append(entry)
    ordered: list[QuoteEntry] = []
    for key, entries in groups.items():
        if key:
            ordered.extend(entries)
    ordered.extend(groups.get("", []))
    return ordered[max(0, offset) : max(0, offset) + max(0, limit)]


def speakers(conn: sqlite3.Connection, flt: Filter) -> list[tuple[str, int]]:
    """Every speaker quoted in matching articles with a count, most quoted first, unattributed last."""
    counts: dict[str, int] = {}
    names: dict[str, str] = {}
    for entry in _entries(conn, flt):
        key = speaker_key(entry.speaker)
        counts[key] = counts.get(key, 0) + 1
        names.setdefault(key, entry.speaker or UNATTRIBUTED)
    ranked = sorted(counts.items(), key=lambda item: (item[0] == "", -item[1], names[item[0]]))
    return [(names[key], count) for key, count in ranked]
