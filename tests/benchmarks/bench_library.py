"""Library speed: build synthetic libraries and time the queries the TUI makes.

Run: ``/work/venv/bin/python tests/benchmarks/bench_library.py [--sizes 10000 100000]``.
Prints the cost of one-article store() transactions, then for each size: build time (store_many, de-duplication on), file size, open time,
count + first page (200 rows) for no filter, one country, a date range, a text search, a
prefix being typed, bookmarked, a person, a combination; ids(); get(id); RSS memory.
Timings are medians of several runs; the machine is shared, so compare ratios in one run.
"""

from __future__ import annotations

import argparse
import random
import resource
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from reader.library.query import parse_query
from reader.library.store import Library, StoreRequest
from reader.models import Annotations, Extracted, PersonMention, PlaceMention

COUNTRIES = ["Syria", "Turkey", "Russia", "Iran"] * 4 + [
    "Iraq",
    "Lebanon",
    "Israel",
    "Egypt",
    "Jordan",
    "Ukraine",
    "France",
    "Germany",
    "China",
    "India",
    "Qatar",
    "Saudi Arabia",
    "United States",
    "United Kingdom",
    "Azerbaijan",
    "Armenia",
]
PEOPLE = ["Sergei Lavrov", "Hakan Fidan", "Abbas Araghchi", "Faisal Mekdad", "Antonio Guterres"]
PEOPLE += [f"Person{n} Name{n}" for n in range(200)]
PLACES = [("Ankara", "Turkey"), ("Damascus", "Syria"), ("Moscow", "Russia"), ("Tehran", "Iran")]
OUTLETS = [f"Outlet {n}" for n in range(25)]
SYLLABLES = [
    "ka",
    "lo",
    "mi",
    "na",
    "re",
    "su",
    "ti",
    "va",
    "be",
    "do",
    "fe",
    "gu",
    "hi",
    "jo",
    "ku",
    "la",
    "me",
    "ni",
    "po",
    "ra",
    "se",
    "to",
    "vu",
    "wa",
    "ye",
    "zo",
]


def vocabulary(rng: random.Random, size: int = 3000) -> list[str]:
    """Made-up words (two to four syllables), so shingles behave like real text."""
    words: set[str] = set()
    while len(words) < size:
        words.add("".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 4))))
    return sorted(words)


def synthetic(n: int, seed: int = 7) -> Iterator[StoreRequest]:
    """``n`` articles: 150-300 word bodies, 5% undated, 1-3 countries, a few mentions."""
    rng = random.Random(seed)
    vocab = vocabulary(rng)
    start = date(2023, 1, 1)
    for i in range(n):
        person = rng.choice(PEOPLE)
        place, place_country = rng.choice(PLACES)
        lead = f"{person} spoke in {place}."
        sentences = [
            " ".join(rng.choice(vocab) for _ in range(rng.randint(8, 16))) for _ in range(18)
        ]
        body = lead + " " + ". ".join(sentences[:6]) + ".\n\n" + ". ".join(sentences[6:]) + "."
        p_start = 0
        l_start = len(person) + len(" spoke in ")
        annotations = Annotations(
            people=(PersonMention(person, p_start, p_start + len(person), person),),
            places=(PlaceMention(place, l_start, l_start + len(place), place_country, "city"),),
            countries=tuple(dict.fromkeys(rng.sample(COUNTRIES, rng.randint(1, 3)))),
        )
        published = None if rng.random() < 0.05 else start + timedelta(days=rng.randint(0, 1095))
        extracted = Extracted(
            title=" ".join(rng.choice(vocab) for _ in range(rng.randint(5, 10))).capitalize()
            + f" {i}",
            body=body,
            outlet=rng.choice(OUTLETS),
            published=published,
            tags=rng.sample(["politics", "diplomacy", "economy", "war", "energy"], 2),
        )
        yield StoreRequest(extracted, annotations, f"/bench/{i}.txt", None, 1)


def median_ms(fn: Callable[[], object], runs: int = 7) -> float:
    """Median wall time of ``fn`` in milliseconds."""
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t0) * 1000)
    return statistics.median(times)


def rss_mb() -> tuple[float, float]:
    """(current, peak) resident memory of this process in MB."""
    current = 0.0
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                current = int(line.split()[1]) / 1024
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return current, peak


def bench(size: int, folder: Path, reuse: bool = False) -> None:
    """Build one library of ``size`` articles (or reuse a kept one) and print its figures."""
    path = folder / f"lib-{size}.sqlite3"
    if reuse and path.exists():
        with Library(path) as library:
            ids = library.ids()
        rng = random.Random(1)
        build = float("nan")
    else:
        ids, rng, build = _build(path, size)
    size_mb = sum(p.stat().st_size for p in folder.glob(f"lib-{size}.sqlite3*")) / 1e6
    _measure(path, size, ids, rng, build, size_mb)


