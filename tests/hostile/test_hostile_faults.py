"""Faults: kill -9 mid-write, damaged library files, two processes at once, full and read-only disks.

tests/core/test_library_files.py covers the Library API in-process; these run the real
`broadsheet` command and real child processes, and check what a user would see.
"""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from hostile_lib import HERE, ROOT, CliRunner, cli_env, distinct_paragraph

from reader.library.migrations import SCHEMA_VERSION
from reader.library.store import Library
from reader.models import Filter

FAULT_CHILD = HERE / "fault_child.py"
KILLS = 20


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def write_articles(folder: Path, count: int, start: int = 0) -> list[Path]:
    """``count`` distinct plain-text articles (each its own story) in ``folder``."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for n in range(start, start + count):
        text = (
            f"Harbour report number {n} from the port authority\n\n"
            f"Port officials in Izmir said on Monday that shipment {n} had cleared customs "
            f"after a delay of {n % 9 + 2} days, according to the harbour master's office.\n\n"
            f"{distinct_paragraph(n)}\n\n"
            f"The authority expects traffic to return to normal by the end of week {n % 50}, "
            "though dock workers warned that the backlog could take longer to clear.\n"
        )
        path = folder / f"report-{n:05d}.txt"
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths


def _integrity(path: Path) -> list[str]:
    conn = sqlite3.connect(path)
    try:
        rows = conn.execute("PRAGMA integrity_check").fetchall()
    finally:
        conn.close()
    return [str(r[0]) for r in rows if str(r[0]) != "ok"]


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
        assert _integrity(path) == [], f"round {round_number}: damaged after kill -9"
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


# -- damaged, truncated, newer and foreign library files ----------------------------------


def _library_with_articles(path: Path, tmp_path: Path, count: int = 30) -> None:
    from reader.ingest import import_sources

    with Library(path) as library:
        outcomes = list(
            import_sources(library, [str(p) for p in write_articles(tmp_path / "src", count)])
        )
    assert all(o.status == "added" for o in outcomes)


def _garbage(path: Path, tmp: Path) -> None:
    path.write_bytes(b"these are my notes, not a database\n" * 200)


def _truncated(path: Path, tmp: Path) -> None:
    _library_with_articles(path, tmp)
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])


def _header_zeroed(path: Path, tmp: Path) -> None:
    _library_with_articles(path, tmp)
    data = bytearray(path.read_bytes())
    data[:100] = bytes(100)
    path.write_bytes(bytes(data))


def _pages_damaged(path: Path, tmp: Path) -> None:
    _library_with_articles(path, tmp)
    data = bytearray(path.read_bytes())
    noise = random.Random(7)
    for offset in range(4096, len(data), 4096):
        data[offset + 8 : offset + 600] = bytes(noise.randrange(256) for _ in range(592))
    path.write_bytes(bytes(data))


def _newer(path: Path, tmp: Path) -> None:
    _library_with_articles(path, tmp, count=3)
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    conn.close()


def _foreign(path: Path, tmp: Path) -> None:
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE notes (body TEXT)")
    conn.execute("INSERT INTO notes VALUES ('keep me')")
    conn.commit()
    conn.close()


DAMAGE = {
    "garbage": _garbage,
    "truncated": _truncated,
    "header-zeroed": _header_zeroed,
    "pages-damaged": _pages_damaged,
    "newer-version": _newer,
    "foreign-sqlite": _foreign,
}


@pytest.mark.parametrize("damage", DAMAGE)
def test_damaged_library_is_a_clear_error_kept_and_never_overwritten(
    tmp_path: Path, run_cli: CliRunner, damage: str
) -> None:
    path = tmp_path / "lib.sqlite3"
    DAMAGE[damage](path, tmp_path)
    before = _digest(path)
    article = write_articles(tmp_path / "new", 1, start=999)[0]
    commands = [
        ["list"],
        ["show", "1"],
        ["bookmark", "1"],
        ["add", str(article)],
        ["export"],
        ["feed", "list"],
        [],  # the TUI: it opens the library before it draws anything
    ]
    clear_errors = 0
    for command in commands:
        done = run_cli("--library", str(path), *command, timeout=60)
        assert "Traceback" not in done.stderr, (command, done.stderr)
        assert done.returncode in (0, 1), (command, done.returncode, done.stderr)
        if done.returncode == 1:
            clear_errors += 1
            lines = done.stderr.strip().splitlines()
            assert lines[-1].startswith(f"broadsheet: {path}: "), (command, done.stderr)
        if damage != "pages-damaged":
            # Refused at open: not one byte written, not even by `add`.
            assert done.returncode == 1, (command, done.stdout)
            assert _digest(path) == before, command
    if damage == "pages-damaged":
        # SQLite reads some pages fine; what fails must fail clearly, and keep a copy.
        assert clear_errors >= 1
        kept = list(tmp_path.glob("lib.sqlite3.corrupt-*"))
        assert kept and not kept[0].name.endswith("-wal")
    kept = list(tmp_path.glob("lib.sqlite3.corrupt-*"))
    if damage in {"garbage", "truncated", "header-zeroed"}:
        assert len(kept) == 1, "a damaged library is copied aside once"
        assert _digest(kept[0]) == before
    if damage in {"newer-version", "foreign-sqlite"}:
        assert not kept  # not damaged: left alone, nothing to copy


# -- two processes at once ------------------------------------------------------------------


@pytest.mark.slow
def test_reader_open_while_add_runs_in_another_process(tmp_path: Path) -> None:
    path = tmp_path / "lib.sqlite3"
    _library_with_articles(path, tmp_path, count=5)
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


# -- full disk, read-only library ------------------------------------------------------------


@contextlib.contextmanager
def tmpfs(folder: Path, size: str) -> Iterator[bool]:
    """Mount a small tmpfs on ``folder`` (root only); yields False when mounting is impossible."""
    folder.mkdir(parents=True, exist_ok=True)
    if os.geteuid() != 0 or shutil.which("mount") is None:
        yield False
        return
    done = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(folder)],
        capture_output=True,
        check=False,
    )
    if done.returncode != 0:
        yield False
        return
    try:
        yield True
    finally:
        subprocess.run(["umount", "-l", str(folder)], capture_output=True, check=False)


def _fill(folder: Path, leave: int) -> None:
    """Fill the file system holding ``folder`` until about ``leave`` bytes are free."""
    free = shutil.disk_usage(folder).free
    with (folder / "filler").open("wb") as handle, contextlib.suppress(OSError):
        handle.write(b"\0" * max(0, free - leave))


def test_disk_full_during_add_is_a_clear_error_and_the_library_unchanged(
    tmp_path: Path, run_cli: CliRunner
) -> None:
    mount = tmp_path / "small"
    with tmpfs(mount, "4m") as mounted:
        if not mounted:
            pytest.skip(
                "needs root to mount a small tmpfs; the in-process version (max_page_count) "
                "is tests/core/test_library_files.py::test_a_full_disk_is_a_clear_error..."
            )
        path = mount / "lib.sqlite3"
        _library_with_articles(path, tmp_path, count=5)
        with Library(path) as library:
            library.set_bookmarked(library.ids()[0])
        sources = write_articles(tmp_path / "more", 40, start=300)
        big = tmp_path / "big.txt"
        big.write_text(
            "A very long report from the harbour\n\n"
            + "\n\n".join(distinct_paragraph(n) for n in range(2000, 4000)),
            encoding="utf-8",
        )
        # Room to open the library and store a few articles; the long read does not fit.
        _fill(mount, leave=160 * 1024)
        done = run_cli("--library", str(path), "add", *map(str, sources), str(big))
        assert done.returncode == 1, done.stdout
        assert "Traceback" not in done.stderr
        assert f"broadsheet: {path}: disk is full" in done.stderr, done.stderr
        (mount / "filler").unlink()
        assert _integrity(path) == []
        with Library(path) as library:
            # Whatever was acknowledged before the disk filled is there; nothing half-written.
            added = done.stdout.count("added")
            assert added >= 1, "some articles should fit before the disk fills"
            assert library.total() == 5 + added
            assert library.count() == len(library.ids())
            assert library.summaries()[0].title
            assert any(s.bookmarked for s in library.summaries())
            assert library.integrity_problems() == []


def test_read_only_library_is_a_clear_error_and_unchanged(
    tmp_path: Path, run_cli: CliRunner
) -> None:
    mount = tmp_path / "ro"
    with tmpfs(mount, "8m") as mounted:
        if not mounted:
            if os.geteuid() == 0:
                pytest.skip("running as root without mount: nothing can make a folder read-only")
            mount.mkdir(exist_ok=True)
        path = mount / "lib.sqlite3"
        _library_with_articles(path, tmp_path, count=5)
        before = _digest(path)
        new = write_articles(tmp_path / "new", 1, start=700)[0]
        if mounted:
            # A read-only remount: what a read-only disk or share looks like, even to root.
            subprocess.run(["mount", "-o", "remount,ro", str(mount)], check=True)
        else:
            mount.chmod(0o500)
            path.chmod(0o400)
        try:
            for command in (["add", str(new)], ["bookmark", "1"], ["list"], ["show", "1"]):
                done = run_cli("--library", str(path), *command)
                assert "Traceback" not in done.stderr, (command, done.stderr)
                assert done.returncode in (0, 1), (command, done.stderr)
                if command[0] in {"add", "bookmark"}:
                    assert done.returncode == 1, (command, done.stdout)
                    assert (
                        done.stderr.strip().splitlines()[-1].startswith(f"broadsheet: {path}: ")
                    ), done.stderr
            assert _digest(path) == before
        finally:
            if mounted:
                subprocess.run(["mount", "-o", "remount,rw", str(mount)], check=False)
            else:
                mount.chmod(0o700)
                path.chmod(0o600)
        with Library(path) as library:
            assert library.total() == 5 and library.integrity_problems() == []


@pytest.mark.slow
def test_the_app_open_while_add_runs_shows_the_new_articles_on_reload(tmp_path: Path) -> None:
    from tui.app import BroadsheetApp
    from tui.widgets.article_list import ArticleList

    path = tmp_path / "lib.sqlite3"
    _library_with_articles(path, tmp_path, count=5)
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
    _library_with_articles(path, tmp_path, count=5)
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
            assert _integrity(path) == []
        with Library(path) as library:
            assert library.count() >= 0 and library.integrity_problems() == []


def test_garbage_wal_and_shm_files_beside_the_library(tmp_path: Path, run_cli: CliRunner) -> None:
    path = tmp_path / "lib.sqlite3"
    _library_with_articles(path, tmp_path, count=4)
    for suffix in ("-wal", "-shm"):
        path.with_name(path.name + suffix).write_bytes(os.urandom(70_000))
    done = run_cli("--library", str(path), "list")
    assert "Traceback" not in done.stderr
    if done.returncode == 0:
        assert done.stdout.count("\n") == 4  # a WAL SQLite cannot verify is ignored
    else:
        assert done.returncode == 1 and done.stderr.startswith(f"broadsheet: {path}: ")
    assert _integrity(path) == []


@pytest.mark.parametrize("kind", ["folder", "fifo", "devnull-link", "missing-parent-file"])
def test_a_library_path_that_is_not_a_file(tmp_path: Path, run_cli: CliRunner, kind: str) -> None:
    path = tmp_path / "lib.sqlite3"
    if kind == "folder":
        path.mkdir()
    elif kind == "fifo":
        os.mkfifo(path)
    elif kind == "devnull-link":
        path.symlink_to("/dev/null")
    else:
        (tmp_path / "file").write_text("not a folder")
        path = tmp_path / "file" / "lib.sqlite3"
    for command in (["list"], ["add", str(write_articles(tmp_path / "src", 1)[0])], []):
        done = run_cli("--library", str(path), *command, timeout=30)
        assert done.returncode == 1, (kind, command, done.stdout, done.stderr)
        assert "Traceback" not in done.stderr
        assert done.stderr.strip().splitlines()[-1].startswith(f"broadsheet: {path}: ")
    if kind == "devnull-link":
        assert Path("/dev/null").is_char_device()
