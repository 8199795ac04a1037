"""The library file under stress: newer, damaged and foreign files, failed migrations,
failures mid-import, a full disk."""

from __future__ import annotations

import hashlib
import os
import sqlite3
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


def test_the_search_index_merges_sixteen_segments_at_a_time(tmp_path: Path) -> None:
    path = tmp_path / "lib.sqlite3"
    Library(path).close()
    conn = sqlite3.connect(path)
    row = conn.execute("SELECT v FROM articles_fts_config WHERE k = 'automerge'").fetchone()
    conn.close()
    assert row is not None and int(row[0]) == 16


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


def test_a_full_disk_is_a_clear_error_and_changes_nothing(tmp_path: Path) -> None:
    path = tmp_path / "lib.sqlite3"
    with Library(path) as lib:
        lib.store_many([_unique(i) for i in range(3)])
        conn = lib._pool.get()  # white-box: cap the file at its current size
        pages = conn.execute("PRAGMA page_count").fetchone()[0]
        conn.execute(f"PRAGMA max_page_count = {pages}")
        big = extracted(title="Long read", body=" ".join(f"word{i}" for i in range(200_000)))
        with pytest.raises(LibraryError) as info:
            lib.store(big, Annotations(), source="/big")
        assert info.value.message.startswith("disk is full")
        assert lib.total() == 3
        assert lib.integrity_problems() == []


def test_a_connection_whose_setup_fails_is_closed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A busy or damaged file can fail the PRAGMAs after connecting: the handle must not leak.
    from reader.library import connection

    opened: list[sqlite3.Connection] = []

    class Refusing(connection._Connection):
        def __init__(self, *args: object, **kwargs: object) -> None:
            super().__init__(*args, **kwargs)  # type: ignore[arg-type]
            opened.append(self)

        def execute(self, sql: str, *args: object) -> sqlite3.Cursor:
            if sql.startswith("PRAGMA foreign_keys"):
                raise sqlite3.OperationalError("database is locked")
            return super().execute(sql, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(connection, "_Connection", Refusing)
    with pytest.raises(LibraryError, match="busy"):
        Library(tmp_path / "lib.sqlite3")
    assert len(opened) == 1
    with pytest.raises(sqlite3.ProgrammingError):  # closed
        opened[0].execute("SELECT 1")
