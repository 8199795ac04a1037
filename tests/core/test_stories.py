"""Same story, several outlets: grouping at import, regrouping, story_of, grouped lists."""

from __future__ import annotations

import importlib.util
import sqlite3
import sys
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path
from types import ModuleType

import pytest

from reader.library import stories
from reader.library.migrations import MIGRATIONS
from reader.library.query import parse_query
from reader.library.store import Library
from reader.models import Annotations, Extracted, Filter

BENCH = Path(__file__).resolve().parents[1] / "benchmarks" / "bench_stories.py"


@pytest.fixture(scope="module")
def bench() -> ModuleType:
    spec = importlib.util.spec_from_file_location("bench_stories", BENCH)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["bench_stories"] = module
    spec.loader.exec_module(module)
    return module


@pytest.fixture
def library(tmp_path: Path) -> Iterator[Library]:
    with Library(tmp_path / "stories.sqlite3") as lib:
        yield lib


def test_fixture_grouping_precision_and_recall(bench: ModuleType) -> None:
    result, _ = bench.run(None)
    assert result.true_pairs >= 20
    assert result.precision >= 0.9
    assert result.recall >= 0.9


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_grouping_does_not_depend_on_import_order(bench: ModuleType, seed: int) -> None:
    import random

    count = len(bench.load_fixture())
    result, _ = bench.run(random.Random(seed).sample(range(count), count))
    assert result.precision >= 0.9 and result.recall >= 0.9


def test_regroup_gives_the_same_quality(bench: ModuleType) -> None:
    result, _ = bench.run(None, regroup=True)
    assert result.precision >= 0.9 and result.recall >= 0.9


def test_hard_negatives_stay_apart(bench: ModuleType, library: Library) -> None:
    ids = bench.store_fixture(library)
    quake = {s.id for s in library.story_of(ids["quake-anatolia"])}
    assert ids["neg-quake-izmir"] not in quake
    assert ids["quake-eurasia"] in quake and ids["quake-monitor"] in quake
    assert ids["quake-anatolia-raw"] == ids["quake-anatolia"]  # the raw dump is a duplicate
    iran = {s.id for s in library.story_of(ids["araghchi-moscow-caspian"])}
    assert ids["neg-iran-e3"] not in iran and ids["neg-araghchi-ankara"] not in iran
    assert len(iran) == 3
    assert [s.id for s in library.story_of(ids["neg-border-wall"])] == [ids["neg-border-wall"]]


def test_story_score_rules() -> None:
    body_a = "Engineers reopened the Harbin rail bridge after repairs costing 40 million yuan."
    body_b = (
        "The Harbin rail bridge reopened after engineers finished repairs worth 40 million yuan."
    )
    assert "harbin" in stories.salient_words(body_a)
    assert "said" not in stories.salient_words("he said so")
    words_a, words_b = stories.story_profile(body_a), stories.story_profile(body_b)
    near = stories.story_score(words_a, words_b, day_a=date(2024, 1, 1), day_b=date(2024, 1, 3))
    assert stories.same_story(near)
    far = stories.story_score(words_a, words_b, day_a=date(2024, 1, 1), day_b=date(2024, 2, 1))
    assert far == 0.0
    clean = " ".join(f"harbour{n} crane lifted cargo at dawn" for n in range(30))
    raw = (
        "Home | News | Sport\n\n"
        + clean
        + "\n\n"
        + " ".join(f"menu{n} link{n} more{n} footer{n}" for n in range(120))
    )
    words_clean, words_raw = stories.story_profile(clean), stories.story_profile(raw)
    # Their words alone do not make them one story (the dump's menus dilute them)...
    assert not stories.same_story(stories.story_score(words_clean, words_raw))
    # ...but one body is in the other: a copy.
    assert stories.story_score(words_clean, words_raw, bodies=lambda: (clean, raw)) == 1.0
    short = stories.story_profile("one")
    assert stories.story_score(short, short) == 0.0  # too short


def _words(prefix: str, count: int = 20) -> str:
    return " ".join(f"{prefix}word{n:02d}" for n in range(count))


