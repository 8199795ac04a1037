"""The story-following part of :class:`reader.library.store.Library` (issue 7).

Quotes by speaker, same-story groups and weekly coverage counts. Kept apart from
``store.py`` to keep both modules small; :class:`Library` inherits these methods.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from contextlib import AbstractContextManager
from datetime import date
from typing import TYPE_CHECKING

from reader.library import coverage_sql, quotes_sql, stories_sql, story_assign
from reader.models import ArticleSummary, Filter, QuoteEntry

_EVERYTHING = Filter()


class StoryQueries:
    """Library methods for quotes, stories and coverage (mixed into ``Library``)."""

    if TYPE_CHECKING:

        def _reading(self) -> AbstractContextManager[sqlite3.Connection]: ...

        def _writing(self) -> AbstractContextManager[sqlite3.Connection]: ...

    # -- who said what -------------------------------------------------------------------

    def quotes(
        self,
        flt: Filter = _EVERYTHING,
        *,
        speaker: str | None = None,
        offset: int = 0,
        limit: int = 500,
    ) -> list[QuoteEntry]:
        """Quotes in matching articles, grouped by speaker ("Unattributed" last), newest first.

        Args:
            flt: which articles to read quotes from.
            speaker: only this speaker's quotes; every word of it must be in the name
                (``"lavrov"`` finds "Sergei Lavrov"); ``"Unattributed"`` for quotes without one.
            offset: how many entries to skip.
            limit: at most this many entries.
        """
        with self._reading() as conn:
            return quotes_sql.quotes(conn, flt, speaker=speaker, offset=offset, limit=limit)

    def speakers(self, flt: Filter = _EVERYTHING) -> list[tuple[str, int]]:
        """Every speaker quoted in matching articles with a quote count, most quoted first."""
        with self._reading() as conn:
            return quotes_sql.speakers(conn, flt)

    # -- same story, several outlets -------------------------------------------------------

    def story_of(self, article_id: int) -> list[ArticleSummary]:
        """Every version of the story ``article_id`` belongs to (itself included), newest first.

        Raises:
            NotFoundError: no such article.
        """
        with self._reading() as conn:
            return stories_sql.story_of(conn, article_id)

    def regroup_stories(self) -> int:
        """Recompute every article's story in one transaction; returns the stories with 2+."""
        with self._writing() as conn:
            return story_assign.regroup(conn)

    # -- a picture of coverage -----------------------------------------------------------

    def weekly_counts(
        self, flt: Filter = _EVERYTHING, countries: Sequence[str] = ()
    ) -> dict[str, list[tuple[date, int]]]:
        """Articles per ISO week (keyed by its Monday) for each country, zero-filled.

        ``countries`` replace the filter's own (none: one "All articles" series); the weeks
        span the filter's since/until, or the matching dated articles where a bound is open.
        """
        with self._reading() as conn:
            return coverage_sql.weekly_counts(conn, flt, tuple(countries))


__all__ = ["StoryQueries"]
