"""Feed subscriptions and the feed items already imported; run inside the caller's transactions."""

from __future__ import annotations

import sqlite3
from datetime import datetime
from enum import Enum
from typing import Final

from reader.errors import NotFoundError
from reader.library import codec
from reader.models import Feed
from reader.sanitize import clean_line


class Unset(Enum):
    """The type of :data:`UNSET`: "leave this field as it is" (None means "clear it")."""

    UNSET = "unset"


#: Default for ``update_feed`` fields that are not to change.
UNSET: Final = Unset.UNSET

_SELECT = f"SELECT {codec.FEED_COLUMNS} FROM feeds"


def add_feed(conn: sqlite3.Connection, url: str, title: str | None, fetch_full_pages: bool) -> Feed:
    """Subscribe to ``url``; an existing subscription to it is returned unchanged."""
    clean_url = clean_line(url)
    conn.execute(
        "INSERT INTO feeds (url, title, fetch_full_pages, added_at) VALUES (?, ?, ?, ?)"
        " ON CONFLICT (url) DO NOTHING",
        (clean_url, codec.clean_optional(title), int(fetch_full_pages), codec.now_iso()),
    )
    row = conn.execute(f"{_SELECT} WHERE url = ?", (clean_url,)).fetchone()
    return codec.feed_from_row(row)


def all_feeds(conn: sqlite3.Connection) -> list[Feed]:
    """Every subscription, oldest first."""
    return [codec.feed_from_row(row) for row in conn.execute(f"{_SELECT} ORDER BY id")]


def get_feed(conn: sqlite3.Connection, feed_id: int) -> Feed:
    """One subscription; raises NotFoundError."""
    row = conn.execute(f"{_SELECT} WHERE id = ?", (int(feed_id),)).fetchone()
    if row is None:
        raise NotFoundError("no such feed", str(feed_id))
    return codec.feed_from_row(row)


def remove_feed(conn: sqlite3.Connection, feed_id: int) -> None:
    """Unsubscribe; its articles stay. Raises NotFoundError."""
    cursor = conn.execute("DELETE FROM feeds WHERE id = ?", (int(feed_id),))
    if cursor.rowcount == 0:
        raise NotFoundError("no such feed", str(feed_id))


def update_feed(
    conn: sqlite3.Connection,
    feed_id: int,
    changes: dict[str, object],
) -> Feed:
    """Set the given columns of one feed and return it; raises NotFoundError."""
    values: dict[str, object] = {}
    for column, value in changes.items():
        if value is UNSET:
            continue
        if column == "last_checked" and isinstance(value, datetime):
            value = value.replace(microsecond=0).isoformat()
        elif column == "last_new_count":
            value = int(value) if isinstance(value, int) else 0
        elif column == "fetch_full_pages":
            value = int(bool(value))
        elif isinstance(value, str):
            value = clean_line(value) if column != "last_error" else _one_line(value)
        values[column] = value
    if values:
        assignments = ", ".join(f"{column} = ?" for column in values)
        conn.execute(
            f"UPDATE feeds SET {assignments} WHERE id = ?", (*values.values(), int(feed_id))
        )
    return get_feed(conn, feed_id)


def _one_line(text: str) -> str:
    return clean_line(text)[:500]


def seen_item(conn: sqlite3.Connection, key: str) -> int | None:
    """The article a feed item key was imported as, or None when never seen."""
    row = conn.execute("SELECT article_id FROM feed_items_seen WHERE key = ?", (key,)).fetchone()
    return None if row is None or row[0] is None else int(row[0])


def mark_item_seen(
    conn: sqlite3.Connection, key: str, article_id: int, feed_id: int | None
) -> None:
    """Remember that feed item ``key`` became ``article_id``."""
    if conn.execute("SELECT 1 FROM articles WHERE id = ?", (int(article_id),)).fetchone() is None:
        raise NotFoundError("no such article", str(article_id))
    feed = None
    if feed_id is not None:
        exists = conn.execute("SELECT 1 FROM feeds WHERE id = ?", (int(feed_id),)).fetchone()
        feed = int(feed_id) if exists else None
    conn.execute(
        "INSERT INTO feed_items_seen (key, article_id, feed_id, seen_at) VALUES (?, ?, ?, ?)"
        " ON CONFLICT (key) DO UPDATE SET article_id = excluded.article_id,"
        " feed_id = excluded.feed_id, seen_at = excluded.seen_at",
        (key, int(article_id), feed, codec.now_iso()),
    )