def test_a_story_is_joined_on_its_members_as_a_whole(library: Library) -> None:
    core, day = _words("core"), date(2024, 6, 3)
    a = library.store(
        _article("A", f"{core} {_words('alpha')}", day, "One"), Annotations(), source="a"
    )
    b = library.store(
        _article("B", f"{core} {_words('beta')}", day, "Two"), Annotations(), source="b"
    )
    # Like A alone (half its words are A's own), unlike B: a follow-up, not the event.
    c = library.store(
        _article("C", f"{_words('alpha')} {_words('gamma')}", day, "Three"),
        Annotations(),
        source="c",
    )
    # Like both.
    d = library.store(
        _article("D", f"{core} {_words('delta')}", day, "Four"), Annotations(), source="d"
    )
    assert a.article_id and b.article_id and c.article_id and d.article_id
    assert {s.id for s in library.story_of(a.article_id)} == {
        a.article_id,
        b.article_id,
        d.article_id,
    }
    assert [s.id for s in library.story_of(c.article_id)] == [c.article_id]
    assert library.regroup_stories() == 1
    assert [s.id for s in library.story_of(c.article_id)] == [c.article_id]


def test_a_brief_finds_the_long_report_of_its_event(library: Library) -> None:
    # Words chosen by their hashes so that the long report's sketch holds only two of the
    # brief's words: of similar length, two shared marks would not make a candidate.
    def hashed(word: str) -> int:
        return next(iter(stories.story_profile(f"{word} x").words))

    pool = sorted((f"w{n:04d}q" for n in range(3000)), key=hashed)
    low, rest = pool[:22], pool[22:]
    core = [rest[0], rest[1], *rest[400:428]]  # two of them below the long one's cut
    long_only = low + rest[500:678]
    brief_only = rest[1000:1005]
    long_body = " ".join(core + long_only)
    brief_body = " ".join(core + brief_only)
    day = date(2024, 6, 3)
    long_sketch = set(stories.story_profile(long_body).sketch())
    brief_sketch = set(stories.story_profile(brief_body).sketch())
    assert len(long_sketch & brief_sketch) == 2
    first = library.store(_article("Long", long_body, day, "One"), Annotations(), source="l")
    brief = library.store(_article("Brief", brief_body, day, "Two"), Annotations(), source="b")
    assert first.article_id and brief.article_id
    assert {s.id for s in library.story_of(brief.article_id)} == {
        first.article_id,
        brief.article_id,
    }


def test_figure_evidence() -> None:
    evidence = stories.figure_evidence
    assert evidence(frozenset({"41", "2500"}), frozenset({"41", "6.1", "300"})) > 0  # agree
    assert evidence(frozenset({"41", "2500"}), frozenset({"57", "6.1"})) < 0  # differ
    # A follow-up recalling one figure of three among new ones differs too.
    assert evidence(frozenset({"640", "3.4", "4.2"}), frozenset({"640", "612", "5.1"})) < 0
    assert evidence(frozenset({"41"}), frozenset({"57", "6.1"})) == 0  # too few to tell
    assert evidence(frozenset(), frozenset({"57", "6.1"})) == 0


def test_differing_figures_count_less_the_nearer_the_days() -> None:
    first, second = frozenset({"9", "14", "6.1"}), frozenset({"17", "230", "6.1"})
    by_day = [stories.figure_evidence(first, second, days) for days in range(3)]
    assert by_day[0] == 0.0  # the same day: the toll rose between the reports
    assert by_day[0] > by_day[1] > by_day[2] == -stories.FIGURE_PENALTY
    assert stories.figure_evidence(first, second) == -stories.FIGURE_PENALTY  # undated
    # Agreement counts the same whatever the days.
    agree = frozenset({"17", "6.1"})
    assert {stories.figure_evidence(agree, second, d) for d in (0, 2)} == {stories.FIGURE_BONUS}


def test_figures_in_different_written_forms_meet() -> None:
    figures = stories.figures
    assert figures("185,000 barrels") == figures("185 thousand barrels") == {"185000"}
    assert figures("a $4.2bn loan") == figures("a 4.2 billion dollar loan") == {"4200000000"}
    assert figures("1.2 million homes") == {"1200000"}
    assert figures("rates at 44.10%") == figures("rates at 44.1%") == {"44.1"}
    # Metres and kilometres are not millions and thousands; a version stays as written.
    assert figures("a 100 m wall, 90 km away, release 1.2.3") == {"100", "90", "1.2.3"}


