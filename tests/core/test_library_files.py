"""The library file under stress: newer, damaged and foreign files, failures mid-import,
a second process writing at the same time, and kill -9 in the middle of writes."""

from __future__ import annotations

import hashlib
import os
import signal
import sqlite3
import subprocess
import sys
import textwrap
import threading
import time
from pathlib import Path

import pytest
from test_library_samples import BODIES, extracted

from reader.errors import LibraryError
from reader.library import articles_sql
from reader.library.migrations import SCHEMA_VERSION
from reader.library.store import Library, StoreRequest
from reader.models import Annotations, Filter

ROOT = Path(__file__).resolve().parents[2]


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _unique(i: int) -> StoreRequest:
    body = f"Report {i}: the council met on day {i} and agreed item {i * 13} of the agenda."
    return StoreRequest(extracted(title=f"Report {i}", body=body), Annotations(), f"/r/{i}")


def _make_library(path: Path, articles: int = 3) -> None:
    with Library(path) as lib:
        lib.store_many([_unique(i) for i in range(articles)])


def test_newer_library_is_refused_and_untouched(tmp_path: Path) -> None:
    path = tmp_path / "lib.sqlite3"
    _make_library(path)
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 5}")
    conn.close()
    before = _digest(path)
    with pytest.raises(LibraryError) as info:
        Library(path)
    assert "made by a newer Broadsheet" in info.value.message
    assert info.value.title == str(path)
    assert _digest(path) == before
    assert not list(tmp_path.glob("*.corrupt-*"))


def test_garbage_file_is_refused_kept_and_copied_aside(tmp_path: Path) -> None:
    path = tmp_path / "lib.sqlite3"
    path.write_bytes(b"these are my notes, not a database\n" * 50)
    before = _digest(path)
    with pytest.raises(LibraryError) as info:
        Library(path)
    assert "not a SQLite database" in info.value.message
    copies = list(tmp_path.glob("lib.sqlite3.corrupt-*"))
    assert len(copies) == 1
    assert str(copies[0]) in info.value.message
    assert _digest(copies[0]) == before
    assert _digest(path) == before
    with pytest.raises(LibraryError):
        Library(path)
    assert len(list(tmp_path.glob("lib.sqlite3.corrupt-*"))) == 1  # no copy per attempt


def test_truncated_file_is_refused_and_kept(tmp_path: Path) -> None:
    path = tmp_path / "lib.sqlite3"
    _make_library(path, articles=40)
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])
    before = _digest(path)
    with pytest.raises(LibraryError, match="truncated"):
        Library(path)
    assert _digest(path) == before
    assert list(tmp_path.glob("lib.sqlite3.corrupt-*"))


def test_damaged_pages_give_library_errors_not_tracebacks(tmp_path: Path) -> None:
    path = tmp_path / "lib.sqlite3"
    _make_library(path, articles=60)
    data = bytearray(path.read_bytes())
    page = 4096
    for offset in range(2 * page, len(data) - page, 3 * page):
        data[offset + 10 : offset + 400] = os.urandom(390)
    path.write_bytes(bytes(data))
    try:
        lib = Library(path)
    except LibraryError as exc:
        assert exc.message
        return
    with lib:
        for action in (
            lib.total,
            lambda: lib.summaries(Filter(text="council")),
            lambda: [lib.get(i) for i in lib.ids()],
            lib.integrity_problems,
        ):
            try:
                action()
            except LibraryError as exc:
                assert exc.message and "\n" not in exc.message


def test_other_sqlite_database_is_not_touched(tmp_path: Path) -> None:
    path = tmp_path / "notes.db"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE notes (body TEXT)")
    conn.execute("INSERT INTO notes VALUES ('keep me')")
    conn.commit()
    conn.close()
    before = _digest(path)
    with pytest.raises(LibraryError, match="not a Broadsheet library"):
        Library(path)
    assert _digest(path) == before


def test_empty_file_becomes_a_new_library(tmp_path: Path) -> None:
    path = tmp_path / "lib.sqlite3"
    path.touch()
    with Library(path) as lib:
        assert lib.total() == 0
        assert lib.integrity_problems() == []


def test_a_folder_in_the_way_is_a_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "lib.sqlite3"
    path.mkdir()
    with pytest.raises(LibraryError, match="not a file"):
        Library(path)


@pytest.mark.skipif(os.geteuid() == 0, reason="root ignores file permissions")
def test_read_only_folder_is_a_clear_error(tmp_path: Path) -> None:
    folder = tmp_path / "ro"
    folder.mkdir()
    folder.chmod(0o500)
    try:
        with pytest.raises(LibraryError):
            Library(folder / "lib.sqlite3")
    finally:
        folder.chmod(0o700)


def test_failure_mid_batch_rolls_back_and_keeps_earlier_rows(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "lib.sqlite3"
    with Library(path) as lib:
        lib.store_many([_unique(i) for i in range(5)])
        lib.set_bookmarked(lib.ids()[0])
        real = articles_sql._insert_children
        calls = {"n": 0}

        def failing(conn: sqlite3.Connection, article_id: int, prep: articles_sql.Prepared) -> None:
            calls["n"] += 1
            if calls["n"] == 3:
                raise RuntimeError("simulated crash in the middle of a batch")
            real(conn, article_id, prep)

        monkeypatch.setattr(articles_sql, "_insert_children", failing)
        with pytest.raises(RuntimeError):
            lib.store_many([_unique(i) for i in range(100, 110)])
        monkeypatch.setattr(articles_sql, "_insert_children", real)
        assert lib.total() == 5
        assert lib.count(Filter(text="council")) == 5
        assert lib.count(Filter(bookmarked=True)) == 1
        assert lib.integrity_problems() == []
        assert lib.store(*_unique(100)[:2], source="/r/100").status == "added"
    with Library(path) as lib:
        assert lib.total() == 6


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


def test_store_sanitises_the_source_key_consistently(tmp_path: Path) -> None:
    with Library(tmp_path / "lib.sqlite3") as lib:
        first = lib.store(extracted("grain"), Annotations(), source="/odd\x1b[2Jname.txt")
        again = lib.store(extracted("grain"), Annotations(), source="/odd\x1b[2Jname.txt")
        assert first.source == "/oddname.txt"
        assert (first.status, again.status) == ("added", "duplicate")
        assert BODIES["grain"] == lib.get(first.article_id or 0).body


def test_a_failing_migration_leaves_the_file_as_it_was(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from reader.library import migrations

    path = tmp_path / "lib.sqlite3"
    broken = (*migrations.MIGRATIONS[0], "CREATE TABLE oops (")
    monkeypatch.setattr(migrations, "MIGRATIONS", (broken,))
    with pytest.raises(LibraryError):
        Library(path)
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == 0
    assert conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0] == 0
    conn.close()
    monkeypatch.undo()
    with Library(path) as lib:
        assert lib.total() == 0


def test_an_older_library_is_migrated_forward_keeping_its_rows(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from reader.library import connection, migrations

    path = tmp_path / "lib.sqlite3"
    _make_library(path, articles=4)
    future = (*migrations.MIGRATIONS, ("ALTER TABLE feeds ADD COLUMN colour TEXT",))
    monkeypatch.setattr(migrations, "MIGRATIONS", future)
    monkeypatch.setattr(migrations, "SCHEMA_VERSION", len(future))
    monkeypatch.setattr(connection, "SCHEMA_VERSION", len(future))
    with Library(path) as lib:
        assert lib.total() == 4
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == len(future)
    columns = [row[1] for row in conn.execute("PRAGMA table_info(feeds)")]
    conn.close()
    assert "colour" in columns
