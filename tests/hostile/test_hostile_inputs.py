"""Malformed and pathological input through the real ingest path, watched for time and memory.

Each input goes through ``reader.ingest.import_sources`` in a child process (see
``ingest_worker.py``): a hang past 10 s, a crash (an "internal error" outcome, an exception
escaping, the child dying) or a MemoryError fails. Entities must never be fetched: an HTTP
canary on 127.0.0.1 must see no request, and /etc/passwd must not reach the library.
"""

from __future__ import annotations

import os
import signal
import tempfile
import time
from pathlib import Path

import pytest
from hostile_lib import suspects
from hostile_pathological import Canary, pathological_inputs
from hostile_runner import (
    CorpusUnavailable,
    corpus_files,
    describe_failures,
    feedparser_corpus,
    run_inputs,
)

from reader.errors import ExtractionError, FeedError
from reader.library.store import Library
from reader.safety import MAX_ATTRIBUTES, limit_attributes
from reader.sources.feeds import FeedItem, parse_feed

TIME_LIMIT_S = 10.0
MEMORY_LIMIT_MB = 300.0


@pytest.mark.slow
def test_pathological_inputs_import_or_fail_clearly_in_bounded_time_and_memory(
    tmp_path: Path,
) -> None:
    canary = Canary()
    try:
        inputs = pathological_inputs(tmp_path / "in", canary.url)
        library = tmp_path / "lib.sqlite3"
        # A child per input: its peak RSS is that input's alone (imports included).
        summary = run_inputs(
            inputs.values(), library, timeout=TIME_LIMIT_S, fresh_process=True, name="pathological"
        )
    finally:
        canary.close()
    assert not summary.failures, describe_failures(summary.failures)
    assert len(summary.results) == len(inputs)
    for result in summary.results:
        assert result.seconds < TIME_LIMIT_S, (result.path, result.seconds)
        assert result.rss_mb < MEMORY_LIMIT_MB, (result.path, result.rss_mb)
        if result.status == "error":
            assert result.detail and "\n" not in result.detail, result
    assert canary.hits == [], f"an entity or link was fetched: {canary.hits}"
    assert summary.count("imported") >= 10  # the readable ones really went in
    with Library(library) as lib:
        for article in lib.iter_articles():
            for value in (article.title, article.body, article.outlet or "", *article.tags):
                assert not suspects(value), (article.source, value[:80])
                assert "root:x:0:0" not in value and "CANARY" not in value
                assert "lollollollollollollollollol" * 40 not in value  # never expanded
            # A 5 MB <title> is stored capped: it must not become a 5 MB list row.
            assert len(article.title) <= 1_000
            assert len(article.outlet or "") <= 300 and len(article.byline or "") <= 300
    by_name = {Path(r.path).name: r for r in summary.results}
    # The ones with something to read are read, lies about the encoding notwithstanding.
    for name in ("says-utf8-is-cp1252.html", "says-latin1-is-utf8.html", "external-entities.html"):
        assert by_name[name].status == "imported", by_name[name]
    assert by_name["many-attributes.html"].status == "imported"
    # Deeper than libxml2 goes (it drops everything past 256 levels): read without a tree.
    for name in ("deep-10000.html", "deep-10000-unclosed.html"):
        assert by_name[name].status == "imported", by_name[name]
    assert by_name["single-file-save.html"].status == "imported"
    for name in ("eighteen-mb-text.txt", "eighteen-mb-page.html", "over-tag-cap.html"):
        assert "to clean" in by_name[name].detail, by_name[name]
    for name in ("just-under-text-cap.txt", "just-under-tag-cap.html", "just-under-page-cap.html"):
        assert by_name[name].status == "imported", by_name[name]


