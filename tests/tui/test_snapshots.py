"""Snapshot tests (pytest-textual-snapshot): every screen at 80x24 and 120x40.

Deterministic: a fixture library built here, a fixed clock, no cursor blink, no
notifications on screen. Update with ``pytest tests/tui/test_snapshots.py --snapshot-update``
and look at the SVGs before committing them.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

import pytest
from fixture_library import FIXED_TODAY, build_library
from textual.pilot import Pilot
from textual.widgets import Input
from tui_helpers import settle

from tui.app import BroadsheetApp

SIZES = [(80, 24), (120, 40)]

Steps = Callable[[Pilot[None]], Awaitable[None]]


def _keys(*keys: str) -> Steps:
    async def run(pilot: Pilot[None]) -> None:
        await settle(pilot)
        for key in keys:
            await pilot.press(key)
            await settle(pilot)
        for field in pilot.app.screen.query(Input):
            field.cursor_blink = False
        pilot.app.clear_notifications()
        await settle(pilot)

    return run


async def _query_error(pilot: Pilot[None]) -> None:
    await _keys("slash")(pilot)
    field = pilot.app.screen.query_one("#query", Input)
    field.insert_text_at_cursor("country:iran since:2024-99")
    await settle(pilot)
    await _keys()(pilot)


SCREENS: dict[str, Steps] = {
    "library": _keys(),
    "library_filtered": _keys("1", "4", "u"),
    "query_error": _query_error,
    "article_panel": _keys("enter", "p", "n", "n"),
    "help": _keys("question_mark"),
    "dates": _keys("d"),
    "countries": _keys("c"),
    "add": _keys("a"),
    "feeds": _keys("F"),
}


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("screen", sorted(SCREENS))
def test_screen_snapshot(
    snap_compare: Any, tmp_path: Path, screen: str, size: tuple[int, int]
) -> None:
    path = tmp_path / "library.sqlite3"
    build_library(path)
    app = BroadsheetApp(path, today=lambda: FIXED_TODAY)
    assert snap_compare(app, terminal_size=size, run_before=SCREENS[screen])


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_empty_library_snapshot(snap_compare: Any, tmp_path: Path, size: tuple[int, int]) -> None:
    app = BroadsheetApp(tmp_path / "empty.sqlite3", today=lambda: FIXED_TODAY)
    assert snap_compare(app, terminal_size=size, run_before=_keys())


def test_article_snapshot_without_colour(
    snap_compare: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """NO_COLOR: people stay bold, places underlined, quotes italic, the current one reversed."""
    monkeypatch.setenv("NO_COLOR", "1")
    path = tmp_path / "library.sqlite3"
    build_library(path)
    app = BroadsheetApp(path, today=lambda: FIXED_TODAY)
    assert app.no_color
    assert snap_compare(app, terminal_size=(80, 24), run_before=_keys("enter", "n", "n"))
