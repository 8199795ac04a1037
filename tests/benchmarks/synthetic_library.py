"""Synthetic libraries of any size for the TUI benchmark, built through the Library API.

Articles are random but reproducible (seeded): distinct bodies (so de-duplication keeps
them all), dates spread over 2020-2025 with about 5% undated, and country tags weighted
towards the four the TUI puts one key away.
"""

from __future__ import annotations

import random
import time
from datetime import date, timedelta
from pathlib import Path

from reader.models import Annotations, Extracted, PersonMention, PlaceMention, Quote, SourceKind

_VOCABULARY = """
talks ministers border ceasefire envoy summit delegation agreement council city officials
convoy aid grain shipping pipeline sanctions election parliament court province river market
fuel prices drones patrol refugees crossing harbour railway statement spokesman negotiators
timetable observers round capital governor airport reporters hospital school bridge villages
frontier security energy trade loans
"""
WORDS = tuple(_VOCABULARY.split())
PEOPLE = ("Sergei Lavrov", "Hakan Fidan", "Abbas Araghchi", "Mira Halden", "Omar Basri")
PLACES = (
    ("Damascus", "Syria"),
    ("Aleppo", "Syria"),
    ("Ankara", "Turkey"),
    ("Istanbul", "Turkey"),
    ("Moscow", "Russia"),
    ("Tehran", "Iran"),
    ("Beirut", "Lebanon"),
    ("Baghdad", "Iraq"),
    ("Astana", "Kazakhstan"),
    ("Geneva", "Switzerland"),
)
MAIN = ("Syria", "Turkey", "Russia", "Iran")
OTHERS = ("Lebanon", "Iraq", "Kazakhstan", "Switzerland", "Israel", "Jordan", "Egypt", "Qatar")
OUTLETS = tuple(f"Outlet {letter}" for letter in "ABCDEFGHIJKLMNOPQRSTUVWXYZ")


def synthetic_article(rng: random.Random, serial: int) -> tuple[Extracted, Annotations]:
    """One reproducible article with people, places and a quote annotated."""
    person = rng.choice(PEOPLE)
    place, country = rng.choice(PLACES)
    words = [rng.choice(WORDS) for _ in range(rng.randint(120, 260))]
    opening = f"{person} arrived in {place} on day {serial}. "
    quote = f'"We want {rng.choice(WORDS)} and {rng.choice(WORDS)} now,"'
    middle = " ".join(words[:60]) + ". "
    body = (
        opening
        + middle
        + f"{quote} {person} said.\n\n"
        + " ".join(words[60:])
        + f". Serial {serial}."
    )
    people = (
        PersonMention(person, 0, len(person), person),
        PersonMention(
            person,
            body.index(f"{quote} {person}") + len(quote) + 1,
            body.index(f"{quote} {person}") + len(quote) + 1 + len(person),
            person,
        ),
    )
    place_start = body.index(place)
    places = (PlaceMention(place, place_start, place_start + len(place), country, "city"),)
    quote_start = body.index(quote)
    quotes = (Quote(quote, quote_start, quote_start + len(quote), person),)
    countries = {country}
    if rng.random() < 0.5:
        countries.add(rng.choice(MAIN))
    if rng.random() < 0.2:
        countries.add(rng.choice(OTHERS))
    published = None
    if rng.random() >= 0.05:
        published = date(2020, 1, 1) + timedelta(days=rng.randint(0, 6 * 365))
    title = " ".join(rng.choice(WORDS) for _ in range(rng.randint(5, 11))).capitalize()
    extracted = Extracted(
        title=f"{title} ({serial})",
        body=body,
        outlet=rng.choice(OUTLETS),
        byline=rng.choice(PEOPLE),
        published=published,
        url=f"https://synthetic.example.org/{serial}",
        kind=SourceKind.HTML,
    )
    annotations = Annotations(
        people=people, places=places, quotes=quotes, countries=tuple(sorted(countries))
    )
    return extracted, annotations


def build(path: Path, count: int, *, seed: int = 7, batch: int = 500) -> float:
    """Create a library of ``count`` synthetic articles at ``path``; returns seconds taken."""
    from reader.library.store import Library, StoreRequest

    rng = random.Random(seed)
    started = time.perf_counter()
    with Library(path) as library:
        for first in range(0, count, batch):
            requests = []
            for serial in range(first, min(count, first + batch)):
                extracted, annotations = synthetic_article(rng, serial)
                requests.append(
                    StoreRequest(
                        extracted, annotations, f"synthetic/{serial}.html", extracted.url, 0
                    )
                )
            library.store_many(requests)
    return time.perf_counter() - started


def cached_library(folder: Path, count: int) -> Path:
    """A synthetic library of ``count`` articles, built once and kept in ``folder``."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"synthetic-{count}.sqlite3"
    marker = folder / f"synthetic-{count}.done"
    if marker.exists() and not _usable(path, count):
        marker.unlink()
    if not marker.exists():
        for stale in folder.glob(f"synthetic-{count}.sqlite3*"):
            stale.unlink()
        seconds = build(path, count)
        marker.write_text(f"{seconds:.1f}\n")
    return path


def _usable(path: Path, count: int) -> bool:
    """True when the cached library opens with today's store and holds ``count`` articles."""
    from reader.errors import LibraryError
    from reader.library.store import Library

    try:
        with Library(path) as library:
            return library.total() == count
    except LibraryError:
        return False