def test_page_size_guard_drops_inlined_images_first() -> None:
    from reader.safety import (
        MAX_PAGE_CHARS,
        MAX_PAGE_LINES,
        MAX_PAGE_TAGS,
        MAX_TEXT_CHARS,
        drop_data_uris,
        page_too_large,
    )

    image = "data:image/svg+xml;charset=utf-8;base64," + "QUJD" * 1000
    page = f'<p>Words.</p><img src="{image}"><p>More.</p>'
    assert drop_data_uris(page) == '<p>Words.</p><img src="data:,"><p>More.</p>'
    short = '<img src="data:image/png;base64,QUJD">'
    assert drop_data_uris(short) == short  # small icons stay
    assert page_too_large("x" * MAX_PAGE_CHARS, html=True) is None
    assert "too large" in (page_too_large("x" * (MAX_PAGE_CHARS + 1), html=True) or "")
    assert "too large" in (page_too_large("x" * (MAX_TEXT_CHARS + 1)) or "")
    assert "too many tags" in (page_too_large("<br>" * (MAX_PAGE_TAGS + 1), html=True) or "")
    assert "too many lines" in (page_too_large("a\n" * (MAX_PAGE_LINES + 1)) or "")


def test_libxml2_attribute_blow_up_is_defused() -> None:
    many = " ".join(f'a{n}="{n}"' for n in range(100_000))
    page = f"<html><body><div {many}><p>Ministers met at the harbour.</p></div></body></html>"
    started = time.perf_counter()
    safe = limit_attributes(page)
    assert time.perf_counter() - started < 1.0
    assert safe.count("=") == MAX_ATTRIBUTES and "<p>Ministers met at the harbour.</p>" in safe
    # Quotes hiding ">" and "<" do not hide the tag; ordinary tags are left exactly alone.
    tricky = f'<div a="<>" {many}>text</div>'
    assert len(limit_attributes(tricky)) < 5_000
    normal = '<img src="x.png" srcset="' + "y.png 1x, " * 400 + '" alt="a>b">'
    assert limit_attributes(normal) == normal
    script = "<script>for(i=0;i<n;i++){a<b c d}</script>" * 50
    assert limit_attributes(script) == script


def test_lone_surrogate_reference_in_a_loose_feed_is_a_feed_error() -> None:
    # feedparser raises UnicodeEncodeError on &#xD800; in loose mode; we must not.
    loose = (
        b"<!DOCTYPE rss><rss version='2.0'><channel><title>a&#xD800;b</title><item>"
        b"<title>x&#xD800;</title><description>hello &#xD800; world &</description>"
        b"</item></channel></rss>"
    )
    for engine in ("auto", "feedparser"):
        with pytest.raises(FeedError) as caught:
            parse_feed(loose, engine=engine, source="surrogate.xml")  # type: ignore[arg-type]
        assert caught.value.title == "surrogate.xml"
        assert "\n" not in caught.value.message


def _corpus(request: pytest.FixtureRequest) -> Path:
    # Kept across runs in pytest's cache (or the temp folder when the cache plugin is off).
    store = getattr(request.config, "cache", None)
    if store is not None:
        cache = Path(store.mkdir("feedparser-corpus"))
    else:
        cache = Path(tempfile.gettempdir()) / "broadsheet-feedparser-corpus"
    try:
        return feedparser_corpus(cache)
    except CorpusUnavailable as exc:
        if os.environ.get("BROADSHEET_OFFLINE") == "1":
            pytest.skip(f"BROADSHEET_OFFLINE=1 and the feedparser corpus is not cached: {exc}")
        pytest.fail(
            "cannot fetch feedparser's test corpus (network off?); set BROADSHEET_OFFLINE=1 "
            f"to skip this test: {exc}",
            pytrace=False,
        )


@pytest.mark.slow
def test_feedparser_corpus_through_the_real_ingest_path(
    request: pytest.FixtureRequest, tmp_path: Path
) -> None:
    files = corpus_files(_corpus(request))
    assert len(files) > 2_000, "feedparser's sdist should hold about 2,200 test files"
    summary = run_inputs(files, tmp_path / "corpus.sqlite3", timeout=TIME_LIMIT_S, name="corpus")
    assert not summary.failures, describe_failures(summary.failures)
    assert summary.count("imported") + summary.count("error") == len(files)
    assert summary.count("imported") > 200  # the well-formed feeds with items go in
    assert summary.peak_mb < MEMORY_LIMIT_MB
    with Library(tmp_path / "corpus.sqlite3") as lib:
        assert lib.integrity_problems() == []
        for article in lib.iter_articles():
            for value in (article.title, article.body, article.byline or "", article.url or ""):
                assert not suspects(value), (article.source, value[:80])
            if article.url:
                assert article.url.lower().startswith(("http://", "https://")), article.url


