"""Numbered schema migrations keyed by ``PRAGMA user_version``.

Migration N (1-based) takes a library from version N-1 to N. Each runs inside the caller's
write transaction, statement by statement (``executescript`` would commit early), and the
new ``user_version`` is set in that same transaction, so a killed migration leaves the
previous version intact. Never edit a released migration: append a new one.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence

_V1: tuple[str, ...] = (
    # The list's columns only: rows stay small (about 20 to a page), so filtering, sorting
    # and counting at 100k articles touch a few MB, never the text.
    """
    CREATE TABLE articles (
        id INTEGER PRIMARY KEY,
        source TEXT NOT NULL,
        url TEXT,
        title_key TEXT NOT NULL,
        title TEXT NOT NULL,
        outlet TEXT,
        byline TEXT,
        published TEXT,
        published_day TEXT,
        sort_key TEXT,
        countries TEXT NOT NULL DEFAULT '[]',
        bookmarked INTEGER NOT NULL DEFAULT 0 CHECK (bookmarked IN (0, 1)),
        read INTEGER NOT NULL DEFAULT 0 CHECK (read IN (0, 1)),
        kind TEXT NOT NULL DEFAULT 'html',
        added_at TEXT NOT NULL,
        fingerprint TEXT NOT NULL,
        annotator_version INTEGER NOT NULL DEFAULT 0,
        tags TEXT NOT NULL DEFAULT '[]'
    )
    """,
    # The text and its annotations, read when an article is opened; also the FTS content
    # (hence the title again: FTS5 external content reads its columns from one table).
    """
    CREATE TABLE article_texts (
        article_id INTEGER PRIMARY KEY REFERENCES articles (id) ON DELETE CASCADE,
        title TEXT NOT NULL,
        people TEXT NOT NULL DEFAULT '[]',
        places TEXT NOT NULL DEFAULT '[]',
        quotes TEXT NOT NULL DEFAULT '[]',
        body TEXT NOT NULL
    )
    """,
    "CREATE UNIQUE INDEX articles_source ON articles (source)",
    "CREATE UNIQUE INDEX articles_url ON articles (url) WHERE url IS NOT NULL",
    "CREATE INDEX articles_title_key ON articles (title_key)",
    "CREATE INDEX articles_fingerprint ON articles (fingerprint)",
    # Newest first is ORDER BY sort_key DESC, id DESC; SQLite sorts NULL lowest, so undated
    # articles come last when this index is walked backwards.
    "CREATE INDEX articles_order ON articles (sort_key, id)",
    "CREATE INDEX articles_day ON articles (published_day, sort_key, id)",
    "CREATE INDEX articles_bookmarked ON articles (bookmarked, sort_key, id)",
    "CREATE INDEX articles_read ON articles (read, sort_key, id)",
    "CREATE INDEX articles_added ON articles (added_at)",
    "CREATE INDEX articles_annotator ON articles (annotator_version)",
    """
    CREATE TABLE article_countries (
        country TEXT NOT NULL COLLATE NOCASE,
        article_id INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
        PRIMARY KEY (country, article_id)
    ) WITHOUT ROWID
    """,
    "CREATE INDEX article_countries_article ON article_countries (article_id)",
    # One row per distinct folded name (and each word of it) a person or place is mentioned
    # by, so that person:lavrov finds "Sergei Lavrov" through an index, not a LIKE scan.
    """
    CREATE TABLE article_mentions (
        kind TEXT NOT NULL CHECK (kind IN ('person', 'place')),
        key TEXT NOT NULL,
        article_id INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
        PRIMARY KEY (kind, key, article_id)
    ) WITHOUT ROWID
    """,
    "CREATE INDEX article_mentions_article ON article_mentions (article_id)",
    # The bottom-k shingle sketch of each body: finds near-duplicate candidates cheaply.
    """
    CREATE TABLE article_marks (
        mark INTEGER NOT NULL,
        article_id INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
        PRIMARY KEY (mark, article_id)
    ) WITHOUT ROWID
    """,
    "CREATE INDEX article_marks_article ON article_marks (article_id)",
    """
    CREATE VIRTUAL TABLE articles_fts USING fts5 (
        title, body,
        content = 'article_texts', content_rowid = 'article_id',
        tokenize = 'unicode61 remove_diacritics 2',
        prefix = '2 3'
    )
    """,
    """
    CREATE TRIGGER articles_fts_insert AFTER INSERT ON article_texts BEGIN
        INSERT INTO articles_fts (rowid, title, body)
        VALUES (new.article_id, new.title, new.body);
    END
    """,
    """
    CREATE TRIGGER articles_fts_delete AFTER DELETE ON article_texts BEGIN
        INSERT INTO articles_fts (articles_fts, rowid, title, body)
        VALUES ('delete', old.article_id, old.title, old.body);
    END
    """,
    # Only a change of title or body touches the index (not new annotations).
    """
    CREATE TRIGGER articles_fts_update AFTER UPDATE OF title, body ON article_texts BEGIN
        INSERT INTO articles_fts (articles_fts, rowid, title, body)
        VALUES ('delete', old.article_id, old.title, old.body);
        INSERT INTO articles_fts (rowid, title, body)
        VALUES (new.article_id, new.title, new.body);
    END
    """,
    """
    CREATE TABLE feeds (
        id INTEGER PRIMARY KEY,
        url TEXT NOT NULL UNIQUE,
        title TEXT,
        fetch_full_pages INTEGER NOT NULL DEFAULT 1,
        etag TEXT,
        last_modified TEXT,
        last_checked TEXT,
        last_error TEXT,
        last_new_count INTEGER NOT NULL DEFAULT 0,
        added_at TEXT NOT NULL
    )
    """,
    # A feed item already turned into an article, by key (guid or link). Surviving the
    # feed's removal keeps a re-subscription from importing everything again.
    """
    CREATE TABLE feed_items_seen (
        key TEXT PRIMARY KEY,
        article_id INTEGER REFERENCES articles (id) ON DELETE CASCADE,
        feed_id INTEGER REFERENCES feeds (id) ON DELETE SET NULL,
        seen_at TEXT NOT NULL
    )
    """,
    "CREATE INDEX feed_items_seen_article ON feed_items_seen (article_id)",
    "CREATE INDEX feed_items_seen_feed ON feed_items_seen (feed_id)",
)

_V2: tuple[str, ...] = (
    # Same story, several outlets (issue 7): the story an article belongs to (NULL: its own,
    # until regrouped), and the MinHash sketch of its salient words that finds candidates.
    "ALTER TABLE articles ADD COLUMN story_id INTEGER",
    "CREATE INDEX articles_story ON articles (story_id)",
    """
    CREATE TABLE article_story_marks (
        mark INTEGER NOT NULL,
        article_id INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
        PRIMARY KEY (mark, article_id)
    ) WITHOUT ROWID
    """,
    "CREATE INDEX article_story_marks_article ON article_story_marks (article_id)",
)

_V3: tuple[str, ...] = (
    # Story marks keyed by day too, so finding candidates reads only the marks of articles
    # published within days of the new one, not every article sharing a common word.
    # (Articles stored under version 2 get marks again from regroup_stories.)
    "DROP TABLE article_story_marks",
    """
    CREATE TABLE story_marks (
        mark INTEGER NOT NULL,
        day TEXT NOT NULL DEFAULT '',
        article_id INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
        PRIMARY KEY (mark, day, article_id)
    ) WITHOUT ROWID
    """,
    "CREATE INDEX story_marks_article ON story_marks (article_id)",
)

_V4: tuple[str, ...] = (
    # What story grouping compares, kept so that a new article is compared with its
    # candidates without reading and re-splitting their bodies: the CRC-32 of each salient
    # word (4-byte little-endian integers, ascending) and the figures the body gives.
    # Articles stored before this version get theirs when first met as a candidate.
    """
    CREATE TABLE story_profiles (
        article_id INTEGER PRIMARY KEY REFERENCES articles (id) ON DELETE CASCADE,
        words BLOB NOT NULL,
        figures TEXT NOT NULL DEFAULT ''
    )
    """,
)

_V5: tuple[str, ...] = (
    # Figures are stored as plain numbers now ("185 thousand" and "185,000" are 185000,
    # "44.10" is 44.1): profiles in the old form are dropped and made again when met.
    "DELETE FROM story_profiles",
    # The full-text index merges its segments 16 at a time, not 4: storing a big feed spends
    # 13% less on the index, and searches were no slower at 10k and 30k articles.
    "INSERT INTO articles_fts (articles_fts, rank) VALUES ('automerge', 16)",
)

#: Every migration, in order; ``MIGRATIONS[n - 1]`` brings a library to version ``n``.
MIGRATIONS: tuple[Sequence[str], ...] = (_V1, _V2, _V3, _V4, _V5)
#: The schema version this code writes.
SCHEMA_VERSION = len(MIGRATIONS)
#: Tables a library at SCHEMA_VERSION must hold (checked on open).
REQUIRED_TABLES = frozenset(
    {
        "articles",
        "article_texts",
        "article_countries",
        "article_mentions",
        "article_marks",
        "story_marks",
        "story_profiles",
        "articles_fts",
        "feeds",
    }
)


def user_version(conn: sqlite3.Connection) -> int:
    """The library's schema version (0 for a new file)."""
    row = conn.execute("PRAGMA user_version").fetchone()
    return int(row[0])


def apply_migrations(conn: sqlite3.Connection, current: int) -> int:
    """Run every migration after ``current`` inside the open transaction; return the new version."""
    for number in range(current + 1, SCHEMA_VERSION + 1):
        for statement in MIGRATIONS[number - 1]:
            conn.execute(statement)
        # PRAGMA takes no bound parameters; ``number`` is an int we control.
        conn.execute(f"PRAGMA user_version = {int(number)}")
    return SCHEMA_VERSION
