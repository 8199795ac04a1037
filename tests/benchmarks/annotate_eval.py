"""Annotated fixtures and the scoring the annotate tests and benchmark share.

Fixture format (tests/fixtures/annotate/*.txt), a header then ``---`` then the marked body:
``[[Name]]`` or ``[[Surface|Canonical]]`` a person; ``{{Place}}`` or ``{{Place|Country}}`` a
place; ``<q Speaker Name>"..."</q>`` a quote (``<q>`` for no speaker). Header lines:
``title:``, ``tags:`` (comma-separated), ``countries:`` (comma-separated, the expected tags).
"""

from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from reader.models import Annotations

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "tests" / "fixtures" / "annotate"
#: Articles written and scored before the rules changed; never tune on them, only re-score.
BLIND = ROOT / "tests" / "fixtures" / "annotate_blind"
#: A second blind batch, written after the country rules changed and before later fixes.
BLIND2 = ROOT / "tests" / "fixtures" / "annotate_blind2"
#: A third, written after batch 2's errors were seen.
BLIND3 = ROOT / "tests" / "fixtures" / "annotate_blind3"
#: A fourth, written after batch 3's errors were seen.
BLIND4 = ROOT / "tests" / "fixtures" / "annotate_blind4"
#: A fifth, written before batch 4's errors were seen.
BLIND5 = ROOT / "tests" / "fixtures" / "annotate_blind5"
#: A sixth, written before batch 5's errors were seen: the honest held-out figure.
BLIND6 = ROOT / "tests" / "fixtures" / "annotate_blind6"
SEED_GOLD = FIXTURES / "seeds_gold.json"
MARK_RE = re.compile(
    r"\[\[([^\]|]+)(?:\|([^\]]+))?\]\]|\{\{([^}|]+)(?:\|([^}]+))?\}\}|<q(?: ([^>]*))?>|</q>"
)


@dataclass
class Gold:
    """One annotated article: its body and the expected spans."""

    name: str
    body: str
    title: str = ""
    tags: list[str] = field(default_factory=list)
    countries: list[str] = field(default_factory=list)
    people: list[tuple[int, int, str]] = field(default_factory=list)
    places: list[tuple[int, int, str | None]] = field(default_factory=list)
    quotes: list[tuple[int, int, str | None]] = field(default_factory=list)


def parse_fixture(path: Path) -> Gold:
    """Read one marked-up fixture into a body and expected spans."""
    raw = path.read_text(encoding="utf-8")
    header, _, marked = raw.partition("\n---\n")
    meta = {}
    for line in header.splitlines():
        key, _, value = line.partition(":")
        meta[key.strip()] = value.strip()
    out: list[str] = []
    pos = 0
    length = 0
    gold = Gold(path.stem, "", meta.get("title", ""))
    gold.tags = [t.strip() for t in meta.get("tags", "").split(",") if t.strip()]
    gold.countries = [t.strip() for t in meta.get("countries", "").split(",") if t.strip()]
    open_quotes: list[tuple[int, str | None]] = []
    for m in MARK_RE.finditer(marked):
        out.append(marked[pos : m.start()])
        length += m.start() - pos
        pos = m.end()
        token = m.group(0)
        if m.group(1):
            text = m.group(1)
            gold.people.append((length, length + len(text), m.group(2) or text))
            out.append(text)
            length += len(text)
        elif m.group(3):
            text = m.group(3)
            gold.places.append((length, length + len(text), m.group(4)))
            out.append(text)
            length += len(text)
        elif token == "</q>":
            start, speaker = open_quotes.pop()
            gold.quotes.append((start, length, speaker))
        else:
            open_quotes.append((length, (m.group(5) or "").strip() or None))
    out.append(marked[pos:])
    gold.body = "".join(out).strip("\n")
    return gold


