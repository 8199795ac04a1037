"""A Filter as a SQL WHERE clause, and free text as a safe FTS5 query.

User text never reaches FTS5 syntax: every term is quoted (FTS5 operators such as AND, NEAR
or ``*`` become plain words), and only the last bare word gets a prefix star so that the
list narrows as the user types.
"""

from __future__ import annotations

from reader.library.codec import mention_key
from reader.library.query import split_text_terms
from reader.models import Filter
from reader.sanitize import strip_controls

#: Newest first, undated last (SQLite sorts NULL lowest), ties by newest id.
ORDER_BY = "ORDER BY sort_key DESC, id DESC"


def fts_query(text: str) -> str | None:
    """An FTS5 MATCH expression for free text, or None when it holds no searchable word.

    Words and "quoted phrases" all must match (implicit AND); the last bare word matches as
    a prefix.
    """
    # Control characters (a NUL ends the FTS5 string early) are never part of a word.
    terms = [
        (term, phrase)
        for term, phrase in split_text_terms(strip_controls(text))
        if _searchable(term)
    ]
    if not terms:
        return None
    parts = []
    for index, (term, phrase) in enumerate(terms):
        quoted = '"' + term.replace('"', '""') + '"'
        if index == len(terms) - 1 and not phrase:
            quoted += "*"
        parts.append(quoted)
    return " ".join(parts)


def _searchable(term: str) -> bool:
    # FTS5's unicode61 tokenizer keeps letters and digits only: a term without any is an
    # empty phrase, which matches nothing useful.
    return any(char.isalnum() for char in term)


def where_clause(flt: Filter) -> tuple[str, list[object]]:
    """``(sql, params)`` where ``sql`` is "" or starts with " WHERE " over table ``articles``."""
    clauses: list[str] = []
    params: list[object] = []
    if flt.countries:
        marks = ", ".join("?" * len(flt.countries))
        clauses.append(
            f"id IN (SELECT article_id FROM article_countries WHERE country IN ({marks}))"
        )
        params.extend(sorted(flt.countries))
    if flt.since is not None:
        clauses.append("published_day >= ?")
        params.append(flt.since.isoformat())
    if flt.until is not None:
        clauses.append("published_day <= ?")
        params.append(flt.until.isoformat())
    if flt.dates == "undated":
        clauses.append("published_day IS NULL")
    elif flt.dates == "dated":
        clauses.append("published_day IS NOT NULL")
    if flt.bookmarked:
        clauses.append("bookmarked = 1")
    if flt.unread:
        clauses.append("read = 0")
    for kind, names in (("person", flt.people), ("place", flt.places)):
        keys = sorted({mention_key(name) for name in names} - {""})
        if names and not keys:
            clauses.append("0")  # only punctuation asked for: nothing can match
        elif keys:
            marks = ", ".join("?" * len(keys))
            clauses.append(
                "id IN (SELECT article_id FROM article_mentions"
                f" WHERE kind = ? AND key IN ({marks}))"
            )
            params.append(kind)
            params.extend(keys)
    if flt.text.strip():
        match = fts_query(flt.text)
        if match is not None:
            clauses.append("id IN (SELECT rowid FROM articles_fts WHERE articles_fts MATCH ?)")
            params.append(match)
    if not clauses:
        return "", params
    return " WHERE " + " AND ".join(clauses), params
