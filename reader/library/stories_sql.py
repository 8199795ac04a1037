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
from collections.abc import Sequence
from dataclasses import replace
from datetime import date, timedelta
from functools import partial

from reader.errors import NotFoundError
from reader.library import stories
from reader.library.codec import SUMMARY_COLUMNS, summary_from_row
from reader.library.filters import ORDER_BY, where_clause
from reader.models import ArticleSummary, Filter

#: At most this many candidates (those sharing the most sketch marks) are compared in full.
MAX_STORY_CANDIDATES = 16
#: A mark carried by more articles than this within the date window is too common to count:
#: a word that many reports of nine days share says nothing of one event (a story told by
#: more outlets still links through its rarer words). Counting common marks made each
#: import cost more as the library grew.
COMMON_MARK_ROWS = 64
#: An undated article looks at this many of the newest articles carrying each mark.
_UNDATED_SCAN = 300
_STORY = "coalesce(story_id, id)"
_A_SUMMARY = ", ".join(f"a.{column.strip()}" for column in SUMMARY_COLUMNS.split(","))


def _day(text: object) -> date | None:
    try:
        return date.fromisoformat(str(text)) if text else None
    except ValueError:
        return None


class CommonMarks:
    """Sketch marks found too common to count around a day, remembered by one library.

    A mark carried by more than ``COMMON_MARK_ROWS`` articles dated within the window is a
    word the whole news week uses: no evidence of one story. The same few such words come
    back in every import, and a library only grows, so once found they are not counted
    again (a deletion can make one rare again; it then simply stays unused).
    """

    _MAX = 100_000

    def __init__(self) -> None:
        self._found: set[tuple[int, str]] = set()

    def split(self, sketch: Sequence[int], day: str) -> tuple[list[int], list[int]]:
        """``(unknown, common)``: the marks still to count, and those known to be common."""
        unknown: list[int] = []
        common: list[int] = []
        for mark in sketch:
            (common if (mark, day) in self._found else unknown).append(mark)
        return unknown, common

    def add(self, marks: Sequence[int], day: str) -> None:
        """Remember ``marks`` as common around ``day``."""
        if len(self._found) > self._MAX:
            self._found.clear()
        self._found.update((mark, day) for mark in marks)


def _candidates(
    conn: sqlite3.Connection,
    article_id: int,
    sketch: Sequence[int],
    day: date | None,
    common: CommonMarks | None = None,
) -> list[tuple[int, int, date | None, stories.StoryProfile]]:
    """``(id, story, day, profile)`` of the articles sharing most sketch marks with this one."""
    if not sketch:
        return []
    if day is None:
        chosen = _undated_candidates(conn, article_id, sketch)
    else:
        chosen = _dated_candidates(conn, article_id, sketch, day, common or CommonMarks())
    if not chosen:
        return []
    marks = ", ".join("?" * len(chosen))
    found = []
    for cid, story, published_day, words, figures in conn.execute(
        f"SELECT a.id, coalesce(a.story_id, a.id), a.published_day, p.words, p.figures"
        f" FROM articles a LEFT JOIN story_profiles p ON p.article_id = a.id"
        f" WHERE a.id IN ({marks}) ORDER BY a.id",
        chosen,
    ):
        if words is None:  # stored before profiles were: made once, from the body
            profile = save_profile(conn, int(cid), stories.story_profile(_body(conn, int(cid))))
        else:
            profile = stories.StoryProfile.from_row(words, figures)
        found.append((int(cid), int(story), _day(published_day), profile))
    return found


