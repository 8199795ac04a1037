"""TUI benchmark: filter keystrokes while a 10k-item feed is being ingested (issue 5).

    python tests/benchmarks/bench_tui_ingest.py [--items 10000] [--library-size 10000]

Serves the generated feed of ``bench_feed_ingest.py`` on 127.0.0.1, subscribes a copy of
the synthetic TUI library to it, and drives the app headless in a fresh interpreter: a
round of query-line keystrokes first (the baseline), then ``r``, then the same keystrokes
over and over until the refresh is done. Each keystroke is timed from the key press to the
updated list on screen (keys are posted as the terminal driver posts them). Prints
p50/p95/max for both rounds and how long the ingest took with the typist at work
(``--idle``: with nobody typing). Target: p95 <= 200 ms during the ingest.

The machine is shared and small: compare the two rounds of one run, and repeat.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
sys.path[:0] = [str(ROOT), str(HERE)]

TARGET_P95_S = 0.200
#: Each keystroke changes the filter (a full-text prefix search), as in bench_tui.py.
TYPED = [*"lavrov", *["backspace"] * 6, *"sanctions", *["backspace"] * 9]


def child(library: Path, idle: bool) -> dict[str, Any]:
    """Drive the app headless on ``library``; time keystrokes before and during a refresh.

    With ``idle``, nobody types during the refresh (its time alone, for comparison).
    """
    from bench_tui import wait_for
    from textual import events

    from tui.app import BroadsheetApp
    from tui.widgets.article_list import ArticleList

    painted: list[float] = []
    original_show = ArticleList.show_results

    def show_results(self: ArticleList, *args: Any, **kwargs: Any) -> None:
        original_show(self, *args, **kwargs)
        self.app.call_after_refresh(lambda: painted.append(time.time()))

    ArticleList.show_results = show_results  # type: ignore[method-assign]
    results: dict[str, Any] = {}

    def refreshing(app: BroadsheetApp) -> bool:
        return any(w.group == "refresh" and not w.is_finished for w in app.workers)

    async def round_of_keys(pilot: Any) -> list[float]:
        timings = []
        for key in TYPED:
            before = len(painted)
            pressed = time.time()
            # Posted as the terminal driver posts it (pilot.press also waits for the app
            # to go idle, which it seldom is during a refresh).
            pilot.app.post_message(events.Key(key, None if len(key) > 1 else key))
            timings.append(await wait_for(painted, before + 1, limit=30.0) - pressed)
            await asyncio.sleep(0.05)  # a quick typist, not a key-repeat
        return timings

    async def run() -> None:
        app = BroadsheetApp(library)
        async with app.run_test(size=(120, 40)) as pilot:
            await wait_for(painted, 1, limit=30.0)
            await pilot.pause(0.5)
            await pilot.press("slash")
            results["baseline"] = await round_of_keys(pilot)
            await pilot.press("escape")
            await pilot.pause(0.2)
            started = time.time()
            await pilot.press("r")
            while not refreshing(app):
                await asyncio.sleep(0.01)
            await pilot.press("slash")
            during: list[float] = []
            rounds = 0
            while refreshing(app):
                if idle:
                    await asyncio.sleep(0.1)
                    continue
                during += await round_of_keys(pilot)
                rounds += 1
            results["ingest_s"] = time.time() - started
            results["during"] = during
            results["rounds"] = rounds
            results["articles"] = app.library.total()

    asyncio.run(run())
    return results


def main() -> int:
    """Build the library and the feed, run the child, print the figures."""
    if len(sys.argv) >= 2 and sys.argv[1] == "--child":
        print(json.dumps(child(Path(sys.argv[2]), sys.argv[3:] == ["idle"])))
        return 0
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--items", type=int, default=10_000)
    parser.add_argument("--library-size", type=int, default=10_000)
    parser.add_argument("--cache", default="/tmp/broadsheet-bench")
    parser.add_argument("--idle", action="store_true", help="nobody types during the ingest")
    args = parser.parse_args()
    from bench_feed_ingest import generate_feed, serve
    from bench_tui import percentile
    from synthetic_library import cached_library

    from reader.library.store import Library

    base = cached_library(Path(args.cache), args.library_size)
    data = generate_feed(args.items)
    server, url = serve(data)
    with tempfile.TemporaryDirectory() as folder:
        library = Path(folder) / "ingest.sqlite3"
        shutil.copy(base, library)
        with Library(library) as lib:
            lib.add_feed(url)
            before = lib.total()
        output = subprocess.run(
            [sys.executable, __file__, "--child", str(library), *(["idle"] if args.idle else [])],
            capture_output=True,
            text=True,
            check=False,
            env={**os.environ, "PYTHONPATH": str(ROOT)},
        )
    server.shutdown()
    if output.returncode != 0:
        raise SystemExit(f"child failed:\n{output.stderr[-3000:]}")
    figures = json.loads(output.stdout.strip().splitlines()[-1])
    print(
        f"library of {before:,} articles + a feed of {args.items:,} items"
        f" ({len(data) / 1e6:.1f} MB); {figures['articles']:,} articles after the refresh"
    )
    who = "nobody typing" if args.idle else "the typist at work"
    print(f"ingest with {who}: {figures['ingest_s']:.1f} s")
    for name in ("baseline", "during"):
        times = figures[name]
        if not times:
            continue
        print(
            f"{name:>9}: {len(times):4} keystrokes  p50 {statistics.median(times) * 1000:6.1f} ms"
            f"  p95 {percentile(times, 0.95) * 1000:6.1f} ms  max {max(times) * 1000:6.1f} ms"
        )
    if not figures["during"]:
        return 0
    p95 = percentile(figures["during"], 0.95)
    verdict = "OK" if p95 <= TARGET_P95_S else "MISSED"
    print(f"target: p95 during the ingest <= {TARGET_P95_S * 1000:.0f} ms: {verdict}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