def test_reports_further_apart_than_the_window_never_share_a_story() -> None:
    body = "Engineers reopened the Harbin rail bridge after repairs costing 40 million yuan."
    profile = stories.story_profile(body)
    start = date(2024, 1, 1)
    near = start + timedelta(days=stories.MAX_DAYS_APART)
    far = start + timedelta(days=stories.MAX_DAYS_APART + 1)
    assert stories.same_story(stories.story_score(profile, profile, day_a=start, day_b=near))
    assert stories.story_score(profile, profile, day_a=start, day_b=far) == 0.0


def test_grouped_summaries_one_row_per_story(bench: ModuleType, library: Library) -> None:
    ids = bench.store_fixture(library)
    plain = library.summaries(Filter(), limit=100)
    grouped = library.summaries(Filter(), limit=100, group_stories=True)
    assert len(plain) == library.count() == 35  # the raw dump merged into its clean copy
    assert len(grouped) == library.count(group_stories=True) == 19
    by_id = {row.id: row for row in grouped}
    # The newest version stands for the story; the rest are counted with their outlets.
    quake = by_id[ids["quake-monitor"]]
    assert quake.story_size == 3
    assert quake.story_outlets[0] == "Gulf & Levant Monitor"
    assert set(quake.story_outlets) == {"Gulf & Levant Monitor", "Eurasia Desk", "Anatolia Wire"}
    assert ids["quake-eurasia"] not in by_id
    alone = by_id[ids["neg-quake-izmir"]]
    assert alone.story_size == 1 and alone.story_outlets == ()
    assert "story_size" not in alone.to_json() and quake.to_json()["story_size"] == 3
    # Same order as the plain list: a story sits where its newest article would.
    positions = {row.id: n for n, row in enumerate(plain)}
    assert [positions[row.id] for row in grouped] == sorted(positions[row.id] for row in grouped)
    # Paging walks the same rows.
    assert library.summaries(offset=5, limit=4, group_stories=True) == grouped[5:9]


def test_grouped_summaries_follow_the_filter(bench: ModuleType, library: Library) -> None:
    ids = bench.store_fixture(library)
    flt = parse_query("since:2025-04-18 until:2025-04-18")
    rows = library.summaries(flt, group_stories=True)
    assert [row.id for row in rows] == [ids["rate-eurasia"], ids["araghchi-moscow-bosphorus"]]
    # Only the matching versions count: one each on that day.
    assert [row.story_size for row in rows] == [1, 1]
    assert library.count(flt, group_stories=True) == 2
    turkey = library.summaries(Filter(countries=frozenset({"Turkey"})), group_stories=True)
    crossing = next(row for row in turkey if row.id == ids["crossing-monitor"])
    assert crossing.story_size == 3


def test_story_of_unknown_article(library: Library) -> None:
    from reader.errors import NotFoundError

    with pytest.raises(NotFoundError):
        library.story_of(12345)


def _article(title: str, body: str, day: date, outlet: str) -> Extracted:
    return Extracted(title=title, body=body, outlet=outlet, published=day)


BRIDGE_A = (
    "Volunteers planted 4,000 oak saplings along the Velika river on Saturday to hold the "
    "banks against floods, the Velika valley council said. Schools from Dorn and Pemberly "
    "sent pupils to help."
)
BRIDGE_B = (
    "Pupils from Dorn and Pemberly schools joined volunteers on the Velika river banks, "
    "where 4,000 oak saplings went into the ground to guard against flooding. The valley "
    "council organised the planting and supplied spades."
)


def test_updates_and_deletes_keep_stories_consistent(library: Library) -> None:
    a = library.store(
        _article("Oaks", BRIDGE_A, date(2024, 5, 4), "Valley Post"), Annotations(), source="a"
    )
    b = library.store(
        _article("Saplings", BRIDGE_B, date(2024, 5, 5), "Dorn Courier"), Annotations(), source="b"
    )
    assert a.article_id and b.article_id
    assert {s.id for s in library.story_of(a.article_id)} == {a.article_id, b.article_id}
    # Re-imported with unrelated text, B leaves the story.
    changed = library.store(
        _article(
            "Saplings",
            "A cyclist won the hill stage at Pemberly in record time, "
            "beating last year's winner by three minutes on the final climb.",
            date(2024, 5, 5),
            "Dorn Courier",
        ),
        Annotations(),
        source="b",
    )
    assert changed.status == "updated"
    assert [s.id for s in library.story_of(a.article_id)] == [a.article_id]
    assert [s.id for s in library.story_of(b.article_id)] == [b.article_id]
    library.delete(b.article_id)
    assert library.count(group_stories=True) == 1