def _dated_candidates(
    conn: sqlite3.Connection, article_id: int, sketch: Sequence[int], day: date, common: CommonMarks
) -> list[int]:
    """Ids of articles dated within ``MAX_DAYS_APART`` days sharing the most uncommon marks."""
    apart = timedelta(days=stories.MAX_DAYS_APART)
    low, high = (day - apart).isoformat(), (day + apart).isoformat()
    unknown, known_common = common.split(sketch, day.isoformat())
    if unknown:
        # Counting stops at the cap, so telling a common mark costs little.
        values = ", ".join("(?)" for _ in unknown)
        found = [
            int(mark)
            for (mark,) in conn.execute(
                f"WITH wanted(mark) AS (VALUES {values}) SELECT mark FROM wanted"
                " WHERE (SELECT count(*) FROM (SELECT 1 FROM story_marks c"
                " WHERE c.mark = wanted.mark AND c.day BETWEEN ? AND ? LIMIT ?)) > ?",
                (*unknown, low, high, COMMON_MARK_ROWS + 1, COMMON_MARK_ROWS),
            )
        ]
        common.add(found, day.isoformat())
        known_common += found
    rare = [mark for mark in sketch if mark not in known_common]
    if len(rare) < stories.STORY_MARKS_NEEDED:
        return []
    # Counted and ranked by SQLite: only the best few ids need to reach Python.
    marks = ", ".join("?" * len(rare))
    return [
        int(cid)
        for cid, _shared in conn.execute(
            f"SELECT article_id, count(*) AS shared FROM story_marks"
            f" WHERE mark IN ({marks}) AND day BETWEEN ? AND ? AND article_id != ?"
            " GROUP BY article_id HAVING shared >= ? ORDER BY shared DESC, article_id LIMIT ?",
            (*rare, low, high, article_id, stories.STORY_MARKS_NEEDED, MAX_STORY_CANDIDATES),
        )
    ]


def _undated_candidates(
    conn: sqlite3.Connection, article_id: int, sketch: Sequence[int]
) -> list[int]:
    """Ids of the articles sharing most marks among the newest ``_UNDATED_SCAN`` per mark."""
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
    return ranked[:MAX_STORY_CANDIDATES]


def _body(conn: sqlite3.Connection, article_id: int) -> str:
    row = conn.execute(
        "SELECT body FROM article_texts WHERE article_id = ?", (article_id,)
    ).fetchone()
    return str(row[0]) if row else ""


def _bodies(conn: sqlite3.Connection, body: str, other_id: int) -> tuple[str, str]:
    return body, _body(conn, other_id)


def save_profile(
    conn: sqlite3.Connection, article_id: int, profile: stories.StoryProfile
) -> stories.StoryProfile:
    """Store (or replace) an article's story profile; returns it."""
    conn.execute(
        "INSERT OR REPLACE INTO story_profiles (article_id, words, figures) VALUES (?, ?, ?)",
        (article_id, *profile.to_row()),
    )
    return profile


def assign_story(
    conn: sqlite3.Connection,
    article_id: int,
    body: str,
    day: object,
    profile: stories.StoryProfile | None = None,
    common: CommonMarks | None = None,
) -> int:
    """Store an article's story profile and sketch, and put it in its nearest neighbour's story.

    Returns the story id (the article's own id when it stands alone). Stories of other
    matching candidates merge into it. ``profile`` may come precomputed (a worker process);
    ``common`` is the library's memory of marks too common to count.
    """
    if profile is None:
        profile = stories.story_profile(body)
    save_profile(conn, article_id, profile)
    sketch = stories.story_sketch(profile.words)
    published = _day(day)
    conn.execute("DELETE FROM story_marks WHERE article_id = ?", (article_id,))
    conn.executemany(
        "INSERT OR IGNORE INTO story_marks (mark, day, article_id) VALUES (?, ?, ?)",
        [(mark, published.isoformat() if published else "", article_id) for mark in sketch],
    )
    matches: list[tuple[float, int, int]] = []
    for cid, story, other_day, other in _candidates(conn, article_id, sketch, published, common):
        score = stories.story_score(
            profile,
            other,
            day_a=published,
            day_b=other_day,
            # Read only for a likely copy (a raw dump and its clean text).
            bodies=partial(_bodies, conn, body, cid),
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
    common = CommonMarks()
    for article_id, day in rows:
        assign_story(conn, int(article_id), _body(conn, int(article_id)), day, common=common)
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
