"""refresh_feeds end to end against a local HTTP server and a real library."""

from __future__ import annotations

import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from pytest_httpserver import HTTPServer
from werkzeug.wrappers import Request, Response

from reader.errors import NotFoundError
from reader.library.store import Library
from reader.refresh import RefreshEvent, RefreshOptions, _HostGate, refresh_feeds
from reader.refresh_ingest import CHUNK_ITEMS, IN_FLIGHT
from reader.sources.web import FetchLimits

FAST = FetchLimits(connect_timeout=2, read_timeout=2, total_timeout=10, retries=0)
OPTIONS = RefreshOptions(feed_limits=FAST, page_limits=FAST)

PAGE = """<!doctype html><html><head><title>Lighthouse keeper retires after forty years</title>
<meta name="author" content="Ada Quint"></head><body><article>
<h1>Lighthouse keeper retires after forty years</h1>
<p>The keeper of the north point lighthouse handed over his keys on Friday after forty years of
nights spent watching the channel, a job he said he never once wished to leave.</p>
<p>He climbed the hundred and twelve steps twice a day, he told a small crowd at the harbour,
and in all that time the lamp went dark only during the great storm of the winter before last.</p>
<p>The light is now run from the mainland, but the town plans to keep the tower open to visitors
through the summer months and hopes to restore the old keeper's cottage next year.</p>
</article></body></html>"""


def rss(items: list[tuple[str, str, str, str]], title: str = "Test Feed") -> str:
    """An RSS 2.0 document; items are (title, link, description, content)."""
    body = "".join(
        f"<item><title>{t}</title><link>{link}</link><guid>{link}</guid>"
        f"<pubDate>Tue, 05 Mar 2024 10:0{i % 10}:00 GMT</pubDate>"
        f"<description>{d}</description>"
        + (f"<content:encoded><![CDATA[{c}]]></content:encoded>" if c else "")
        + "</item>"
        for i, (t, link, d, c) in enumerate(items)
    )
    return (
        '<?xml version="1.0"?><rss version="2.0" '
        'xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel>'
        f"<title>{title}</title><link>https://site.example/</link>{body}</channel></rss>"
    )


_WORDS = [
    "harbour",
    "board",
    "channel",
    "ferry",
    "council",
    "market",
    "bridge",
    "school",
    "library",
    "river",
    "storm",
    "bakery",
    "lighthouse",
    "tower",
    "museum",
    "garden",
    "railway",
    "station",
    "orchard",
    "festival",
    "clinic",
    "stadium",
    "quarry",
    "tram",
    "canal",
    "reservoir",
    "airport",
    "forest",
    "beach",
    "castle",
    "theatre",
]


def story(n: int) -> str:
    """A short article body that shares no run of words with any other ``n``."""
    picks = [_WORDS[(n * 7 + k * (n + 3)) % len(_WORDS)] for k in range(12)]
    first = " ".join(f"{w}{n}" for w in picks[:6])
    second = " ".join(f"{w}{n * 31 + 5}" for w in picks[6:])
    return f"<p>Report {n}: {first} met on day {n}.</p><p>Also {second} in week {n * 3 + 1}.</p>"


@pytest.fixture
def library(tmp_path: Path) -> Iterator[Library]:
    with Library(tmp_path / "lib.sqlite3") as lib:
        yield lib


def run(library: Library, ids: list[int] | None = None, **kw: object) -> list[RefreshEvent]:
    return list(refresh_feeds(library, ids, options=OPTIONS, **kw))  # type: ignore[arg-type]


