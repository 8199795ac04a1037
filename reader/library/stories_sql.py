"""Stories in the store: assign each article to a story at import, regroup, read stories back.

An article's story is ``coalesce(story_id, id)``: NULL (libraries from before stories, until
regrouped) means an article stands alone. A new article joins the story of its nearest
neighbour above :data:`stories.STORY_THRESHOLD`; when it matches articles of several
stories, it bridges them and they merge, so the grouping does not depend on import order
(it is the single-linkage grouping of the candidates found). Write functions run inside the
caller's transaction.
"""

from __future__ import annotations

import sqlite3
import sys
import threading
from collections import OrderedDict
from collections.abc import Sequence
from dataclasses import replace
from datetime import date, timedelta

from reader.errors import NotFoundError
from reader.library import stories
from reader.library.codec import SUMMARY_COLUMNS, summary_from_row
from reader.library.filters import ORDER_BY, where_clause
from reader.models import ArticleSummary, Filter

#: At most this many candidates (those sharing the most sketch marks) are compared in full.
MAX_STORY_CANDIDATES = 16
#: An undated article looks at this many of the newest articles carrying each mark.
_UNDATED_SCAN = 300
_STORY = "coalesce(story_id, id)"
_A_SUMMARY = ", ".join(f"a.{column.strip()}" for column in SUMMARY_COLUMNS.split(","))


#: Bodies whose salient words are remembered (~20 MB of text and word sets per 1,000).
_WORDS_CACHED = 4096
_words_cache: OrderedDict[str, frozenset[str]] = OrderedDict()
_words_lock = threading.Lock()


def body_words(body: str, words: frozenset[str] | None = None) -> frozenset[str]:
    """:func:`stories.salient_words` of a body, remembered for the bodies met recently.

    Each import compares itself with up to 16 neighbours from the same few days, so the same
    recent bodies come back again and again (keyed by the text itself: never stale).
    ``words``, when given, are that body's salient words computed elsewhere (a worker).
    """
    with _words_lock:
        found = _words_cache.get(body)
        if found is not None:
            _words_cache.move_to_end(body)
            return found
    if words is None:
        words = stories.salient_words(body)
    # Words found in a body (or unpickled from a worker) are fresh strings each time: share
    # one copy of each, as thousands of cached sets hold mostly the same few thousand words.
    words = frozenset(map(sys.intern, words))
    with _words_lock:
        _words_cache[body] = words
        while len(_words_cache) > _WORDS_CACHED:
            _words_cache.popitem(last=False)
    return words


def _day(text: object) -> date | None:
    try:
        return date.fromisoformat(str(text)) if text else None
    except ValueError:
        return None


def _candidates(
    conn: sqlite3.Connection, article_id: int, sketch: Sequence[int], day: date | None
) -> list[tuple[int, int, date | None, str]]:
    """``(id, story, day, body)`` of the articles sharing most sketch marks with this one.

    A dated article looks only at articles dated within ``MAX_DAYS_APART`` days (an index
    range per mark, however common the word); an undated one at the newest
    ``_UNDATED_SCAN`` articles carrying each mark.
    """
    if not sketch:
        return []
    if day is not None:
        # Counted and ranked by SQLite: in a big library thousands of rows share a mark
        # within the window, and only the best few ids need to reach Python.
        apart = timedelta(days=stories.MAX_DAYS_APART)
        marks = ", ".join("?" * len(sketch))
        chosen = [
            int(cid)
            for cid, _shared in conn.execute(
                f"SELECT article_id, count(*) AS shared FROM story_marks WHERE mark IN ({marks})"
                " AND day BETWEEN ? AND ? AND article_id != ? GROUP BY article_id"
                " HAVING shared >= ? ORDER BY shared DESC, article_id LIMIT ?",
                (
                    *sketch,
                    (day - apart).isoformat(),
                    (day + apart).isoformat(),
                    article_id,
                    stories.STORY_MARKS_NEEDED,
                    MAX_STORY_CANDIDATES,
                ),
            )
        ]
    else:
        shared: dict[int, int] = {}
        for mark in sketch:
            for (cid,) in conn.execute(
                "SELECT article_id FROM story_marks WHERE mark = ? AND article_id != ?"
                " ORDER BY day DESC, article_id DESC LIMIT ?",
                (mark, article_id, _UNDATED_SCAN),
            ):
                shared[int(cid)] = shared.get(int(cid), 0) + 1
        ranked = sorted(
            (cid for cid, n in shared.items() if n >= stories.STORY_MARKS_NEEDED),
            key=lambda cid: (-shared[cid], cid),
        )
        chosen = ranked[:MAX_STORY_CANDIDATES]
    if not chosen:
        return []
    marks = ", ".join("?" * len(chosen))
    return [
        (int(cid), int(story), _day(published_day), str(body))
        for cid, story, published_day, body in conn.execute(
            f"SELECT a.id, coalesce(a.story_id, a.id), a.published_day, t.body FROM articles a"
            f" JOIN article_texts t ON t.article_id = a.id WHERE a.id IN ({marks}) ORDER BY a.id",
            chosen,
        )
    ]


