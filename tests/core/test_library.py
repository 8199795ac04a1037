"""The library: storing, reading back, filtering, ordering, flags, annotations and feeds."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path

import pytest
from test_library_samples import (
    BODIES,
    ann,
    extracted,
    fill_library,
    roadmap_annotations,
    store_sample,
)

from reader.errors import NotFoundError
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


@pytest.fixture
def filled(library: Library) -> dict[str, int]:
    return fill_library(library)


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
    article_id = store_sample(library, "grain", "/x", published=date(2024, 2, 29))
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
    early = store_sample(library, "grain", "/1", published=datetime(2024, 5, 5, 8, 0, tzinfo=UTC))
    late = store_sample(library, "nuclear", "/2", published=datetime(2024, 5, 5, 18, 0, tzinfo=UTC))
    day_only_a = store_sample(library, "quake", "/3", published=date(2024, 5, 4))
    day_only_b = store_sample(library, "pipeline", "/4", published=date(2024, 5, 4))
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
        a = store_sample(lib, "roadmap", "/a")
        b = store_sample(lib, "grain", "/b")
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
    old = library.store(extracted("roadmap"), ann("Syria"), source="/a", annotator_version=1)
    new = library.store(extracted("grain"), ann("Ukraine"), source="/b", annotator_version=2)
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
