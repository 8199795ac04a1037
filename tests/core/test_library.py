"""The library: storing, reading back, filtering, ordering, flags, annotations and feeds."""

from __future__ import annotations

import gc
import os
import threading
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path

import pytest
from test_library_samples import BODIES, extracted, roadmap_annotations

from reader.errors import LibraryError, NotFoundError
from reader.library.query import parse_query
from reader.library.store import Library, StoreRequest
from reader.models import (
    Annotations,
    ArticleSummary,
    Filter,
    PersonMention,
    PlaceMention,
    SourceKind,
)


@pytest.fixture
def library(tmp_path: Path) -> Iterator[Library]:
    with Library(tmp_path / "lib.sqlite3") as lib:
        yield lib


def _ann(*countries: str) -> Annotations:
    return Annotations(countries=countries)


def _store(library: Library, key: str, source: str, **kwargs: object) -> int:
    countries = kwargs.pop("countries", ())
    assert isinstance(countries, tuple)
    outcome = library.store(extracted(key, **kwargs), _ann(*countries), source=source)  # type: ignore[arg-type]
    assert outcome.status == "added", outcome
    assert outcome.article_id is not None
    return outcome.article_id


@pytest.fixture
def filled(library: Library) -> dict[str, int]:
    """Five articles: four dated (two in 2024), one undated; various countries."""
    ids = {
        "roadmap": _store(
            library,
            "roadmap",
            "/a",
            published=date(2023, 6, 22),
            countries=("Syria", "Turkey", "Russia"),
        ),
        "grain": _store(
            library,
            "grain",
            "/b",
            published=datetime(2024, 3, 1, 9, 30, tzinfo=UTC),
            countries=("Ukraine", "Turkey"),
        ),
        "nuclear": _store(
            library, "nuclear", "/c", published=date(2024, 6, 30), countries=("Iran",)
        ),
        "quake": _store(library, "quake", "/d", published=None, countries=("Turkey", "Syria")),
        "pipeline": _store(
            library, "pipeline", "/e", published=date(2025, 1, 1), countries=("Azerbaijan",)
        ),
    }
    return ids


def test_new_library_creates_its_folder_lazily(tmp_path: Path) -> None:
    target = tmp_path / "deep" / "er" / "lib.sqlite3"
    assert not target.parent.exists()
    with Library(target) as lib:
        assert lib.path == target
        assert lib.total() == 0
    assert target.exists()


def test_default_path_comes_from_the_environment(tmp_path: Path) -> None:
    with Library() as lib:
        assert lib.path == tmp_path / "library.sqlite3"


def test_article_round_trips_with_annotations(library: Library) -> None:
    body = BODIES["roadmap"]
    annotations = roadmap_annotations(body)
    published = datetime(2023, 6, 22, 8, 38, tzinfo=timezone(timedelta(hours=3)))
    source = extracted(
        published=published,
        byline="A. Writer",
        tags=["Diplomacy", "Syria"],
        url="https://example.org/roadmap",
        kind=SourceKind.TEXT,
    )
    outcome = library.store(source, annotations, source="/tmp/roadmap.txt", annotator_version=3)
    assert outcome.status == "added"
    assert outcome.article_id is not None
    article = library.get(outcome.article_id)
    assert article.title == source.title
    assert article.body == body
    assert article.outlet == "The Daily Wire Service"
    assert article.byline == "A. Writer"
    assert article.published == published
    assert isinstance(article.published, datetime)
    assert article.tags == ("Diplomacy", "Syria")
    assert article.url == "https://example.org/roadmap"
    assert article.source == "/tmp/roadmap.txt"
    assert article.kind is SourceKind.TEXT
    assert article.people == annotations.people
    assert article.places == annotations.places
    assert article.quotes == annotations.quotes
    assert article.countries == annotations.countries
    assert article.bookmarked is False and article.read is False
    assert article.added_at is not None
    for span in (*article.people, *article.places, *article.quotes):
        assert article.body[span.start : span.end] == span.text
    assert article.to_json()["people"][0]["canonical"] == "Sergei Lavrov"


