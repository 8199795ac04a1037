"""De-duplication: the pure shingling functions and what ``Library.store`` does with them."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from test_library_samples import BODIES, extracted

from reader.library import dedup
from reader.library.store import Library
from reader.models import Annotations, Filter

CHROME_TOP = (
    "Home\n\nWorld\n\nPolitics\n\nBusiness\n\nSport\n\n"
    "BREAKING: markets close higher after a quiet day of trading in the capital\n\n"
)
CHROME_BOTTOM = (
    "\n\nShare this story\n\nMost read\n\nA football club appoints its third coach this season"
    "\n\nSubscribe to our newsletter for the morning briefing\n\nAll rights reserved"
)


def raw_dump(key: str) -> str:
    """A sample body wrapped in site chrome, as a plain-text page dump would leave it."""
    return CHROME_TOP + BODIES[key] + CHROME_BOTTOM


@pytest.fixture
def library(tmp_path: Path) -> Iterator[Library]:
    with Library(tmp_path / "lib.sqlite3") as lib:
        yield lib


# -- pure functions ---------------------------------------------------------------------


def test_title_key_ignores_case_accents_punctuation_and_outlet_suffix() -> None:
    key = dedup.title_key("Syria, Turkey agree to Russia's roadmap")
    assert key == "syria turkey agree to russias roadmap"
    assert dedup.title_key("SYRIA — TURKEY agree to Russia’s roadmap!") == key
    assert dedup.title_key("Syria, Turkey agree to Russia's roadmap | The Wire") == key
    assert dedup.title_key("Syria, Turkey agree to Russia's roadmap - The Wire") == key
    assert dedup.title_key("Türkiye") == "turkiye"
    assert dedup.title_key("Talks resume") != dedup.title_key("Talks stall")


def test_fingerprint_ignores_spacing_case_and_punctuation() -> None:
    body = BODIES["grain"]
    assert dedup.fingerprint(body) == dedup.fingerprint(body.upper().replace("\n\n", "\n"))
    assert dedup.fingerprint(body) != dedup.fingerprint(BODIES["quake"])


def test_raw_dump_contains_the_clean_text() -> None:
    clean, raw = dedup.shingles(BODIES["roadmap"]), dedup.shingles(raw_dump("roadmap"))
    assert len(raw) > len(clean)
    assert dedup.containment(clean, raw) == pytest.approx(1.0)
    assert dedup.same_article(BODIES["roadmap"], raw_dump("roadmap"))
    assert dedup.same_article(raw, clean)


def test_different_articles_are_not_the_same() -> None:
    for a in BODIES:
        for b in BODIES:
            if a != b:
                assert not dedup.same_article(BODIES[a], BODIES[b]), (a, b)
                assert not dedup.same_article(raw_dump(a), raw_dump(b)), (a, b)


def test_a_lightly_edited_copy_is_the_same_but_a_rewrite_is_not() -> None:
    body = BODIES["nuclear"]
    edited = body.replace("Sunday", "Saturday").replace("next month", "in June")
    assert dedup.same_article(body, edited)
    halves = body.split("\n\n")
    rewrite = halves[0] + "\n\n" + BODIES["pipeline"]
    assert not dedup.same_article(rewrite, BODIES["pipeline"] + "\n\n" + BODIES["grain"])


def test_short_bodies_need_matching_titles() -> None:
    short = "Read the full story on our website."
    assert not dedup.same_article(short, short)
    assert dedup.same_article(short, short, titles_match=True)
    assert not dedup.same_article("", "")


def test_sketches_of_raw_and_clean_overlap_enough() -> None:
    clean = dedup.sketch(dedup.shingles(BODIES["quake"]))
    raw = dedup.sketch(dedup.shingles(raw_dump("quake")))
    other = dedup.sketch(dedup.shingles(BODIES["grain"]))
    assert len(clean) == dedup.SKETCH_SIZE
    assert clean == sorted(clean)
    assert len(set(clean) & set(raw)) >= dedup.sketch_overlap_needed(len(clean))
    assert not set(clean) & set(other)


def test_best_match_prefers_the_closest_candidate() -> None:
    body = dedup.shingles(BODIES["roadmap"])
    candidates = [
        (1, dedup.shingles(BODIES["grain"]), False),
        (2, dedup.shingles(raw_dump("roadmap")), False),
        (3, dedup.shingles(BODIES["roadmap"]), True),
    ]
    assert dedup.best_match(body, candidates) in (2, 3)
    assert dedup.best_match(body, candidates[:1]) is None


# -- in the store -------------------------------------------------------------------------


def test_importing_the_same_file_twice_keeps_one(library: Library) -> None:
    first = library.store(extracted("grain"), Annotations(), source="/g.txt")
    second = library.store(extracted("grain"), Annotations(), source="/g.txt")
    assert (first.status, second.status) == ("added", "duplicate")
    assert first.article_id == second.article_id
    assert library.total() == 1


def test_reimport_with_changes_updates_in_place_and_keeps_flags(library: Library) -> None:
    first = library.store(extracted("grain"), Annotations(countries=("Ukraine",)), source="/g")
    assert first.article_id is not None
    library.set_bookmarked(first.article_id)
    library.set_read(first.article_id)
    changed = extracted("grain", title="Grain ships sail again", byline="Staff")
    again = library.store(changed, Annotations(countries=("Ukraine", "Turkey")), source="/g")
    assert again.status == "updated"
    assert again.article_id == first.article_id
    article = library.get(first.article_id)
    assert article.title == "Grain ships sail again" and article.byline == "Staff"
    assert article.countries == ("Ukraine", "Turkey")
    assert article.bookmarked and article.read
    assert library.count(Filter(countries=frozenset({"Turkey"}))) == 1
    assert library.count(Filter(text="sail")) == 1
    assert library.total() == 1


def test_same_url_from_another_source_updates(library: Library) -> None:
    url = "https://news.example/grain"
    first = library.store(extracted("grain"), Annotations(), source=url, url=url)
    assert first.article_id is not None
    library.set_bookmarked(first.article_id)
    body = BODIES["grain"] + "\n\nThis story was updated with comments from the port authority."
    second = library.store(
        extracted("grain", body=body), Annotations(), source="/saved.html", url=url
    )
    assert second.status == "updated"
    assert second.article_id == first.article_id
    assert library.get(first.article_id).bookmarked
    assert library.total() == 1


def test_raw_dump_then_clean_copy_is_one_article(library: Library) -> None:
    raw = extracted(
        "roadmap",
        body=raw_dump("roadmap"),
        title="Syria, Turkey agree to Russia's roadmap",
        outlet="The Wire",
        published=date(2023, 6, 22),
        tags=["Syria", "Turkey"],
    )
    clean = extracted(
        "roadmap", title="Syria, Turkey agree to Russia's roadmap", outlet=None, published=None
    )
    first = library.store(raw, Annotations(), source="/seeds/000.txt")
    second = library.store(clean, Annotations(), source="/seeds/001.txt")
    assert first.status == "added"
    assert second.status == "duplicate"
    assert second.article_id == first.article_id
    assert library.total() == 1


def test_clean_copy_then_raw_dump_fills_missing_metadata(library: Library) -> None:
    clean = extracted("roadmap", title="Syria, Turkey agree", outlet=None, published=None)
    first = library.store(clean, Annotations(), source="/clean.txt")
    assert first.article_id is not None
    library.set_bookmarked(first.article_id)
    raw = extracted(
        "roadmap",
        body=raw_dump("roadmap"),
        title="Syria, Turkey agree | The Wire",
        outlet="The Wire",
        byline="A. Reporter",
        published=date(2023, 6, 22),
        tags=["Diplomacy"],
        url="https://wire.example/roadmap",
    )
    second = library.store(raw, Annotations(), source="/raw.txt")
    assert second.status == "duplicate"
    assert second.article_id == first.article_id
    kept = library.get(first.article_id)
    assert kept.body == BODIES["roadmap"]  # the kept entry keeps its own text
    assert kept.outlet == "The Wire"
    assert kept.byline == "A. Reporter"
    assert kept.published == date(2023, 6, 22)
    assert kept.tags == ("Diplomacy",)
    assert kept.url == "https://wire.example/roadmap"
    assert kept.bookmarked
    assert library.count(Filter(since=date(2023, 6, 22), until=date(2023, 6, 22))) == 1


def test_same_body_under_another_title_is_found_by_its_sketch(library: Library) -> None:
    first = library.store(
        extracted("quake", title="Earthquake toll rises"), Annotations(), source="/1"
    )
    second = library.store(
        extracted("quake", title="Rescuers search through the night", body=raw_dump("quake")),
        Annotations(),
        source="/2",
    )
    assert second.status == "duplicate"
    assert second.article_id == first.article_id


def test_same_title_different_story_is_kept_apart(library: Library) -> None:
    a = library.store(extracted("grain", title="Live updates"), Annotations(), source="/a")
    b = library.store(extracted("pipeline", title="Live updates"), Annotations(), source="/b")
    assert (a.status, b.status) == ("added", "added")
    assert library.total() == 2


def test_tiny_identical_bodies_with_different_titles_are_kept_apart(library: Library) -> None:
    teaser = "Read the full story on our website."
    a = library.store(extracted(title="Port reopens", body=teaser), Annotations(), source="/a")
    b = library.store(extracted(title="Talks collapse", body=teaser), Annotations(), source="/b")
    assert (a.status, b.status) == ("added", "added")


def test_update_does_not_steal_a_url_in_use(library: Library) -> None:
    url = "https://x.example/grain"
    grain = library.store(extracted("grain"), Annotations(), source="/g", url=url)
    quake = library.store(extracted("quake"), Annotations(), source="/q")
    # /q is matched by its source first; the URL it now claims belongs to another article.
    again = library.store(
        extracted("quake", title="New title"), Annotations(), source="/q", url=url
    )
    assert again.status == "updated" and again.article_id == quake.article_id
    assert quake.article_id is not None and grain.article_id is not None
    assert library.get(quake.article_id).url is None
    assert library.get(grain.article_id).url == url


def test_seed_raw_dump_and_clean_copy_are_one_article(seeds_dir: Path, library: Library) -> None:
    raw = (seeds_dir / "000_801cf04aa44eb9d9.txt").read_text(encoding="utf-8")
    clean = (seeds_dir / "001_e86a5e3356b2dc39.txt").read_text(encoding="utf-8")
    others = [p.read_text(encoding="utf-8") for p in sorted(seeds_dir.glob("00[234]_*.txt"))]
    assert dedup.same_article(raw, clean)
    assert not any(dedup.same_article(raw, other) for other in others)
    title = clean.splitlines()[0]
    first = library.store(extracted(title=title, body=raw), Annotations(), source="/000")
    second = library.store(
        extracted(title=title, body="\n\n".join(clean.splitlines()[1:])),
        Annotations(),
        source="/001",
    )
    assert second.status == "duplicate" and second.article_id == first.article_id


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=200), st.text(max_size=200))
def test_dedup_functions_accept_any_text(first: str, second: str) -> None:
    a, b = dedup.shingles(first), dedup.shingles(second)
    assert 0.0 <= dedup.containment(a, b) <= 1.0
    assert dedup.containment(a, b) == dedup.containment(b, a)
    assert dedup.same_article(first, first, titles_match=True) == bool(a)
    key = dedup.title_key(first)
    assert dedup.title_key(key) == key
    assert len(dedup.fingerprint(first)) == 32
    assert len(dedup.sketch(a)) == min(len(a), dedup.SKETCH_SIZE)
