"""Who said what: Library.quotes / Library.speakers, `broadsheet quotes`, person:/place: filters."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from reader.library.query import parse_query
from reader.library.store import Library
from reader.models import Annotations, Extracted, Filter, PersonMention, PlaceMention, Quote
from tui.cli import main


def _quote(body: str, text: str, speaker: str | None) -> Quote:
    start = body.index(text)
    return Quote(text, start, start + len(text), speaker)


def _store(
    library: Library,
    source: str,
    title: str,
    body: str,
    quotes: list[tuple[str, str | None]],
    *,
    published: date | None,
    countries: tuple[str, ...] = (),
    people: tuple[str, ...] = (),
    place: str | None = None,
    outlet: str = "The Harbour Post",
) -> int:
    mentions = tuple(
        PersonMention(name, body.index(name), body.index(name) + len(name), name) for name in people
    )
    places = ()
    if place:
        places = (PlaceMention(place, body.index(place), body.index(place) + len(place), "Turkey"),)
    annotations = Annotations(
        people=mentions,
        places=places,
        quotes=tuple(_quote(body, text, speaker) for text, speaker in quotes),
        countries=countries,
    )
    extracted = Extracted(title=title, body=body, outlet=outlet, published=published)
    outcome = library.store(extracted, annotations, source=source)
    assert outcome.status == "added" and outcome.article_id is not None
    return outcome.article_id


BODY_A = (
    "Sergei Lavrov met his Turkish counterpart in Ankara on Tuesday to discuss grain exports.\n\n"
    '"We found common ground on the shipping lanes," Lavrov told reporters after the meeting.\n\n'
    '"The corridor must stay open through the winter," a port official said.'
)
BODY_B = (
    "Hakan Fidan said talks with Moscow would continue next month despite the cold weather.\n\n"
    '"Nothing has been settled yet, but the door is open," Fidan said in a televised interview.'
)
BODY_C = (
    "Sergei Lavrov returned to the question of prisoner exchanges at a press conference.\n\n"
    '"Lists have been handed over and we expect an answer soon," said Lavrov, smiling.\n\n'
    '"We will study them carefully," Hakan Fidan replied a day later.'
)


@pytest.fixture
def library(tmp_path: Path) -> Iterator[Library]:
    with Library(tmp_path / "quotes.sqlite3") as lib:
        yield lib


@pytest.fixture
def ids(library: Library) -> dict[str, int]:
    return {
        "a": _store(
            library,
            "/a.txt",
            "Lavrov in Ankara",
            BODY_A,
            [
                ('"We found common ground on the shipping lanes,"', "Sergei Lavrov"),
                ('"The corridor must stay open through the winter,"', None),
            ],
            published=date(2024, 3, 5),
            countries=("Russia", "Turkey"),
            people=("Sergei Lavrov",),
            place="Ankara",
        ),
        "b": _store(
            library,
            "/b.txt",
            "Fidan on Moscow talks",
            BODY_B,
            [('"Nothing has been settled yet, but the door is open,"', "Hakan Fidan")],
            published=date(2024, 3, 9),
            countries=("Turkey",),
            people=("Hakan Fidan",),
            outlet="Bosphorus Daily",
        ),
        "c": _store(
            library,
            "/c.txt",
            "Prisoner lists handed over",
            BODY_C,
            [
                ('"Lists have been handed over and we expect an answer soon,"', "Sergei Lavrov"),
                ('"We will study them carefully,"', "Hakan Fidan"),
            ],
            published=date(2024, 4, 2),
            countries=("Russia",),
            people=("Sergei Lavrov", "Hakan Fidan"),
        ),
    }


def test_quotes_are_grouped_by_speaker_newest_first(library: Library, ids: dict[str, int]) -> None:
    entries = library.quotes(Filter())
    speakers = [e.speaker_name for e in entries]
    # Groups in order of their newest quote (Lavrov and Fidan both quoted in C on 2 April;
    # Lavrov's quote comes first in it), the unattributed last.
    assert speakers == [
        "Sergei Lavrov",
        "Sergei Lavrov",
        "Hakan Fidan",
        "Hakan Fidan",
        "Unattributed",
    ]
    lavrov = [e for e in entries if e.speaker == "Sergei Lavrov"]
    assert [e.article_id for e in lavrov] == [ids["c"], ids["a"]]
    assert lavrov[0].published == date(2024, 4, 2)
    assert lavrov[0].title == "Prisoner lists handed over"
    assert lavrov[0].outlet == "The Harbour Post"
    # Offsets point at the quote in its article.
    article = library.get(lavrov[0].article_id)
    assert article.body[lavrov[0].start : lavrov[0].end] == lavrov[0].text


def test_quotes_follow_the_filter(library: Library, ids: dict[str, int]) -> None:
    march = library.quotes(parse_query("since:2024-03 until:2024-03"))
    assert {e.article_id for e in march} == {ids["a"], ids["b"]}
    turkey = library.quotes(Filter(countries=frozenset({"Turkey"})))
    assert {e.article_id for e in turkey} == {ids["a"], ids["b"]}
    words = library.quotes(parse_query("prisoner"))
    assert {e.article_id for e in words} == {ids["c"]}


def test_speaker_filter_matches_words_of_the_name(library: Library, ids: dict[str, int]) -> None:
    assert [e.article_id for e in library.quotes(speaker="lavrov")] == [ids["c"], ids["a"]]
    assert len(library.quotes(speaker="LAVROV Sergei")) == 2
    assert library.quotes(speaker="sergei fidan") == []
    unattributed = library.quotes(speaker="unattributed")
    assert [e.text for e in unattributed] == ['"The corridor must stay open through the winter,"']


def test_quotes_page_with_offset_and_limit(library: Library, ids: dict[str, int]) -> None:
    everything = library.quotes()
    assert library.quotes(offset=1, limit=2) == everything[1:3]
    assert library.quotes(offset=10) == []


def test_speakers_counts_most_quoted_first_unattributed_last(
    library: Library, ids: dict[str, int]
) -> None:
    assert library.speakers() == [("Hakan Fidan", 2), ("Sergei Lavrov", 2), ("Unattributed", 1)]
    assert library.speakers(Filter(countries=frozenset({"Russia"}))) == [
        ("Sergei Lavrov", 2),
        ("Hakan Fidan", 1),
        ("Unattributed", 1),
    ]


def test_person_and_place_filters(library: Library, ids: dict[str, int]) -> None:
    assert set(library.ids(parse_query("person:lavrov"))) == {ids["a"], ids["c"]}
    assert set(library.ids(parse_query("person:fidan"))) == {ids["b"], ids["c"]}
    assert library.ids(parse_query("place:ankara")) == [ids["a"]]
    assert library.ids(parse_query("person:lavrov place:ankara")) == [ids["a"]]


def _cli(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    status = main(list(argv))
    captured = capsys.readouterr()
    return status, captured.out, captured.err


def test_cli_quotes_json_and_speaker(
    library: Library, ids: dict[str, int], capsys: pytest.CaptureFixture[str]
) -> None:
    lib = str(library.path)
    status, stdout, _ = _cli(capsys, "--library", lib, "quotes", "--speaker", "fidan", "--json")
    assert status == 0
    rows = json.loads(stdout)
    assert [r["article_id"] for r in rows] == [ids["c"], ids["b"]]
    assert rows[0]["speaker"] == "Hakan Fidan"
    assert rows[0]["text"] == '"We will study them carefully,"'


def test_cli_quotes_text_groups_and_filters(
    library: Library, ids: dict[str, int], capsys: pytest.CaptureFixture[str]
) -> None:
    lib = str(library.path)
    status, stdout, _ = _cli(capsys, "--library", lib, "quotes", "--country", "turkey")
    assert status == 0
    lines = stdout.splitlines()
    assert lines[0] == "Hakan Fidan"
    assert "Sergei Lavrov" in lines
    assert lines[-3] == "Unattributed"
    assert "Prisoner lists" not in stdout  # C is tagged Russia only
    status, stdout, _ = _cli(
        capsys, "--library", lib, "quotes", "--since", "2024-04", "--query", "lavrov"
    )
    assert status == 0
    assert '"Lists have been handed over' in stdout
    assert "Bosphorus" not in stdout


def test_cli_quotes_speakers_and_bad_date(
    library: Library, ids: dict[str, int], capsys: pytest.CaptureFixture[str]
) -> None:
    lib = str(library.path)
    status, stdout, _ = _cli(capsys, "--library", lib, "quotes", "--speakers")
    assert status == 0
    assert stdout.split("\n")[0].split() == ["2", "Hakan", "Fidan"]
    status, _, stderr = _cli(capsys, "--library", lib, "quotes", "--since", "March")
    assert status == 1
    assert "--since March" in stderr


def test_cli_list_query_person(
    library: Library, ids: dict[str, int], capsys: pytest.CaptureFixture[str]
) -> None:
    lib = str(library.path)
    status, stdout, _ = _cli(capsys, "--library", lib, "list", "--query", "person:lavrov", "--json")
    assert status == 0
    assert {row["id"] for row in json.loads(stdout)} == {ids["a"], ids["c"]}
    status, stdout, _ = _cli(
        capsys, "--library", lib, "list", "--query", "place:ankara person:fidan", "--json"
    )
    assert status == 0 and json.loads(stdout) == []


def test_cli_list_query_person_on_the_bundled_samples(capsys: pytest.CaptureFixture[str]) -> None:
    """The real annotator's people: the first-run samples quote and name Lavrov."""
    status, stdout, _ = _cli(capsys, "list", "--query", "person:lavrov", "--json")
    assert status == 0
    titles = [row["title"] for row in json.loads(stdout)]
    assert titles and all(isinstance(t, str) for t in titles)
    status, stdout, _ = _cli(capsys, "list", "--json")
    assert len(json.loads(stdout)) > len(titles)
    status, stdout, _ = _cli(capsys, "quotes", "--speaker", "lavrov", "--json")
    assert status == 0
    assert all("Lavrov" in row["speaker"] for row in json.loads(stdout))
    assert json.loads(stdout)
