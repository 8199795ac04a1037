"""Produce the README screenshots of the story features: quotes, a grouped story, timeline.

    python tests/make_story_screenshots.py [OUTPUT_DIR]   (default: screenshots/)

The library is the TUI fixture plus the story-grouping fixture (tests/fixtures/stories);
each picture is `App.save_screenshot` after real key presses with the fixed clock.
"""

from __future__ import annotations

import asyncio
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path[:0] = [str(ROOT), str(HERE / "tui"), str(HERE / "benchmarks")]

import bench_stories  # noqa: E402
from fixture_library import FIXED_TODAY, build_library  # noqa: E402
from textual.widgets import Input  # noqa: E402

from reader.library.store import Library  # noqa: E402
from tui.app import BroadsheetApp  # noqa: E402

#: name -> (size, keys)
SHOTS: dict[str, tuple[tuple[int, int], tuple[str, ...]]] = {
    "quotes": ((110, 32), ("Q",)),
    "quotes-speaker": ((100, 28), ("Q", "slash", "l", "a", "v", "r", "o", "v", "enter")),
    "stories": ((120, 32), ("s",)),
    "story-versions": ((100, 24), ("s", "down", "enter")),
    "timeline": ((120, 24), ("1", "2", "3", "4", "t")),
    "timeline-80x24": ((80, 24), ("1", "2", "t")),
}


def build(path: Path) -> None:
    """The fixture library with stories in it."""
    build_library(path)
    with Library(path) as library:
        bench_stories.store_fixture(library)


async def shoot(library: Path, out: Path, name: str) -> Path:
    """Take one screenshot."""
    size, keys = SHOTS[name]
    app = BroadsheetApp(library, today=lambda: FIXED_TODAY)
    async with app.run_test(size=size) as pilot:
        app.theme = "textual-dark"
        for key in ("", *keys):
            if key:
                await pilot.press(key)
            for _ in range(3):
                await app.workers.wait_for_complete()
                await pilot.pause()
        for field in app.screen.query(Input):
            field.cursor_blink = False
        app.clear_notifications()
        await pilot.pause()
        return Path(app.save_screenshot(f"{name}.svg", str(out)))


async def main(out: Path) -> None:
    """Build the library in a temporary folder and take every screenshot."""
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as folder:
        for name in SHOTS:
            library = Path(folder) / f"{name}.sqlite3"
            build(library)  # a fresh library each: opening articles marks them read
            print(await shoot(library, out, name))


if __name__ == "__main__":
    asyncio.run(main(Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "screenshots"))
