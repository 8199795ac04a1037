"""Benchmark the plain-text page-dump cleaner against the reference baselines, in one run.

    python tests/benchmarks/bench_textdump.py            # make dumps if needed, print the table
    python tests/benchmarks/bench_textdump.py --per-page 10
    python tests/benchmarks/bench_textdump.py --jsonl < paths.txt   # for score_dumps.py --jsonl-cmd

Needs ../shared beside the clone (the Mozilla page set and the scoring tools) and w3m to
render the pages to text dumps; the dumps are cached in a temporary folder. Prints token
4-gram shingle precision / recall / F1 (macro over pages, the scorer's own metric module)
for Broadsheet's `extract_text` and for the scorer's built-in baselines, plus the median
milliseconds per page, and the seed check (000 against 001's clean text).
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
SHARED = ROOT.parent / "shared"
TOOLS = SHARED / "tools"
PAGES = SHARED / "extraction-mozilla"
CACHE = Path(tempfile.gettempdir()) / "broadsheet-textdumps"
BASELINES = ["whole", "justext", "minwords:5", "minwords:8", "minwords:12", "block:8"]

sys.path.insert(0, str(ROOT))


def _ours(text: str) -> str:
    from reader.extract.text import extract_text

    return extract_text(text).body


def make_dumps(out: Path) -> bool:
    """Render the page set to text dumps in ``out`` once; False when that is impossible."""
    if len(list(out.glob("*.expected.txt"))) >= 50:
        return True
    if not shutil.which("w3m"):
        print("w3m is not installed: cannot render the pages to dumps", file=sys.stderr)
        return False
    out.mkdir(parents=True, exist_ok=True)
    script = TOOLS / "textdump" / "make_dumps.py"
    subprocess.run([sys.executable, str(script), str(PAGES), str(out)], check=True)
    return True


def _load(out: Path, ids: list[str] | None) -> list[tuple[str, str, str]]:
    pages = []
    for expected in sorted(out.glob("*.expected.txt")):
        page_id = expected.name.removesuffix(".expected.txt")
        if ids and not any(page_id.startswith(i) for i in ids):
            continue
        dump = out / f"{page_id}.txt"
        pages.append(
            (page_id, dump.read_text("utf-8"), expected.read_text("utf-8")),
        )
    return pages


def _score(
    name: str, fn: Callable[[str], str], pages: list[tuple[str, str, str]], metric: Any
) -> dict[str, Any]:
    docs, times, per_page = [], [], {}
    for page_id, dump, truth in pages:
        started = time.perf_counter()
        predicted = fn(dump)
        times.append(time.perf_counter() - started)
        doc = metric.score_document(truth, predicted)
        docs.append(doc)
        per_page[page_id] = doc
    result: dict[str, Any] = metric.aggregate_with_bootstrap(docs, n_bootstrap=300)
    result["name"] = name
    result["ms"] = statistics.median(times) * 1000
    result["per_page"] = per_page
    return result


def _seed_check(metric: Any) -> str:
    seeds = SHARED / "seeds"
    raw = next(seeds.glob("000_*.txt"), None)
    clean = next(seeds.glob("001_*.txt"), None)
    if raw is None or clean is None:
        return "seeds: not found"
    from reader.extract.text import extract_text

    result = extract_text(raw.read_text("utf-8"))
    lines = [line.strip() for line in clean.read_text("utf-8").splitlines() if line.strip()]
    same = result.body.split("\n\n") == lines[1:] and result.title == lines[0]
    doc = metric.score_document("\n".join(lines[1:]), result.body)
    return f"seed 000 -> 001: paragraphs equal: {same}; token F1 {doc.f1:.3f}"


def run_jsonl() -> int:
    """Read dump paths on stdin, print one {"path", "text"} object per line."""
    for raw in sys.stdin:
        path = raw.strip()
        if not path:
            continue
        text = Path(path).read_text("utf-8", errors="replace")
        print(json.dumps({"path": path, "text": _ours(text)}, ensure_ascii=False))
    return 0


def main(argv: list[str] | None = None) -> int:
    """Print the comparison table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dumps", type=Path, default=CACHE, help="dump folder (cache)")
    parser.add_argument("--ids", nargs="*", help="only pages whose id starts with these")
    parser.add_argument("--per-page", type=int, default=0, metavar="K", help="K worst pages")
    parser.add_argument("--no-baselines", action="store_true")
    parser.add_argument("--jsonl", action="store_true", help="jsonl mode for score_dumps.py")
    args = parser.parse_args(argv)
    if args.jsonl:
        return run_jsonl()
    if not PAGES.is_dir():
        print(f"{PAGES} not found: nothing to measure on a bare clone")
        return 0
    if not make_dumps(args.dumps):
        return 0
    sys.path.insert(0, str(TOOLS / "extraction"))
    sys.path.insert(0, str(TOOLS / "textdump"))
    import metric
    import score_dumps

    pages = _load(args.dumps, args.ids)
    rows = [_score("broadsheet extract_text", _ours, pages, metric)]
    if not args.no_baselines:
        for spec in BASELINES:
            try:
                baseline = score_dumps.make_baseline(spec)
            except ImportError as error:
                print(f"skipping baseline {spec}: {error}", file=sys.stderr)
                continue
            rows.append(_score(f"baseline {spec}", baseline, pages, metric))
    print(
        f"{len(pages)} dumps in {args.dumps}; token 4-gram shingles, macro over pages, ± bootstrap std"
    )
    print(f"{'system':26} | {'precision':11} {'recall':11} {'F1':11} | median ms/page")
    for row in rows:
        print(
            f"{row['name']:26} | {row['precision']:.3f}±{row['precision_std']:.3f} "
            f"{row['recall']:.3f}±{row['recall_std']:.3f} {row['f1']:.3f}±{row['f1_std']:.3f} |"
            f" {row['ms']:8.2f}"
        )
        if args.per_page:
            worst = sorted(row["per_page"].items(), key=lambda kv: kv[1].f1 or 0.0)
            for page_id, doc in worst[: args.per_page]:
                print(
                    f"    {page_id:28} F1 {doc.f1 or 0:.3f}  P {doc.precision or 0:.3f}"
                    f"  R {doc.recall or 0:.3f}"
                )
    print(_seed_check(metric))
    return 0


if __name__ == "__main__":
    sys.exit(main())
