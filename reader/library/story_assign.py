"""Assigning articles to stories: candidates from sketch marks, scores, joining, regrouping.

An article's story is ``coalesce(story_id, id)``: NULL (libraries from before stories, until
regrouped) means an article stands alone. Each new article is compared with the articles
sharing most of its sketch marks within the date window, and joins the story whose
members it is like on the whole (see :func:`assign_story`). Write functions run inside
the caller's transaction; the reading side is :mod:`stories_sql`.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from datetime import date, timedelta
from functools import partial

from reader.library import stories

#: At most this many candidates (those sharing the most sketch marks) are compared in full:
#: the reports of one event share the most, and one match is enough to weigh its story.
MAX_STORY_CANDIDATES = 8
#: A mark carried by more articles than this within the date window is too common to count:
#: a word that many reports of the same few days share says nothing of one event (a story told by
#: more outlets still links through its rarer words). Counting common marks made each
#: import cost more as the library grew.
COMMON_MARK_ROWS = 64
#: A story's mean score is taken over at most this many of its newest members, and only
#: the stories of this many best-matching candidates are weighed (each costs a query).
MAX_STORY_MEMBERS = 8
MAX_LINKED_STORIES = 3
#: An undated article looks at this many of the newest articles carrying each mark.
_UNDATED_SCAN = 300


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
    size: int = 0,
) -> list[tuple[int, int, date | None, stories.StoryProfile]]:
    """``(id, story, day, profile)`` of the articles sharing most sketch marks with this one.

    ``size`` is the article's number of salient words.
    """
    if not sketch:
        return []
    if day is None:
        chosen = _undated_candidates(conn, article_id, sketch)
    else:
        chosen = _dated_candidates(conn, article_id, sketch, day, common or CommonMarks(), size)
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
        profile = _stored_profile(conn, int(cid), words, figures)
        found.append((int(cid), int(story), _day(published_day), profile))
    return found


def _dated_candidates(
    conn: sqlite3.Connection,
    article_id: int,
    sketch: Sequence[int],
    day: date,
    common: CommonMarks,
    size: int,
) -> list[int]:
    """Ids of articles dated within ``MAX_DAYS_APART`` days sharing the most uncommon marks."""
    low, high = _window(day)
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
    if len(rare) < stories.STORY_MARKS_NEEDED_UNEQUAL:
        return []
    # Counted and ranked by SQLite: only the best few ids need to reach Python. Fewer
    # shared marks do when the lengths are very unequal (see STORY_MARKS_NEEDED); the
    # other's length is read off its packed profile (4 bytes a word) only then.
    marks = ", ".join("?" * len(rare))
    return [
        int(cid)
        for cid, _shared in conn.execute(
            f"SELECT m.article_id, count(*) AS shared FROM story_marks m"
            f" WHERE m.mark IN ({marks}) AND m.day BETWEEN ? AND ? AND m.article_id != ?"
            " GROUP BY m.article_id HAVING shared >= ? AND (shared >= ? OR (SELECT"
            " max(p.size, ?) > ? * min(p.size, ?) FROM (SELECT length(words) / 4 AS size"
            " FROM story_profiles WHERE article_id = m.article_id) p))"
            " ORDER BY shared DESC, m.article_id LIMIT ?",
            (
                *rare,
                low,
                high,
                article_id,
                stories.STORY_MARKS_NEEDED_UNEQUAL,
                stories.STORY_MARKS_NEEDED,
                size,
                stories.UNEQUAL_LENGTHS,
                size,
                MAX_STORY_CANDIDATES,
            ),
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
        (cid for cid, n in shared.items() if n >= stories.STORY_MARKS_NEEDED_UNEQUAL),
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


def _stored_profile(
    conn: sqlite3.Connection, article_id: int, words: bytes | None, figures: str | None
) -> stories.StoryProfile:
    """The profile read with an article (``words`` None: stored before profiles, made now)."""
    if words is None:
        return save_profile(conn, article_id, stories.story_profile(_body(conn, article_id)))
    return stories.StoryProfile.from_row(words, figures or "")


def _window(day: date) -> tuple[str, str]:
    """The first and last days (ISO) of reports that may tell the same story as ``day``'s."""
    apart = timedelta(days=stories.MAX_DAYS_APART)
    return (day - apart).isoformat(), (day + apart).isoformat()


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
    """Store an article's story profile and sketch, and put it in the story it belongs to.

    A story is joined when the article is like its members on the whole (mean score over
    the members within the date window at or above the threshold), not merely like one of
    them: a follow-up shares most words with one report of the event it follows, and fewer
    with the rest. Stories the article qualifies for merge. Returns the story id (the
    article's own id when it stands alone). ``profile`` may come precomputed (a worker
    process); ``common`` is the library's memory of marks too common to count.
    """
    if profile is None:
        profile = stories.story_profile(body)
    save_profile(conn, article_id, profile)
    sketch = profile.sketch()
    published = _day(day)
    conn.execute("DELETE FROM story_marks WHERE article_id = ?", (article_id,))
    conn.executemany(
        "INSERT OR IGNORE INTO story_marks (mark, day, article_id) VALUES (?, ?, ?)",
        [(mark, published.isoformat() if published else "", article_id) for mark in sketch],
    )
    scores: dict[int, float] = {}
    best: dict[int, float] = {}  # story -> its best-matching member's score
    found = _candidates(conn, article_id, sketch, published, common, len(profile.words))
    for cid, story, other_day, other in found:
        scores[cid] = stories.story_score(
            profile,
            other,
            day_a=published,
            day_b=other_day,
            # Read only for a likely copy (a raw dump and its clean text).
            bodies=partial(_bodies, conn, body, cid),
        )
        if stories.same_story(scores[cid]):
            best[story] = max(best.get(story, 0.0), scores[cid])
    linked = sorted(best, key=lambda story: (-best[story], story))[:MAX_LINKED_STORIES]
    qualified = [
        story
        for story in sorted(linked)
        if stories.same_story(_mean_score(conn, story, article_id, profile, published, scores))
    ]
    story_id = _merge(conn, qualified) if qualified else article_id
    conn.execute("UPDATE articles SET story_id = ? WHERE id = ?", (story_id, article_id))
    return story_id