@pytest.mark.slow
def test_feedparser_corpus_through_the_feedparser_engine_directly(
    request: pytest.FixtureRequest,
) -> None:
    """Forcing the slow engine covers feedparser's normaliser on the files lxml accepts."""
    errors = 0

    def hang(signum: int, frame: object) -> None:
        raise TimeoutError("no result within 10 s")

    previous = signal.signal(signal.SIGALRM, hang)
    try:
        for path in corpus_files(_corpus(request)):
            data = path.read_bytes()
            signal.alarm(int(TIME_LIMIT_S))  # the watchdog: a hang fails, it never blocks CI
            try:
                parsed = parse_feed(data, source=str(path), engine="feedparser")
            except FeedError as exc:
                errors += 1
                assert exc.title == str(path) and "\n" not in exc.message
                continue
            finally:
                signal.alarm(0)
            _check_items(path, parsed.items)
    finally:
        signal.signal(signal.SIGALRM, previous)
    assert errors < 2_000


def _check_items(path: Path, items: list[FeedItem]) -> None:
    for item in items:
        for value in (item.title, item.summary, item.content, item.author or ""):
            assert not suspects(value), (path, value[:80])
        assert item.link is None or item.link.lower().startswith(("http://", "https://"))


def test_a_feed_item_whose_html_is_a_bare_html_tag_is_not_a_crash() -> None:
    # lxml's fragment parser asserts on "<html>" (no body); found by the property tests.
    feed = (
        b"<rss version='2.0'><channel><title>t</title><item><title>x</title>"
        b"<link>https://e.example/1</link><description>&lt;html&gt;</description></item>"
        b"<item><title>y</title><link>https://e.example/2</link>"
        b"<description>&lt;html&gt;&lt;body&gt;a&lt;/body&gt;&lt;body&gt;b</description></item>"
        b"</channel></rss>"
    )
    for engine in ("lxml", "feedparser"):
        parsed = parse_feed(feed, engine=engine)  # type: ignore[arg-type]
        assert [item.title for item in parsed.items] == ["x", "y"]


def test_store_caps_titles_names_and_tags(tmp_path: Path) -> None:
    from reader.models import Annotations, Extracted

    with Library(tmp_path / "lib.sqlite3") as library:
        stored = library.store(
            Extracted(
                title="word " * 1_000_000,
                body="Ministers met at the harbour on Tuesday.",
                outlet="O" * 100_000,
                byline="B" * 100_000,
                tags=[f"tag{n} " * 100 for n in range(1_000)],
            ),
            Annotations(),
            source="/big-title.html",
        )
        assert stored.article_id is not None
        article = library.get(stored.article_id)
        summary = library.summaries()[0]
    assert len(article.title) <= 1_000 and article.title.endswith("…")
    assert article.title.startswith("word word") and summary.title == article.title
    assert len(article.outlet or "") <= 300 and len(article.byline or "") <= 300
    assert len(article.tags) <= 100 and all(len(tag) <= 300 for tag in article.tags)


def test_a_page_nested_deeper_than_libxml2_goes_is_read_without_a_tree() -> None:
    from reader.extract import extract

    prose = "".join(f"<p>Ministers met at the harbour on day {n} to argue.</p>" for n in range(6))
    page = (
        "<html><head><title>Deep &amp; dark</title><script>var x = '<p>no</p>';</script>"
        f"</head><body>{'<div>' * 3000}{prose}<style>p {{}}</style>{'</div>' * 3000}"
        "<script>unclosed"
    )
    found = extract(page, source="deep.html")
    assert found.title == "Deep & dark"
    assert found.body.split("\n\n")[0] == "Ministers met at the harbour on day 0 to argue."
    assert found.body.count("\n\n") == 5 and "var x" not in found.body and "p {}" not in found.body
    # A page that is simply empty is still an error, deep or not.
    with pytest.raises(ExtractionError):
        extract("<html><body>" + "<div>" * 3000 + "</body></html>", source="empty.html")