def test_refresh_stores_items_and_remembers_the_feed(
    httpserver: HTTPServer, library: Library
) -> None:
    items = [(f"Story {n}", f"https://site.example/s/{n}", "", story(n)) for n in range(3)]
    httpserver.expect_request("/feed.xml").respond_with_data(
        rss(items, title="Harbour News"),
        content_type="application/rss+xml",
        headers={"ETag": '"abc"', "Last-Modified": "Tue, 05 Mar 2024 11:00:00 GMT"},
    )
    feed = library.add_feed(httpserver.url_for("/feed.xml"))
    events = run(library)
    kinds = [e.kind for e in events]
    assert kinds[0] == "started" and kinds[-2:] == ["finished", "done"]
    assert kinds.count("item") == 3
    added = [e.outcome for e in events if e.kind == "item"]
    assert all(o is not None and o.status == "added" for o in added)
    assert events[-1].added == 3 and events[-1].feeds_done == events[-1].feeds_total == 1
    assert library.total() == 3
    article = library.get(added[0].article_id)  # type: ignore[union-attr,arg-type]
    assert article.title == "Story 0"
    assert article.url == "https://site.example/s/0"
    assert article.body.startswith("Report 0: ")
    assert article.outlet == "Harbour News"
    updated = library.get_feed(feed.id)
    assert updated.title == "Harbour News"
    assert updated.etag == '"abc"'
    assert updated.last_modified == "Tue, 05 Mar 2024 11:00:00 GMT"
    assert updated.last_new_count == 3
    assert updated.last_error is None
    assert updated.last_checked is not None


def test_second_refresh_sends_validators_and_a_304_costs_nothing(
    httpserver: HTTPServer, library: Library
) -> None:
    items = [("Only story", "https://site.example/only", "", story(1))]
    httpserver.expect_ordered_request("/f").respond_with_data(
        rss(items), content_type="application/rss+xml", headers={"ETag": '"v1"'}
    )
    httpserver.expect_ordered_request("/f", headers={"If-None-Match": '"v1"'}).respond_with_data(
        "", status=304
    )
    feed = library.add_feed(httpserver.url_for("/f"))
    run(library)
    events = run(library)
    finished = [e for e in events if e.kind == "finished"]
    assert finished[0].not_modified
    assert finished[0].added == 0
    assert library.total() == 1
    assert library.get_feed(feed.id).last_new_count == 0
    httpserver.check_assertions()


def test_items_already_seen_are_skipped(httpserver: HTTPServer, library: Library) -> None:
    items = [(f"S{n}", f"https://site.example/{n}", "", story(n)) for n in range(4)]
    httpserver.expect_request("/f").respond_with_data(rss(items), content_type="text/xml")
    library.add_feed(httpserver.url_for("/f"))
    run(library)
    events = run(library)
    assert events[-1].seen == 4 and events[-1].added == 0
    assert library.total() == 4


def test_syndicated_story_in_two_feeds_is_one_article(
    httpserver: HTTPServer, library: Library
) -> None:
    shared = ("Shared story", "https://wire.example/story?utm_source=a", "", story(7))
    same = ("Shared story", "https://wire.example/story?utm_source=b#top", "", story(7))
    httpserver.expect_request("/a").respond_with_data(rss([shared]), content_type="text/xml")
    httpserver.expect_request("/b").respond_with_data(rss([same]), content_type="text/xml")
    library.add_feed(httpserver.url_for("/a"))
    library.add_feed(httpserver.url_for("/b"))
    events = run(library)
    assert library.total() == 1
    done = events[-1]
    assert done.added == 1
    assert done.seen + done.duplicates + done.updated == 1


def test_summary_only_items_fetch_the_linked_page(httpserver: HTTPServer, library: Library) -> None:
    page_url = httpserver.url_for("/story/lighthouse")
    httpserver.expect_request("/story/lighthouse").respond_with_data(
        PAGE, content_type="text/html; charset=utf-8"
    )
    items = [("Keeper retires", page_url, "A keeper hands over the keys.", "")]
    httpserver.expect_request("/f").respond_with_data(rss(items), content_type="text/xml")
    library.add_feed(httpserver.url_for("/f"))
    events = run(library)
    (item,) = [e for e in events if e.kind == "item"]
    assert item.outcome is not None and item.outcome.status == "added"
    assert item.note is None
    article = library.get(item.outcome.article_id)  # type: ignore[arg-type]
    assert "hundred and twelve steps" in article.body
    assert article.title == "Keeper retires"
    assert article.url == page_url


