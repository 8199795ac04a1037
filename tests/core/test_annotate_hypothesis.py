"""Any text at all yields valid spans, no exception, in bounded time."""

from __future__ import annotations

import time

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reader.annotate.pipeline import annotate_article
from reader.models import Annotations

# Pieces that exercise the rules: quote marks, names, places, particles, odd scripts.
_MARKS = "\" “ ” „ « » ' ’s - , . :"
_WORDS = "said Lavrov Sergey al- Assad Ankara Damascus Jordan Of The President he Türkiye Syrian"
_MORE = "U.S. МОСКВА دمشق 東京 Ben de van according"
PIECES = st.sampled_from(
    [*(_MARKS + " " + _WORDS + " " + _MORE).split(" "), "\n", "\n\n", "\u00a0", "\u200b", "\t"]
)
TEXT = st.one_of(
    st.text(max_size=400),
    st.lists(st.one_of(PIECES, st.text(max_size=8)), max_size=120).map("".join),
)


def check(body: str, a: Annotations) -> None:
    for m in (*a.people, *a.places, *a.quotes):
        assert 0 <= m.start < m.end <= len(body)
        assert body[m.start : m.end] == m.text
    for p in a.people:
        assert p.canonical
    assert all(isinstance(c, str) and c for c in a.countries)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(body=TEXT, title=st.text(max_size=60), tags=st.lists(st.text(max_size=12), max_size=3))
def test_any_text_gives_valid_spans(body: str, title: str, tags: list[str]) -> None:
    check(body, annotate_article(body, title=title, tags=tags))


def test_large_and_degenerate_inputs_are_bounded() -> None:
    cases = [
        "",
        "   \n\n  ",
        "word " * 200_000,  # 1 MB, no punctuation
        '"' * 50_000,  # only quote marks
        ("MINISTER SERGEY LAVROV SAID " * 20_000),  # all capitals
        ("Ankara " * 100_000),
        ("“open " * 30_000),  # unbalanced quotes
        ("Сергей Лавров дамаск 東京 " * 20_000),  # mixed scripts
    ]
    for body in cases:
        start = time.perf_counter()
        check(body, annotate_article(body))
        assert time.perf_counter() - start < 10


def test_five_megabyte_body() -> None:
    body = ('Foreign Minister Maria Costa said "we will go" in Lisbon on Monday. ' * 80_000)[
        :5_000_000
    ]
    start = time.perf_counter()
    a = annotate_article(body)
    check(body, a)
    assert a.people and a.quotes
    assert time.perf_counter() - start < 20
