"""The shipped gazetteer: place names, their countries, and demonyms; loaded once, lazily."""

from __future__ import annotations

import functools
import gzip
import json
from dataclasses import dataclass
from pathlib import Path

DATA_FILE = Path(__file__).resolve().parent / "data" / "gazetteer.json.gz"
KINDS = ("country", "city", "region", "site")


@dataclass(frozen=True, slots=True)
class PlaceReading:
    """One thing a place name can refer to."""

    country: str | None
    kind: str
    needs_cue: bool
    rank: int


@dataclass(frozen=True, slots=True)
class Gazetteer:
    """Surface form -> readings (best first), demonym -> country, and the longest name."""

    places: dict[str, tuple[PlaceReading, ...]]
    demonyms: dict[str, str]
    countries: tuple[str, ...]
    max_words: int
    #: First words of the names of two words or more -> the most words such a name has.
    heads: dict[str, int]

    def lookup(self, name: str) -> tuple[PlaceReading, ...]:
        """Every reading of ``name`` (exact, case-sensitive), best first; () when unknown."""
        return self.places.get(name, ())


@functools.lru_cache(maxsize=1)
def load_gazetteer() -> Gazetteer:
    """Read the shipped data file once per process."""
    with gzip.open(DATA_FILE, "rb") as fh:
        raw = json.loads(fh.read().decode("utf-8"))
    countries: list[str] = raw["countries"]
    places: dict[str, tuple[PlaceReading, ...]] = {}
    max_words = 1
    for surface, rows in raw["entries"].items():
        places[surface] = tuple(
            PlaceReading(countries[c] if c >= 0 else None, KINDS[k], bool(cue), rank)
            for c, k, cue, rank in rows
        )
        max_words = max(max_words, surface.count(" ") + 1)
    demonyms = {d: countries[c] for d, c in raw["demonyms"].items()}
    heads: dict[str, int] = {}
    for surface in places:
        if " " in surface:
            words = surface.split(" ")
            heads[words[0]] = max(heads.get(words[0], 0), len(words))
    return Gazetteer(places, demonyms, tuple(countries), min(max_words, 6), heads)