def load_fixtures(folder: Path = FIXTURES) -> list[Gold]:
    """Every marked-up fixture in ``folder``, sorted by name."""
    return [parse_fixture(p) for p in sorted(folder.glob("*.txt"))]


def load_seed_gold(seeds: Path) -> list[Gold]:
    """The seed articles' expected spans (offsets only) joined with the seed text."""
    if not SEED_GOLD.exists() or not seeds.is_dir():
        return []
    golds = []
    for entry in json.loads(SEED_GOLD.read_text(encoding="utf-8")):
        files = list(seeds.glob(entry["file"] + "*"))
        if not files:
            continue
        text = files[0].read_text(encoding="utf-8")
        start, end = entry["body"]
        body = text[start:end]
        ts, te = entry.get("title_span", (0, 0))
        g = Gold(entry["file"], body, text[ts:te], [], entry["countries"])
        g.people = [(s - start, e - start, c) for s, e, c in entry["people"]]
        g.places = [(s - start, e - start, c) for s, e, c in entry["places"]]
        g.quotes = [(s - start, e - start, c) for s, e, c in entry["quotes"]]
        golds.append(g)
    return golds


def fold(name: str | None) -> str | None:
    """Compare speaker names without case or diacritics."""
    if name is None:
        return None
    text = unicodedata.normalize("NFKD", name.replace("ı", "i"))
    return "".join(c for c in text if not unicodedata.combining(c)).lower()


@dataclass
class Tally:
    """True positives, false positives and false negatives for one label."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    def add(self, gold: set[tuple[int, int]], got: set[tuple[int, int]]) -> None:
        self.tp += len(gold & got)
        self.fp += len(got - gold)
        self.fn += len(gold - got)

    def prf(self) -> tuple[float, float, float]:
        p = self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0
        r = self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        return p, r, f


@dataclass
class Score:
    """Everything the benchmark prints, accumulated over articles."""

    person: Tally = field(default_factory=Tally)
    place: Tally = field(default_factory=Tally)
    quote: Tally = field(default_factory=Tally)
    country: Tally = field(default_factory=Tally)
    speaker_right: int = 0
    speaker_total: int = 0
    country_exact: int = 0
    articles: int = 0
    errors: list[str] = field(default_factory=list)

    def add(self, gold: Gold, got: Annotations) -> None:
        """Score one article's annotations against its gold spans."""
        self.articles += 1
        for label, tally, g_spans, o_spans in (
            ("PERSON", self.person, gold.people, got.people),
            ("PLACE", self.place, gold.places, got.places),
            ("QUOTE", self.quote, gold.quotes, got.quotes),
        ):
            g = {(s, e) for s, e, _ in g_spans}
            o = {(x.start, x.end) for x in o_spans}
            tally.add(g, o)
            for s, e in sorted(o - g):
                self.errors.append(f"{gold.name} {label} FP {gold.body[s:e][:60]!r}")
            for s, e in sorted(g - o):
                self.errors.append(f"{gold.name} {label} FN {gold.body[s:e][:60]!r}")
        speakers = {(q.start, q.end): q.speaker for q in got.quotes}
        for s, e, who in gold.quotes:
            if (s, e) in speakers:
                self.speaker_total += 1
                if fold(speakers[(s, e)]) == fold(who):
                    self.speaker_right += 1
                else:
                    self.errors.append(
                        f"{gold.name} SPEAKER {gold.body[s : s + 30]!r} want {who!r} got {speakers[(s, e)]!r}"
                    )
        gc, oc = set(gold.countries), set(got.countries)
        self.country.add({(0, hash(c)) for c in gc}, {(0, hash(c)) for c in oc})
        if gc == oc:
            self.country_exact += 1
        else:
            self.errors.append(f"{gold.name} COUNTRIES want {sorted(gc)} got {sorted(oc)}")

    def speaker_accuracy(self) -> float:
        """Share of found gold quotes whose speaker is right."""
        return self.speaker_right / self.speaker_total if self.speaker_total else 1.0
