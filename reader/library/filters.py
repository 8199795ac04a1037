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


def country_count_sql(
    countries: frozenset[str], *, distinct: bool = True
) -> tuple[str, list[object]]:
    """SQL counting the articles tagged with any of ``countries`` from the tag index alone.

    With ``distinct=False`` an article tagged with two of them counts twice (cheaper).
    """
    marks = ", ".join("?" * len(countries))
    # One country needs no DISTINCT: (country, article_id) is the key.
    what = "count(DISTINCT article_id)" if distinct and len(countries) > 1 else "count(*)"
    params: list[object] = [*sorted(countries)]
    return f"SELECT {what} FROM article_countries WHERE country IN ({marks})", params


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


def where_clause(flt: Filter, *, walk_order: bool = False) -> tuple[str, list[object]]:
    """``(sql, params)`` where ``sql`` is "" or starts with " WHERE " over table ``articles``.

    Args:
        flt: the filter.
        walk_order: test countries per row while walking the newest-first index (best when
            the countries are common and only a page is wanted) instead of collecting every
            matching id first (best when they are rare, or for counts and whole lists).
    """
    clauses: list[str] = []
    params: list[object] = []
    # SQLite drives the query from the first "id IN (...)" list and probes the others, so
    # the likely-smallest lists come first: names, then words, then countries.
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
    if flt.countries:
        marks = ", ".join("?" * len(flt.countries))
        if walk_order:
            clauses.append(
                "EXISTS (SELECT 1 FROM article_countries c WHERE c.article_id = articles.id"
                f" AND c.country IN ({marks}))"
            )
        else:
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
    if not clauses:
        return "", params
    return " WHERE " + " AND ".join(clauses), params