def _mean_score(
    conn: sqlite3.Connection,
    story: int,
    article_id: int,
    profile: stories.StoryProfile,
    day: date | None,
    known: dict[int, float],
) -> float:
    """The article's mean score over the story's newest members dated within the window."""
    query = (
        "SELECT a.id, a.published_day, p.words, p.figures FROM articles a"
        " LEFT JOIN story_profiles p ON p.article_id = a.id"
        " WHERE a.story_id = ? AND a.id != ?"
    )
    params: list[object] = [story, article_id]
    if day is not None:
        query += " AND a.published_day BETWEEN ? AND ?"
        params += _window(day)
    # Walks the story index backwards: newest members first, however big the story.
    rows = conn.execute(f"{query} ORDER BY a.id DESC LIMIT ?", (*params, MAX_STORY_MEMBERS))
    total, counted = 0.0, 0
    for member, member_day, words, figures in rows.fetchall():
        if member in known:
            score = known[member]
        else:
            other = _stored_profile(conn, member, words, figures)
            score = stories.story_score(profile, other, day_a=day, day_b=_day(member_day))
        total += score
        counted += 1
    if not counted and story in known:
        return known[story]  # an article never assigned a story (older library) is its own
    return total / counted if counted else 0.0


def _merge(conn: sqlite3.Connection, qualified: list[int]) -> int:
    """Merge the stories into the largest of them (fewest rows relabelled); its id."""
    story_id = qualified[0]
    if len(qualified) > 1:
        marks = ", ".join("?" * len(qualified))
        # Two plain statements, not one with OR: each walks an index (story_id, then id).
        sizes = dict(
            conn.execute(
                f"SELECT story_id, count(*) FROM articles WHERE story_id IN ({marks})"
                " GROUP BY story_id",
                qualified,
            ).fetchall()
        )
        story_id = max(qualified, key=lambda story: (sizes.get(story, 0), -story))
        others = [story for story in qualified if story != story_id]
        marks = ", ".join("?" * len(others))
        conn.execute(
            f"UPDATE articles SET story_id = ? WHERE story_id IN ({marks})", (story_id, *others)
        )
        conn.execute(
            f"UPDATE articles SET story_id = ? WHERE id IN ({marks}) AND story_id IS NULL",
            (story_id, *others),
        )
    # A story rooted in an article stored before stories existed: label the root too.
    conn.execute(
        "UPDATE articles SET story_id = ? WHERE id = ? AND story_id IS NULL", (story_id, story_id)
    )
    return story_id


def regroup(conn: sqlite3.Connection) -> int:
    """Recompute every article's story; returns how many stories have 2+.

    Articles are taken in publication order (undated last), as feeds deliver them, so the
    result does not depend on the order they were imported in.
    """
    conn.execute("UPDATE articles SET story_id = NULL")
    conn.execute("DELETE FROM story_marks")
    rows = conn.execute(
        "SELECT id, published_day FROM articles ORDER BY published_day IS NULL, published_day, id"
    ).fetchall()
    common = CommonMarks()
    for article_id, day in rows:
        assign_story(conn, int(article_id), _body(conn, int(article_id)), day, common=common)
    row = conn.execute(
        "SELECT count(*) FROM (SELECT coalesce(story_id, id) AS s FROM articles"
        " GROUP BY s HAVING count(*) > 1)"
    ).fetchone()
    return int(row[0])
