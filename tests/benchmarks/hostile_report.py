"""Run the whole hostile suite and print one table: what was tried and how it ended.

    /work/venv/bin/python tests/benchmarks/hostile_report.py [--skip-pytest] [--cache DIR]

Two kinds of rows. Input rows push files through the real ingest path in a watched child
process (tests/hostile/ingest_worker.py): feedparser's own test corpus (downloaded once with
pip into the cache) and the generated pathological inputs (billion laughs, external
entities with a 127.0.0.1 canary, 5 MB titles, 100,000 empty items, 10,000-deep pages,
surrogates, NULs, lying encodings, ...). Test rows run each tests/hostile/test_*.py module
under pytest (slow tests included) and report its tests as inputs. "crashes" counts crashes
and hangs (> 10 s) for input rows and failed tests for test rows; it must be 0. Peak memory
is the largest peak RSS of any one child process. Exit status 1 when anything crashed.
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
HOSTILE = ROOT / "tests" / "hostile"
sys.path.insert(0, str(HOSTILE))
sys.path.insert(0, str(ROOT))

from hostile_pathological import Canary, pathological_inputs  # noqa: E402
from hostile_runner import (  # noqa: E402
    CorpusUnavailable,
    RunSummary,
    corpus_files,
    describe_failures,
    feedparser_corpus,
    run_inputs,
)


@dataclass
class Row:
    """One line of the table."""

    name: str
    tried: int
    imported: str
    errors: str
    crashes: int
    seconds: float
    peak_mb: float
    note: str = ""


def input_row(summary: RunSummary, note: str = "") -> Row:
    """A table row from a run of inputs through the ingest path."""
    return Row(
        summary.name,
        len(summary.results),
        str(summary.count("imported")),
        str(summary.count("error")),
        len(summary.failures),
        summary.seconds,
        summary.peak_mb,
        note,
    )


def run_corpus(cache: Path, work: Path) -> Row:
    """feedparser's corpus through ``import_sources``, one watched worker."""
    try:
        tests = feedparser_corpus(cache)
    except CorpusUnavailable as exc:
        return Row("feedparser corpus", 0, "-", "-", 0, 0.0, 0.0, f"not run: {exc}"[:120])
    summary = run_inputs(corpus_files(tests), work / "corpus.sqlite3", name="feedparser corpus")
    if summary.failures:
        print(describe_failures(summary.failures), file=sys.stderr)
    return input_row(summary, f"feedparser {tests.parent.name.split('-')[-1]}")


def run_pathological(work: Path) -> Row:
    """The generated pathological files, a fresh child each (so the memory is each one's)."""
    canary = Canary()
    try:
        inputs = pathological_inputs(work / "pathological", canary.url)
        summary = run_inputs(
            inputs.values(), work / "pathological.sqlite3", fresh_process=True, name="pathological"
        )
    finally:
        canary.close()
    if summary.failures:
        print(describe_failures(summary.failures), file=sys.stderr)
    slowest = max(summary.results, key=lambda r: r.seconds)
    note = (
        f"canary hits {len(canary.hits)}; slowest {Path(slowest.path).name} "
        f"{slowest.seconds:.1f} s; max per input {summary.peak_mb:.0f} MB"
    )
    crashes = len(summary.failures) + len(canary.hits)
    row = input_row(summary, note)
    row.crashes = crashes
    return row


_COUNTS = re.compile(r"(\d+) (passed|failed|skipped|error|errors)")


def run_test_module(module: Path) -> Row:
    """One hostile test module under pytest in a child; its tests are this row's inputs."""
    command = [sys.executable, "-m", "pytest", "-q", "-p", "no:randomly", str(module)]
    started = time.monotonic()
    child = subprocess.Popen(
        command, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
    )
    assert child.stdout is not None
    output = child.stdout.read()
    # wait4 gives this child's own peak RSS (and that of the children it waited for).
    _pid, status, usage = os.wait4(child.pid, 0)
    child.returncode = os.waitstatus_to_exitcode(status)
    seconds = time.monotonic() - started
    peak = usage.ru_maxrss / 1024
    tail = output.strip().splitlines()[-1] if output.strip() else ""
    counts = {kind: int(n) for n, kind in _COUNTS.findall(tail)}
    failed = counts.get("failed", 0) + counts.get("error", 0) + counts.get("errors", 0)
    if child.returncode not in (0, 5) and not failed:
        failed = 1  # pytest itself failed (collection, crash)
    if failed:
        print(output[-4000:], file=sys.stderr)
    passed, skipped = counts.get("passed", 0), counts.get("skipped", 0)
    return Row(
        f"tests: {module.stem.removeprefix('test_hostile_')}",
        passed + failed + skipped,
        f"{passed} pass",
        f"{skipped} skip",
        failed,
        seconds,
        peak,
        "pytest and its children",
    )


def print_table(rows: list[Row]) -> None:
    """The table, fixed-width, then the totals."""
    header = ("suite", "inputs", "imported", "clear errors", "crashes", "time s", "peak MB")
    print(
        f"{header[0]:<26}{header[1]:>8}{header[2]:>10}{header[3]:>14}{header[4]:>9}"
        f"{header[5]:>9}{header[6]:>9}  notes"
    )
    for r in rows:
        print(
            f"{r.name:<26}{r.tried:>8}{r.imported:>10}{r.errors:>14}{r.crashes:>9}"
            f"{r.seconds:>9.1f}{r.peak_mb:>9.0f}  {r.note}"
        )
    total = sum(r.seconds for r in rows)
    crashes = sum(r.crashes for r in rows)
    print(f"{'total':<26}{sum(r.tried for r in rows):>8}{'':>10}{'':>14}{crashes:>9}{total:>9.1f}")


def main(argv: list[str] | None = None) -> int:
    """Run everything and print the table; exit 1 when anything crashed or hung."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--skip-pytest", action="store_true", help="only the input rows")
    parser.add_argument(
        "--cache",
        type=Path,
        default=ROOT / ".pytest_cache" / "d" / "feedparser-corpus",
        help="where feedparser's sdist is kept between runs (shared with the tests)",
    )
    args = parser.parse_args(argv)
    os.environ.setdefault("BROADSHEET_NO_SAMPLES", "1")
    rows: list[Row] = []
    with tempfile.TemporaryDirectory(prefix="broadsheet-hostile-") as tmp:
        work = Path(tmp)
        rows.append(run_corpus(args.cache, work))
        rows.append(run_pathological(work))
    if not args.skip_pytest:
        for module in sorted(HOSTILE.glob("test_*.py")):
            rows.append(run_test_module(module))
    print_table(rows)
    return 1 if any(r.crashes for r in rows) else 0


if __name__ == "__main__":
    sys.exit(main())
