"""Stories read back: an article's story, story counts, one row per story in lists.

An article's story is ``coalesce(story_id, id)`` (see :mod:`story_assign`, which sets it).
"""

from __future__ import annotations

import sqlite3
from dataclasses import replace

from reader.errors import NotFoundError
from reader.library.codec import SUMMARY_COLUMNS, summary_from_row
from reader.library.filters import ORDER_BY, where_clause
from reader.models import ArticleSummary, Filter

_STORY = "coalesce(story_id, id)"
_A_SUMMARY = ", ".join(f"a.{column.strip()}" for column in SUMMARY_COLUMNS.split(","))


def story_of(conn: sqlite3.Connection, article_id: int) -> list[ArticleSummary]:
    """Every article in the story of ``article_id``, newest first; raises NotFoundError."""
    row = conn.execute(f"SELECT {_STORY} FROM articles WHERE id = ?", (article_id,)).fetchone()
    if row is None:
        raise NotFoundError("no such article", str(article_id))
    story = int(row[0])
    rows = conn.execute(
        f"SELECT {SUMMARY_COLUMNS} FROM articles"
        f" WHERE story_id = ? OR (id = ? AND story_id IS NULL) {ORDER_BY}",
        (story, story),
    ).fetchall()
    return [summary_from_row(r) for r in rows]


def count_stories(conn: sqlite3.Connection, flt: Filter) -> int:
    """How many stories have at least one article matching ``flt``."""
    where, params = where_clause(flt)
    row = conn.execute(f"SELECT count(DISTINCT {_STORY}) FROM articles{where}", params).fetchone()
    return int(row[0])


def grouped_summaries(
    conn: sqlite3.Connection, flt: Filter, *, offset: int, limit: int
) -> list[ArticleSummary]:
    """One row per story among the articles matching ``flt``: its newest matching article.

    ``story_size`` counts the story's matching articles; ``story_outlets`` lists their
    outlets, the shown article's first.
    """
    where, params = where_clause(flt)
    rows = conn.execute(
        f"WITH r AS (SELECT id, {_STORY} AS story,"
        f" row_number() OVER (PARTITION BY {_STORY} {ORDER_BY}) AS rank,"
        f" count(*) OVER (PARTITION BY {_STORY}) AS size FROM articles{where})"
        f" SELECT {_A_SUMMARY}, r.size, r.story FROM r JOIN articles a ON a.id = r.id"
        " WHERE r.rank = 1 ORDER BY a.sort_key DESC, a.id DESC LIMIT ? OFFSET ?",
        (*params, max(0, limit), max(0, offset)),
    ).fetchall()
    summaries = [summary_from_row(row) for row in rows]
    sizes = {
        summary.id: (int(row[-2]), int(row[-1]))
        for summary, row in zip(summaries, rows, strict=True)
    }
    multi = sorted({story for size, story in sizes.values() if size > 1})
    outlets: dict[int, list[str]] = {}
    if multi:
        marks = ", ".join("?" * len(multi))
        joiner = " AND " if where else " WHERE "
        for story, outlet in conn.execute(
            f"SELECT {_STORY}, outlet FROM articles{where}{joiner}"
            f"(story_id IN ({marks}) OR id IN ({marks})) {ORDER_BY}",
            (*params, *multi, *multi),
        ):
            if outlet and outlet not in outlets.setdefault(int(story), []):
                outlets[int(story)].append(str(outlet))
    result = []
    for summary in summaries:
        size, story = sizes[summary.id]
        if size == 1:
            result.append(summary)
            continue
        names = outlets.get(story, [])
        if summary.outlet in names:
            names = [summary.outlet, *[n for n in names if n != summary.outlet]]
        result.append(_with_story(summary, size, tuple(names)))
    return result


def _with_story(summary: ArticleSummary, size: int, outlets: tuple[str, ...]) -> ArticleSummary:
    return replace(summary, story_size=size, story_outlets=outlets)