def test_a_date_without_time_comes_back_as_a_date(library: Library) -> None:
    article_id = _store(library, "grain", "/x", published=date(2024, 2, 29))
    published = library.get(article_id).published
    assert published == date(2024, 2, 29)
    assert not isinstance(published, datetime)


def test_get_unknown_id_raises_not_found(library: Library) -> None:
    with pytest.raises(NotFoundError) as info:
        library.get(999)
    assert info.value.title == "999"


def test_hostile_text_is_sanitised_and_offsets_follow(library: Library) -> None:
    body = "\x1b]2;pwned\x07Lavrov\x1b[2J spoke in Ankara.\r\nThen he left."
    lavrov, ankara = body.index("Lavrov"), body.index("Ankara")
    annotations = Annotations(
        people=(PersonMention("Lavrov", lavrov, lavrov + 6, "Lavrov"),),
        places=(PlaceMention("Ankara", ankara, ankara + 6, "Turkey", "city"),),
    )
    outcome = library.store(
        extracted(title="Title\x1b[31m red\u202e", body=body, outlet="Out\x07let"),
        annotations,
        source="/evil.txt",
    )
    assert outcome.article_id is not None
    article = library.get(outcome.article_id)
    assert article.body == "Lavrov spoke in Ankara.\nThen he left."
    assert article.title == "Title red"
    assert article.outlet == "Outlet"
    assert [p.text for p in article.people] == ["Lavrov"]
    assert [p.text for p in article.places] == ["Ankara"]
    for span in (*article.people, *article.places):
        assert article.body[span.start : span.end] == span.text


def test_spans_outside_the_body_are_dropped(library: Library) -> None:
    body = BODIES["grain"]
    bad = Annotations(people=(PersonMention("Ghost", len(body) - 2, len(body) + 40, "Ghost"),))
    outcome = library.store(extracted("grain"), bad, source="/g")
    assert outcome.article_id is not None
    assert library.get(outcome.article_id).people == ()


def test_newest_first_undated_last(library: Library, filled: dict[str, int]) -> None:
    order = [s.id for s in library.summaries()]
    assert order == [filled[k] for k in ("pipeline", "nuclear", "grain", "roadmap", "quake")]
    assert library.ids() == order


def test_same_day_time_and_id_order(library: Library) -> None:
    early = _store(library, "grain", "/1", published=datetime(2024, 5, 5, 8, 0, tzinfo=UTC))
    late = _store(library, "nuclear", "/2", published=datetime(2024, 5, 5, 18, 0, tzinfo=UTC))
    day_only_a = _store(library, "quake", "/3", published=date(2024, 5, 4))
    day_only_b = _store(library, "pipeline", "/4", published=date(2024, 5, 4))
    assert library.ids() == [late, early, day_only_b, day_only_a]


