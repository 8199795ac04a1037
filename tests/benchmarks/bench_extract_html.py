"""Benchmark the HTML cleaner: quality (token F1, heading recall) and speed per page.

    /work/venv/bin/python tests/benchmarks/bench_extract_html.py [--dataset DIR] [--per-doc-csv F]

With the shared extraction scorer beside the clone (../shared/tools/extraction_score.py) it
scores Broadsheet, plain readability-lxml and trafilatura in one run on DATASET (default
../shared/extraction-mozilla): token 4-gram F1, precision, recall, heading recall, median ms.
It then checks page metadata against the dataset's expected-metadata.json files where given.
Without ../shared it times the cleaner on our own fixtures in tests/fixtures/html.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SHARED = ROOT.parent / "shared"
SCORER = SHARED / "tools" / "extraction_score.py"
sys.path.insert(0, str(ROOT))


def run_scorer(dataset: Path, builtins: str, extra: list[str]) -> int:
    """Score Broadsheet beside the built-in extractors with the shared tool; print its table."""
    import tempfile

    summary = Path(tempfile.mkdtemp()) / "scores.json"
    command = [
        sys.executable,
        str(SCORER),
        str(dataset),
        "--extractor",
        "broadsheet=reader.extract.html:body_text",
        "--builtin",
        builtins,
        "--bootstrap",
        "0",
        "--json-out",
        str(summary),
        *extra,
    ]
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    status = subprocess.run(command, cwd=ROOT, env=env, check=False).returncode
    if summary.is_file():
        print_targets(json.loads(summary.read_text("utf-8")))
    return status


def print_targets(scores: dict[str, object]) -> None:
    """One line per extractor against issue 2's targets (F1, heading recall, median ms)."""
    print("targets: F1 >= 0.975, heading recall >= 0.90, median <= 20 ms")
    for result in scores.get("results", []):  # type: ignore[union-attr]
        name = result["extractor"]
        f1, heading, median = result["f1"], result["heading_recall"] or 0, result["median_ms"]
        verdicts = [
            f"F1 {f1:.3f} ({'ok' if f1 >= 0.975 else 'below'})",
            f"P {result['precision']:.3f}",
            f"R {result['recall']:.3f}",
            f"headings {heading:.2f} ({'ok' if heading >= 0.90 else 'below'})",
            f"median {median:.1f} ms ({'ok' if median <= 20 else 'slow'})",
        ]
        print(f"  {name:<18} " + ", ".join(verdicts))


def _same(found: object, expected: object) -> bool:
    return (
        " ".join(str(found or "").split()).casefold()
        == " ".join(str(expected or "").split()).casefold()
    )


def check_metadata(dataset: Path) -> None:
    """Share of pages whose title, site name, byline and date match expected-metadata.json."""
    from reader.errors import ExtractionError
    from reader.extract.html import extract_html

    hits = {"title": 0, "siteName": 0, "byline": 0, "publishedTime": 0}
    totals = dict.fromkeys(hits, 0)
    for folder in sorted(p for p in dataset.iterdir() if p.is_dir()):
        meta_file = folder / "expected-metadata.json"
        source = folder / "source.html"
        if not meta_file.is_file() or not source.is_file():
            continue
        expected = json.loads(meta_file.read_text("utf-8"))
        try:
            got = extract_html(source.read_text("utf-8", errors="replace"))
        except ExtractionError:
            continue
        found = {
            "title": got.title,
            "siteName": got.outlet,
            "byline": got.byline,
            "publishedTime": got.published.isoformat()[:10] if got.published else None,
        }
        for key in hits:
            want = expected.get(key)
            if not want:
                continue
            totals[key] += 1
            if key == "publishedTime":
                hits[key] += bool(found[key]) and str(want)[:10] == found[key]
            else:
                hits[key] += _same(found[key], want)
    print("metadata agreement with expected-metadata.json (exact, case-insensitive):")
    for key, total in totals.items():
        if total:
            print(f"  {key:<14} {hits[key]}/{total} = {hits[key] / total:.2f}")


def time_fixtures(repeat: int) -> None:
    """Median milliseconds per page on our own fixtures (no ../shared needed)."""
    from reader.extract.html import body_text

    pages = sorted((ROOT / "tests" / "fixtures" / "html").glob("*.html"))
    timings: list[float] = []
    for page in pages:
        html = page.read_text("utf-8")
        best = min(_timed(body_text, html) for _ in range(repeat))
        timings.append(best)
    if timings:
        print(f"{len(pages)} fixture pages: median {statistics.median(timings) * 1000:.1f} ms")


def _timed(fn: object, html: str) -> float:
    start = time.perf_counter()
    fn(html)  # type: ignore[operator]
    return time.perf_counter() - start


def main(argv: list[str] | None = None) -> int:
    """Parse options and run the benchmark."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dataset", type=Path, default=SHARED / "extraction-mozilla")
    parser.add_argument("--builtin", default="readability,trafilatura")
    parser.add_argument("--per-doc-csv", type=Path)
    parser.add_argument("--no-metadata", action="store_true")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args(argv)
    time_fixtures(args.repeat)
    if not SCORER.is_file() or not args.dataset.is_dir():
        print(f"no scorer at {SCORER} or no dataset at {args.dataset}: fixture timing only")
        return 0
    extra = ["--per-doc-csv", str(args.per_doc_csv)] if args.per_doc_csv else []
    status = run_scorer(args.dataset, args.builtin, extra)
    if not args.no_metadata:
        check_metadata(args.dataset)
    return status


if __name__ == "__main__":
    sys.exit(main())
