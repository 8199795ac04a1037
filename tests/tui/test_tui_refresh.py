"""The `r` key: feeds refresh in a worker, new articles appear, a failing feed is a notification."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from tui_helpers import press, rows, settle, status

from tui.app import BroadsheetApp

pytestmark = pytest.mark.anyio

AppFactory = Callable[..., BroadsheetApp]

FEED = b"""<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel>
<title>Harbour Desk</title><link>http://127.0.0.1/</link><description>Test feed</description>
<item><title>Ferry service to the islands resumes after repairs</title>
<link>http://127.0.0.1/ferry</link><guid>ferry-1</guid>
<pubDate>Wed, 12 Jun 2024 08:00:00 +0000</pubDate>
<description>The ferry linking the mainland port to the two outer islands sailed again on
Wednesday morning after three weeks of engine repairs. Port officials said timetables would
return to normal by the weekend and that extra sailings were planned for the holiday.
</description></item>
<item><title>Fishing crews protest new quota rules at the harbour</title>
<link>http://127.0.0.1/quota</link><guid>quota-1</guid>
<pubDate>Tue, 11 Jun 2024 09:30:00 +0000</pubDate>
<description>Several dozen fishing crews tied up their boats across the harbour entrance on
Tuesday to protest new catch quotas. A spokesperson for the crews said the rules had been
drawn up without asking the people who would have to live with them.</description></item>
</channel></rss>
"""


#: Holds back the answer for /slow.xml until a test lets it go.
SLOW_GATE = threading.Event()


class _Handler(BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        if self.path == "/slow.xml":
            SLOW_GATE.wait(10)
            self.path = "/feed.xml"
        if self.path == "/feed.xml":
            self.send_response(200)
            self.send_header("Content-Type", "application/rss+xml")
            self.send_header("Content-Length", str(len(FEED)))
            self.end_headers()
            self.wfile.write(FEED)
        else:
            self.send_response(404)
            self.send_header("Content-Length", "0")
            self.end_headers()

    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture
def server() -> Iterator[str]:
    """A feed server on 127.0.0.1 (never the internet)."""
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_port}"
    httpd.shutdown()
    httpd.server_close()


async def test_refresh_without_feeds_says_so(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await press(pilot, "r")
        await settle(pilot)
        assert any("no feeds yet" in n.message for n in app._notifications)


async def test_refresh_adds_new_articles_and_reports_a_failing_feed(
    make_app: AppFactory, library_file: Path, server: str
) -> None:
    from reader.library.store import Library

    with Library(library_file) as library:
        library.add_feed(f"{server}/feed.xml", "Harbour Desk", fetch_full_pages=False)
        library.add_feed(f"{server}/missing.xml", "Gone Feed", fetch_full_pages=False)
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert status(app).startswith("7 of 7")
        await press(pilot, "r")
        for _ in range(20):
            await settle(pilot)
            if status(app).startswith("9 of 9"):
                break
        assert status(app).startswith("9 of 9 articles")
        shown = "\n".join(rows(app))
        assert "Ferry service to the islands resumes" in shown
        errors = [n for n in app._notifications if n.severity == "error"]
        assert any("missing.xml" in n.message or "Gone Feed" in n.message for n in errors)
        # The feeds screen shows each feed's last result and error.
        await press(pilot, "F")
        from tui.screens.feeds import FeedsScreen

        assert isinstance(app.screen, FeedsScreen)
        await settle(pilot)
        text = "\n".join(
            strip.text
            for strip in app.screen._compositor.render_strips()  # type: ignore[attr-defined]
        )
        assert "Harbour Desk" in text and "Gone Feed" in text
        assert "404" in text or "not found" in text.lower()
        await press(pilot, "escape")
        assert app.is_running


async def test_pressing_r_during_a_refresh_does_not_start_a_second_one(
    make_app: AppFactory, library_file: Path, server: str
) -> None:
    from reader.library.store import Library

    with Library(library_file) as library:
        library.add_feed(f"{server}/slow.xml")
    SLOW_GATE.clear()
    app = make_app()
    try:
        async with app.run_test(size=(120, 40)) as pilot:
            await settle(pilot)
            await pilot.press("r")
            await pilot.press("r")
            await pilot.pause()
            running = [w for w in app.workers if w.group == "refresh" and not w.is_finished]
            assert len(running) == 1
            assert any("already being refreshed" in n.message for n in app._notifications)
            SLOW_GATE.set()
            await settle(pilot)
            assert "Ferry service to the islands resumes after repairs" in " ".join(rows(app))
    finally:
        SLOW_GATE.set()
