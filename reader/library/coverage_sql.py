"""A picture of coverage: articles per ISO week for each of some countries."""

from __future__ import annotations

import sqlite3
from dataclasses import replace
from datetime import date, timedelta

from reader.library.filters import where_clause
from reader.models import Filter

#: The key of the one series ``weekly_counts`` returns when no country is asked for.
ALL_ARTICLES = "All articles"
#: Longest zero-filled range: beyond it, the range shrinks to the weeks that hold articles.
MAX_WEEKS = 1100


def week_start(day: date) -> date:
    """The Monday that starts ``day``'s ISO week."""
    return day - timedelta(days=day.weekday())


def weekly_counts(
    conn: sqlite3.Connection, flt: Filter, countries: list[str] | tuple[str, ...]
) -> dict[str, list[tuple[date, int]]]:
    """``{country: [(monday, count), ...]}`` over the filter's date range, every week present.

    ``countries`` replace the filter's own; with none, one series of every matching article
    under :data:`ALL_ARTICLES`. The range is the filter's since/until, or where bounds are
    open, the first and last week of the matching dated articles. Undated articles are not
    counted (a timeline has no place for them).
    """
    names = list(dict.fromkeys(c for c in countries if c.strip()))
    base = replace(flt, countries=frozenset(), dates="dated")
    where, params = where_clause(base)
    per_day: dict[str, dict[str, int]] = {}
    if names:
        marks = ", ".join("?" * len(names))
        rows = conn.execute(
            "SELECT c.country, a.published_day, count(*) FROM articles a"
            " JOIN article_countries c ON c.article_id = a.id"
            f" WHERE a.id IN (SELECT id FROM articles{where}) AND c.country IN ({marks})"
            " GROUP BY c.country, a.published_day",
            (*params, *names),
        ).fetchall()
        folded = {name.casefold(): name for name in names}
        for country, day, count in rows:
            name = folded.get(str(country).casefold(), str(country))
            per_day.setdefault(name, {})[str(day)] = int(count)
    else:
        names = [ALL_ARTICLES]
        rows = conn.execute(
            f"SELECT published_day, count(*) FROM articles{where} GROUP BY published_day", params
        ).fetchall()
        per_day[ALL_ARTICLES] = {str(day): int(count) for day, count in rows}
    weekly: dict[str, dict[date, int]] = {name: {} for name in names}
    for name, days in per_day.items():
        for text, count in days.items():
            try:
                monday = week_start(date.fromisoformat(text))
            except ValueError:
                continue
            weekly[name][monday] = weekly[name].get(monday, 0) + count
    seen = [monday for counts in weekly.values() for monday in counts]
    first = week_start(flt.since) if flt.since else min(seen, default=None)
    last = week_start(flt.until) if flt.until else max(seen, default=None)
    if first is None or last is None or first > last:
        return {name: [] for name in names}
    if (last - first).days // 7 + 1 > MAX_WEEKS and seen:
        first, last = max(first, min(seen)), min(last, max(seen))
    weeks = [first + timedelta(weeks=n) for n in range((last - first).days // 7 + 1)]
    return {name: [(monday, weekly[name].get(monday, 0)) for monday in weeks] for name in names}
