"""TUI benchmark: launch, filter keystrokes, opening articles and memory, at 10k and 100k.

    python tests/benchmarks/bench_tui.py [--sizes 10000,100000] [--cache DIR] [--no-tmux]

Builds synthetic libraries once (kept in --cache), then for each size:
- headless (a fresh interpreter per run, `App.run_test`): process start to the first list
  page painted; query-line keystroke to updated list (p50/p95), a fast typing burst (the
  stale work is dropped: how many reloads reached the screen), country/flag keys, opening
  an article and stepping to the next one; peak RSS.
- in tmux (a real terminal, the real `python -m tui.cli` entry point): command to the
  list on screen, and key to changed screen, polling `tmux capture-pane`.

The machine is shared and small: compare figures within one run, and repeat.
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
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
sys.path[:0] = [str(ROOT), str(HERE)]

TARGETS = {
    "launch_10000": 0.8,
    "launch_100000": 1.0,
    "filter_p50": 0.060,
    "filter_p95": 0.200,
    "open": 0.050,
    "rss_mb": 120,
}


def percentile(values: list[float], fraction: float) -> float:
    """The ``fraction`` quantile (nearest rank) of ``values``."""
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(fraction * (len(ordered) - 1))))
    return ordered[index]


def rss_mb() -> tuple[float, float]:
    """(current, peak) resident memory of this process in MB."""
    fields: dict[str, float] = {}
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(("VmRSS:", "VmHWM:")):
            name, value = line.split(":", 1)
            fields[name] = int(value.split()[0]) / 1024
    return fields.get("VmRSS", 0.0), fields.get("VmHWM", 0.0)


async def wait_for(flag: list[float], count: int, limit: float = 10.0) -> float:
    """The ``count``-th time recorded in ``flag``, once it is there (polled)."""
    deadline = time.time() + limit
    while len(flag) < count:
        if time.time() > deadline:
            raise TimeoutError("the screen did not update")
        await asyncio.sleep(0.0005)
    return flag[count - 1]


# ----- the child: one fresh interpreter drives the app headless -----------------------------


def child(library: Path, started_at: float) -> dict[str, Any]:
    """Run the app headless on ``library`` and time everything; ``started_at`` is spawn time."""
    from textual import events
    from textual.pilot import Pilot

    from tui.app import BroadsheetApp
    from tui.screens.article import ArticleScreen
    from tui.widgets.article_list import ArticleList
    from tui.widgets.article_view import ArticleView

    painted: list[float] = []
    shown_results: list[float] = []
    opened: list[float] = []
    original_show = ArticleList.show_results
    original_article = ArticleView.show_article

    def show_results(self: ArticleList, *args: Any, **kwargs: Any) -> None:
        original_show(self, *args, **kwargs)
        shown_results.append(time.time())
        self.app.call_after_refresh(lambda: painted.append(time.time()))

    def show_article(self: ArticleView, *args: Any, **kwargs: Any) -> None:
        original_article(self, *args, **kwargs)
        self.app.call_after_refresh(lambda: opened.append(time.time()))

    ArticleList.show_results = show_results  # type: ignore[method-assign]
    ArticleView.show_article = show_article  # type: ignore[method-assign]
    results: dict[str, Any] = {}

    async def settled(app: BroadsheetApp) -> None:
        # Not workers.wait_for_complete(): it raises for workers a newer query cancelled.
        while any(not worker.is_finished for worker in app.workers):
            await asyncio.sleep(0.002)

    async def keystrokes(pilot: Pilot[None], keys: list[str]) -> list[float]:
        timings = []
        for key in keys:
            before = len(painted)
            pressed = time.time()
            await pilot.press(key)
            done = await wait_for(painted, before + 1)
            timings.append(done - pressed)
            await settled(pilot.app)
        return timings

    async def run() -> None:
        app = BroadsheetApp(library)
        async with app.run_test(size=(120, 40)) as pilot:
            first = await wait_for(painted, 1)
            results["launch_s"] = first - started_at
            screen = app.library_screen
            assert screen is not None
            results["rows_on_screen"] = sum(
                1 for line in screen.query_one(ArticleList).visible_texts() if line.strip()
            )
            results["status"] = screen.status.plain
            await settled(app)
            await pilot.pause()
            # Query line: each keystroke waits for its updated list (a steady typist).
            await pilot.press("slash")
            # Every keystroke here changes the filter (a full-text prefix search).
            typed = [*"lavrov", *["backspace"] * 6, *"sanctions", *["backspace"] * 9, *"aleppo"]
            query_times = await keystrokes(pilot, typed)
            results["query_keystrokes"] = len(query_times)
            results["filter_p50_s"] = statistics.median(query_times)
            results["filter_p95_s"] = percentile(query_times, 0.95)
            results["filter_max_s"] = max(query_times)
            # A burst: ten keys 20 ms apart; stale work is cancelled, the last one wins.
            for _ in range(30):
                await pilot.press("backspace")
            await settled(app)
            await pilot.pause(0.1)
            before = len(painted)
            last_key = time.time()
            for key in "sanctions":
                # Posted straight to the app (pilot.press would wait for it to go idle):
                # keys arrive while earlier queries are still running.
                await asyncio.sleep(0.02)
                last_key = time.time()
                app.post_message(events.Key(key, key))
            await settled(app)
            await pilot.pause(0.2)
            final = painted[-1] if len(painted) > before else last_key
            results["burst_keys"] = len("sanctions")
            results["burst_repaints"] = len(painted) - before
            results["burst_last_key_to_list_s"] = max(0.0, final - last_key)
            await pilot.press("enter")
            await pilot.press("x")
            await settled(app)
            await pilot.pause()
            key_times = await keystrokes(pilot, ["1", "2", "3", "4", "u", "B", "B", "u", "x"])
            results["filter_keys_p50_s"] = statistics.median(key_times)
            results["filter_keys_max_s"] = max(key_times)
            # Scroll deep into the list: pages are fetched on demand.
            for _ in range(30):
                await pilot.press("pagedown")
            await settled(app)
            await pilot.pause()
            await pilot.press("G")
            await settled(app)
            await pilot.pause()
            await pilot.press("g")
            await settled(app)
            await pilot.pause()
            # Open an article, then step through the next ones.
            open_times = []
            for step in ("enter", "right_square_bracket", "right_square_bracket", "escape") * 3:
                if step == "escape":
                    await pilot.press("escape")
                    await settled(app)
                    await pilot.pause()
                    await pilot.press("j")
                    continue
                before = len(opened)
                pressed = time.time()
                await pilot.press(step)
                done = await wait_for(opened, before + 1)
                open_times.append(done - pressed)
                assert isinstance(app.screen, ArticleScreen)
                await settled(app)
            results["open_p50_s"] = statistics.median(open_times)
            results["open_max_s"] = max(open_times)
            current, peak = rss_mb()
            results["rss_mb"] = current
            results["rss_peak_mb"] = peak

    asyncio.run(run())
    return results


def run_child(library: Path) -> dict[str, Any]:
    """Spawn a fresh interpreter for one headless run; returns its figures."""
    started = time.time()
    output = subprocess.run(
        [sys.executable, __file__, "--child", str(library), str(started)],
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    if output.returncode != 0:
        raise SystemExit(f"child failed:\n{output.stderr[-3000:]}")
    figures: dict[str, Any] = json.loads(output.stdout.strip().splitlines()[-1])
    return figures


# ----- tmux: the real entry point in a real terminal ----------------------------------------


def tmux(*args: str) -> str:
    """Run tmux and return its output."""
    return subprocess.run(["tmux", *args], capture_output=True, text=True, check=False).stdout


def wait_pane(session: str, needle: str, limit: float = 15.0, absent: bool = False) -> float:
    """Poll the pane until ``needle`` appears (or disappears); returns the time it did."""
    deadline = time.time() + limit
    while time.time() < deadline:
        shown = needle in tmux("capture-pane", "-p", "-t", session)
        if shown != absent:
            return time.time()
        time.sleep(0.003)
    raise TimeoutError(f"{needle!r} never {'left' if absent else 'reached'} the screen")


def tmux_figures(library: Path, count: int) -> dict[str, Any]:
    """Launch and keystroke timings of the real app in tmux at 120x40."""
    session = f"bench-{os.getpid()}-{count}"
    command = (
        f"cd {ROOT} && TERM=xterm-256color PYTHONPATH={ROOT} "
        f"{sys.executable} -m tui.cli --library {library}"
    )
    results: dict[str, Any] = {}
    launches = []
    try:
        for _ in range(3):
            started = time.time()
            tmux("new-session", "-d", "-s", session, "-x", "120", "-y", "40", command)
            shown = wait_pane(session, f"of {count:,} articles")
            launches.append(shown - started)
            tmux("kill-session", "-t", session)
            time.sleep(0.3)
        results["tmux_launch_s"] = statistics.median(launches)
        tmux("new-session", "-d", "-s", session, "-x", "120", "-y", "40", command)
        wait_pane(session, f"of {count:,} articles")
        time.sleep(0.5)
        keys = []
        for _ in range(5):
            for key, needle, absent in (
                ("1", "country:Syria", False),
                ("1", "country:Syria", True),
            ):
                pressed = time.time()
                tmux("send-keys", "-t", session, key)
                keys.append(wait_pane(session, needle, absent=absent) - pressed)
                time.sleep(0.1)
        results["tmux_key_p50_s"] = statistics.median(keys)
        results["tmux_key_max_s"] = max(keys)
        opens = []
        for _ in range(3):
            pressed = time.time()
            tmux("send-keys", "-t", session, "Enter")
            # The article header (outlet · byline · date) on screen.
            opens.append(wait_pane(session, " · ") - pressed)
            time.sleep(0.2)
            tmux("send-keys", "-t", session, "Escape")
            wait_pane(session, f"of {count:,} articles")
            tmux("send-keys", "-t", session, "j")
            time.sleep(0.2)
        results["tmux_open_p50_s"] = statistics.median(opens)
    finally:
        tmux("kill-session", "-t", session)
    return results


# ----- the report ---------------------------------------------------------------------------


def main() -> int:
    """Build the libraries, run the measurements, print a table and the JSON."""
    if len(sys.argv) >= 2 and sys.argv[1] == "--child":
        print(json.dumps(child(Path(sys.argv[2]), float(sys.argv[3]))))
        return 0
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="10000,100000")
    parser.add_argument("--cache", default="/tmp/broadsheet-bench")
    parser.add_argument("--runs", type=int, default=3, help="headless runs per size")
    parser.add_argument("--no-tmux", action="store_true")
    args = parser.parse_args()
    from synthetic_library import cached_library

    report: dict[str, Any] = {}
    for count in (int(size) for size in args.sizes.split(",")):
        started = time.time()
        library = cached_library(Path(args.cache), count)
        print(f"library of {count:,}: ready in {time.time() - started:.1f} s ({library})")
        runs = [run_child(library) for _ in range(args.runs)]
        figures = {
            key: statistics.median(one[key] for one in runs)
            if isinstance(runs[0][key], float)
            else runs[0][key]
            for key in runs[0]
        }
        if not args.no_tmux and shutil.which("tmux"):
            figures.update(tmux_figures(library, count))
        report[str(count)] = figures
        print(f"\n== {count:,} articles (median of {args.runs} headless runs) ==")
        for key, value in figures.items():
            shown = f"{value * 1000:8.1f} ms" if key.endswith("_s") else f"{value}"
            print(f"  {key:28} {shown}")
        launch_target = TARGETS.get(f"launch_{count}")
        if launch_target:
            print(f"  target: launch <= {launch_target * 1000:.0f} ms")
    print("\ntargets: filter p50 <= 60 ms, p95 <= 200 ms; open <= 50 ms; RSS <= 120 MB at 10k")
    print(json.dumps(report))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
