"""Writing articles: prepare column values, find the same article, insert, update, fill in.

Every function here runs inside the caller's write transaction; none commits.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass

from reader.errors import NotFoundError
from reader.library import codec, dedup, stories
from reader.models import Annotations, Extracted, ImportOutcome
from reader.safety import MAX_NAME_CHARS, MAX_TAGS, MAX_TITLE_CHARS, shorten

# Columns an import sets; ``bookmarked`` and ``read`` are never among them, so the user's
# state survives every re-import and update.
META_COLUMNS = (
    "url",
    "title_key",
    "title",
    "outlet",
    "byline",
    "published",
    "published_day",
    "sort_key",
    "countries",
    "kind",
    "fingerprint",
    "annotator_version",
    "tags",
)
TEXT_COLUMNS = ("title", "people", "places", "quotes", "body")
CONTENT_COLUMNS = META_COLUMNS + TEXT_COLUMNS[1:]
_SELECT_CONTENT = (
    "SELECT "
    + ", ".join(f"a.{c}" for c in META_COLUMNS)
    + ", "
    + ", ".join(f"t.{c}" for c in TEXT_COLUMNS[1:])
    + " FROM articles a JOIN article_texts t ON t.article_id = a.id WHERE a.id = ?"
)
_INSERT_META = (
    "INSERT INTO articles (source, added_at, "
    + ", ".join(META_COLUMNS)
    + ") VALUES ("
    + ", ".join("?" * (len(META_COLUMNS) + 2))
    + ")"
)
_INSERT_TEXT = (
    "INSERT INTO article_texts (article_id, "
    + ", ".join(TEXT_COLUMNS)
    + ") VALUES ("
    + ", ".join("?" * (len(TEXT_COLUMNS) + 1))
    + ")"
)
_UPDATE_META = (
    "UPDATE articles SET " + ", ".join(f"{c} = ?" for c in META_COLUMNS) + " WHERE id = ?"
)
_UPDATE_TEXT = (
    "UPDATE article_texts SET "
    + ", ".join(f"{c} = ?" for c in TEXT_COLUMNS)
    + " WHERE article_id = ?"
)
#: At most this many candidates are compared in full per import.
_MAX_CANDIDATES = 12


@dataclass(frozen=True, slots=True)
class Prepared:
    """One article's column values (sanitised) plus what de-duplication and filters need."""

    source: str
    values: dict[str, object]
    countries: tuple[str, ...]
    mentions: frozenset[tuple[str, str]]
    #: The smallest shingle hashes of the body (see :mod:`dedup`): finds duplicate candidates.
    #: Empty when the body has no words.
    sketch: tuple[int, ...]
    #: The body's story profile, when computed ahead (``with_story``).
    story_profile: stories.StoryProfile | None = None

    def shingles(self) -> frozenset[int]:
        """The body's shingle hashes (see :mod:`dedup`).

        Made again from the body when asked: only a possible duplicate needs them, and
        shipping them from a worker with every article cost more than the rare remake.
        """
        return dedup.shingles(str(self.values["body"]))

    def columns(self, names: tuple[str, ...]) -> tuple[object, ...]:
        """The values of the named columns, in order."""
        return tuple(self.values[c] for c in names)


def prepare(
    extracted: Extracted,
    annotations: Annotations,
    *,
    source: str,
    url: str | None,
    annotator_version: int,
    with_story: bool = False,
) -> Prepared:
    """Sanitise an extracted article and its annotations into column values.

    With ``with_story``, also the story profile (pure work a worker process can do
    ahead, leaving only SQL to the process that writes).
    """
    body = codec.clean_body(extracted.body)
    clean = codec.clean_annotations(annotations, extracted.body, body)
    title = shorten(codec.clean_optional(extracted.title) or "", MAX_TITLE_CHARS)
    published, day, sort_key = codec.encode_published(extracted.published)
    countries_json, people, places, quotes = codec.encode_annotations(clean)
    tokens = dedup.words(body)
    values: dict[str, object] = {
        "url": _web_url(url if url is not None else extracted.url),
        "title_key": dedup.title_key(title),
        "title": title,
        "outlet": _name(extracted.outlet),
        "byline": _name(extracted.byline),
        "published": published,
        "published_day": day,
        "sort_key": sort_key,
        "countries": countries_json,
        "kind": str(extracted.kind.value),
        "fingerprint": dedup.fingerprint_of_words(tokens),
        "annotator_version": int(annotator_version),
        "tags": codec.dumps(
            [shorten(tag, MAX_NAME_CHARS) for tag in codec.clean_list(extracted.tags)[:MAX_TAGS]]
        ),
        "people": people,
        "places": places,
        "quotes": quotes,
        "body": body,
    }
    return Prepared(
        source=codec.clean_source(source),
        values=values,
        countries=clean.countries,
        mentions=frozenset(codec.mention_keys(clean)),
        sketch=tuple(dedup.sketch(dedup.shingles_of_words(tokens))),
        story_profile=stories.profile_of_words(tokens, body) if with_story else None,
    )


