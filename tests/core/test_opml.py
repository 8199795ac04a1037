"""OPML: safe parsing, import into a library, export that round-trips; and subscribing."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path
from xml.etree.ElementTree import fromstring

import pytest
from pytest_httpserver import HTTPServer

from reader.errors import FeedError, FetchError
from reader.library.store import Library
from reader.models import Feed
from reader.sources.opml import export_opml, import_opml, parse_opml
from reader.subscribe import discover_feed, subscribe


@pytest.fixture
def library(tmp_path: Path) -> Iterator[Library]:
    with Library(tmp_path / "lib.sqlite3") as lib:
        yield lib


def _opml(fixtures_dir: Path, name: str) -> bytes:
    return (fixtures_dir / "feeds" / "opml" / name).read_bytes()


def test_parse_opml_flattens_folders_and_refuses_other_schemes(fixtures_dir: Path) -> None:
    entries, refused = parse_opml(_opml(fixtures_dir, "subscriptions.opml"))
    assert [(e.url, e.title) for e in entries] == [
        ("https://gazette.example/feeds/top.xml", "The Harbour Gazette"),
        ("https://valley.example/feed.atom", "Valley Post"),
        ("https://hills.example/rss", "Hills Weekly"),
    ]
    assert refused == ["file:///etc/passwd"]


def test_entities_are_refused_before_parsing(fixtures_dir: Path) -> None:
    started = time.monotonic()
    with pytest.raises(FeedError, match="DOCTYPE or entity") as info:
        parse_opml(_opml(fixtures_dir, "entities.opml"), source="entities.opml")
    assert info.value.title == "entities.opml"
    assert time.monotonic() - started < 1


def test_external_entity_is_refused(tmp_path: Path) -> None:
    data = (
        f'<?xml version="1.0"?><!DOCTYPE opml [<!ENTITY x SYSTEM "file://{tmp_path}/s">]>'
        '<opml version="2.0"><body><outline xmlUrl="https://a.example/&x;"/></body></opml>'
    ).encode()
    with pytest.raises(FeedError, match="refused"):
        parse_opml(data)


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"<opml><body><outline", "malformed OPML"),
        (b"<rss version='2.0'><channel/></rss>", "not an OPML file"),
        (b"", "malformed OPML"),
    ],
)
def test_bad_opml_is_a_clear_error(data: bytes, reason: str) -> None:
    with pytest.raises(FeedError, match=reason):
        parse_opml(data, source="x.opml")


def test_import_subscribes_once_and_reports(fixtures_dir: Path, library: Library) -> None:
    library.add_feed("https://hills.example/rss")
    result = import_opml(library, _opml(fixtures_dir, "subscriptions.opml"), source="s.opml")
    assert [f.url for f in result.added] == [
        "https://gazette.example/feeds/top.xml",
        "https://valley.example/feed.atom",
    ]
    assert [f.url for f in result.existing] == ["https://hills.example/rss"]
    assert result.skipped == [("file:///etc/passwd", "only http and https feeds")]
    assert len(library.feeds()) == 3
    assert library.feeds()[1].title == "The Harbour Gazette"
    again = import_opml(library, _opml(fixtures_dir, "subscriptions.opml"))
    assert again.added == [] and len(again.existing) == 3


def test_export_round_trips_and_escapes() -> None:
    feeds = [
        Feed(id=1, url="https://a.example/rss?x=1&y=2", title='Q&A <"daily">'),
        Feed(id=2, url="https://b.example/atom", title=None),
        Feed(id=3, url="https://c.example/f", title="Bad \x1b[2Jtitle\x00"),
    ]
    text = export_opml(feeds)
    root = fromstring(text.encode())
    outlines = root.findall("./body/outline")
    assert [o.get("xmlUrl") for o in outlines] == [f.url for f in feeds]
    assert outlines[0].get("text") == 'Q&A <"daily">'
    assert outlines[1].get("text") == "https://b.example/atom"
    assert outlines[2].get("text") == "Bad title"
    entries, refused = parse_opml(text.encode())
    assert [e.url for e in entries] == [f.url for f in feeds] and refused == []


def test_export_of_nothing_is_valid_opml() -> None:
    root = fromstring(export_opml([]).encode())
    assert root.tag == "opml" and root.find("body") is not None


# -- subscribing ---------------------------------------------------------------------------

RSS = (
    '<?xml version="1.0"?><rss version="2.0"><channel><title>Pier Notes</title>'
    "<item><title>One</title><link>https://pier.example/1</link></item>"
    "<item><title>Two</title><link>https://pier.example/2</link></item></channel></rss>"
)


def test_discover_a_feed_url(httpserver: HTTPServer) -> None:
    httpserver.expect_request("/rss").respond_with_data(RSS, content_type="application/rss+xml")
    found = discover_feed(httpserver.url_for("/rss"))
    assert found.feed_url == httpserver.url_for("/rss")
    assert found.title == "Pier Notes" and found.item_count == 2 and found.offered == []


def test_discover_through_a_page_that_links_feeds(
    httpserver: HTTPServer, fixtures_dir: Path
) -> None:
    page = (fixtures_dir / "feeds" / "page_with_feeds.html").read_text()
    httpserver.expect_request("/").respond_with_data(page, content_type="text/html")
    httpserver.expect_request("/feeds/top.xml").respond_with_data(RSS, content_type="text/xml")
    found = discover_feed(httpserver.url_for("/"))
    assert found.feed_url == httpserver.url_for("/feeds/top.xml")
    assert found.page_url == httpserver.url_for("/")
    assert found.offered == [
        httpserver.url_for("/feeds/top.xml"),
        "https://gazette.example/feeds/all.atom",
    ]
    with pytest.raises(FeedError, match="offers 2 feed"):
        discover_feed(httpserver.url_for("/"), pick=5)


def test_a_page_without_feeds_is_a_clear_error(httpserver: HTTPServer) -> None:
    httpserver.expect_request("/plain").respond_with_data(
        "<html><head><title>x</title></head><body><p>No feeds here.</p></body></html>",
        content_type="text/html",
    )
    with pytest.raises(FeedError, match="does not link an RSS or Atom feed"):
        discover_feed(httpserver.url_for("/plain"))


def test_subscribe_stores_the_given_url_not_the_redirect(
    httpserver: HTTPServer, library: Library
) -> None:
    httpserver.expect_request("/old").respond_with_data(
        "", status=301, headers={"Location": "/new"}
    )
    httpserver.expect_request("/new").respond_with_data(RSS, content_type="text/xml")
    feed, found, created = subscribe(library, httpserver.url_for("/old"))
    assert found.feed_url == feed.url and found.item_count == 2
    assert created and feed.url == httpserver.url_for("/old")
    assert feed.title == "Pier Notes"
    again, _, created_again = subscribe(library, httpserver.url_for("/old"))
    assert not created_again and again.id == feed.id
    assert len(library.feeds()) == 1


def test_subscribe_refuses_non_http(library: Library) -> None:
    with pytest.raises(FetchError, match="only http and https"):
        subscribe(library, "file:///etc/passwd")
    assert library.feeds() == []
