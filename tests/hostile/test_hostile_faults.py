"""Faults: kill -9 in the middle of writes, and two processes using one library at once.

These run real child processes (and the real `broadsheet` command) and check what a user
would find afterwards; damaged files and full or read-only disks are in
test_hostile_library_files.py.
"""

from __future__ import annotations

import asyncio
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from hostile_fixtures import integrity_of, library_with_articles, write_articles
from hostile_lib import HERE, ROOT, CliRunner, cli_env, distinct_paragraph

from reader.library.store import Library
from reader.models import Filter

FAULT_CHILD = HERE / "fault_child.py"


KILLS = 20


def _start_child(*args: str) -> subprocess.Popen[str]:
    child = subprocess.Popen(
        [sys.executable, str(FAULT_CHILD), *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
        env=cli_env(),
    )
    assert child.stdout is not None
    assert child.stdout.readline().strip() == "READY"
    return child


def _kill_and_collect(child: subprocess.Popen[str], delay: float) -> list[str]:
    """SIGKILL the child after ``delay`` seconds; every line it managed to print."""
    time.sleep(delay)
    child.send_signal(signal.SIGKILL)
    child.wait()
    assert child.stdout is not None
    lines = child.stdout.read().splitlines()
    child.stdout.close()
    return lines


def _app_starts(path: Path) -> bool:
    from tui.app import BroadsheetApp

    async def run() -> bool:
        app = BroadsheetApp(library_path=path)
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.pause(0.5)
            return app.is_running
        return False

    return asyncio.run(run())


@pytest.mark.slow
def test_kill_9_during_imports_and_flag_bursts_loses_nothing_acknowledged(tmp_path: Path) -> None:
    path = tmp_path / "lib.sqlite3"
    rng = random.Random(6)
    acknowledged: set[int] = set()
    imports = flags = 0
    for round_number in range(2 * KILLS):
        if round_number % 2 == 0:
            folder = write_articles(
                tmp_path / f"batch{round_number}", 150, start=round_number * 150
            )
            child = _start_child("import", str(path), str(folder[0].parent))
            lines = _kill_and_collect(child, rng.uniform(0.05, 0.9))
            acked = {int(line.split()[1]) for line in lines if line.startswith("ACK ")}
            acknowledged |= acked
            imports += "DONE" not in lines
        else:
            with Library(path) as library:
                for number in library.ids():
                    library.set_bookmarked(number, False)
            child = _start_child("flags", str(path), str(round_number))
            lines = _kill_and_collect(child, rng.uniform(0.05, 0.8))
            bookmarked = {int(line.split()[1]) for line in lines if line.startswith("B ")}
            flags += 1
        assert integrity_of(path) == [], f"round {round_number}: damaged after kill -9"
        with Library(path) as library:
            assert library.count() >= len(acknowledged)
            present = set(library.ids())
            assert acknowledged <= present, f"lost articles {sorted(acknowledged - present)}"
            if round_number % 2 == 1:
                marked = {s.id for s in library.summaries(limit=100_000) if s.bookmarked}
                assert bookmarked <= marked, f"lost bookmarks {sorted(bookmarked - marked)}"
                assert bookmarked, "the burst should have acknowledged some bookmarks"
            assert library.integrity_problems() == []
    assert imports >= KILLS // 2, "most imports should have been killed mid-way"
    assert flags == KILLS
    assert acknowledged
    assert _app_starts(path)


@pytest.mark.slow
def test_reader_open_while_add_runs_in_another_process(tmp_path: Path) -> None:
    path = tmp_path / "lib.sqlite3"
    library_with_articles(path, tmp_path, count=5)
    folder = tmp_path / "incoming"
    write_articles(folder, 60, start=500)
    adder = subprocess.Popen(
        [sys.executable, "-m", "tui.cli", "--library", str(path), "add", str(folder)],
        cwd=ROOT,
        env=cli_env(),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    counts: list[int] = []
    bookmarked: set[int] = set()
    with Library(path) as reader_side:  # the "TUI": reads and writes while add runs
        ids = reader_side.ids()
        while adder.poll() is None:
            counts.append(reader_side.count())
            page = reader_side.summaries(limit=50)
            assert all(s.title for s in page)
            number = ids[len(counts) % len(ids)]
            reader_side.set_bookmarked(number, True)
            bookmarked.add(number)
            reader_side.set_read(number, True)
            time.sleep(0.02)
        out, err = adder.communicate()
        assert adder.returncode == 0, err
        assert out.count("added") == 60
        assert counts == sorted(counts), "the reader saw articles disappear"
        assert reader_side.count() == 65  # a refresh shows the new articles
        marked = {s.id for s in reader_side.summaries(limit=1000) if s.bookmarked}
        assert bookmarked <= marked
        assert reader_side.integrity_problems() == []
    assert len(counts) > 3, "the reader should have worked during the import"


@pytest.mark.slow
def test_the_app_open_while_add_runs_shows_the_new_articles_on_reload(tmp_path: Path) -> None:
    from tui.app import BroadsheetApp
    from tui.widgets.article_list import ArticleList

    path = tmp_path / "lib.sqlite3"
    library_with_articles(path, tmp_path, count=5)
    folder = tmp_path / "incoming"
    write_articles(folder, 40, start=800)

    async def run() -> tuple[int, int, int]:
        app = BroadsheetApp(library_path=path)
        async with app.run_test(size=(120, 40)) as pilot:
            await app.workers.wait_for_complete()
            await pilot.pause()
            screen = app.library_screen
            assert screen is not None
            before = screen.query_one(ArticleList).shape.article_count
            adder = subprocess.Popen(
                [sys.executable, "-m", "tui.cli", "--library", str(path), "add", str(folder)],
                cwd=ROOT,
                env=cli_env(),
                stdout=subprocess.DEVNULL,
                stderr=subprocess.PIPE,
            )
            presses = 0
            while adder.poll() is None:  # the app stays usable and writable meanwhile
                for key in ("j", "b", "k", "G"):
                    await pilot.press(key)
                    presses += 1
                await pilot.pause(0.05)
            assert adder.returncode == 0, adder.stderr.read() if adder.stderr else ""
            screen.reload()
            await app.workers.wait_for_complete()
            await pilot.pause()
            after = screen.query_one(ArticleList).shape.article_count
            assert app.is_running
            return before, after, presses

    before, after, presses = asyncio.run(run())
    assert before == 5 and after == 45, (before, after)
    assert presses > 0
    with Library(path) as library:
        assert library.total() == 45 and library.integrity_problems() == []


@pytest.mark.slow
def test_reader_open_while_refresh_runs_in_another_process(
    tmp_path: Path, run_cli: CliRunner
) -> None:
    import threading
    from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

    items = "".join(
        f"<item><title>Refreshed story {n}</title><link>http://127.0.0.1/story/{n}</link>"
        f"<guid>story-{n}</guid><pubDate>Tue, 05 Mar 2024 10:{n % 60:02d}:00 GMT</pubDate>"
        f"<content:encoded><![CDATA[<p>{distinct_paragraph(n + 5000)}</p>"
        f"<p>Port officials said shipment {n} cleared customs after a delay.</p>]]>"
        "</content:encoded></item>"
        for n in range(60)
    )
    feed = (
        '<?xml version="1.0" encoding="utf-8"?><rss version="2.0" '
        'xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel>'
        f"<title>Harbour wire</title><link>http://127.0.0.1/</link>{items}</channel></rss>"
    ).encode()

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            time.sleep(0.3)  # slow enough for the reader to work while it waits
            self.send_response(200)
            self.send_header("Content-Type", "application/rss+xml")
            self.send_header("Content-Length", str(len(feed)))
            self.end_headers()
            self.wfile.write(feed)

        def log_message(self, *args: object) -> None:
            return

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    path = tmp_path / "lib.sqlite3"
    library_with_articles(path, tmp_path, count=5)
    url = f"http://127.0.0.1:{server.server_address[1]}/feed.xml"
    try:
        subscribed = run_cli("--library", str(path), "feed", "add", url, "--no-full-pages")
        assert subscribed.returncode == 0, subscribed.stderr
        refresher = subprocess.Popen(
            [sys.executable, "-m", "tui.cli", "--library", str(path), "refresh"],
            cwd=ROOT,
            env=cli_env(),
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        counts: list[int] = []
        with Library(path) as reader_side:
            ids = reader_side.ids()
            marked: set[int] = set()
            while refresher.poll() is None:
                counts.append(reader_side.count())
                marked.add(ids[len(counts) % len(ids)])
                reader_side.set_bookmarked(ids[len(counts) % len(ids)], True)
                time.sleep(0.02)
            out, err = refresher.communicate()
            assert refresher.returncode == 0, err
            assert counts == sorted(counts)
            assert reader_side.count() == 65, (out, err)
            assert set(reader_side.ids(Filter(bookmarked=True))) == marked
            assert len(counts) > 3, "the reader should have worked during the refresh"
            assert reader_side.integrity_problems() == []
    finally:
        server.shutdown()
        server.server_close()


def test_kill_9_while_a_new_library_is_created_leaves_none_or_a_valid_one(
    tmp_path: Path,
) -> None:
    rng = random.Random(9)
    folder = write_articles(tmp_path / "src", 3)[0].parent
    for round_number in range(8):
        path = tmp_path / f"new{round_number}.sqlite3"
        child = subprocess.Popen(
            [sys.executable, str(FAULT_CHILD), "import", str(path), str(folder)],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            env=cli_env(),
        )
        # Python starts in about 0.1-0.3 s here: the kill lands before, during or after
        # the schema is created.
        time.sleep(rng.uniform(0.05, 0.6))
        child.send_signal(signal.SIGKILL)
        child.wait()
        if path.exists():
            assert integrity_of(path) == []
        with Library(path) as library:
            assert library.count() >= 0 and library.integrity_problems() == []