def test_full_page_fetching_can_be_turned_off_per_feed(
    httpserver: HTTPServer, library: Library
) -> None:
    hits: list[str] = []

    def page(request: Request) -> Response:
        hits.append(request.path)
        return Response(PAGE, content_type="text/html")

    httpserver.expect_request("/story").respond_with_handler(page)
    items = [("Keeper retires", httpserver.url_for("/story"), "A keeper hands over the keys.", "")]
    httpserver.expect_request("/f").respond_with_data(rss(items), content_type="text/xml")
    library.add_feed(httpserver.url_for("/f"), fetch_full_pages=False)
    events = run(library)
    (item,) = [e for e in events if e.kind == "item"]
    article = library.get(item.outcome.article_id)  # type: ignore[union-attr,arg-type]
    assert article.body == "A keeper hands over the keys."
    assert hits == []


def test_a_failed_page_falls_back_to_the_summary(httpserver: HTTPServer, library: Library) -> None:
    httpserver.expect_request("/gone").respond_with_data("no", status=404)
    items = [("Gone story", httpserver.url_for("/gone"), "What the feed said about it.", "")]
    httpserver.expect_request("/f").respond_with_data(rss(items), content_type="text/xml")
    library.add_feed(httpserver.url_for("/f"))
    events = run(library)
    (item,) = [e for e in events if e.kind == "item"]
    assert item.outcome is not None and item.outcome.status == "added"
    assert item.note is not None and "HTTP 404" in item.note
    assert library.get(item.outcome.article_id).body == "What the feed said about it."  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("path", "status", "body", "reason"),
    [
        ("/missing", 404, "", "HTTP 404"),
        ("/broken", 500, "", "HTTP 500"),
        ("/html", 200, "<html><body><p>just a page</p></body></html>", "not a feed"),
        ("/bad", 200, "<rss><channel><item><title>oops", "malformed"),
    ],
)
def test_one_failing_feed_never_stops_the_others(
    httpserver: HTTPServer,
    library: Library,
    path: str,
    status: int,
    body: str,
    reason: str,
) -> None:
    httpserver.expect_request(path).respond_with_data(body, status=status, content_type="text/html")
    items = [("Good story", "https://site.example/good", "", story(1))]
    httpserver.expect_request("/good").respond_with_data(rss(items), content_type="text/xml")
    bad = library.add_feed(httpserver.url_for(path))
    good = library.add_feed(httpserver.url_for("/good"))
    events = run(library)
    failed = [e for e in events if e.kind == "failed"]
    assert len(failed) == 1 and failed[0].feed is not None and failed[0].feed.id == bad.id
    assert failed[0].error is not None and reason in failed[0].error
    assert library.total() == 1
    assert library.get_feed(bad.id).last_error is not None
    assert reason in (library.get_feed(bad.id).last_error or "")
    assert library.get_feed(good.id).last_error is None
    assert events[-1].kind == "done" and events[-1].error == "1 feed(s) failed"


def test_a_feed_error_is_cleared_by_the_next_good_refresh(
    httpserver: HTTPServer, library: Library
) -> None:
    httpserver.expect_ordered_request("/f").respond_with_data("", status=500)
    httpserver.expect_ordered_request("/f").respond_with_data(
        rss([("x", "https://site.example/x", "", story(2))]), content_type="text/xml"
    )
    feed = library.add_feed(httpserver.url_for("/f"))
    run(library)
    assert library.get_feed(feed.id).last_error == "HTTP 500 Internal Server Error"
    run(library)
    assert library.get_feed(feed.id).last_error is None