def assign_story(
    conn: sqlite3.Connection,
    article_id: int,
    body: str,
    day: object,
    words: frozenset[str] | None = None,
    sketch: Sequence[int] | None = None,
) -> int:
    """Index an article's story sketch and put it in the story of its nearest neighbour.

    Returns the story id (the article's own id when it stands alone). Stories of other
    matching candidates merge into it. ``words`` and ``sketch`` (the body's salient words
    and their sketch) may come precomputed, e.g. from a worker process.
    """
    words = body_words(body, words)
    if sketch is None:
        sketch = stories.story_sketch(words)
    published = _day(day)
    conn.execute("DELETE FROM story_marks WHERE article_id = ?", (article_id,))
    conn.executemany(
        "INSERT OR IGNORE INTO story_marks (mark, day, article_id) VALUES (?, ?, ?)",
        [(mark, published.isoformat() if published else "", article_id) for mark in sketch],
    )
    matches: list[tuple[float, int, int]] = []
    for cid, story, other_day, other_body in _candidates(conn, article_id, sketch, published):
        score = stories.story_score(
            words,
            body_words(other_body),
            day_a=published,
            day_b=other_day,
            body_a=body,
            body_b=other_body,
        )
        if stories.same_story(score):
            matches.append((score, cid, story))
    if not matches:
        story_id = article_id
    else:
        matches.sort(key=lambda match: (-match[0], match[1]))
        story_id = matches[0][2]
        others = sorted({story for _score, _cid, story in matches} - {story_id})
        if others:
            marks = ", ".join("?" * len(others))
            conn.execute(
                f"UPDATE articles SET story_id = ? WHERE story_id IN ({marks})"
                f" OR (story_id IS NULL AND id IN ({marks}))",
                (story_id, *others, *others),
            )
    conn.execute("UPDATE articles SET story_id = ? WHERE id = ?", (story_id, article_id))
    # A story rooted in an article stored before stories existed: label the root too.
    conn.execute(
        "UPDATE articles SET story_id = ? WHERE id = ? AND story_id IS NULL", (story_id, story_id)
    )
    return story_id


def regroup(conn: sqlite3.Connection) -> int:
    """Recompute every article's story (in import order); returns how many stories have 2+."""
    conn.execute("UPDATE articles SET story_id = NULL")
    conn.execute("DELETE FROM story_marks")
    rows = conn.execute("SELECT a.id, a.published_day FROM articles a ORDER BY a.id").fetchall()
    for article_id, day in rows:
        body_row = conn.execute(
            "SELECT body FROM article_texts WHERE article_id = ?", (article_id,)
        ).fetchone()
        assign_story(conn, int(article_id), str(body_row[0]) if body_row else "", day)
    row = conn.execute(
        f"SELECT count(*) FROM (SELECT {_STORY} AS s FROM articles GROUP BY s HAVING count(*) > 1)"
    ).fetchone()
    return int(row[0])


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
