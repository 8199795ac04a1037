"""The library shared between processes: a second writer, a held lock, kill -9 mid-write."""

from __future__ import annotations

import signal
import subprocess
import sys
import textwrap
import threading
import time
from pathlib import Path

import pytest
from test_library_samples import extracted

from reader.library.store import Library, StoreRequest
from reader.models import Annotations, Filter

ROOT = Path(__file__).resolve().parents[2]


def _make_library(path: Path, articles: int = 3) -> None:
    requests = [
        StoreRequest(
            extracted(title=f"Note {i}", body=f"Note {i} records that pump {i} was serviced."),
            Annotations(),
            f"/n/{i}",
        )
        for i in range(articles)
    ]
    with Library(path) as lib:
        lib.store_many(requests)


def test_two_libraries_on_one_file_see_each_other(tmp_path: Path) -> None:
    path = tmp_path / "lib.sqlite3"
    with Library(path) as first, Library(path) as second:
        outcome = first.store(extracted("grain"), Annotations(), source="/g")
        assert outcome.article_id is not None
        assert second.get(outcome.article_id).title == extracted("grain").title
        second.set_bookmarked(outcome.article_id)
        assert first.get(outcome.article_id).bookmarked


def test_a_writer_waits_for_another_process_lock(tmp_path: Path) -> None:
    path = tmp_path / "lib.sqlite3"
    _make_library(path)
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            textwrap.dedent(
                f"""
                import sqlite3, sys, time
                conn = sqlite3.connect({str(path)!r}, isolation_level=None)
                conn.execute("BEGIN IMMEDIATE")
                print("locked", flush=True)
                time.sleep(1.0)
                conn.execute("COMMIT")
                """
            ),
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None
        assert holder.stdout.readline().strip() == "locked"
        with Library(path) as lib:
            started = time.monotonic()
            outcome = lib.store(extracted("quake"), Annotations(), source="/q")
            waited = time.monotonic() - started
            assert outcome.status == "added"
            assert waited > 0.3  # it really waited for the lock instead of failing
            assert lib.total() == 4
    finally:
        holder.wait(timeout=10)


_WRITER = """
import sys
sys.path.insert(0, {root!r})
from reader.library.store import Library
from reader.models import Annotations, Extracted
lib = Library({path!r})
for i in range({count}):
    body = "Dispatch %d from the {tag} desk: crews repaired line %d and section %d." % (i, i, i * 7)
    outcome = lib.store(Extracted(title="{tag} %d" % i, body=body), Annotations(),
                        source="/{tag}/%d" % i)
    print(outcome.article_id, flush=True)
lib.close()
"""


def _writer(path: Path, tag: str, count: int) -> subprocess.Popen[str]:
    code = _WRITER.format(root=str(ROOT), path=str(path), count=count, tag=tag)
    return subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, text=True)


def test_concurrent_writer_process_and_reader_lose_nothing(tmp_path: Path) -> None:
    path = tmp_path / "lib.sqlite3"
    with Library(path) as lib:
        ours = lib.store(extracted("pipeline"), Annotations(), source="/ours")
        assert ours.article_id is not None
        other = _writer(path, "night", 60)
        errors: list[BaseException] = []

        def toggle() -> None:
            try:
                for n in range(60):
                    lib.set_bookmarked(ours.article_id or 0, n % 2 == 0)
                    lib.count(Filter(text="dispatch"))
            except BaseException as exc:  # pragma: no cover - reported below
                errors.append(exc)

        thread = threading.Thread(target=toggle)
        thread.start()
        out, _ = other.communicate(timeout=60)
        thread.join()
        assert other.returncode == 0
        assert errors == []
        assert len(out.split()) == 60
        assert lib.total() == 61
        assert lib.count(Filter(text="dispatch")) == 60
        assert lib.get(ours.article_id).bookmarked is False  # the last toggle (n=59)
        assert lib.integrity_problems() == []


@pytest.mark.slow
def test_kill_9_during_imports_keeps_every_acknowledged_article(tmp_path: Path) -> None:
    path = tmp_path / "lib.sqlite3"
    acknowledged: set[int] = set()
    for round_number in range(4):
        writer = _writer(path, f"round{round_number}", 400)
        assert writer.stdout is not None
        for _ in range(10 + round_number * 15):
            line = writer.stdout.readline()
            if not line:
                break
            acknowledged.add(int(line))
        writer.send_signal(signal.SIGKILL)
        writer.wait(timeout=10)
        with Library(path) as lib:
            assert lib.integrity_problems() == []
            stored = set(lib.ids())
            assert acknowledged <= stored
            for article_id in acknowledged:
                assert lib.get(article_id).body.startswith("Dispatch")
    assert len(acknowledged) >= 40


_BOOKMARKER = """
import sys
sys.path.insert(0, {root!r})
from reader.library.store import Library
lib = Library({path!r})
for article_id in lib.ids():
    lib.set_bookmarked(article_id, True)
    lib.set_read(article_id, True)
    print(article_id, flush=True)
"""


@pytest.mark.slow
def test_kill_9_during_bookmark_bursts_keeps_every_acknowledged_one(tmp_path: Path) -> None:
    path = tmp_path / "lib.sqlite3"
    _make_library(path, articles=600)
    acknowledged: set[int] = set()
    for round_number in range(3):
        code = _BOOKMARKER.format(root=str(ROOT), path=str(path))
        writer = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, text=True)
        assert writer.stdout is not None
        for _ in range(20 + 40 * round_number):
            line = writer.stdout.readline()
            if not line:
                break
            acknowledged.add(int(line))
        writer.send_signal(signal.SIGKILL)
        writer.wait(timeout=10)
        with Library(path) as lib:
            assert lib.integrity_problems() == []
            bookmarked = set(lib.ids(Filter(bookmarked=True)))
            assert acknowledged <= bookmarked
            assert lib.total() == 600
    assert len(acknowledged) >= 60