def test_only_the_named_feeds_are_refreshed(httpserver: HTTPServer, library: Library) -> None:
    httpserver.expect_request("/a").respond_with_data(
        rss([("a", "https://site.example/a", "", story(1))]), content_type="text/xml"
    )
    first = library.add_feed(httpserver.url_for("/a"))
    library.add_feed(httpserver.url_for("/not-requested"))
    events = run(library, [first.id])
    assert [e.feed.id for e in events if e.kind == "started" and e.feed] == [first.id]
    with pytest.raises(NotFoundError):
        refresh_feeds(library, [999])


def test_cancel_stops_the_refresh_and_keeps_old_validators(
    httpserver: HTTPServer, library: Library, monkeypatch: pytest.MonkeyPatch
) -> None:
    # More items than the workers are handed at once, so that some are never prepared.
    count = 3 * IN_FLIGHT
    items = [(f"S{n}", f"https://site.example/{n}", "", story(n)) for n in range(count)]
    httpserver.expect_request("/f").respond_with_data(
        rss(items), content_type="text/xml", headers={"ETag": '"new"'}
    )
    feed = library.add_feed(httpserver.url_for("/f"))
    cancel = threading.Event()
    # The reader cancels as the first batch is stored: set from the storing thread itself,
    # so the test does not depend on when the consuming thread gets to run.
    store_many = Library.store_many

    def store_then_cancel(self: Library, requests: Any) -> Any:
        outcomes = store_many(self, requests)
        cancel.set()
        return outcomes

    monkeypatch.setattr(Library, "store_many", store_then_cancel)
    events = list(refresh_feeds(library, cancel=cancel, options=OPTIONS))
    assert events[-1].kind == "done" and events[-1].cancelled
    stored = library.total()
    assert 0 < stored <= IN_FLIGHT  # the first batch, and nothing after the cancel
    assert library.get_feed(feed.id).etag is None  # the next refresh reads the feed again


def test_closing_the_generator_early_stops_the_workers(
    httpserver: HTTPServer, library: Library
) -> None:
    # More items than the workers are handed at once, so that some are never prepared.
    total = 3 * IN_FLIGHT
    items = [(f"S{n}", f"https://site.example/{n}", "", story(n)) for n in range(total)]
    httpserver.expect_request("/f").respond_with_data(rss(items), content_type="text/xml")
    library.add_feed(httpserver.url_for("/f"))
    events = refresh_feeds(library, options=OPTIONS)
    for event in events:
        if event.kind == "item":
            break
    events.close()  # type: ignore[attr-defined]
    count = library.total()
    time.sleep(0.3)
    # Nothing is stored after the close, and the refresh stopped well before its end.
    assert library.total() == count <= total - IN_FLIGHT


def test_host_gate_limits_concurrency_per_host() -> None:
    gate = _HostGate(per_host=2)
    stop = threading.Event()
    active: dict[str, int] = {"a": 0, "b": 0}
    peak: dict[str, int] = {"a": 0, "b": 0}
    lock = threading.Lock()

    def work(host: str) -> None:
        with gate.hold(f"https://{host}.example/x", stop):
            with lock:
                active[host] += 1
                peak[host] = max(peak[host], active[host])
            time.sleep(0.05)
            with lock:
                active[host] -= 1

    threads = [threading.Thread(target=work, args=(h,)) for h in "ab" * 6]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert peak == {"a": 2, "b": 2}


def test_big_feeds_are_annotated_in_worker_processes(
    httpserver: HTTPServer, library: Library
) -> None:
    items = [(f"S{n}", f"https://site.example/{n}", "", story(n)) for n in range(12)]
    items.append(("Empty", "https://site.example/empty", "", "<p> </p>"))
    httpserver.expect_request("/f").respond_with_data(rss(items), content_type="text/xml")
    library.add_feed(httpserver.url_for("/f"), fetch_full_pages=False)
    options = RefreshOptions(feed_limits=FAST, page_limits=FAST, processes=1, process_threshold=1)
    events = list(refresh_feeds(library, options=options))
    done = events[-1]
    assert done.added == 12
    assert done.failed_items == 1  # the empty item fails in the worker, reported, not a crash
    (failed,) = [e.outcome for e in events if e.outcome and e.outcome.status == "failed"]
    assert failed.error == "the item has a title but no text"
    article = library.get(library.ids()[0])
    assert article.body.startswith("Report ")
    assert article.url is not None and article.url.startswith("https://site.example/")


