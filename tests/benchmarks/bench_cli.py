"""Benchmark the headless CLI and batch import; prints figures, asserts nothing.

    /work/venv/bin/python tests/benchmarks/bench_cli.py [--pages DIR] [--runs N]

Measures, each in a fresh temporary library:
- process start-up: `broadsheet --version`, `broadsheet locate` (no library opened);
- first run: `broadsheet list` on an empty library (imports the bundled samples);
- `broadsheet list` and `broadsheet show 1` on the sample library;
- batch import throughput (articles per second, in process) of a folder of saved pages:
  ``--pages`` (default ../shared/extraction-mozilla/*/source.html when present, else the
  samples).
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
MOZILLA = ROOT.parent / "shared" / "extraction-mozilla"


def timed_cli(args: list[str], env: dict[str, str], runs: int) -> float:
    """Median wall time of ``python -m tui.cli ARGS`` over ``runs`` runs, in ms."""
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(
            [sys.executable, "-m", "tui.cli", *args],
            env=env,
            cwd=ROOT,
            capture_output=True,
            check=True,
        )
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def page_folder(tmp: Path, pages: Path | None) -> tuple[Path, int]:
    """A folder of pages to import: copies of source.html files, or the samples."""
    folder = tmp / "pages"
    folder.mkdir()
    if pages is None and MOZILLA.is_dir():
        pages = MOZILLA
    if pages is not None and any(pages.glob("*/source.html")):
        for index, source in enumerate(sorted(pages.glob("*/source.html"))):
            shutil.copy(source, folder / f"{index:04d}-{source.parent.name}.html")
    else:
        from reader.samples import sample_paths

        for path in sample_paths():
            shutil.copy(path, folder / path.name)
    return folder, len(list(folder.iterdir()))


def main() -> int:
    """Run the measurements and print one line per figure."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=Path)
    parser.add_argument("--runs", type=int, default=5)
    opts = parser.parse_args()
    sys.path.insert(0, str(ROOT))
    with tempfile.TemporaryDirectory() as raw:
        tmp = Path(raw)
        env = {**os.environ, "BROADSHEET_LIBRARY": str(tmp / "lib.sqlite3")}
        env["XDG_DATA_HOME"] = str(tmp / "data")
        print(f"start-up  --version      {timed_cli(['--version'], env, opts.runs):8.0f} ms")
        print(f"start-up  locate         {timed_cli(['locate'], env, opts.runs):8.0f} ms")
        first = timed_cli(["list"], env, 1)
        print(f"first run list (samples) {first:8.0f} ms")
        print(f"list      (samples)      {timed_cli(['list'], env, opts.runs):8.0f} ms")
        print(f"list --json (samples)    {timed_cli(['list', '--json'], env, opts.runs):8.0f} ms")
        print(f"show 1                   {timed_cli(['show', '1'], env, opts.runs):8.0f} ms")

        from reader.ingest import import_sources
        from reader.library.store import Library

        folder, files = page_folder(tmp, opts.pages)
        with Library(tmp / "batch.sqlite3") as library:
            start = time.perf_counter()
            statuses: dict[str, int] = {}
            for outcome in import_sources(library, [str(folder)]):
                statuses[outcome.status] = statuses.get(outcome.status, 0) + 1
            elapsed = time.perf_counter() - start
        done = sum(statuses.values())
        print(
            f"import {files} files: {elapsed:.2f} s, {done / elapsed:.1f} outcomes/s, "
            f"{elapsed / max(done, 1) * 1000:.1f} ms each; {statuses}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
