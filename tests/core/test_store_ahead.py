"""Storing with work prepared ahead (as refresh workers do) gives exactly the plain result."""

from __future__ import annotations

import random
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from reader.library import articles_sql, stories, stories_sql
from reader.library.store import Library, StoreRequest
from reader.models import Annotations, Extracted, Filter

EVENTS = [
    "harbour cranes stopped when dock workers walked out over night shift pay",
    "river Velika burst its banks flooding the low town market and the rail depot",
    "council approved a tram line from the old mill quarter to the hospital campus",
    "wheat farmers blocked the ring road with tractors protesting import quotas",
]
FILLER = [
    "quiet",
    "evening",
    "streets",
    "bakery",
    "lamps",
    "gulls",
    "bridge",
    "square",
    "museum",
    "rain",
    "wind",
    "pupils",
]


def _articles(count: int, seed: int = 3) -> list[tuple[Extracted, Annotations, str]]:
    """Rewrites of a few events (so several stories form), with a little shared filler."""
    rng = random.Random(seed)
    made = []
    for n in range(count):
        event = EVENTS[n % len(EVENTS)].split()
        sentences = []
        for _ in range(6):
            words = rng.sample(event, k=8) + rng.sample(FILLER, k=3)
            rng.shuffle(words)
            sentences.append(" ".join(words).capitalize() + ".")
        body = " ".join(sentences[:3]) + "\n\n" + " ".join(sentences[3:])
        extracted = Extracted(
            title=f"Report {n}: {' '.join(event[:3])}",
            body=body,
            outlet=f"Outlet {n % 3}",
            published=date(2024, 5, 1 + n % 6),
            url=f"https://news.example/{n}",
        )
        made.append((extracted, Annotations(countries=("pt",) if n % 2 else ()), f"src:{n}"))
    return made


@pytest.fixture
def two_libraries(tmp_path: Path) -> Iterator[tuple[Library, Library]]:
    with Library(tmp_path / "plain.sqlite3") as plain, Library(tmp_path / "ahead.sqlite3") as ahead:
        yield plain, ahead


def _snapshot(library: Library) -> list[tuple[object, ...]]:
    rows = []
    for article in library.iter_articles(Filter()):
        story = sorted(s.id for s in library.story_of(article.id))
        rows.append(
            (article.id, article.title, article.body, article.url, article.countries, story)
        )
    return sorted(rows, key=lambda row: str(row[0]))


def test_prepared_ahead_stores_the_same_articles_and_stories(
    two_libraries: tuple[Library, Library],
) -> None:
    plain, ahead = two_libraries
    articles = _articles(24)
    for extracted, notes, source in articles:
        plain.store(extracted, notes, source=source, url=extracted.url)
    requests = []
    for extracted, notes, source in articles:
        prepared = articles_sql.prepare(
            extracted,
            notes,
            source=source,
            url=extracted.url,
            annotator_version=0,
            with_story=True,
        )
        assert prepared.story_words == stories.salient_words(str(prepared.values["body"]))
        requests.append(StoreRequest(extracted, notes, source, extracted.url, prepared=prepared))
    outcomes = ahead.store_many(requests[:10]) + ahead.store_many(requests[10:])
    assert [o.status for o in outcomes] == ["added"] * 24
    snapshot = _snapshot(plain)
    assert snapshot == _snapshot(ahead)
    # The events really do form multi-article stories, so grouping was exercised.
    assert max(len(row[-1]) for row in snapshot) >= 3  # type: ignore[arg-type]


def test_body_words_cache_matches_a_fresh_computation() -> None:
    body = "Dock workers walked out over night shift pay at the harbour cranes."
    first = stories_sql.body_words(body)
    assert first == stories.salient_words(body)
    # Keyed by the text: an equal string built separately finds the same words.
    again = stories_sql.body_words("".join(list(body)))
    assert again == first
    other = "Farmers blocked the ring road with tractors."
    assert stories_sql.body_words(other) == stories.salient_words(other)


def test_jaccard_equals_the_set_definition() -> None:
    rng = random.Random(5)
    pool = [f"w{n}" for n in range(40)]
    for _ in range(200):
        a = frozenset(rng.sample(pool, rng.randint(0, 20)))
        b = frozenset(rng.sample(pool, rng.randint(0, 20)))
        union = a | b
        expected = len(a & b) / len(union) if union else 0.0
        assert stories.jaccard(a, b) == expected


def test_words_split_once_give_the_same_hashes_and_story_words() -> None:
    from reader.library import dedup

    for extracted, _notes, _source in _articles(6):
        body = extracted.body + " Türkiye’s café"
        tokens = dedup.words(body)
        assert dedup.shingles_of_words(tokens) == dedup.shingles(body)
        assert dedup.fingerprint_of_words(tokens) == dedup.fingerprint(body)
        assert stories.salient_of_words(tokens) == stories.salient_words(body)
    assert dedup.shingles_of_words([]) == frozenset()
