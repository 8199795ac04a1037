"""The filter language: parsing, formatting back, date bounds, clear errors, properties."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reader.errors import QueryError
from reader.library.filters import fts_query
from reader.library.query import (
    format_query,
    normalise_country,
    parse_date_bound,
    parse_query,
    split_text_terms,
)
from reader.models import Filter


def test_the_example_from_the_spec() -> None:
    flt = parse_query("country:syria,iran since:2024-01 until:2024-06-30 is:bookmarked lavrov")
    assert flt == Filter(
        countries=frozenset({"Syria", "Iran"}),
        since=date(2024, 1, 1),
        until=date(2024, 6, 30),
        bookmarked=True,
        text="lavrov",
    )


def test_empty_and_blank_queries_are_the_empty_filter() -> None:
    assert parse_query("") == Filter()
    assert parse_query("   \t ") == Filter()
    assert format_query(Filter()) == ""


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("syria", "Syria"),
        ("SYRIA", "Syria"),
        ("turkey", "Turkey"),
        ("Türkiye", "Turkey"),
        ("turkiye", "Turkey"),
        ("usa", "United States"),
        ("uk", "United Kingdom"),
        ("saudi arabia", "Saudi Arabia"),
        ("bosnia and herzegovina", "Bosnia and Herzegovina"),
        ("guinea-bissau", "Guinea-Bissau"),
        ("narnia", "Narnia"),
    ],
)
def test_country_names_are_normalised(typed: str, stored: str) -> None:
    assert normalise_country(typed) == stored
    assert normalise_country(stored) == stored


def test_country_values_with_spaces_are_quoted() -> None:
    flt = parse_query('country:"saudi arabia",iran')
    assert flt.countries == {"Saudi Arabia", "Iran"}
    assert format_query(flt) == 'country:Iran,"Saudi Arabia"'
    assert parse_query(format_query(flt)) == flt


def test_repeated_keys_add_up_and_keys_ignore_case() -> None:
    flt = parse_query("Country:syria COUNTRY:iran IS:Unread is:bookmarked")
    assert flt.countries == {"Syria", "Iran"}
    assert flt.unread and flt.bookmarked


@pytest.mark.parametrize(
    ("query", "field", "value"),
    [
        ("is:undated", "dates", "undated"),
        ("is:dated", "dates", "dated"),
        ("is:unread", "unread", True),
        ("is:bookmarked,unread", "unread", True),
        ("person:lavrov", "people", frozenset({"lavrov"})),
        ('person:"sergei lavrov",fidan', "people", frozenset({"sergei lavrov", "fidan"})),
        ("place:ankara", "places", frozenset({"ankara"})),
        ("since:2024", "since", date(2024, 1, 1)),
        ("until:2024", "until", date(2024, 12, 31)),
        ("until:2024-02", "until", date(2024, 2, 29)),
        ("until:2023-02", "until", date(2023, 2, 28)),
        ("since:2024-02", "since", date(2024, 2, 1)),
        ("since:2024-2-5", "since", date(2024, 2, 5)),
    ],
)
def test_keys(query: str, field: str, value: object) -> None:
    assert getattr(parse_query(query), field) == value


def test_free_words_and_phrases_become_text() -> None:
    flt = parse_query('lavrov  "foreign ministers"  talks')
    assert flt.text == 'lavrov "foreign ministers" talks'
    assert split_text_terms(flt.text) == [
        ("lavrov", False),
        ("foreign ministers", True),
        ("talks", False),
    ]
    assert parse_query("10:30 meeting").text == "10:30 meeting"  # not a key: digits
    assert parse_query('"unclosed phrase').text == '"unclosed phrase"'


@pytest.mark.parametrize(
    ("text", "end", "expected"),
    [
        ("2024", False, date(2024, 1, 1)),
        ("2024", True, date(2024, 12, 31)),
        ("2024-06", False, date(2024, 6, 1)),
        ("2024-06", True, date(2024, 6, 30)),
        ("2024-06-15", True, date(2024, 6, 15)),
        (" 2024-06-15 ", False, date(2024, 6, 15)),
    ],
)
def test_parse_date_bound(text: str, end: bool, expected: date) -> None:
    assert parse_date_bound(text, end=end) == expected


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("2024-13", "month 13 does not exist"),
        ("2024-02-30", "February 2024 has 29 days"),
        ("0000", "year 0"),
        ("yesterday", "is not a date (use YYYY, YYYY-MM or YYYY-MM-DD)"),
        ("24-01-01", "is not a date"),
        ("", "is not a date"),
    ],
)
def test_bad_date_bounds_say_what_is_wrong(text: str, fragment: str) -> None:
    with pytest.raises(QueryError, match=fragment.replace("(", r"\(").replace(")", r"\)")):
        parse_date_bound(text, end=False)


def test_a_bad_date_in_a_query_names_the_key() -> None:
    with pytest.raises(QueryError) as info:
        parse_query("since:2024-13")
    assert info.value.message.startswith("since: '2024-13' is not a date")


@pytest.mark.parametrize(
    ("query", "fragment"),
    [
        ("colour:red", "unknown filter 'colour:'"),
        ("http://example.org", "unknown filter 'http:'"),
        ("is:starred", "is: 'starred' is not a state"),
        ("country:", "country: needs a value"),
        ('person:""', "person: needs a value"),
        ("since:2024,2025", "takes one date"),
        ("since:2025 until:2024", "is after until"),
        ("is:dated is:undated", "exclude each other"),
    ],
)
def test_query_errors_say_what_is_wrong(query: str, fragment: str) -> None:
    with pytest.raises(QueryError, match=fragment):
        parse_query(query)


def test_unknown_key_error_lists_the_valid_ones() -> None:
    with pytest.raises(QueryError) as info:
        parse_query("lavrov colour:red")
    for key in ("country:", "since:", "until:", "is:", "person:", "place:"):
        assert key in info.value.message
    assert "\n" not in info.value.message


def test_format_query_writes_every_field() -> None:
    flt = Filter(
        countries=frozenset({"Syria", "Iran"}),
        since=date(2024, 1, 1),
        until=date(2024, 6, 30),
        bookmarked=True,
        unread=True,
        dates="dated",
        people=frozenset({"Sergei Lavrov"}),
        places=frozenset({"Ankara"}),
        text='talks "road map"',
    )
    text = format_query(flt)
    assert text == (
        "country:Iran,Syria since:2024-01-01 until:2024-06-30 is:bookmarked is:unread"
        ' is:dated person:"Sergei Lavrov" place:Ankara talks "road map"'
    )
    assert parse_query(text) == flt


def test_format_quotes_key_like_words_in_text() -> None:
    flt = Filter(text="re:talks")
    assert parse_query(format_query(flt)).text == '"re:talks"'


def test_fts_query_quotes_everything_and_prefixes_the_last_word() -> None:
    assert fts_query("lavrov talks") == '"lavrov" "talks"*'
    assert fts_query('talks "road map"') == '"talks" "road map"'
    assert fts_query("NEAR( AND") == '"NEAR(" "AND"*'
    assert fts_query('" * ( )') is None
    assert fts_query("a\x00b") == '"ab"*'


QUERY_ALPHABET = st.sampled_from(
    [
        *'abcsyriaturkeyiran :,"-*()0123456789 \t\n\x00\x1bÿ€İßŉ',
        "country:",
        "since:",
        "until:",
        "is:",
        "person:",
        "place:",
        "bookmarked",
        "undated",
        "2024",
        "2024-01",
        "2024-13-40",
        "NEAR(",
        "AND",
    ]
)


@settings(max_examples=400, deadline=None)
@given(st.lists(QUERY_ALPHABET, max_size=30).map("".join))
def test_parse_query_raises_only_query_errors_and_round_trips(text: str) -> None:
    try:
        flt = parse_query(text)
    except QueryError as exc:
        assert exc.message and "\n" not in exc.message
        return
    formatted = format_query(flt)
    assert parse_query(formatted) == flt
    assert format_query(parse_query(formatted)) == formatted


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=60))
def test_parse_query_on_any_text(text: str) -> None:
    try:
        flt = parse_query(text)
    except QueryError:
        return
    assert parse_query(format_query(flt)) == flt
    fts_query(flt.text)


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=12))
def test_parse_date_bound_raises_only_query_errors(text: str) -> None:
    try:
        bound = parse_date_bound(text, end=True)
    except QueryError as exc:
        assert exc.message and "\n" not in exc.message
        return
    assert bound.year == int(text.strip()[:4])
