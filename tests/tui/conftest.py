"""TUI test set-up: a fixture library built from tests/fixtures/tui and an app factory."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from fixture_library import FIXED_TODAY, build_library

from tui.app import BroadsheetApp


@pytest.fixture
def library_file(tmp_path: Path) -> Path:
    """A library holding the fixture articles."""
    path = tmp_path / "fixture-library.sqlite3"
    build_library(path)
    return path


@pytest.fixture
def article_ids(library_file: Path) -> dict[str, int]:
    """Title -> id of the fixture articles (the library is built once per test)."""
    from reader.library.store import Library

    with Library(library_file) as library:
        return {summary.title: summary.id for summary in library.summaries(limit=1000)}


@pytest.fixture
def make_app(library_file: Path) -> Callable[..., BroadsheetApp]:
    """Build an app on the fixture library with the fixed clock."""

    def factory(path: Path | None = None, **kwargs: object) -> BroadsheetApp:
        return BroadsheetApp(path or library_file, today=lambda: FIXED_TODAY, **kwargs)  # type: ignore[arg-type]

    return factory


@pytest.fixture
def anyio_backend() -> str:
    """Pilot tests run on asyncio (through anyio's pytest plugin, which httpx brings)."""
    return "asyncio"