def _web_url(url: str | None) -> str | None:
    """The article's link as stored: only http(s); a javascript: or file: URL is dropped
    (the app copies and opens links, and exports write them as links)."""
    cleaned = codec.clean_optional(url)
    if cleaned and cleaned.lower().startswith(("http://", "https://")):
        return cleaned
    return None


def _name(text: str | None) -> str | None:
    """An outlet or byline as stored: cleaned, capped (hostile pages send megabytes)."""
    cleaned = codec.clean_optional(text)
    return shorten(cleaned, MAX_NAME_CHARS) if cleaned else None


def store(conn: sqlite3.Connection, prep: Prepared) -> ImportOutcome:
    """Add, update or recognise as a duplicate one prepared article."""
    title = str(prep.values["title"])
    row = conn.execute("SELECT id, url FROM articles WHERE source = ?", (prep.source,)).fetchone()
    if row is None and prep.values["url"]:
        row = conn.execute(
            "SELECT id, url FROM articles WHERE url = ?", (prep.values["url"],)
        ).fetchone()
    if row is not None:
        article_id = int(row[0])
        values = dict(prep.values)
        if values["url"] != row[1] and not _url_free(conn, values["url"], article_id):
            values["url"] = row[1]
        stored = conn.execute(_SELECT_CONTENT, (article_id,)).fetchone()
        if stored is not None and tuple(stored) == tuple(values[c] for c in CONTENT_COLUMNS):
            return ImportOutcome(prep.source, "duplicate", article_id, title)
        conn.execute(_UPDATE_META, (*(values[c] for c in META_COLUMNS), article_id))
        conn.execute(_UPDATE_TEXT, (*prep.columns(TEXT_COLUMNS), article_id))
        _replace_children(conn, article_id, prep)
        return ImportOutcome(prep.source, "updated", article_id, title)
    duplicate_id = find_duplicate(conn, prep)
    if duplicate_id is not None:
        fill_missing(conn, duplicate_id, prep)
        return ImportOutcome(prep.source, "duplicate", duplicate_id, title)
    cursor = conn.execute(_INSERT_META, (prep.source, codec.now_iso(), *prep.columns(META_COLUMNS)))
    article_id = int(cursor.lastrowid or 0)
    conn.execute(_INSERT_TEXT, (article_id, *prep.columns(TEXT_COLUMNS)))
    _insert_children(conn, article_id, prep)
    return ImportOutcome(prep.source, "added", article_id, title)


def _url_free(conn: sqlite3.Connection, url: object, article_id: int) -> bool:
    if url is None:
        return True
    row = conn.execute("SELECT id FROM articles WHERE url = ?", (url,)).fetchone()
    return row is None or int(row[0]) == article_id


def find_duplicate(conn: sqlite3.Connection, prep: Prepared) -> int | None:
    """The id of a stored article with the same content (see :mod:`dedup`), if any."""
    if not prep.sketch:  # no words, nothing to compare
        return None
    ids: dict[int, None] = {}
    for (article_id,) in conn.execute(
        "SELECT id FROM articles WHERE fingerprint = ? LIMIT 4", (prep.values["fingerprint"],)
    ):
        ids.setdefault(article_id, None)
    title_key = prep.values["title_key"]
    if title_key:
        for (article_id,) in conn.execute(
            "SELECT id FROM articles WHERE title_key = ? ORDER BY id DESC LIMIT ?",
            (title_key, _MAX_CANDIDATES),
        ):
            ids.setdefault(article_id, None)
    if prep.sketch:
        marks = ", ".join("?" * len(prep.sketch))
        needed = dedup.sketch_overlap_needed(len(prep.sketch))
        for article_id, _count in conn.execute(
            f"SELECT article_id, count(*) AS shared FROM article_marks WHERE mark IN ({marks})"
            " GROUP BY article_id HAVING shared >= ? ORDER BY shared DESC LIMIT ?",
            (*prep.sketch, needed, _MAX_CANDIDATES),
        ):
            ids.setdefault(article_id, None)
    if not ids:
        return None
    chosen = list(ids)[: _MAX_CANDIDATES * 2]
    marks = ", ".join("?" * len(chosen))
    candidates = [
        (int(cid), dedup.shingles(body), bool(title_key) and key == title_key)
        for cid, key, body in conn.execute(
            "SELECT a.id, a.title_key, t.body FROM articles a JOIN article_texts t"
            f" ON t.article_id = a.id WHERE a.id IN ({marks})",
            chosen,
        )
    ]
    candidates.sort(key=lambda c: c[0])
    return dedup.best_match(prep.shingles(), candidates)