@pytest.mark.parametrize("processes", [0, 1])
def test_every_item_of_a_feed_longer_than_a_worker_chunk_is_stored(
    httpserver: HTTPServer, library: Library, processes: int
) -> None:
    # Items are queued (and sent to workers) a chunk at a time; a summary-only item waits
    # for its page in between, and the order of the feed is kept.
    count = 2 * CHUNK_ITEMS + 5
    items = [(f"S{n}", f"https://site.example/{n}", "", story(n)) for n in range(count)]
    items[CHUNK_ITEMS + 2] = ("Summary only", httpserver.url_for("/page"), "A teaser.", "")
    httpserver.expect_request("/f").respond_with_data(rss(items), content_type="text/xml")
    httpserver.expect_request("/page").respond_with_data(PAGE, content_type="text/html")
    library.add_feed(httpserver.url_for("/f"))
    options = RefreshOptions(
        feed_limits=FAST, page_limits=FAST, processes=processes, process_threshold=1
    )
    events = list(refresh_feeds(library, options=options))
    assert events[-1].added == count and library.total() == count
    outcomes = [e.outcome for e in events if e.kind == "item" and e.outcome]
    assert [o.title for o in outcomes] == [title for title, *_ in items]
    paged = outcomes[CHUNK_ITEMS + 2].article_id
    assert paged is not None and "keeper" in library.get(paged).body  # the page, fetched


def test_events_describe_themselves_in_one_clean_line() -> None:
    from reader.models import Feed, ImportOutcome

    feed = Feed(id=1, url="https://x.example/f", title="Harbour \x1b[2JNews")
    started = RefreshEvent("started", feed=feed, feeds_total=3)
    assert started.describe() == "[0/3] Harbour News: fetching…"
    item = RefreshEvent("item", feed=feed, outcome=ImportOutcome("s", "added", 4, "Tide\nout"))
    assert item.describe() == "Harbour News: added Tide out"
    failed = RefreshEvent(
        "failed", feed=feed, error="HTTP 404 Not Found", feeds_done=1, feeds_total=3
    )
    assert failed.describe() == "[1/3] Harbour News: HTTP 404 Not Found"
    done = RefreshEvent("done", added=5, feeds_done=3, feeds_total=3, error="1 feed(s) failed")
    assert done.describe() == "Refreshed 3/3 feeds: 5 new, 1 feed(s) failed"


def test_page_fetches_per_feed_are_capped(httpserver: HTTPServer, library: Library) -> None:
    hits: list[str] = []

    def page(request: Request) -> Response:
        hits.append(request.path)
        return Response(PAGE, content_type="text/html")

    for n in range(3):
        httpserver.expect_request(f"/p{n}").respond_with_handler(page)
    items = [(f"T{n}", httpserver.url_for(f"/p{n}"), f"Summary number {n}.", "") for n in range(3)]
    httpserver.expect_request("/f").respond_with_data(rss(items), content_type="text/xml")
    library.add_feed(httpserver.url_for("/f"))
    options = RefreshOptions(feed_limits=FAST, page_limits=FAST, max_pages_per_feed=1)
    events = list(refresh_feeds(library, options=options))
    assert hits == ["/p0"]
    bodies = sorted(library.get(i).body[:40] for i in library.ids())
    assert bodies[:2] == ["Summary number 1.", "Summary number 2."]
    assert bodies[2].startswith("The keeper of the north point lighthouse")
    assert events[-1].added == 3