def test_paging_walks_the_whole_list_once(library: Library) -> None:
    requests = [
        StoreRequest(
            extracted(
                body=f"Item number {i} says something unique about topic {i * 7}.",
                title=f"Item {i}",
                published=date(2024, 1, 1) + timedelta(days=i % 9) if i % 4 else None,
            ),
            Annotations(),
            f"/page/{i}",
        )
        for i in range(53)
    ]
    outcomes = library.store_many(requests)
    assert [o.status for o in outcomes] == ["added"] * 53
    pages = [library.summaries(offset=o, limit=10) for o in range(0, 60, 10)]
    seen = [s.id for page in pages for s in page]
    assert seen == library.ids()
    assert len(set(seen)) == 53
    assert all(isinstance(s, ArticleSummary) for page in pages for s in page)
    assert library.summaries(offset=100) == []
    assert library.summaries(limit=0) == []


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("", {"roadmap", "grain", "nuclear", "quake", "pipeline"}),
        ("country:turkey", {"roadmap", "grain", "quake"}),
        ("country:iran,azerbaijan", {"nuclear", "pipeline"}),
        ("country:TÜRKIYE", {"roadmap", "grain", "quake"}),
        ("country:narnia", set()),
        ("since:2024", {"grain", "nuclear", "pipeline"}),
        ("until:2024-06", {"roadmap", "grain", "nuclear"}),
        ("since:2024-03-01 until:2024-03-01", {"grain"}),
        ("since:2024-06-30 until:2024-06-30", {"nuclear"}),
        ("since:2024-07 until:2024-12", set()),
        ("is:undated", {"quake"}),
        ("is:dated", {"roadmap", "grain", "nuclear", "pipeline"}),
        ("wheat", {"grain"}),
        ("whea", {"grain"}),
        ("whe", {"grain", "nuclear"}),
        ('"atomic energy agency"', {"nuclear"}),
        ('"energy agency atomic"', set()),
        ("moscow lavrov", {"roadmap"}),
        ("country:turkey rescue", {"quake"}),
        ("country:turkey since:2023 until:2023-12", {"roadmap"}),
        ("Téhran", {"nuclear"}),
    ],
)
def test_filters(library: Library, filled: dict[str, int], query: str, expected: set[str]) -> None:
    flt = parse_query(query)
    want = {filled[k] for k in expected}
    assert set(library.ids(flt)) == want
    assert library.count(flt) == len(want)
    assert {s.id for s in library.summaries(flt)} == want


def test_rare_and_common_countries_page_alike(library: Library) -> None:
    requests = [
        StoreRequest(
            extracted(
                body=f"Bulletin {i} covers harbour works at pier {i} and crane {i * 3}.",
                title=f"Bulletin {i}",
                published=date(2024, 1, 1) + timedelta(days=i),
            ),
            Annotations(countries=("Narnia",) if i == 7 else ("Ruritania",) if i % 2 else ()),
            f"/bulletin/{i}",
        )
        for i in range(40)
    ]
    ids = [o.article_id for o in library.store_many(requests)]
    rare = library.summaries(parse_query("country:narnia"))  # 1 in 40: ids collected first
    common = library.summaries(parse_query("country:ruritania,narnia"))  # walks the order
    assert [s.id for s in rare] == [ids[7]]
    assert [s.id for s in common] == [ids[i] for i in reversed(range(40)) if i % 2]
    assert library.count(parse_query("country:ruritania,narnia")) == 20
    assert library.count(parse_query("country:ruritania")) == 19
    assert library.count(parse_query("country:narnia since:2024-01-08")) == 1
    assert library.count(parse_query("country:narnia since:2024-01-09")) == 0
    assert library.summaries(parse_query("country:ruritania"), offset=18, limit=5) == [
        s for s in common if s.id == ids[1]
    ]


def test_an_undated_article_never_matches_a_date_bound(
    library: Library, filled: dict[str, int]
) -> None:
    wide = Filter(since=date(1, 1, 1), until=date(9999, 12, 31))
    assert filled["quake"] not in library.ids(wide)
    assert library.count(wide) == 4
    assert library.count(Filter(since=date(1900, 1, 1))) == 4
    assert library.count(Filter(until=date(2100, 1, 1))) == 4


def test_bookmark_and_read_flags_filter_and_persist(tmp_path: Path) -> None:
    path = tmp_path / "flags.sqlite3"
    with Library(path) as lib:
        a = _store(lib, "roadmap", "/a")
        b = _store(lib, "grain", "/b")
        lib.set_bookmarked(a)
        lib.set_read(b)
        assert lib.ids(Filter(bookmarked=True)) == [a]
        assert lib.ids(Filter(unread=True)) == [a]
        assert lib.count(Filter(bookmarked=True, unread=True)) == 1
    with Library(path) as lib:
        assert lib.get(a).bookmarked and not lib.get(a).read
        assert lib.get(b).read and not lib.get(b).bookmarked
        lib.set_bookmarked(a, False)
        lib.set_read(b, False)
        assert lib.count(Filter(bookmarked=True)) == 0
        assert lib.count(Filter(unread=True)) == 2
        with pytest.raises(NotFoundError):
            lib.set_bookmarked(12345)
        with pytest.raises(NotFoundError):
            lib.set_read(12345)