def _build(path: Path, size: int) -> tuple[list[int], random.Random, float]:
    library = Library(path)
    t0 = time.perf_counter()
    batch: list[StoreRequest] = []
    for request in synthetic(size):
        batch.append(request)
        if len(batch) == 1000:
            library.store_many(batch)
            batch = []
    library.store_many(batch)
    build = time.perf_counter() - t0
    ids = library.ids()
    rng = random.Random(1)
    for article_id in rng.sample(ids, max(1, size // 50)):
        library.set_bookmarked(article_id)
    library.close()
    return ids, rng, build


def _measure(
    path: Path, size: int, ids: list[int], rng: random.Random, build: float, size_mb: float
) -> None:
    t0 = time.perf_counter()
    library = Library(path)
    library.summaries(limit=200)
    open_ms = (time.perf_counter() - t0) * 1000
    print(f"\n== {size:,} articles ==")
    print(f"build (store_many, de-dup on): {build:.1f} s ({build / size * 1e6:.0f} us/article)")
    print(f"file size: {size_mb:.0f} MB; open + first page: {open_ms:.1f} ms")
    queries = {
        "no filter": "",
        "one country": "country:syria",
        "two countries": "country:iran,turkey",
        "date range": "since:2024-01 until:2024-06",
        "text search": f"{vocabulary(random.Random(7))[100]}",
        "prefix typing": "ka",
        "bookmarked": "is:bookmarked",
        "unread": "is:unread",
        "undated": "is:undated",
        "person": "person:lavrov",
        "combined": "country:syria since:2024 is:unread person:lavrov",
    }
    print(f"{'filter':<16}{'matches':>9}{'count ms':>10}{'page ms':>10}{'both ms':>10}")
    for name, text in queries.items():
        flt = parse_query(text)
        matches = library.count(flt)
        count_ms = median_ms(lambda flt=flt: library.count(flt))
        page_ms = median_ms(lambda flt=flt: library.summaries(flt, limit=200))
        both = median_ms(lambda flt=flt: (library.count(flt), library.summaries(flt, limit=200)))
        print(f"{name:<16}{matches:>9}{count_ms:>10.2f}{page_ms:>10.2f}{both:>10.2f}")
    print(
        f"deep page (offset {size // 2}): {median_ms(lambda: library.summaries(offset=size // 2)):.2f} ms"
    )
    print(f"ids() all: {median_ms(lambda: library.ids(), runs=3):.1f} ms")
    sample = rng.sample(ids, 200)
    times = []
    for article_id in sample:
        t0 = time.perf_counter()
        library.get(article_id)
        times.append((time.perf_counter() - t0) * 1000)
    print(f"get(id): median {statistics.median(times):.3f} ms, max {max(times):.3f} ms")
    print(f"countries(): {median_ms(library.countries):.2f} ms")
    toggle = sample[0]
    print(f"set_bookmarked: {median_ms(lambda: library.set_bookmarked(toggle)):.2f} ms")
    current, peak = rss_mb()
    print(f"RSS: {current:.0f} MB now, {peak:.0f} MB peak (this process, incl. the build)")
    library.close()


def bench_single_store(folder: Path, count: int = 1000) -> None:
    """Time one-article transactions (how feeds and single files are stored)."""
    requests = list(synthetic(count, seed=11))
    with Library(folder / "single.sqlite3") as library:
        t0 = time.perf_counter()
        for r in requests:
            library.store(r.extracted, r.annotations, source=r.source, annotator_version=1)
        single = (time.perf_counter() - t0) / count * 1000
        t0 = time.perf_counter()
        for r in requests[: count // 2]:
            library.store(r.extracted, r.annotations, source=r.source, annotator_version=1)
        again = (time.perf_counter() - t0) / (count // 2) * 1000
    print(f"\n== store() one article per transaction, {count} articles ==")
    print(f"new: {single:.2f} ms/article; unchanged re-import: {again:.2f} ms/article")


def main() -> None:
    """Parse arguments and run the benchmarks."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument(
        "--keep", type=Path, help="build the libraries in this folder and keep them"
    )
    parser.add_argument("--reuse", action="store_true", help="with --keep: reuse kept libraries")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-library-") as tmp:
        bench_single_store(Path(tmp))
    if args.keep:
        args.keep.mkdir(parents=True, exist_ok=True)
        for size in args.sizes:
            bench(size, args.keep, args.reuse)
        return
    with tempfile.TemporaryDirectory(prefix="bench-library-") as tmp:
        for size in args.sizes:
            bench(size, Path(tmp))


if __name__ == "__main__":
    main()
