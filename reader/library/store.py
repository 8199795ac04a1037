"""The library: articles, bookmarks, read state and feeds in one SQLite file.

The UI and CLI reach storage only through :class:`Library`; only ``reader/library/`` speaks
SQL, and only model dataclasses leave it. Every method is safe to call from any thread (each
thread gets its own connection) and every write is one ``BEGIN IMMEDIATE`` transaction, so a
killed import leaves the library valid with everything acknowledged before it intact.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import replace
from datetime import datetime
from types import TracebackType
from typing import NamedTuple

from reader.errors import NotFoundError
from reader.library import articles_sql, feeds_sql, stories_sql, story_assign
from reader.library.codec import (
    ARTICLE_COLUMNS,
    ARTICLE_FROM,
    SUMMARY_COLUMNS,
    article_from_row,
    summary_from_row,
)
from reader.library.connection import ConnectionPool, translate_errors, write_transaction
from reader.library.feeds_sql import UNSET, Unset
from reader.library.filters import ORDER_BY, country_count_sql, where_clause
from reader.library.story_api import StoryQueries
from reader.models import (
    Annotations,
    Article,
    ArticleSummary,
    Extracted,
    Feed,
    Filter,
    ImportOutcome,
)
from reader.paths import library_path

_EVERYTHING = Filter()
_CHUNK = 256


class StoreRequest(NamedTuple):
    """One article for :meth:`Library.store_many` (the arguments of :meth:`Library.store`)."""

    extracted: Extracted
    annotations: Annotations
    source: str
    url: str | None = None
    annotator_version: int = 0
    #: Feed item keys to remember as this article, in the same transaction (see seen_item).
    seen_keys: tuple[str, ...] = ()
    feed_id: int | None = None
    #: Column values computed ahead by ``articles_sql.prepare`` (e.g. in a worker process);
    #: when given, they are what is stored, and ``extracted`` only names the article in
    #: outcomes (``annotations`` may then be empty).
    prepared: articles_sql.Prepared | None = None


class Library(StoryQueries):
    """The local article library (SQLite, WAL, FTS5), opened and migrated on construction.

    Raises:
        LibraryError: the file is damaged, made by a newer Broadsheet, or cannot be created.
    """

    def __init__(self, path: str | os.PathLike[str] | None = None) -> None:
        """Open the library at ``path`` (default: ``reader.paths.library_path()``)."""
        self.path = library_path(path)
        self._pool = ConnectionPool(self.path)
        self._common_marks = story_assign.CommonMarks()

    def close(self) -> None:
        """Close the library's connections; later calls raise LibraryError."""
        with suppress(Exception):  # best effort: planner statistics only
            self._pool.get().execute("PRAGMA optimize")
        self._pool.close()

    def __enter__(self) -> Library:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"Library({str(self.path)!r})"

    @contextmanager
    def _reading(self) -> Iterator[sqlite3.Connection]:
        with translate_errors(self.path):
            yield self._pool.get()

    @contextmanager
    def _writing(self) -> Iterator[sqlite3.Connection]:
        with translate_errors(self.path), write_transaction(self._pool.get()) as conn:
            yield conn

    # -- articles: writing -------------------------------------------------------------

    def store(
        self,
        extracted: Extracted,
        annotations: Annotations,
        *,
        source: str,
        url: str | None = None,
        annotator_version: int = 0,
    ) -> ImportOutcome:
        """Store one article: "added", "updated" (same source or URL) or "duplicate".

        An article with the same source or URL is updated in place (same id; bookmark and
        read state kept), or reported "duplicate" when nothing changed. The same article
        from elsewhere (a raw dump and a clean copy) is a "duplicate": one entry is kept and
        given any metadata only the new copy has.
        """
        request = StoreRequest(extracted, annotations, source, url, annotator_version)
        return self.store_many([request])[0]

    def store_many(self, requests: Iterable[StoreRequest]) -> list[ImportOutcome]:
        """Store several articles in one transaction (all or none); outcomes in order.

        Each request's ``seen_keys`` are remembered in that transaction too, so that a feed
        item is never stored without being marked seen (or marked without being stored).
        """
        requests = list(requests)
        prepared = [
            r.prepared
            if r.prepared is not None
            else articles_sql.prepare(
                r.extracted,
                r.annotations,
                source=r.source,
                url=r.url,
                annotator_version=r.annotator_version,
            )
            for r in requests
        ]
        if not prepared:
            return []
        with self._writing() as conn:
            outcomes = []
            for request, prep in zip(requests, prepared, strict=True):
                outcome = articles_sql.store(conn, prep)
                if outcome.status in ("added", "updated") and outcome.article_id is not None:
                    body, day = prep.values["body"], prep.values["published_day"]
                    story_assign.assign_story(
                        conn,
                        outcome.article_id,
                        str(body),
                        day,
                        prep.story_profile,
                        self._common_marks,
                    )
                if outcome.article_id is not None and outcome.status != "failed":
                    for key in request.seen_keys:
                        feeds_sql.mark_item_seen(conn, key, outcome.article_id, request.feed_id)
                outcomes.append(outcome)
            return outcomes

    def set_bookmarked(self, article_id: int, value: bool = True) -> None:
        """Bookmark (or un-bookmark) an article; raises NotFoundError."""
        self._set_flag(article_id, "bookmarked", value)

    def set_read(self, article_id: int, value: bool = True) -> None:
        """Mark an article read (or unread); raises NotFoundError."""
        self._set_flag(article_id, "read", value)

    def _set_flag(self, article_id: int, column: str, value: bool) -> None:
        with self._writing() as conn:
            cursor = conn.execute(
                f"UPDATE articles SET {column} = ? WHERE id = ?", (int(bool(value)), article_id)
            )
            if cursor.rowcount == 0:
                raise NotFoundError("no such article", str(article_id))

    def replace_annotations(
        self, article_id: int, annotations: Annotations, annotator_version: int
    ) -> None:
        """Store re-computed annotations for an article; raises NotFoundError."""
        with self._writing() as conn:
            articles_sql.replace_annotations(conn, article_id, annotations, annotator_version)

    def delete(self, article_id: int) -> None:
        """Remove an article (and its index entries); raises NotFoundError."""
        with self._writing() as conn:
            cursor = conn.execute("DELETE FROM articles WHERE id = ?", (article_id,))
            if cursor.rowcount == 0:
                raise NotFoundError("no such article", str(article_id))

    # -- articles: reading ---------------------------------------------------------------

    def count(self, flt: Filter = _EVERYTHING, *, group_stories: bool = False) -> int:
        """How many articles (or with ``group_stories``, stories) match ``flt``."""
        if group_stories:
            with self._reading() as conn:
                return stories_sql.count_stories(conn, flt)
        if flt.countries and replace(flt, countries=frozenset()).is_empty:
            sql, params = country_count_sql(flt.countries)
        else:
            where, params = where_clause(flt)
            sql = f"SELECT count(*) FROM articles{where}"
        with self._reading() as conn:
            return int(conn.execute(sql, params).fetchone()[0])

    def total(self) -> int:
        """How many articles the library holds."""
        return self.count(_EVERYTHING)

    def summaries(
        self,
        flt: Filter = _EVERYTHING,
        *,
        offset: int = 0,
        limit: int = 200,
        group_stories: bool = False,
    ) -> list[ArticleSummary]:
        """One page of list rows matching ``flt``: newest first, undated after dated.

        With ``group_stories``, one row per story (its newest matching article) carrying
        ``story_size`` and ``story_outlets``.
        """
        if group_stories:
            with self._reading() as conn:
                return stories_sql.grouped_summaries(conn, flt, offset=offset, limit=limit)
        with self._reading() as conn:
            where, params = where_clause(flt, walk_order=self._countries_are_common(conn, flt))
        # Pick the page's ids first (often from a covering index alone), then read only
        # those rows: sorting never carries the other columns of every match.
        sql = (
            f"SELECT {SUMMARY_COLUMNS} FROM articles WHERE id IN"
            f" (SELECT id FROM articles{where} {ORDER_BY} LIMIT ? OFFSET ?) {ORDER_BY}"
        )
        with self._reading() as conn:
            rows = conn.execute(sql, (*params, max(0, limit), max(0, offset))).fetchall()
        return [summary_from_row(row) for row in rows]

    @staticmethod
    def _countries_are_common(conn: sqlite3.Connection, flt: Filter) -> bool:
        """Whether at least 1 article in 20 has one of the filter's countries.

        Then walking the newest-first index and testing each row finds a page at once;
        for rarer countries, collecting their ids first is faster. (SQLite cannot tell
        the two apart from an ``IN (subquery)`` alone.)
        """
        if not flt.countries:
            return False
        # An upper bound (an article with two of them counts twice) is enough to decide.
        sql, params = country_count_sql(flt.countries, distinct=False)
        tagged = int(conn.execute(sql, params).fetchone()[0])
        total = int(conn.execute("SELECT count(*) FROM articles").fetchone()[0])
        return tagged * 20 >= total

    def ids(self, flt: Filter = _EVERYTHING) -> list[int]:
        """The ids of every article matching ``flt``, in list order."""
        where, params = where_clause(flt)
        with self._reading() as conn:
            rows = conn.execute(f"SELECT id FROM articles{where} {ORDER_BY}", params).fetchall()
        return [int(row[0]) for row in rows]

    def get(self, article_id: int) -> Article:
        """One complete article; raises NotFoundError."""
        with self._reading() as conn:
            row = conn.execute(
                f"SELECT {ARTICLE_COLUMNS} FROM {ARTICLE_FROM} WHERE a.id = ?", (article_id,)
            ).fetchone()
        if row is None:
            raise NotFoundError("no such article", str(article_id))
        return article_from_row(row)

    def iter_articles(self, flt: Filter = _EVERYTHING) -> Iterator[Article]:
        """Every article matching ``flt``, complete, in list order (read in chunks)."""
        article_ids = self.ids(flt)
        for start in range(0, len(article_ids), _CHUNK):
            chunk = article_ids[start : start + _CHUNK]
            marks = ", ".join("?" * len(chunk))
            with self._reading() as conn:
                rows = conn.execute(
                    f"SELECT {ARTICLE_COLUMNS} FROM {ARTICLE_FROM} WHERE a.id IN ({marks})",
                    chunk,
                ).fetchall()
            by_id = {row[0]: row for row in rows}
            for article_id in chunk:
                if article_id in by_id:  # deleted meanwhile by another process
                    yield article_from_row(by_id[article_id])

    def countries(self) -> list[tuple[str, int]]:
        """Every country tag with its article count, most articles first."""
        with self._reading() as conn:
            rows = conn.execute(
                "SELECT country, count(*) AS n FROM article_countries"
                " GROUP BY country ORDER BY n DESC, country"
            ).fetchall()
        return [(str(country), int(n)) for country, n in rows]

    def stale_annotation_ids(self, annotator_version: int) -> list[int]:
        """Ids of articles annotated by an annotator older than ``annotator_version``."""
        with self._reading() as conn:
            rows = conn.execute(
                "SELECT id FROM articles WHERE annotator_version < ? ORDER BY id",
                (int(annotator_version),),
            ).fetchall()
        return [int(row[0]) for row in rows]

    def integrity_problems(self) -> list[str]:
        """What ``PRAGMA integrity_check`` and the FTS index check report; empty when healthy."""
        with self._reading() as conn:
            rows = conn.execute("PRAGMA integrity_check").fetchall()
            problems = [str(row[0]) for row in rows if str(row[0]) != "ok"]
            try:
                conn.execute("INSERT INTO articles_fts (articles_fts) VALUES ('integrity-check')")
            except sqlite3.DatabaseError as exc:
                # Only damage counts; a busy or read-only library cannot run the check.
                if "malformed" in str(exc) or "corrupt" in str(exc):
                    problems.append(f"full-text index: {exc}")
        return problems

    # -- feeds -------------------------------------------------------------------------

    def add_feed(self, url: str, title: str | None = None, fetch_full_pages: bool = True) -> Feed:
        """Subscribe to a feed; subscribing twice returns the existing subscription."""
        with self._writing() as conn:
            return feeds_sql.add_feed(conn, url, title, fetch_full_pages)

    def feeds(self) -> list[Feed]:
        """Every subscribed feed, oldest first."""
        with self._reading() as conn:
            return feeds_sql.all_feeds(conn)

    def get_feed(self, feed_id: int) -> Feed:
        """One feed; raises NotFoundError."""
        with self._reading() as conn:
            return feeds_sql.get_feed(conn, feed_id)

    def remove_feed(self, feed_id: int) -> None:
        """Unsubscribe (articles from it stay); raises NotFoundError."""
        with self._writing() as conn:
            feeds_sql.remove_feed(conn, feed_id)

    def update_feed(
        self,
        feed_id: int,
        *,
        title: str | Unset | None = UNSET,
        etag: str | Unset | None = UNSET,
        last_modified: str | Unset | None = UNSET,
        last_checked: datetime | Unset | None = UNSET,
        last_error: str | Unset | None = UNSET,
        last_new_count: int | Unset = UNSET,
        fetch_full_pages: bool | Unset = UNSET,
    ) -> Feed:
        """Change the given fields of a feed (None clears one) and return it."""
        changes: dict[str, object] = {
            "title": title,
            "etag": etag,
            "last_modified": last_modified,
            "last_checked": last_checked,
            "last_error": last_error,
            "last_new_count": last_new_count,
            "fetch_full_pages": fetch_full_pages,
        }
        with self._writing() as conn:
            return feeds_sql.update_feed(conn, feed_id, changes)

    def seen_item(self, key: str) -> int | None:
        """The article id a feed item key was imported as, or None."""
        with self._reading() as conn:
            return feeds_sql.seen_item(conn, key)

    def mark_item_seen(self, key: str, article_id: int, feed_id: int | None) -> None:
        """Remember a feed item key as imported into ``article_id``."""
        with self._writing() as conn:
            feeds_sql.mark_item_seen(conn, key, article_id, feed_id)
