"""A picture of coverage: Library.weekly_counts over ISO weeks, zero-filled."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from reader.library.coverage_sql import ALL_ARTICLES, week_start
from reader.library.query import parse_query
from reader.library.store import Library
from reader.models import Annotations, Extracted, Filter


@pytest.fixture
def library(tmp_path: Path) -> Iterator[Library]:
    with Library(tmp_path / "coverage.sqlite3") as lib:
        days = [
            (date(2024, 3, 4), ("Syria",)),  # Monday, week 10
            (date(2024, 3, 10), ("Syria", "Turkey")),  # Sunday, still week 10
            (date(2024, 3, 11), ("Turkey",)),  # week 11
            (date(2024, 3, 27), ("Syria",)),  # week 13 (week 12 empty)
            (None, ("Syria",)),  # undated: never on a timeline
        ]
        for n, (day, countries) in enumerate(days):
            body = f"Report number {n} about the harbour works in district {n * 7} of the old town."
            lib.store(
                Extracted(title=f"Report {n}", body=body, published=day),
                Annotations(countries=countries),
                source=f"s{n}",
            )
        yield lib


def test_weeks_are_iso_weeks_and_zero_filled(library: Library) -> None:
    counts = library.weekly_counts(Filter(), ["Syria", "turkey"])
    assert list(counts) == ["Syria", "turkey"]
    mondays = [monday for monday, _ in counts["Syria"]]
    assert mondays == [date(2024, 3, 4), date(2024, 3, 11), date(2024, 3, 18), date(2024, 3, 25)]
    assert [n for _, n in counts["Syria"]] == [2, 0, 0, 1]
    assert [n for _, n in counts["turkey"]] == [1, 1, 0, 0]
    assert all(monday.weekday() == 0 for monday in mondays)


def test_range_comes_from_the_filter(library: Library) -> None:
    counts = library.weekly_counts(parse_query("since:2024-03-01 until:2024-04-10"), ["Syria"])
    series = counts["Syria"]
    assert series[0] == (date(2024, 2, 26), 0)
    assert series[-1][0] == week_start(date(2024, 4, 10)) == date(2024, 4, 8)
    assert sum(n for _, n in series) == 2 + 1
    assert len(series) == 7


def test_no_countries_gives_one_series_of_everything(library: Library) -> None:
    counts = library.weekly_counts(Filter(), [])
    assert list(counts) == [ALL_ARTICLES]
    assert [n for _, n in counts[ALL_ARTICLES]] == [2, 1, 0, 1]


def test_other_filters_apply(library: Library) -> None:
    counts = library.weekly_counts(parse_query("district"), ["Syria"])
    assert sum(n for _, n in counts["Syria"]) == 3
    counts = library.weekly_counts(Filter(text="zebra"), ["Syria"])
    assert counts == {"Syria": []}
    assert library.weekly_counts(Filter(), ["Narnia"]) == {"Narnia": []}
