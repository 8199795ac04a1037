"""The library file under attack, through the real `broadsheet` command: damaged, truncated,
newer and foreign files, garbage WAL files, paths that are not files, full and read-only disks.

tests/core/test_library_files.py covers the Library API in-process.
"""

from __future__ import annotations

import contextlib
import os
import random
import shutil
import sqlite3
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from hostile_fixtures import digest, integrity_of, library_with_articles, write_articles
from hostile_lib import CliRunner, distinct_paragraph

from reader.library.migrations import SCHEMA_VERSION
from reader.library.store import Library


def _garbage(path: Path, tmp: Path) -> None:
    path.write_bytes(b"these are my notes, not a database\n" * 200)


def _truncated(path: Path, tmp: Path) -> None:
    library_with_articles(path, tmp)
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])


def _header_zeroed(path: Path, tmp: Path) -> None:
    library_with_articles(path, tmp)
    data = bytearray(path.read_bytes())
    data[:100] = bytes(100)
    path.write_bytes(bytes(data))


def _pages_damaged(path: Path, tmp: Path) -> None:
    library_with_articles(path, tmp)
    data = bytearray(path.read_bytes())
    noise = random.Random(7)
    for offset in range(4096, len(data), 4096):
        data[offset + 8 : offset + 600] = bytes(noise.randrange(256) for _ in range(592))
    path.write_bytes(bytes(data))


def _newer(path: Path, tmp: Path) -> None:
    library_with_articles(path, tmp, count=3)
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
    before = digest(path)
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
            assert digest(path) == before, command
    if damage == "pages-damaged":
        # SQLite reads some pages fine; what fails must fail clearly, and keep a copy.
        assert clear_errors >= 1
        kept = list(tmp_path.glob("lib.sqlite3.corrupt-*"))
        assert kept and not kept[0].name.endswith("-wal")
    kept = list(tmp_path.glob("lib.sqlite3.corrupt-*"))
    if damage in {"garbage", "truncated", "header-zeroed"}:
        assert len(kept) == 1, "a damaged library is copied aside once"
        assert digest(kept[0]) == before
    if damage in {"newer-version", "foreign-sqlite"}:
        assert not kept  # not damaged: left alone, nothing to copy


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
        library_with_articles(path, tmp_path, count=5)
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
        assert integrity_of(path) == []
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
        library_with_articles(path, tmp_path, count=5)
        before = digest(path)
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
            assert digest(path) == before
        finally:
            if mounted:
                subprocess.run(["mount", "-o", "remount,rw", str(mount)], check=False)
            else:
                mount.chmod(0o700)
                path.chmod(0o600)
        with Library(path) as library:
            assert library.total() == 5 and library.integrity_problems() == []


def test_garbage_wal_and_shm_files_beside_the_library(tmp_path: Path, run_cli: CliRunner) -> None:
    path = tmp_path / "lib.sqlite3"
    library_with_articles(path, tmp_path, count=4)
    for suffix in ("-wal", "-shm"):
        path.with_name(path.name + suffix).write_bytes(os.urandom(70_000))
    done = run_cli("--library", str(path), "list")
    assert "Traceback" not in done.stderr
    if done.returncode == 0:
        assert done.stdout.count("\n") == 4  # a WAL SQLite cannot verify is ignored
    else:
        assert done.returncode == 1 and done.stderr.startswith(f"broadsheet: {path}: ")
    assert integrity_of(path) == []


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