def test_a_library_from_before_stories_is_migrated_and_regrouped(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite3"
    conn = sqlite3.connect(path)
    for statement in MIGRATIONS[0]:
        conn.execute(statement)
    conn.execute("PRAGMA user_version = 1")
    conn.commit()
    conn.close()
    with Library(path) as lib:
        a = lib.store(
            _article("Oaks", BRIDGE_A, date(2024, 5, 4), "Valley Post"), Annotations(), source="a"
        )
        b = lib.store(
            _article("Saplings", BRIDGE_B, date(2024, 5, 5), "Dorn Courier"),
            Annotations(),
            source="b",
        )
        assert a.article_id and b.article_id
    # Forget the stories, as a library filled before they existed would have none.
    conn = sqlite3.connect(path)
    conn.execute("UPDATE articles SET story_id = NULL")
    conn.execute("DELETE FROM story_marks")
    conn.commit()
    conn.close()
    with Library(path) as lib:
        assert lib.count(group_stories=True) == 2
        assert [s.id for s in lib.story_of(b.article_id)] == [b.article_id]
        assert lib.regroup_stories() == 1
        assert lib.count(group_stories=True) == 1
        assert {s.id for s in lib.story_of(b.article_id)} == {a.article_id, b.article_id}


def _bridge_reports_across_an_upgrade(path: Path, *downgrade: str) -> tuple[int, int]:
    """Store one bridge report, run ``downgrade`` on the file, reopen, store the other.

    Returns both ids, after checking that the two reports still share a story.
    """
    with Library(path) as lib:
        a = lib.store(
            _article("Oaks", BRIDGE_A, date(2024, 5, 4), "Valley Post"), Annotations(), source="a"
        )
    conn = sqlite3.connect(path)
    for statement in downgrade:
        conn.execute(statement)
    conn.commit()
    conn.close()
    with Library(path) as lib:
        b = lib.store(
            _article("Saplings", BRIDGE_B, date(2024, 5, 5), "Dorn Courier"),
            Annotations(),
            source="b",
        )
        assert a.article_id and b.article_id
        assert {s.id for s in lib.story_of(b.article_id)} == {a.article_id, b.article_id}
    return a.article_id, b.article_id


def _stored_profiles(path: Path) -> dict[int, str]:
    conn = sqlite3.connect(path)
    stored = dict(conn.execute("SELECT article_id, figures FROM story_profiles"))
    conn.close()
    return stored


def test_articles_stored_before_profiles_get_one_when_met(tmp_path: Path) -> None:
    path = tmp_path / "v3.sqlite3"
    # As a library written before story profiles existed (version 3) has none.
    a, b = _bridge_reports_across_an_upgrade(
        path, "DROP TABLE story_profiles", "PRAGMA user_version = 3"
    )
    assert set(_stored_profiles(path)) == {a, b}  # the old one was profiled when met


def test_profiles_with_figures_in_the_old_form_are_made_again(tmp_path: Path) -> None:
    path = tmp_path / "v4.sqlite3"
    # Version 4 kept figures as written ("44.10", "185 thousand" as 185).
    a, _b = _bridge_reports_across_an_upgrade(
        path,
        "UPDATE story_profiles SET figures = '185 44.10'",
        f"PRAGMA user_version = {len(MIGRATIONS) - 1}",
    )
    expected = " ".join(sorted(stories.figures(BRIDGE_A)))
    assert _stored_profiles(path)[a] == expected != "185 44.10"


@pytest.mark.parametrize(
    "query",
    ["", "country:turkey", "country:iran,syria", "since:2025-04 until:2025-06", "is:unread quake"],
)
def test_grouped_rows_match_a_plain_computation(
    bench: ModuleType, library: Library, query: str
) -> None:
    bench.store_fixture(library)
    library.set_read(library.ids()[3])
    flt = parse_query(query)
    plain = library.summaries(flt, limit=1000)
    story = {s.id: min(v.id for v in library.story_of(s.id)) for s in plain}
    expected: dict[int, list[int]] = {}
    for s in plain:  # newest first: the first of each story stands for it
        expected.setdefault(story[s.id], []).append(s.id)
    grouped = library.summaries(flt, limit=1000, group_stories=True)
    assert [g.id for g in grouped] == [ids[0] for ids in expected.values()]
    assert [g.story_size for g in grouped] == [len(ids) for ids in expected.values()]
    assert library.count(flt, group_stories=True) == len(expected)