def test_people_and_places_filters(library: Library, filled: dict[str, int]) -> None:
    body = BODIES["roadmap"]
    outcome = library.store(
        extracted("roadmap", title="Roadmap with names"), roadmap_annotations(body), source="/names"
    )
    # Same body as "roadmap": a duplicate, so annotate the kept one instead.
    assert outcome.status == "duplicate"
    library.replace_annotations(filled["roadmap"], roadmap_annotations(body), 2)
    target = {filled["roadmap"]}
    for query in (
        "person:lavrov",
        "person:LAVROV",
        'person:"sergei lavrov"',
        "person:sergei",
        "place:ankara",
        "place:Moscow",
        "person:nobody,lavrov",
    ):
        assert set(library.ids(parse_query(query))) == target, query
    assert library.count(parse_query("person:ankara")) == 0
    assert library.count(parse_query("place:lavrov")) == 0
    assert library.count(Filter(people=frozenset({"!!!"}))) == 0


def test_hostile_search_text_never_raises(library: Library, filled: dict[str, int]) -> None:
    hostile = [
        '"',
        '""',
        "AND",
        "OR",
        "NOT",
        "*",
        "NEAR(",
        "NEAR(a b",
        "(",
        ")",
        "^",
        ":",
        "title:wheat",
        "wheat AND",
        "- wheat",
        '"unclosed phrase',
        "col:*",
        "{a b}",
        "a\x00b",
        "'",
        "\\",
        "+",
        "wheat*",
        "NEAR",
        "wheat OR",
        "\u202e",
        "_",
    ]
    for text in hostile:
        flt = Filter(text=text)
        assert library.count(flt) >= 0
        library.summaries(flt)
    # Operators are plain words: "AND" finds the word "and" (as a prefix), like "and" does.
    assert library.ids(Filter(text="AND")) == library.ids(Filter(text="and"))
    assert library.count(Filter(text="AND")) > 0
    assert library.count(Filter(text='wheat "NEAR"')) == 0
    assert library.count(Filter(text='"')) == 5  # nothing searchable: no constraint
    assert library.ids(Filter(text="wheat AND")) == library.ids(Filter(text="wheat and"))
    assert library.ids(Filter(text="wheat*")) == [filled["grain"]]


def test_countries_lists_counts(library: Library, filled: dict[str, int]) -> None:
    counts = dict(library.countries())
    assert counts == {
        "Turkey": 3,
        "Syria": 2,
        "Russia": 1,
        "Ukraine": 1,
        "Iran": 1,
        "Azerbaijan": 1,
    }
    assert library.countries()[0] == ("Turkey", 3)


def test_iter_articles_follows_list_order(library: Library, filled: dict[str, int]) -> None:
    articles = list(library.iter_articles(parse_query("country:turkey")))
    assert [a.id for a in articles] == library.ids(parse_query("country:turkey"))
    assert all(a.body for a in articles)


def test_replace_annotations_and_stale_ids(library: Library) -> None:
    old = library.store(extracted("roadmap"), _ann("Syria"), source="/a", annotator_version=1)
    new = library.store(extracted("grain"), _ann("Ukraine"), source="/b", annotator_version=2)
    assert old.article_id is not None and new.article_id is not None
    assert library.stale_annotation_ids(2) == [old.article_id]
    assert library.stale_annotation_ids(3) == [old.article_id, new.article_id]
    library.replace_annotations(old.article_id, roadmap_annotations(BODIES["roadmap"]), 2)
    assert library.stale_annotation_ids(2) == []
    article = library.get(old.article_id)
    assert article.countries == ("Syria", "Turkey", "Russia")
    assert library.count(parse_query("country:russia")) == 1
    assert library.count(parse_query("person:lavrov")) == 1
    with pytest.raises(NotFoundError):
        library.replace_annotations(999, Annotations(), 2)


