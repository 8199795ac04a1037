"""Annotation quality and speed: exact-span P/R/F1 per label, speakers, countries, ms/article.

Run: python tests/benchmarks/bench_annotate.py [-v]  (-v lists every error).
"""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from annotate_eval import (
    BLIND,
    BLIND2,
    BLIND3,
    BLIND4,
    BLIND5,
    BLIND6,
    ROOT,
    Gold,
    Score,
    load_fixtures,
    load_seed_gold,
)

from reader.annotate.gazetteer import load_gazetteer
from reader.annotate.pipeline import annotate_article

SEEDS = ROOT.parent / "shared" / "seeds"


def score(golds: list[Gold]) -> Score:
    """Annotate each article and score it."""
    result = Score()
    for g in golds:
        result.add(g, annotate_article(g.body, title=g.title, tags=g.tags))
    return result


def report(label: str, s: Score, verbose: bool) -> None:
    """Print one block of figures."""
    print(f"== {label}: {s.articles} articles")
    for name, tally in (("PERSON", s.person), ("PLACE", s.place), ("QUOTE", s.quote)):
        p, r, f = tally.prf()
        print(
            f"{name:8} P {p:.3f}  R {r:.3f}  F1 {f:.3f}  (tp {tally.tp} fp {tally.fp} fn {tally.fn})"
        )
    print(f"SPEAKER  accuracy {s.speaker_accuracy():.3f}  ({s.speaker_right}/{s.speaker_total})")
    p, r, f = s.country.prf()
    print(f"COUNTRY  P {p:.3f}  R {r:.3f}  F1 {f:.3f}  exact-set {s.country_exact}/{s.articles}")
    if verbose:
        for line in s.errors:
            print("   ", line)


def speed() -> float:
    """Median ms per 500-word article over the fixtures, cut or repeated to 500 words."""
    load_gazetteer()
    bodies = []
    for g in load_fixtures():
        words = g.body.split(" ")
        while len(words) < 500:
            words = words + words
        bodies.append(" ".join(words[:500]))
    times = []
    for _ in range(20):
        for body in bodies:
            t = time.perf_counter()
            annotate_article(body, title="", tags=())
            times.append((time.perf_counter() - t) * 1000)
    return statistics.median(times)


def main() -> None:
    """Print the figures for the fixtures, the seeds (when present) and the speed."""
    verbose = "-v" in sys.argv
    report("fixtures", score(load_fixtures()), verbose)
    report("blind batch", score(load_fixtures(BLIND)), verbose)
    report("blind batch 2", score(load_fixtures(BLIND2)), verbose)
    report("blind batch 3", score(load_fixtures(BLIND3)), verbose)
    report("blind batch 4", score(load_fixtures(BLIND4)), verbose)
    report("blind batch 5", score(load_fixtures(BLIND5)), verbose)
    report("blind batch 6", score(load_fixtures(BLIND6)), verbose)
    seeds = load_seed_gold(SEEDS)
    if seeds:
        report("seeds", score(seeds), verbose)
    else:
        print("== seeds: not present, skipped")
    print(f"SPEED    median {speed():.2f} ms per 500-word article")


if __name__ == "__main__":
    main()
