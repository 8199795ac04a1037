"""Storing with work prepared ahead (as refresh workers do) gives exactly the plain result."""

from __future__ import annotations

import pickle
import random
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from reader.library import articles_sql, dedup, stories
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
        assert prepared.story_profile == stories.story_profile(str(prepared.values["body"]))
        # Workers send it pickled: what arrives must store exactly the same.
        prepared = pickle.loads(pickle.dumps(prepared, protocol=pickle.HIGHEST_PROTOCOL))
        requests.append(StoreRequest(extracted, notes, source, extracted.url, prepared=prepared))
    outcomes = ahead.store_many(requests[:10]) + ahead.store_many(requests[10:])
    assert [o.status for o in outcomes] == ["added"] * 24
    snapshot = _snapshot(plain)
    assert snapshot == _snapshot(ahead)
    # The events really do form multi-article stories, so grouping was exercised.
    assert max(len(row[-1]) for row in snapshot) >= 3  # type: ignore[arg-type]


def test_story_profile_survives_its_columns() -> None:
    body = "Dock workers at Velika walked out over night shift pay: 1,200 of them, 3.5% more."
    profile = stories.story_profile(body)
    assert profile.words == stories.word_hashes(stories.salient_words(body))
    assert profile.figures == {"1200", "3.5"}
    assert stories.StoryProfile.from_row(*profile.to_row()) == profile
    # The sketch read off the packed words is the one computed from the set.
    unpacked = stories.StoryProfile(profile.words, profile.figures)
    assert profile.sketch() == unpacked.sketch() == stories.story_sketch(profile.words)
    assert unpacked.to_row() == profile.to_row()
    empty = stories.story_profile("")
    assert (
        stories.StoryProfile.from_row(*empty.to_row())
        == empty
        == stories.StoryProfile(frozenset(), frozenset())
    )


def test_prepared_rows_travel_pickled_with_their_profile_and_sketch() -> None:
    for extracted, notes, source in _articles(6):
        prepared = articles_sql.prepare(
            extracted, notes, source=source, url=extracted.url, annotator_version=0, with_story=True
        )
        body = str(prepared.values["body"])
        assert prepared.shingles() == dedup.shingles(body)
        assert list(prepared.sketch) == dedup.sketch(dedup.shingles(body))
        assert list(prepared.sketch) == sorted(dedup.shingles(body))[: dedup.SKETCH_SIZE]
        arrived = pickle.loads(pickle.dumps(prepared, protocol=pickle.HIGHEST_PROTOCOL))
        assert arrived.values == prepared.values
        assert arrived.sketch == prepared.sketch
        profile, sent = arrived.story_profile, prepared.story_profile
        assert profile is not None and sent is not None
        assert (profile.words, profile.figures, profile.packed) == (
            sent.words,
            sent.figures,
            sent.packed,
        )
    assert (
        articles_sql.prepare(
            Extracted(title="Empty", body=""),
            Annotations(),
            source="s",
            url=None,
            annotator_version=0,
        ).sketch
        == ()
    )


def test_salient_hashes_are_the_hashes_of_the_salient_words() -> None:
    for extracted, _notes, _source in _articles(6):
        tokens = dedup.words(extracted.body + " Türkiye’s café 1,200 talks talking")
        expected = stories.word_hashes(stories.salient_of_words(tokens))
        assert stories.salient_hashes(tokens) == expected
        assert stories.salient_hashes(tokens) == expected  # remembered, same answer


def test_figures_leave_out_years_small_numbers_and_digits_in_words() -> None:
    text = "In 2024 the G20 met 3 times; 41 died, 2,500 fled, the score was 28-25, x86 chips."
    assert stories.figures(text) == {"41", "2500", "28", "25"}


def test_words_split_once_give_the_same_hashes_and_story_words() -> None:
    from reader.library import dedup

    for extracted, _notes, _source in _articles(6):
        body = extracted.body + " Türkiye’s café"
        tokens = dedup.words(body)
        assert dedup.shingles_of_words(tokens) == dedup.shingles(body)
        assert dedup.fingerprint_of_words(tokens) == dedup.fingerprint(body)
        assert stories.salient_of_words(tokens) == stories.salient_words(body)
    assert dedup.shingles_of_words([]) == frozenset()
