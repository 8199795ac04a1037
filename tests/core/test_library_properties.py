"""Property tests: any text in, valid articles out; any search text, no error."""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reader.library.query import parse_query
from reader.library.store import Library
from reader.models import Annotations, Extracted, Filter, PersonMention, Quote
from reader.sanitize import clean_line, strip_controls

_counter = itertools.count()
_ONE_LIBRARY = settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


@pytest.fixture
def library(tmp_path: Path) -> Iterator[Library]:
    with Library(tmp_path / "lib.sqlite3") as lib:
        yield lib


spans = st.lists(st.tuples(st.integers(-5, 80), st.integers(-5, 80)), max_size=6)


@_ONE_LIBRARY
@given(title=st.text(max_size=40), body=st.text(min_size=1, max_size=300), offsets=spans)
def test_any_text_round_trips_with_valid_spans(
    library: Library, title: str, body: str, offsets: list[tuple[int, int]]
) -> None:
    people = tuple(PersonMention(body[s:e], s, e, "Someone") for s, e in offsets)
    quotes = tuple(Quote(body[s:e], s, e, None) for s, e in offsets)
    outcome = library.store(
        Extracted(title=title, body=body),
        Annotations(people=people, quotes=quotes, countries=("Syria",)),
        source=f"/prop/{next(_counter)}",
    )
    assert outcome.status in ("added", "duplicate")
    assert outcome.article_id is not None
    article = library.get(outcome.article_id)
    if outcome.status == "added":
        assert article.body == strip_controls(body)
        assert article.title == clean_line(title)
    for span in (*article.people, *article.quotes):
        assert 0 <= span.start < span.end <= len(article.body)
        assert article.body[span.start : span.end] == span.text


@_ONE_LIBRARY
@given(text=st.text(max_size=40))
def test_any_search_text_is_safe(library: Library, text: str) -> None:
    if library.total() == 0:
        library.store(
            Extracted(title="Harbour news", body="Cranes unloaded grain at the harbour today."),
            Annotations(),
            source="/one",
        )
    for flt in (Filter(text=text), Filter(people=frozenset({text}), places=frozenset({text}))):
        assert 0 <= library.count(flt) <= 1
        assert len(library.summaries(flt)) == library.count(flt)


@_ONE_LIBRARY
@given(text=st.text(max_size=40))
def test_any_parsed_query_runs(library: Library, text: str) -> None:
    try:
        flt = parse_query(text)
    except Exception as exc:  # only QueryError is allowed, checked here
        assert type(exc).__name__ == "QueryError"
        return
    assert library.count(flt) == 0
    assert library.ids(flt) == []