def test_fetch_limits_come_from_the_config_table() -> None:
    from reader.errors import ConfigError
    from reader.refresh import options_from_config

    options = options_from_config(
        {"page_max_mb": 1, "feed_max_mb": 2.5, "timeout": 3, "per_host": 1}
    )
    assert options.page_limits.max_bytes == 1024 * 1024
    assert options.feed_limits.max_bytes == int(2.5 * 1024 * 1024)
    assert options.page_limits.read_timeout == options.feed_limits.read_timeout == 3
    assert options.per_host == 1 and options.max_items == 20_000
    assert options_from_config({}) == RefreshOptions()
    with pytest.raises(ConfigError, match="unknown key 'page_max'"):
        options_from_config({"page_max": 1})
    with pytest.raises(ConfigError, match="timeout: expected a positive number"):
        options_from_config({"timeout": "soon"})


def test_a_cancelled_feed_is_reported_even_when_the_library_is_busy(
    library: Library, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The refresh loop waits for one "finished" or "failed" event per feed: a worker that
    # raised instead would leave it waiting for ever.
    import queue
    from concurrent.futures import ThreadPoolExecutor

    from reader.errors import LibraryError
    from reader.refresh import _refresh_one, _Run
    from reader.sources.web import make_client

    feed = library.add_feed("http://127.0.0.1:9/feed")

    def busy(feed_id: int) -> object:
        raise LibraryError("library is busy", "lib.sqlite3")

    monkeypatch.setattr(library, "get_feed", busy)
    stop = threading.Event()
    stop.set()  # cancelled before the fetch starts: fetch_page says "cancelled"
    events: queue.Queue[RefreshEvent] = queue.Queue()
    with ThreadPoolExecutor(1) as pages, make_client(FAST) as client:
        run_state = _Run(library, OPTIONS, client, stop, events, pages, _HostGate(1))
        _refresh_one(run_state, feed)
    kinds = [events.get_nowait().kind for _ in range(events.qsize())]
    assert kinds == ["started", "finished"]


def test_worker_processes_start_when_stderr_is_captured(tmp_path: Path) -> None:
    # A TUI replaces sys.stderr with an object whose fileno() is -1 (Textual does): the
    # workers must start all the same. In a fresh interpreter, whose resource tracker is
    # not running yet (it is what passed stderr's descriptor on).
    script = tmp_path / "captured.py"
    script.write_text(
        "import io, sys\n"
        "class Captured(io.StringIO):\n"
        "    def fileno(self):\n"
        "        return -1\n"
        "if __name__ == '__main__':\n"
        "    sys.stderr = Captured()\n"
        "    from reader.refresh import RefreshOptions\n"
        "    from reader.refresh_ingest import _process_pool\n"
        "    pool = _process_pool(RefreshOptions(processes=1), 1000)\n"
        "    print(pool.submit(sum, [1, 2, 3]).result() if pool else 'no pool')\n"
        "    pool and pool.shutdown()\n",
        encoding="utf-8",
    )
    result = subprocess.run(
        [sys.executable, str(script)], capture_output=True, text=True, timeout=120, check=False
    )
    assert result.stdout.strip() == "6", result.stdout


def test_a_big_feed_starts_its_workers_before_parsing() -> None:
    from reader.refresh_ingest import EARLY_POOL_BYTES, early_pool

    options = RefreshOptions(processes=1)
    assert early_pool(options, EARLY_POOL_BYTES - 1) is None
    assert early_pool(RefreshOptions(processes=0), EARLY_POOL_BYTES) is None
    pool = early_pool(options, EARLY_POOL_BYTES)
    assert pool is not None
    try:
        assert pool.submit(sum, [2, 3]).result(timeout=60) == 5
    finally:
        pool.shutdown()


@pytest.mark.parametrize("early", [False, True])
def test_a_feed_broken_part_way_stores_each_item_once(
    httpserver: HTTPServer, library: Library, monkeypatch: pytest.MonkeyPatch, early: bool
) -> None:
    import reader.refresh_ingest

    if early:  # read as a stream while workers prepare, as a big feed is
        monkeypatch.setattr(reader.refresh_ingest, "EARLY_POOL_BYTES", 0)
    items = [(f"S{n}", f"https://site.example/{n}", "", story(n)) for n in range(CHUNK_ITEMS + 3)]
    # An HTML entity is not XML: the fast parser stops there and feedparser reads it all,
    # giving the items before it a second time.
    items[CHUNK_ITEMS + 1] = ("Caf&eacute; opens", "https://site.example/cafe", "", story(99))
    httpserver.expect_request("/f").respond_with_data(rss(items), content_type="text/xml")
    library.add_feed(httpserver.url_for("/f"))
    options = RefreshOptions(feed_limits=FAST, page_limits=FAST, processes=1, process_threshold=1)
    events = list(refresh_feeds(library, options=options))
    done = events[-1]
    assert (done.added, done.seen, done.failed_items) == (len(items), 0, 0)
    assert not [e for e in events if e.kind == "failed"]
    outcomes = [e.outcome for e in events if e.kind == "item" and e.outcome]
    assert [o.title for o in outcomes] == [t.replace("&eacute;", "é") for t, *_ in items]
    assert library.total() == len(items)


def test_the_early_pool_is_shut_down_when_reading_the_feed_fails(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import reader.refresh_ingest as refresh_ingest
    from reader.models import Feed
    from reader.refresh import _Counts

    class Pool:
        shut = False

        def shutdown(self, wait: bool = True, cancel_futures: bool = False) -> None:
            self.shut = True

    def broken(*_args: object) -> Iterator[object]:
        raise RuntimeError("a parser bug")  # not a feed error: it reaches the refresh loop
        yield  # a generator, like the real one

    monkeypatch.setattr(refresh_ingest, "_fresh_items", broken)
    pool = Pool()
    feed = Feed(id=1, url="https://site.example/f.xml")
    with pytest.raises(RuntimeError):
        refresh_ingest.ingest(None, feed, None, _Counts(), pool)  # type: ignore[arg-type]
    assert pool.shut


@pytest.mark.parametrize("early", [False, True])
def test_a_feed_broken_beyond_repair_keeps_the_items_before_the_break(
    httpserver: HTTPServer, library: Library, monkeypatch: pytest.MonkeyPatch, early: bool
) -> None:
    import reader.refresh_ingest
    import reader.sources.feed_stream
    from reader.errors import FeedError

    if early:
        monkeypatch.setattr(reader.refresh_ingest, "EARLY_POOL_BYTES", 0)

    def unreadable(*_args: object) -> object:
        raise FeedError("malformed XML, not a readable feed", "f")

    # The fast parser stops at the entity, and feedparser (here) cannot read the rest:
    # the items before the break are stored (the last few part of an unfinished chunk).
    monkeypatch.setattr(reader.sources.feed_stream, "parse_with_feedparser", unreadable)
    good = CHUNK_ITEMS + 3
    items = [(f"S{n}", f"https://site.example/{n}", "", story(n)) for n in range(good)]
    items.append(("Caf&eacute; opens", "https://site.example/cafe", "", story(99)))
    httpserver.expect_request("/f").respond_with_data(rss(items), content_type="text/xml")
    feed = library.add_feed(httpserver.url_for("/f"))
    options = RefreshOptions(feed_limits=FAST, page_limits=FAST, processes=1, process_threshold=1)
    events = list(refresh_feeds(library, options=options))
    (failed,) = [e for e in events if e.kind == "failed"]
    assert failed.error == "malformed XML, not a readable feed"
    assert library.total() == good
    assert library.get_feed(feed.id).last_error == "malformed XML, not a readable feed"
