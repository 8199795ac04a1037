"""Same-story grouping on tests/fixtures/stories: pairwise precision and recall, and speed.

Stores the fixture articles into a fresh library (in fixture order, then in shuffled import
orders, then after ``regroup_stories``) and compares the stories the library forms with the
true groups in groups.json, pair by pair: precision = pairs put together that belong
together / pairs put together; recall = pairs put together / pairs that belong together.

    /work/venv/bin/python tests/benchmarks/bench_stories.py
    /work/venv/bin/python tests/benchmarks/bench_stories.py --fixtures tests/fixtures/stories_blind

``--fixtures DIR`` runs on another folder of the same layout (articles.json, groups.json), e.g.
the blind set, which was never used to tune the threshold; the wrongly grouped and wrongly
split pairs are then listed too.
"""

from __future__ import annotations

import argparse
import itertools
import json
import random
import sys
import tempfile
import time
from dataclasses import dataclass
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from reader.library import stories  # noqa: E402
from reader.library.store import Library  # noqa: E402
from reader.models import Annotations, Extracted  # noqa: E402

FIXTURE = ROOT / "tests" / "fixtures" / "stories"


@dataclass(frozen=True)
class Scores:
    """Pairwise figures of one grouping."""

    precision: float
    recall: float
    true_pairs: int
    predicted_pairs: int
    false_pairs: tuple[tuple[str, str], ...] = ()
    missed_pairs: tuple[tuple[str, str], ...] = ()


def load_fixture() -> list[dict[str, object]]:
    """The fixture articles (each with its true ``group``)."""
    data = json.loads((FIXTURE / "articles.json").read_text(encoding="utf-8"))
    articles: list[dict[str, object]] = data["articles"]
    return articles


def true_groups() -> list[list[str]]:
    """The true groups of article keys."""
    groups: list[list[str]] = json.loads((FIXTURE / "groups.json").read_text())["groups"]
    return groups


def store_fixture(library: Library, order: list[int] | None = None) -> dict[str, int]:
    """Store the fixture articles (in ``order``); returns article key -> stored id."""
    articles = load_fixture()
    ids: dict[str, int] = {}
    for index in order if order is not None else range(len(articles)):
        a = articles[index]
        extracted = Extracted(
            title=str(a["title"]),
            body=str(a["body"]),
            outlet=str(a["outlet"]),
            published=date.fromisoformat(str(a["published"])),
        )
        countries = tuple(str(c) for c in a["countries"])  # type: ignore[attr-defined]
        outcome = library.store(
            extracted, Annotations(countries=countries), source=f"fixture:{a['key']}"
        )
        assert outcome.article_id is not None
        ids[str(a["key"])] = outcome.article_id
    return ids


def score(library: Library, ids: dict[str, int]) -> Scores:
    """Pairwise precision and recall of the library's stories against the true groups."""
    truth: dict[str, object] = {key: n for n, group in enumerate(true_groups()) for key in group}
    for key in ids:  # groups.json may leave out the articles that stand alone
        truth.setdefault(key, ("alone", key))
    story = {
        key: min(s.id for s in library.story_of(article_id)) for key, article_id in ids.items()
    }
    tp = 0
    false_pairs: list[tuple[str, str]] = []
    missed_pairs: list[tuple[str, str]] = []
    for a, b in itertools.combinations(sorted(ids), 2):
        same_true = truth[a] == truth[b]
        same_found = story[a] == story[b]
        tp += same_true and same_found
        if same_found and not same_true:
            false_pairs.append((a, b))
        if same_true and not same_found:
            missed_pairs.append((a, b))
    fp, fn = len(false_pairs), len(missed_pairs)
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    return Scores(precision, recall, tp + fn, tp + fp, tuple(false_pairs), tuple(missed_pairs))


def run(order: list[int] | None, *, regroup: bool = False) -> tuple[Scores, float]:
    """Store the fixture into a new library and score it; also the seconds it took."""
    with tempfile.TemporaryDirectory() as folder, Library(Path(folder) / "s.sqlite3") as lib:
        started = time.perf_counter()
        ids = store_fixture(lib, order)
        if regroup:
            lib.regroup_stories()
        elapsed = time.perf_counter() - started
        return score(lib, ids), elapsed


def main(argv: list[str] | None = None) -> int:
    """Print the figures; exit status 1 when precision or recall falls below 0.9."""
    global FIXTURE
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument(
        "--fixtures",
        type=Path,
        default=FIXTURE,
        metavar="DIR",
        help="folder holding articles.json and groups.json (default: tests/fixtures/stories)",
    )
    FIXTURE = parser.parse_args(argv).fixtures.resolve()
    articles = load_fixture()
    print(f"fixtures: {FIXTURE}")
    print(
        f"fixture: {len(articles)} articles, {len(true_groups())} true stories;"
        f" threshold {stories.STORY_THRESHOLD}"
    )
    worst = (1.0, 1.0)
    rows: list[tuple[str, Scores, float]] = []
    result, seconds = run(None)
    rows.append(("fixture order", result, seconds))
    # As feeds deliver them: by publication day (ties in fixture order).
    by_day = sorted(range(len(articles)), key=lambda n: str(articles[n]["published"]))
    result, seconds = run(by_day)
    rows.append(("publication order", result, seconds))
    for seed in range(5):
        order = random.Random(seed).sample(range(len(articles)), len(articles))
        result, seconds = run(order)
        rows.append((f"shuffled (seed {seed})", result, seconds))
    result, seconds = run(None, regroup=True)
    rows.append(("after regroup_stories", result, seconds))
    for name, result, seconds in rows:
        print(
            f"{name:<22} precision {result.precision:.3f}  recall {result.recall:.3f}"
            f"  (true pairs {result.true_pairs}, grouped pairs {result.predicted_pairs};"
            f" {seconds * 1000:.0f} ms to store)"
        )
        worst = (min(worst[0], result.precision), min(worst[1], result.recall))
    print(f"worst: precision {worst[0]:.3f}  recall {worst[1]:.3f}")
    first = rows[0][1]
    for label, pairs in (
        ("grouped wrongly", first.false_pairs),
        ("split wrongly", first.missed_pairs),
    ):
        print(f"{label} (fixture order): {len(pairs)}")
        for a, b in pairs:
            print(f"  {a} + {b}")
    # How much room the threshold has: the figures in fixture order at other thresholds.
    chosen = stories.STORY_THRESHOLD
    for threshold in (0.23, 0.25, 0.27, 0.28, 0.30, 0.31, 0.33, 0.35):
        stories.STORY_THRESHOLD = threshold
        result, _ = run(None)
        print(
            f"  threshold {threshold:.2f}: precision {result.precision:.3f}"
            f"  recall {result.recall:.3f}"
        )
    stories.STORY_THRESHOLD = chosen
    return 0 if min(worst) >= 0.9 else 1


if __name__ == "__main__":
    sys.exit(main())
