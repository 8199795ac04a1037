"""Benchmark: serve a generated 10k-item feed (~50 MB) on 127.0.0.1 and ingest it end to end.

Prints the parse time of each engine (lxml streaming vs feedparser) and, for the real path
(fetch, parse, clean, annotate, store through ``refresh_feeds``), the wall time and the peak
memory of a fresh process. Targets: <= 20 s and <= 400 MB.

    /work/venv/bin/python tests/benchmarks/bench_feed_ingest.py [--items 10000] [--no-feedparser]
        [--one-vocabulary]

Items are made-up text with news-like word statistics: each draws half its words from a
common vocabulary and the rest from its topic's own, so unrelated items overlap about as
much as real articles on different subjects (salient-word cosine ~0.12; 0.10 between the
extraction set's pages). ``--one-vocabulary`` generates the first version of this feed
byte for byte: every word from one Zipf list, so any two items overlapped like two reports
of one event (cosine 0.27) and the story grouping was kept busy with false stories.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import subprocess
import sys
import tempfile
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

FIRST = [
    "Ana",
    "Omar",
    "Lena",
    "Tomas",
    "Ilse",
    "Marek",
    "Dana",
    "Yusuf",
    "Petra",
    "Kofi",
    "Mira",
    "Ravi",
    "Sofia",
    "Hugo",
    "Nadia",
]
LAST = [
    "Brandt",
    "Okafor",
    "Ruiz",
    "Castell",
    "Lind",
    "Novak",
    "Haddad",
    "Quint",
    "Moreau",
    "Sato",
    "Ivanova",
    "Mensah",
]
PLACES = [
    "Ankara",
    "Lisbon",
    "Nairobi",
    "Oslo",
    "Lima",
    "Hanoi",
    "Tunis",
    "Riga",
    "Quito",
    "Accra",
    "Porto",
    "Kyiv",
    "Dakar",
]
WORDS = [
    "council",
    "harbour",
    "vote",
    "budget",
    "river",
    "bridge",
    "school",
    "market",
    "storm",
    "power",
    "water",
    "road",
    "rail",
    "court",
    "minister",
    "plan",
    "talks",
    "border",
    "trade",
    "price",
    "farm",
    "wheat",
    "port",
    "ship",
    "fleet",
    "union",
    "strike",
    "station",
    "hospital",
    "doctors",
    "nurses",
    "tower",
    "street",
    "square",
    "museum",
    "library",
    "report",
    "survey",
    "summer",
    "winter",
    "morning",
    "evening",
    "week",
    "month",
    "year",
    "crowd",
    "officials",
    "residents",
    "families",
    "workers",
    "engineers",
    "drivers",
    "pupils",
    "teachers",
    "police",
    "fire",
    "flood",
    "drought",
    "heat",
    "wind",
    "rain",
]


FUNCTION = [
    "the",
    "of",
    "and",
    "to",
    "a",
    "in",
    "that",
    "for",
    "on",
    "with",
    "as",
    "by",
    "at",
    "from",
    "was",
    "said",
    "has",
    "will",
]
SYLLABLES = [
    "ka",
    "lo",
    "mi",
    "ne",
    "ro",
    "ta",
    "vi",
    "su",
    "de",
    "an",
    "el",
    "or",
    "is",
    "um",
    "ba",
    "co",
    "fi",
    "ga",
    "hu",
    "je",
]


def _zipf(words: list[str]) -> list[float]:
    """Cumulative Zipf weights for ``words`` in rank order."""
    weights: list[float] = []
    total = 0.0
    for rank in range(len(words)):
        total += 1.0 / (rank + 1)
        weights.append(total)
    return weights


def _vocabulary() -> tuple[list[str], list[float], list[list[str]]]:
    """News-like words: a common head with Zipf frequencies, and topics of their own words.

    Unrelated news items share common words but few others: items here draw some of their
    words from the head and the rest from their topic's own words, so two items on
    different topics overlap about as much as real articles on different subjects do
    (salient-word cosine about 0.1, as between the extraction set's pages).
    """
    head = FUNCTION + WORDS + _first_tail()
    rng = random.Random(2)
    made = {"".join(rng.choices(SYLLABLES, k=rng.randint(3, 4))) for _ in range(200_000)}
    rest = sorted(made - set(head))
    topics = [rng.sample(rest, TOPIC_WORDS) for _ in range(TOPICS)]
    return head, _zipf(head), topics


def _first_tail() -> list[str]:
    """The made-up words after the common ones, as the first version of this benchmark drew."""
    rng = random.Random(1)
    return sorted({"".join(rng.choices(SYLLABLES, k=rng.randint(2, 4))) for _ in range(9000)})


#: Topics, the words of each, and the share of an item's words from the common head.
TOPICS = 2000
TOPIC_WORDS = 1000
HEAD_SHARE = 0.5
#: Built on first use, not at import: worker processes spawned by the ingest import this
#: module again as their __main__, and two million words each would be counted as theirs.
_VOCABULARY: tuple[list[str], list[float], list[list[str]]] | None = None


def vocabulary() -> tuple[list[str], list[float], list[list[str]]]:
    """The head words, their cumulative weights, and the topics (see _vocabulary)."""
    global _VOCABULARY
    if _VOCABULARY is None:
        _VOCABULARY = _vocabulary()
    return _VOCABULARY


#: --one-vocabulary: every word from the head, as the first version of this benchmark did
#: (unrelated items then looked like rewrites of each other to the story grouping).
ONE_VOCABULARY = False


def _words(rng: random.Random, topic: list[str], count: int) -> list[str]:
    head, cumulative, _topics = vocabulary()
    if ONE_VOCABULARY:
        return rng.choices(head, cum_weights=cumulative, k=count)
    count = round(count * 0.85)  # topic words are longer: keep items at ~4.8 KB
    return [
        rng.choices(head, cum_weights=cumulative)[0]
        if rng.random() < HEAD_SHARE
        else rng.choice(topic)
        for _ in range(count)
    ]


def paragraph(rng: random.Random, topic: list[str]) -> str:
    sentences = []
    for _ in range(rng.randint(3, 5)):
        words = _words(rng, topic, rng.randint(10, 18))
        if rng.random() < 0.5:
            words.insert(rng.randint(0, len(words)), f"in {rng.choice(PLACES)}")
        if rng.random() < 0.4:
            name = f"{rng.choice(FIRST)} {rng.choice(LAST)}"
            quote = " ".join(_words(rng, topic, 8))
            sentences.append(f'"{quote[:1].upper()}{quote[1:]}," said {name}.')
        sentence = " ".join(words)
        sentences.append(f"{sentence[:1].upper()}{sentence[1:]}.")
    return " ".join(sentences)


def generate_feed(items: int, seed: int = 7) -> bytes:
    """An RSS 2.0 feed of ``items`` distinct stories with full content (~4.8 KB each)."""
    rng = random.Random(seed)
    parts = [
        '<?xml version="1.0" encoding="utf-8"?>\n<rss version="2.0" '
        'xmlns:content="http://purl.org/rss/1.0/modules/content/" '
        'xmlns:dc="http://purl.org/dc/elements/1.1/"><channel><title>Bench Wire</title>'
        "<link>https://bench.example/</link><description>Generated</description>\n"
    ]
    for n in range(items):
        topic = [] if ONE_VOCABULARY else rng.choice(vocabulary()[2])
        body = "".join(f"<p>{paragraph(rng, topic)}</p>\n" for _ in range(9))
        title = f"{rng.choice(PLACES)} {rng.choice(WORDS)} {rng.choice(WORDS)} story {n}"
        day = 1 + n % 28
        parts.append(
            f"<item><title>{title}</title><link>https://bench.example/story/{n}</link>"
            f'<guid isPermaLink="true">https://bench.example/story/{n}</guid>'
            f"<pubDate>Mon, {day:02d} Jan 2024 {n % 24:02d}:{n % 60:02d}:00 GMT</pubDate>"
            f"<dc:creator>{rng.choice(FIRST)} {rng.choice(LAST)}</dc:creator>"
            f"<category>{rng.choice(WORDS)}</category>"
            f"<description>{paragraph(rng, topic)[:200]}</description>"
            f"<content:encoded><![CDATA[{body}]]></content:encoded></item>\n"
        )
    parts.append("</channel></rss>\n")
    return "".join(parts).encode()


def serve(data: bytes) -> tuple[ThreadingHTTPServer, str]:
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            self.send_response(200)
            self.send_header("Content-Type", "application/rss+xml; charset=utf-8")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def log_message(self, format: str, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}/feed.xml"


class WorkerMemory(threading.Thread):
    """Samples the peak memory (VmHWM) of this process's children twice a second.

    ``RUSAGE_CHILDREN`` would not do: it counts a child from the moment it is forked, with
    the parent's pages (the 50 MB feed among them) before the worker program replaces them.
    """

    def __init__(self) -> None:
        super().__init__(daemon=True)
        self.peaks: dict[int, float] = {}
        self._done = threading.Event()

    def run(self) -> None:
        while not self._done.wait(0.5):
            self.sample()

    def stop(self) -> None:
        self._done.set()
        self.join()

    def sample(self) -> None:
        me = str(os.getpid())
        for status in Path("/proc").glob("[0-9]*/status"):
            try:
                fields = dict(
                    line.split(":", 1) for line in status.read_text().splitlines() if ":" in line
                )
            except OSError:
                continue
            if fields.get("PPid", "").strip() == me and "VmHWM" in fields:
                pid = int(status.parent.name)
                peak = int(fields["VmHWM"].split()[0]) / 1024
                self.peaks[pid] = max(self.peaks.get(pid, 0.0), peak)

    @property
    def peak_mb(self) -> float:
        """The largest child's peak (the resource tracker counts too; it is small)."""
        return max(self.peaks.values(), default=0.0)

    @property
    def total_mb(self) -> float:
        """The children's peaks added up (they run side by side)."""
        return sum(self.peaks.values())


def child_ingest(url: str, processes: str = "auto") -> None:
    """Run in a fresh process: refresh one feed into an empty library, report JSON."""
    from reader.library.store import Library
    from reader.refresh import RefreshOptions, refresh_feeds

    options = RefreshOptions(processes=None if processes == "auto" else int(processes))
    workers = WorkerMemory()
    workers.start()

    with tempfile.TemporaryDirectory() as tmp:
        started = time.perf_counter()
        first_item = None
        with Library(Path(tmp) / "bench.sqlite3") as library:
            library.add_feed(url)
            done = None
            for event in refresh_feeds(library, options=options):
                if event.kind == "item" and first_item is None:
                    first_item = time.perf_counter() - started
                if event.kind == "done":
                    done = event
            total = library.total()
        elapsed = time.perf_counter() - started
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)  # the workers, once they exit
    workers.stop()
    print(
        json.dumps(
            {
                "cpu_main_s": own.ru_utime + own.ru_stime,
                "cpu_workers_s": children.ru_utime + children.ru_stime,
                "worker_peak_mb": workers.peak_mb,
                "workers_total_mb": workers.total_mb,
                "seconds": elapsed,
                "first_item_seconds": first_item,
                "peak_mb": own.ru_maxrss / 1024,
                "stored": total,
                "added": done.added if done else 0,
                "failed_items": done.failed_items if done else 0,
                "error": done.error if done else "no done event",
            }
        )
    )