def test_delete_removes_from_search_and_filters(library: Library, filled: dict[str, int]) -> None:
    library.delete(filled["grain"])
    assert library.count(Filter(text="wheat")) == 0
    assert library.count(parse_query("country:ukraine")) == 0
    with pytest.raises(NotFoundError):
        library.delete(filled["grain"])


def test_threads_each_use_their_own_connection(library: Library, filled: dict[str, int]) -> None:
    errors: list[BaseException] = []
    counts: list[int] = []

    def work() -> None:
        try:
            for _ in range(20):
                counts.append(library.count(parse_query("country:turkey")))
                library.set_read(filled["grain"], True)
        except BaseException as exc:  # pragma: no cover - reported below
            errors.append(exc)

    threads = [threading.Thread(target=work) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert set(counts) == {3}
    assert library.get(filled["grain"]).read


def test_closed_library_refuses(tmp_path: Path) -> None:
    lib = Library(tmp_path / "c.sqlite3")
    lib.close()
    lib.close()  # twice is fine
    with pytest.raises(LibraryError, match="closed"):
        lib.total()


def test_feeds_api(library: Library, filled: dict[str, int]) -> None:
    feed = library.add_feed("https://example.org/feed.xml", title="Example")
    assert feed.url == "https://example.org/feed.xml" and feed.title == "Example"
    assert feed.fetch_full_pages is True and feed.last_checked is None
    again = library.add_feed("https://example.org/feed.xml", title="Other")
    assert again == feed
    second = library.add_feed("https://example.com/atom", fetch_full_pages=False)
    assert [f.id for f in library.feeds()] == [feed.id, second.id]
    assert library.get_feed(second.id).fetch_full_pages is False
    checked = datetime(2025, 1, 2, 3, 4, 5, tzinfo=UTC)
    updated = library.update_feed(
        feed.id,
        etag='W/"abc"',
        last_modified="Thu, 01 Jan 2025",
        last_checked=checked,
        last_error="timed out\nafter 10 s",
        last_new_count=4,
    )
    assert updated.etag == 'W/"abc"' and updated.last_checked == checked
    assert updated.last_error == "timed out after 10 s" and updated.last_new_count == 4
    assert updated.title == "Example"  # untouched fields stay
    cleared = library.update_feed(feed.id, last_error=None)
    assert cleared.last_error is None and cleared.etag == 'W/"abc"'

    assert library.seen_item("guid-1") is None
    library.mark_item_seen("guid-1", filled["grain"], feed.id)
    assert library.seen_item("guid-1") == filled["grain"]
    library.mark_item_seen("guid-1", filled["quake"], second.id)
    assert library.seen_item("guid-1") == filled["quake"]
    with pytest.raises(NotFoundError):
        library.mark_item_seen("guid-2", 9999, feed.id)

    library.remove_feed(second.id)
    assert [f.id for f in library.feeds()] == [feed.id]
    assert library.seen_item("guid-1") == filled["quake"]  # survives the feed's removal
    with pytest.raises(NotFoundError):
        library.get_feed(second.id)
    with pytest.raises(NotFoundError):
        library.remove_feed(second.id)
    with pytest.raises(NotFoundError):
        library.update_feed(second.id, title="x")


def test_worker_threads_do_not_leak_connections(library: Library, filled: dict[str, int]) -> None:
    def open_files() -> int:
        return len(os.listdir("/proc/self/fd"))

    def query() -> None:
        library.count(parse_query("country:turkey"))

    for _ in range(3):  # warm up
        threading.Thread(target=query).start()
    before = open_files()
    # SQLite keeps a few closed descriptors for reuse (POSIX locks); a leak holds one or
    # more per connection, so 150 threads would add 150+.
    for _ in range(150):
        thread = threading.Thread(target=query)
        thread.start()
        thread.join()
    gc.collect()
    assert open_files() - before < 75
