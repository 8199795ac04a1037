"""Property-based tests on hostile text, filling the gaps beside tests/core.

tests/core already fuzzes the query parser (test_query.py), the date parser (test_dates.py),
the text cleaner on random dumps (test_extract_text.py) and the annotator's spans
(test_annotate_hypothesis.py). Here: the sanitiser itself, the store's re-mapping of
annotation offsets after sanitising, the byte-level entry points (extract, parse_feed,
decode_bytes) on random and markup-shaped input, the feed fragment flattener, feed dates
and the attribute guard. Only our declared errors may come out.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hostile_lib import CONTROLS, MARKUP, suspects
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reader.errors import BroadsheetError, FeedError
from reader.sanitize import clean_line, strip_controls

# Text that mixes ordinary words, markup, escape sequences, bidi controls, CRs, surrogates.
PIECES = st.sampled_from(
    [
        *MARKUP,
        *CONTROLS,
        " ",
        "\n",
        "\n\n",
        "\r\n",
        "\r",
        "\t",
        "Ankara",
        "Lavrov",
        "said",
        "\u201c",
        "\u201d",
        '"',
        "\ud800",
        "\udfff",
        "é",
        "\u0301",
        "日本",
        "\x1b[",
        "\x1b]",
        "\x9b",
    ]
)
HOSTILE_TEXT = st.one_of(
    st.lists(st.one_of(PIECES, st.text(max_size=8)), max_size=40).map("".join),
    st.text(max_size=200),
)
FAST = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
MANY = settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@FAST
@given(HOSTILE_TEXT)
def test_strip_controls_removes_every_control_and_only_deletes(text: str) -> None:
    safe = strip_controls(text)
    assert not suspects(safe)
    assert strip_controls(safe) == safe  # idempotent
    # Only deletions (and CR -> LF): the result is a subsequence of the CR-normalised input.
    source = iter(text.replace("\r\n", "\n").replace("\r", "\n"))
    assert all(ch in source for ch in safe)
    line = clean_line(text)
    assert not suspects(line) and "\n" not in line and line == line.strip()


@st.composite
def article_with_spans(draw: st.DrawFn) -> tuple[str, list[tuple[int, int]]]:
    body = draw(HOSTILE_TEXT.filter(lambda t: bool(t.strip())))
    spans = draw(
        st.lists(
            st.tuples(st.integers(-5, len(body) + 5), st.integers(-5, len(body) + 5)),
            max_size=8,
        )
    )
    return body, spans


@FAST
@given(article_with_spans(), HOSTILE_TEXT, st.lists(HOSTILE_TEXT, max_size=3))
def test_store_keeps_only_valid_offsets_into_the_sanitised_body(
    tmp_path_factory: pytest.TempPathFactory,
    drawn: tuple[str, list[tuple[int, int]]],
    title: str,
    tags: list[str],
) -> None:
    from reader.library.store import Library
    from reader.models import Annotations, Extracted, PersonMention, PlaceMention, Quote

    body, spans = drawn
    people = tuple(PersonMention(body[s:e], s, e, body[s:e]) for s, e in spans)
    places = tuple(PlaceMention(body[s:e], s, e, "Turkey\x1b[2J") for s, e in spans)
    quotes = tuple(Quote(body[s:e], s, e, title) for s, e in spans)
    path = tmp_path_factory.mktemp("store") / "lib.sqlite3"
    with Library(path) as library:
        try:
            outcome = library.store(
                Extracted(title=title, body=body, outlet=title, byline=title, tags=tags),
                Annotations(people, places, quotes, ("Turkey", title)),
                source=f"/x/{title}",
            )
        except BroadsheetError:
            return
        if outcome.article_id is None:
            return
        article = library.get(outcome.article_id)
    assert not suspects(article.body) and not suspects(article.title)
    for span in (*article.people, *article.places, *article.quotes):
        assert 0 <= span.start < span.end <= len(article.body)
        assert article.body[span.start : span.end] == span.text
    for value in (*article.tags, *article.countries, article.source, article.outlet or ""):
        assert not suspects(value)


HTML_PIECES = st.sampled_from(
    [
        "<p>",
        "</p>",
        "<div class='a'>",
        "</div>",
        "<script>",
        "</script>",
        "<!--",
        "-->",
        "<![CDATA[",
        "]]>",
        "&amp;",
        "&#0;",
        "&#xD800;",
        "&#x1b;",
        "&nosuch;",
        "<title>",
        "</title>",
        "<meta charset='utf-7'>",
        "<h1>",
        "<a href='javascript:x'>",
        "</a>",
        "<br/>",
        "<",
        ">",
        '"',
        "'",
        "=",
        "<?xml version='1.0'?>",
        "<!DOCTYPE html>",
        "<html>",
        "<body>",
        "<article>",
        "<rss version='2.0'>",
        "<item>",
        "</item>",
        "<feed xmlns='http://www.w3.org/2005/Atom'>",
        "<entry>",
        "<channel>",
        "<title>x</title>",
        "Ministers met in Ankara on Tuesday and talked for a long time about the harbour. ",
    ]
)
MARKUPISH = st.lists(st.one_of(HTML_PIECES, PIECES), max_size=60).map("".join)


@MANY
@given(
    st.one_of(st.binary(max_size=400), MARKUPISH.map(lambda t: t.encode("utf-8", "surrogatepass")))
)
def test_extract_raises_only_declared_errors_on_anything(data: bytes) -> None:
    from reader.extract import extract

    try:
        found = extract(data, source="fuzz.html")
    except BroadsheetError as exc:
        assert exc.message and "\n" not in exc.message
        return
    assert found.body.strip()
    for value in (found.title, found.body, found.outlet or "", found.byline or "", *found.tags):
        assert not suspects(value)


@MANY
@given(
    st.one_of(st.binary(max_size=400), MARKUPISH.map(lambda t: t.encode("utf-8", "surrogatepass")))
)
def test_parse_feed_raises_only_feed_errors_on_anything(data: bytes) -> None:
    from reader.sources.feeds import parse_feed

    for engine in ("auto", "feedparser"):
        try:
            parsed = parse_feed(data, "https://feed.example.org/", engine=engine)  # type: ignore[arg-type]
        except FeedError as exc:
            assert "\n" not in exc.message
            continue
        for item in parsed.items:
            for value in (item.title, item.summary, item.content, item.author or ""):
                assert not suspects(value)
            assert item.link is None or item.link.lower().startswith(("http://", "https://"))


@FAST
@given(
    st.binary(max_size=300), st.sampled_from([None, "utf-8", "utf-7", "x-nope", "utf-16", "cp500"])
)
def test_decode_bytes_never_raises(data: bytes, hint: str | None) -> None:
    from reader.sources.sniff import decode_bytes, sniff_text

    text = decode_bytes(data, hint)
    assert isinstance(text, str)
    assert sniff_text(strip_controls(text)) in {"html", "text", "feed"}


@FAST
@given(MARKUPISH)
def test_feed_fragments_flatten_to_safe_text(fragment: str) -> None:
    from reader.sources.htmltext import html_to_line, html_to_text

    text = html_to_text(fragment)
    assert not suspects(text)
    line = html_to_line(fragment)
    assert not suspects(line) and "\n" not in line


@FAST
@given(
    st.one_of(
        st.text(max_size=60),
        st.from_regex(r"\A[A-Za-z]{3}, \d{1,2} [A-Za-z]{3} -?\d{1,6} \d\d:\d\d:\d\d [+-]\d{4}\Z"),
    )
)
def test_feed_dates_never_raise(text: str) -> None:
    from reader.sources.feeds import feed_date

    feed_date(text)


@FAST
@given(MARKUPISH, st.integers(1, 8))
def test_attribute_guard_only_shortens_tags(html: str, limit: int) -> None:
    from reader.safety import limit_attributes

    many = html + "<div " + " ".join(f"a{n}=x" for n in range(600)) + ">" + html
    for text in (html, many):
        out = limit_attributes(text, max_attributes=limit)
        assert len(out) <= len(text)
        if "<div a0=x" in text:
            assert "a599=x" not in out
    assert limit_attributes(html) == html or len(html) > 512


def test_paths_with_controls_stay_one_line(tmp_path: Path) -> None:
    from reader.errors import SourceError
    from reader.sources.files import expand_paths

    odd = tmp_path / "a\x1b]2;pwned\x07b\nc.txt"
    found = list(expand_paths([str(odd)]))
    assert len(found) == 1 and isinstance(found[0], SourceError)
    # The error names the path; whoever prints it cleans it (clean_line), as the CLI does.
    assert "\n" not in clean_line(str(found[0]))
