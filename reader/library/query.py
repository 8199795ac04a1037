"""The filter language of the query line and ``broadsheet list --query``: pure functions.

``country:syria,iran since:2024-01 until:2024-06-30 is:bookmarked is:unread is:undated
person:lavrov place:ankara "a phrase" free words``. Keys are case-insensitive; a value with
spaces or commas is quoted (``country:"saudi arabia"``); commas list alternatives (any of
them matches). Free words and phrases become the full-text search. ``format_query`` writes a
Filter back in this language, so ``parse_query(format_query(f)) == f``.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Iterator
from dataclasses import replace
from datetime import date

from reader.errors import QueryError
from reader.models import Filter
from reader.sanitize import clean_line

KEYS = ("country", "since", "until", "is", "person", "place")
IS_VALUES = ("bookmarked", "unread", "undated", "dated")
_KEY_ALIASES = {"countries": "country", "people": "person", "places": "place"}
_KEY = re.compile(r"([A-Za-z]+):")
_DATE = re.compile(r"(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?")
_DATE_HELP = "use YYYY, YYYY-MM or YYYY-MM-DD"

# Folded spellings -> the English short names the annotator stores.
_COUNTRY_ALIASES = {
    "turkey": "Turkey",
    "türkiye": "Turkey",
    "turkiye": "Turkey",
    "russian federation": "Russia",
    "syrian arab republic": "Syria",
    "iran, islamic republic of": "Iran",
    "islamic republic of iran": "Iran",
    "persia": "Iran",
    "us": "United States",
    "usa": "United States",
    "u.s.": "United States",
    "united states of america": "United States",
    "america": "United States",
    "uk": "United Kingdom",
    "u.k.": "United Kingdom",
    "britain": "United Kingdom",
    "great britain": "United Kingdom",
    "uae": "United Arab Emirates",
    "ksa": "Saudi Arabia",
    "drc": "DR Congo",
    "dr congo": "DR Congo",
    "south korea": "South Korea",
    "north korea": "North Korea",
    "czech republic": "Czechia",
}
_SMALL_WORDS = frozenset({"and", "of", "the", "da", "de", "del", "des", "la", "le", "y"})


def parse_date_bound(text: str, *, end: bool, label: str | None = None) -> date:
    """A day from ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``.

    Args:
        text: the bound as typed.
        end: for a year or month, give its last day (an "until" bound) instead of its first.
        label: what the bound is ("since"), named in the error message.

    Raises:
        QueryError: the text is not such a date; the message says why.
    """
    value = text.strip()
    prefix = f"{label}: " if label else ""
    shown = _shown(value)
    title = label or "date"
    match = _DATE.fullmatch(value)
    if not match:
        raise QueryError(f"{prefix}'{shown}' is not a date ({_DATE_HELP})", title)
    year = int(match[1])
    month = int(match[2]) if match[2] else None
    day = int(match[3]) if match[3] else None
    if year < 1:
        raise QueryError(f"{prefix}'{shown}' is not a date (year 0 does not exist)", title)
    if month is not None and not 1 <= month <= 12:
        raise QueryError(f"{prefix}'{shown}' is not a date (month {month} does not exist)", title)
    if month is None:
        return date(year, 12, 31) if end else date(year, 1, 1)
    last = calendar.monthrange(year, month)[1]
    if day is None:
        return date(year, month, last if end else 1)
    if not 1 <= day <= last:
        raise QueryError(
            f"{prefix}'{shown}' is not a date ({calendar.month_name[month]} {year} has {last} days)",
            title,
        )
    return date(year, month, day)


def _shown(value: str) -> str:
    """A typed value for a one-line error message: controls gone, long ones cut."""
    value = clean_line(value)
    return value if len(value) <= 40 else value[:40] + "..."


def normalise_country(name: str) -> str:
    """The stored English short name for a typed country ("türkiye" -> "Turkey")."""
    spaced = " ".join(name.split())
    folded = spaced.casefold()
    if folded in _COUNTRY_ALIASES:
        return _COUNTRY_ALIASES[folded]
    words = re.split(r"([ \-])", folded)
    out = []
    for index, word in enumerate(words):
        if index and word in _SMALL_WORDS:
            out.append(word)
        else:
            out.append(_capitalise(word))
    return "".join(out)


def _capitalise(word: str) -> str:
    if not word:
        return word
    first = word[0].upper()
    # Some letters upper-case to two characters or do not fold back: leave them be, so that
    # normalising twice changes nothing.
    if len(first) != 1 or first.casefold() != word[0]:
        return word
    return first + word[1:]


def _scan(text: str) -> Iterator[tuple[str, str, str]]:
    """``(kind, key, value)`` tokens: ("key", key, raw value), ("word", "", w), ("phrase", "", p)."""
    i, n = 0, len(text)
    while i < n:
        char = text[i]
        if char.isspace():
            i += 1
            continue
        if char == '"':
            close = text.find('"', i + 1)
            close = n if close < 0 else close
            yield "phrase", "", text[i + 1 : close]
            i = close + 1
            continue
        match = _KEY.match(text, i)
        if match:
            i = match.end()
            start = i
            while i < n and not text[i].isspace():
                if text[i] == '"':
                    close = text.find('"', i + 1)
                    i = n if close < 0 else close + 1
                else:
                    i += 1
            yield "key", match[1].lower(), text[start:i]
            continue
        start = i
        while i < n and not text[i].isspace() and text[i] != '"':
            i += 1
        yield "word", "", text[start:i]


def _values(raw: str) -> list[str]:
    """Comma-separated values, quotes removed, whitespace collapsed, blanks dropped."""
    values: list[str] = []
    current: list[str] = []
    quoted = False
    for char in raw:
        if char == '"':
            quoted = not quoted
        elif char == "," and not quoted:
            values.append("".join(current))
            current = []
        else:
            current.append(char)
    values.append("".join(current))
    return [v for v in (" ".join(value.split()) for value in values) if v]


def split_text_terms(text: str) -> list[tuple[str, bool]]:
    """Free text as ``(term, is_phrase)`` pairs: bare words and "quoted phrases"."""
    terms: list[tuple[str, bool]] = []
    i, n = 0, len(text)
    while i < n:
        if text[i].isspace():
            i += 1
        elif text[i] == '"':
            close = text.find('"', i + 1)
            close = n if close < 0 else close
            phrase = " ".join(text[i + 1 : close].split())
            if phrase:
                terms.append((phrase, True))
            i = close + 1
        else:
            start = i
            while i < n and not text[i].isspace() and text[i] != '"':
                i += 1
            terms.append((text[start:i], False))
    return terms


def _key_error(key: str) -> QueryError:
    valid = ", ".join(f"{k}:" for k in KEYS)
    return QueryError(f"unknown filter '{key}:' (valid filters: {valid})", key)


def parse_query(text: str) -> Filter:
    """Parse the query language into a Filter.

    Raises:
        QueryError: an unknown key, a missing value, a bad date or ``is:`` value; the message
            says which.
    """
    flt = Filter()
    text_parts: list[str] = []
    for kind, key, value in _scan(text):
        if kind == "word":
            text_parts.append(value)
            continue
        if kind == "phrase":
            phrase = " ".join(value.split())
            if phrase:
                text_parts.append(f'"{phrase}"')
            continue
        key = _KEY_ALIASES.get(key, key)
        if key not in KEYS:
            raise _key_error(key)
        values = _values(value)
        if not values:
            raise QueryError(f"{key}: needs a value (e.g. {_example(key)})", key)
        flt = _apply(flt, key, values)
    if flt.since and flt.until and flt.since > flt.until:
        raise QueryError(
            f"since: {flt.since.isoformat()} is after until: {flt.until.isoformat()}", "since"
        )
    return replace(flt, text=" ".join(text_parts))


def _example(key: str) -> str:
    return {
        "country": "country:syria,iran",
        "since": "since:2024-01",
        "until": "until:2024-06-30",
        "is": "is:bookmarked",
        "person": "person:lavrov",
        "place": "place:ankara",
    }[key]


def _apply(flt: Filter, key: str, values: list[str]) -> Filter:
    if key == "country":
        return replace(flt, countries=flt.countries | {normalise_country(v) for v in values})
    if key in ("since", "until"):
        if len(values) > 1:
            raise QueryError(f"{key}: takes one date, not a list", key)
        bound = parse_date_bound(values[0], end=key == "until", label=key)
        return replace(flt, since=bound) if key == "since" else replace(flt, until=bound)
    if key == "person":
        return replace(flt, people=flt.people | set(values))
    if key == "place":
        return replace(flt, places=flt.places | set(values))
    for value in values:
        flag = value.casefold()
        if flag == "bookmarked":
            flt = replace(flt, bookmarked=True)
        elif flag == "unread":
            flt = replace(flt, unread=True)
        elif flag in ("undated", "dated"):
            if flt.dates not in ("any", flag):
                raise QueryError("is:dated and is:undated exclude each other", "is")
            flt = replace(flt, dates="undated" if flag == "undated" else "dated")
        else:
            shown = _shown(value)
            valid = ", ".join(f"is:{v}" for v in IS_VALUES)
            raise QueryError(f"is: '{shown}' is not a state (use {valid})", "is")
    return flt


def _quote_value(value: str) -> str:
    value = " ".join(value.replace('"', " ").split())
    if any(c in value for c in ' ,"') or not value:
        return f'"{value}"'
    return value


def format_text(text: str) -> str:
    """Free text re-written so that it parses back to itself (key-like words quoted)."""
    parts = []
    for term, phrase in split_text_terms(text):
        if phrase or _KEY.match(term):
            parts.append(f'"{term}"')
        else:
            parts.append(term)
    return " ".join(parts)


def format_query(flt: Filter) -> str:
    """The query-language text for ``flt``; ``parse_query`` of it gives ``flt`` back."""
    parts: list[str] = []
    if flt.countries:
        parts.append("country:" + ",".join(_quote_value(c) for c in sorted(flt.countries)))
    if flt.since:
        parts.append(f"since:{flt.since.isoformat()}")
    if flt.until:
        parts.append(f"until:{flt.until.isoformat()}")
    if flt.bookmarked:
        parts.append("is:bookmarked")
    if flt.unread:
        parts.append("is:unread")
    if flt.dates != "any":
        parts.append(f"is:{flt.dates}")
    if flt.people:
        parts.append("person:" + ",".join(_quote_value(p) for p in sorted(flt.people)))
    if flt.places:
        parts.append("place:" + ",".join(_quote_value(p) for p in sorted(flt.places)))
    if flt.text.strip():
        parts.append(format_text(flt.text))
    return " ".join(parts)
