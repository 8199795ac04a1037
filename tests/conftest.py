"""Shared test set-up: every test runs with its own library and config, never the user's."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
# ../shared sits beside the clone on developer machines and in CI; a bare clone has none.
SHARED = ROOT.parent / "shared"


@pytest.fixture(autouse=True)
def _isolated_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Point the library, config and XDG dirs at a temporary folder for every test."""
    monkeypatch.setenv("BROADSHEET_LIBRARY", str(tmp_path / "library.sqlite3"))
    monkeypatch.setenv("BROADSHEET_CONFIG", str(tmp_path / "config.toml"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg-data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg-config"))
    monkeypatch.delenv("NO_COLOR", raising=False)
    yield


@pytest.fixture
def fixtures_dir() -> Path:
    """The self-describing sample files written for the tests."""
    return FIXTURES


@pytest.fixture
def seeds_dir() -> Path:
    """../shared/seeds when present; tests that need it are skipped on a bare clone."""
    seeds = SHARED / "seeds"
    if not seeds.is_dir():
        pytest.skip("../shared/seeds is not beside this clone")
    return seeds
