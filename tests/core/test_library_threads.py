"""The library from several threads: own connections, no leaks, closing."""

from __future__ import annotations

import gc
import os
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from test_library_samples import fill_library

from reader.errors import LibraryError
from reader.library.query import parse_query
from reader.library.store import Library


@pytest.fixture
def library(tmp_path: Path) -> Iterator[Library]:
    with Library(tmp_path / "lib.sqlite3") as lib:
        yield lib


@pytest.fixture
def filled(library: Library) -> dict[str, int]:
    return fill_library(library)


def test_threads_each_use_their_own_connection(library: Library, filled: dict[str, int]) -> None:
    errors: list[BaseException] = []
    counts: list[int] = []

    def work() -> None:
        try:
            for _ in range(20):
                counts.append(library.count(parse_query("country:turkey")))
                library.set_read(filled["grain"], True)
        except BaseException as exc:  # pragma: no cover - reported below
            errors.append(exc)

    threads = [threading.Thread(target=work) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert set(counts) == {3}
    assert library.get(filled["grain"]).read


def test_closed_library_refuses(tmp_path: Path) -> None:
    lib = Library(tmp_path / "c.sqlite3")
    lib.close()
    lib.close()  # twice is fine
    with pytest.raises(LibraryError, match="closed"):
        lib.total()


def test_worker_threads_do_not_leak_connections(library: Library, filled: dict[str, int]) -> None:
    def open_files() -> int:
        return len(os.listdir("/proc/self/fd"))

    def query() -> None:
        library.count(parse_query("country:turkey"))

    for _ in range(3):  # warm up
        threading.Thread(target=query).start()
    before = open_files()
    # SQLite keeps a few closed descriptors for reuse (POSIX locks); a leak holds one or
    # more per connection, so 150 threads would add 150+.
    for _ in range(150):
        thread = threading.Thread(target=query)
        thread.start()
        thread.join()
    gc.collect()
    assert open_files() - before < 75
