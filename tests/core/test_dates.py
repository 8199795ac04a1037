"""Publication dates as pages write them; bad dates give None and never an exception."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reader.extract.dates import find_dates, parse_date


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("22 Jun 2023 08:38", datetime(2023, 6, 22, 8, 38)),
        ("22 Jun 2023", date(2023, 6, 22)),
        ("22nd of June, 2023", date(2023, 6, 22)),
        ("June 22, 2023", date(2023, 6, 22)),
        ("Jun 22 2023", date(2023, 6, 22)),
        ("Sept. 25, 2018", date(2018, 9, 25)),
        ("2023-06-22", date(2023, 6, 22)),
        ("2023-06-22T08:38:00Z", datetime(2023, 6, 22, 8, 38, tzinfo=UTC)),
        (
            "2023-06-22T08:38:00+03:00",
            datetime(2023, 6, 22, 8, 38, tzinfo=timezone(timedelta(hours=3))),
        ),
        ("Thu, 22 Jun 2023 08:38:00 +0000", datetime(2023, 6, 22, 8, 38, tzinfo=UTC)),
        ("Thu, 22 Jun 2023 08:38:00 GMT", datetime(2023, 6, 22, 8, 38, tzinfo=UTC)),
        ("Updated: 22 Jun 2023 08:38", datetime(2023, 6, 22, 8, 38)),
        (
            "Updated: June 22, 2023 8:38 PM EDT",
            datetime(2023, 6, 22, 20, 38, tzinfo=timezone(timedelta(hours=-4))),
        ),
        (
            "Published 22 June 2023, 08:38 BST",
            datetime(2023, 6, 22, 8, 38, tzinfo=timezone(timedelta(hours=1))),
        ),
        (
            "Thu 3 Jan 2019 02.00 EST",
            datetime(2019, 1, 3, 2, 0, tzinfo=timezone(timedelta(hours=-5))),
        ),
        ("June 22, 2023 at 12:05 am", datetime(2023, 6, 22, 0, 5)),
        ("2023/06/22", date(2023, 6, 22)),
        ("22.06.2023", date(2023, 6, 22)),
        ("22.06.2023 08:38", datetime(2023, 6, 22, 8, 38)),
        ("2023年6月22日", date(2023, 6, 22)),
        (
            "Updated 3:45 PM GMT+1 March 4, 2024",
            datetime(2024, 3, 4, 15, 45, tzinfo=timezone(timedelta(hours=1))),
        ),
        ("08:38 22.06.2023", datetime(2023, 6, 22, 8, 38)),
        (
            "Posted 11:30 GMT-5:30 on 22 Jun 2023",
            datetime(2023, 6, 22, 11, 30, tzinfo=timezone(-timedelta(hours=5, minutes=30))),
        ),
    ],
)
def test_parse_date_reads_common_forms(text: str, expected: date) -> None:
    assert parse_date(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "31 Feb 2023",
        "30 February 2024",
        "1 Jan 0201",
        "0201-01-01",
        "2023-13-45",
        "Mon, 32 Jun 2023 08:38:00 +0000",
        "99 Jun 2023",
        "1 Jan 1850",
        "12 May 9999",
        "",
        "   ",
        "no date here",
        "4 Min Read",
        "2 Shares",
        "3 hours ago",
    ],
)
def test_bad_or_missing_dates_give_none(text: str) -> None:
    assert parse_date(text) is None


def test_none_gives_none() -> None:
    assert parse_date(None) is None


def test_impossible_time_keeps_the_day() -> None:
    assert parse_date("22 Jun 2023 25:61") == date(2023, 6, 22)


def test_absurd_zone_is_dropped_not_raised() -> None:
    value = parse_date("2023-06-22T08:38:00+99:00")
    assert value is not None and value.year == 2023


def test_find_dates_in_order_without_double_readings() -> None:
    text = "On 22 Jun 2023 and June 23, 2023 and 2023-06-24T10:00Z, not 31 Feb 2023."
    found = find_dates(text)
    assert [value for _, value in found] == [
        date(2023, 6, 22),
        date(2023, 6, 23),
        datetime(2023, 6, 24, 10, 0, tzinfo=UTC),
    ]
    assert [offset for offset, _ in found] == sorted(offset for offset, _ in found)
    assert text[found[0][0] :].startswith("22 Jun 2023")


@settings(max_examples=400, deadline=None)
@given(st.text(max_size=200))
def test_parse_date_never_raises(text: str) -> None:
    value = parse_date(text)
    assert value is None or isinstance(value, date)


@settings(max_examples=200, deadline=None)
@given(
    st.integers(min_value=0, max_value=99),
    st.sampled_from(["Jan", "Feb", "June", "Sept", "Dec", "foo"]),
    st.integers(min_value=0, max_value=99999),
    st.integers(min_value=0, max_value=99),
    st.integers(min_value=0, max_value=99),
)
def test_parse_date_never_raises_on_date_shaped_text(
    day: int, month: str, year: int, hour: int, minute: int
) -> None:
    for text in (
        f"{day} {month} {year} {hour}:{minute:02d}",
        f"{month} {day}, {year}",
        f"{year:04d}-{day:02d}-{hour:02d}T{hour:02d}:{minute:02d}:00+{hour:02d}:{minute:02d}",
        f"Thu, {day} {month} {year} {hour}:{minute}:00 +{hour:02d}{minute:02d}",
    ):
        value = parse_date(text)
        assert value is None or value.year >= 1990


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=300))
def test_find_dates_never_raises(text: str) -> None:
    for offset, value in find_dates(text):
        assert 0 <= offset < len(text)
        assert isinstance(value, date)