def child_parse(path: str, engine: str) -> None:
    """Run in a fresh process: parse the feed file with one engine, report JSON."""
    from reader.sources.feeds import parse_feed

    data = Path(path).read_bytes()
    started = time.perf_counter()
    feed = parse_feed(data, "http://127.0.0.1/feed.xml", engine=engine)  # type: ignore[arg-type]
    elapsed = time.perf_counter() - started
    peak_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(json.dumps({"seconds": elapsed, "peak_mb": peak_kb / 1024, "items": len(feed.items)}))


def raw_feedparser(path: str) -> None:
    """feedparser alone on the bytes (no cleaning), for comparison with its quoted 6.7 s."""
    import io

    import feedparser

    data = Path(path).read_bytes()
    started = time.perf_counter()
    result = feedparser.parse(io.BytesIO(data))
    elapsed = time.perf_counter() - started
    peak_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(json.dumps({"seconds": elapsed, "peak_mb": peak_kb / 1024, "items": len(result.entries)}))


def run_child(*args: str) -> dict[str, object]:
    out = subprocess.run(
        [sys.executable, __file__, *args], capture_output=True, text=True, check=False
    )
    if out.returncode != 0:
        raise SystemExit(f"child {args[0]} failed:\n{out.stderr}")
    result: dict[str, object] = json.loads(out.stdout.strip().splitlines()[-1])
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--items", type=int, default=10_000)
    parser.add_argument("--no-feedparser", action="store_true", help="skip the slow engine")
    parser.add_argument(
        "--one-vocabulary", action="store_true", help="the first version's feed (see above)"
    )
    parser.add_argument(
        "--processes",
        default="auto,0",
        help="comma-separated worker-process settings to compare (auto = one per CPU; 0 = none)",
    )
    parser.add_argument("--child", nargs="+", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        kind, *rest = args.child
        {"ingest": child_ingest, "parse": child_parse, "raw": raw_feedparser}[kind](*rest)
        return
    global ONE_VOCABULARY
    ONE_VOCABULARY = args.one_vocabulary
    started = time.perf_counter()
    data = generate_feed(args.items)
    print(
        f"generated {args.items} items, {len(data) / 1e6:.1f} MB in {time.perf_counter() - started:.1f} s"
    )
    with tempfile.NamedTemporaryFile(suffix=".xml", delete=False) as handle:
        handle.write(data)
        path = handle.name
    try:
        engines = ["lxml"] if args.no_feedparser else ["lxml", "feedparser"]
        for engine in engines:
            r = run_child("--child", "parse", path, engine)
            print(
                f"parse_feed engine={engine:<10} {r['seconds']:6.2f} s  "
                f"peak {r['peak_mb']:6.0f} MB  items {r['items']}"
            )
        if not args.no_feedparser:
            r = run_child("--child", "raw", path)
            print(
                f"feedparser alone (no cleaning)  {r['seconds']:6.2f} s  peak {r['peak_mb']:6.0f} MB"
            )
        server, url = serve(data)
        try:
            for processes in args.processes.split(","):
                r = run_child("--child", "ingest", url, processes)
                print(
                    f"end to end, processes={processes:<4} (fetch+parse+clean+annotate+store) "
                    f"{r['seconds']:6.2f} s  peak {r['peak_mb']:5.0f} MB main, "
                    f"{r['worker_peak_mb']:4.0f} MB per worker "
                    f"({r['workers_total_mb']:.0f} MB in all)  "
                    f"stored {r['stored']}  failed {r['failed_items']}  "
                    f"first article after {r['first_item_seconds'] or 0:.2f} s"
                )
                # Where the time goes: the storing process's CPU, and the workers' together
                # (their sum over the cores is the floor of the wall time).
                print(
                    f"  CPU: {r['cpu_main_s']:.1f} s in the storing process,"
                    f" {r['cpu_workers_s']:.1f} s in the workers"
                )
                ok_time = float(r["seconds"]) <= 20  # type: ignore[arg-type]
                memory = float(r["peak_mb"]) + float(r["workers_total_mb"])  # type: ignore[arg-type]
                ok_mem = memory <= 400
                print(
                    f"  targets: time <= 20 s {'OK' if ok_time else 'MISSED'}; "
                    f"memory <= 400 MB {'OK' if ok_mem else 'MISSED'}"
                    f" ({memory:.0f} MB: the main process and its workers, peaks added)"
                )
        finally:
            server.shutdown()
    finally:
        os.unlink(path)


if __name__ == "__main__":
    main()
