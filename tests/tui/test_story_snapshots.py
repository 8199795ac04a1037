"""Snapshot tests for the story screens (quotes, timeline, story versions, story rows).

Same rules as test_snapshots.py: a fixture library built here (the TUI fixture plus the
story-grouping fixture), a fixed clock, no cursor blink, no notifications on screen.
"""

from __future__ import annotations

import importlib.util
import sys
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

import pytest
from fixture_library import FIXED_TODAY, build_library
from textual.pilot import Pilot
from textual.widgets import Input
from tui_helpers import settle

from reader.library.store import Library
from tui.app import BroadsheetApp

SIZES = [(80, 24), (120, 40)]
BENCH = Path(__file__).resolve().parents[1] / "benchmarks" / "bench_stories.py"

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


SCREENS: dict[str, Steps] = {
    "quotes": _keys("Q"),
    "quotes_speaker": _keys("Q", "slash", "f", "i", "d", "a", "n", "enter"),
    "stories": _keys("s"),
    "story_versions": _keys("s", "down", "enter"),
    "timeline": _keys("1", "2", "t"),
    "export": _keys("e"),
}


def _library(path: Path) -> None:
    build_library(path)
    spec = importlib.util.spec_from_file_location("bench_stories_snap", BENCH)
    assert spec is not None and spec.loader is not None
    bench = importlib.util.module_from_spec(spec)
    sys.modules["bench_stories_snap"] = bench
    spec.loader.exec_module(bench)
    with Library(path) as library:
        bench.store_fixture(library)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("screen", sorted(SCREENS))
def test_story_screen_snapshot(
    snap_compare: Any,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    screen: str,
    size: tuple[int, int],
) -> None:
    # The export dialog proposes a file in the working folder: the same one in every run.
    monkeypatch.setattr(
        "tui.screens.export.default_target", lambda: Path("/home/reader/broadsheet-export.md")
    )
    path = tmp_path / "library.sqlite3"
    _library(path)
    app = BroadsheetApp(path, today=lambda: FIXED_TODAY)
    assert snap_compare(app, terminal_size=size, run_before=SCREENS[screen])
