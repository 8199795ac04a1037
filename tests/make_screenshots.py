"""Produce the README screenshots: drive the real app headless on the fixture library.

    python tests/make_screenshots.py [OUTPUT_DIR]   (default: screenshots/)

Each picture is `App.save_screenshot` after real key presses, with the fixed clock the
snapshot tests use, so reruns give the same SVGs.
"""

from __future__ import annotations

import asyncio
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path[:0] = [str(ROOT), str(HERE / "tui")]

from fixture_library import FIXED_TODAY, build_library  # noqa: E402
from textual.widgets import Input  # noqa: E402

from tui.app import BroadsheetApp  # noqa: E402

#: name -> (size, keys, theme)
SHOTS: dict[str, tuple[tuple[int, int], tuple[str, ...], str]] = {
    "library": ((120, 32), (), "textual-dark"),
    "library-filtered": ((120, 32), ("1", "4", "u"), "textual-dark"),
    "article-side-panel": ((120, 32), ("enter", "p", "n", "n", "n"), "textual-dark"),
    "article-light": ((100, 28), ("enter", "n", "n"), "textual-light"),
    "help": ((100, 40), ("question_mark",), "textual-dark"),
    "date-range": ((100, 28), ("d",), "textual-dark"),
    "library-80x24": ((80, 24), (), "textual-dark"),
}


async def shoot(library: Path, out: Path, name: str) -> Path:
    """Take one screenshot."""
    size, keys, theme = SHOTS[name]
    app = BroadsheetApp(library, today=lambda: FIXED_TODAY)
    async with app.run_test(size=size) as pilot:
        app.theme = theme
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
    """Build the fixture library in a temporary folder and take every screenshot."""
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as folder:
        library = Path(folder) / "library.sqlite3"
        build_library(library)
        for name in SHOTS:
            print(await shoot(library, out, name))


if __name__ == "__main__":
    asyncio.run(main(Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "screenshots"))