def fill_missing(conn: sqlite3.Connection, article_id: int, prep: Prepared) -> None:
    """Give the kept article the metadata only its duplicate has (outlet, date, byline, ...)."""
    row = conn.execute(
        "SELECT outlet, byline, published, tags, url FROM articles WHERE id = ?", (article_id,)
    ).fetchone()
    outlet, byline, published, tags, url = row
    new = prep.values
    updates: dict[str, object] = {}
    if not outlet and new["outlet"]:
        updates["outlet"] = new["outlet"]
    if not byline and new["byline"]:
        updates["byline"] = new["byline"]
    if not published and new["published"]:
        for column in ("published", "published_day", "sort_key"):
            updates[column] = new[column]
    if tags in (None, "", "[]") and new["tags"] != "[]":
        updates["tags"] = new["tags"]
    if not url and new["url"] and _url_free(conn, new["url"], article_id):
        updates["url"] = new["url"]
    if updates:
        assignments = ", ".join(f"{column} = ?" for column in updates)
        conn.execute(
            f"UPDATE articles SET {assignments} WHERE id = ?", (*updates.values(), article_id)
        )


def _insert_children(conn: sqlite3.Connection, article_id: int, prep: Prepared) -> None:
    conn.executemany(
        "INSERT OR IGNORE INTO article_countries (country, article_id) VALUES (?, ?)",
        [(country, article_id) for country in prep.countries],
    )
    conn.executemany(
        "INSERT OR IGNORE INTO article_mentions (kind, key, article_id) VALUES (?, ?, ?)",
        [(kind, key, article_id) for kind, key in sorted(prep.mentions)],
    )
    conn.executemany(
        "INSERT OR IGNORE INTO article_marks (mark, article_id) VALUES (?, ?)",
        [(mark, article_id) for mark in prep.sketch],
    )


def _replace_children(conn: sqlite3.Connection, article_id: int, prep: Prepared) -> None:
    for table in ("article_countries", "article_mentions", "article_marks"):
        conn.execute(f"DELETE FROM {table} WHERE article_id = ?", (article_id,))
    _insert_children(conn, article_id, prep)


def replace_annotations(
    conn: sqlite3.Connection, article_id: int, annotations: Annotations, annotator_version: int
) -> None:
    """Store new annotations for an article's unchanged body."""
    row = conn.execute(
        "SELECT body FROM article_texts WHERE article_id = ?", (article_id,)
    ).fetchone()
    if row is None:
        raise NotFoundError("no such article", str(article_id))
    body = str(row[0])
    clean = codec.clean_annotations(annotations, body, body)
    countries, people, places, quotes = codec.encode_annotations(clean)
    conn.execute(
        "UPDATE articles SET countries = ?, annotator_version = ? WHERE id = ?",
        (countries, int(annotator_version), article_id),
    )
    conn.execute(
        "UPDATE article_texts SET people = ?, places = ?, quotes = ? WHERE article_id = ?",
        (people, places, quotes, article_id),
    )
    for table in ("article_countries", "article_mentions"):
        conn.execute(f"DELETE FROM {table} WHERE article_id = ?", (article_id,))
    conn.executemany(
        "INSERT OR IGNORE INTO article_countries (country, article_id) VALUES (?, ?)",
        [(country, article_id) for country in clean.countries],
    )
    conn.executemany(
        "INSERT OR IGNORE INTO article_mentions (kind, key, article_id) VALUES (?, ?, ?)",
        [(kind, key, article_id) for kind, key in sorted(codec.mention_keys(clean))],
    )
