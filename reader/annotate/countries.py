"""Which countries an article is about, by one written policy (the fixtures' gold follows it).

A country is tagged when any of:

1. The page's own tags name it: by name, a well-known place in it, or its demonym.
2. The title names it the same way ("Talks in Tehran", "Turkish lira slides").
3. It is a party in the lead. The lead is the first two sentences of the first paragraph, or of
   the second when the first is a short standfirst (under ~120 characters). Any place in it
   counts (the dateline "KYIV, Ukraine (AP) —" is one), any demonym ("Russian drones", "the
   Iranian side"), and roles that name a country ("Iran's Foreign Minister" holds the place
   "Iran"; "Turkish President" the demonym). Except in passing: a town named only once in the
   whole article that sits in a list of places ("routes to Oslo, Gdansk and Rotterdam") or
   says where someone spoke ("the agency said on Friday in Vienna").
4. It carries the story past the lead: its weight (places 1, demonyms 0.6) is at least a third
   of the most-mentioned country's and at least 3 (2 when nothing else qualified: a match
   report that names only its towns). Seed 002's Iran (4 mentions beside Russia's 11) is in.
5. Nothing else qualified: the single country of highest weight is the setting.

Not mentions at all: a place naming a process or treaty ("the Astana format", "the Paris
Agreement"), sports clubs and companies named after places (the place finder drops those).
So one mention after the lead (a background sentence, a comparison, a player's national side)
never tags a country. Supranational regions ("Europe", "the Sahel") are never tags. Names are
English short names ("Turkey" for Türkiye too, "United Kingdom", "Netherlands", "Palestine").
Order: most central first (tags, then title, then lead mentions, then the rest).
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from reader.annotate.context import Found
    from reader.annotate.gazetteer import Gazetteer

TAG_WEIGHT = 4.0
TITLE_WEIGHT = 3.0
LEAD_WEIGHT = 1.5
STANDFIRST_CHARS = 120  # a first paragraph this short is a standfirst; the lead runs on
SHARE = 1 / 3
MIN_MENTIONS = 2
DEMONYM_WEIGHT = 0.6  # "Kazakh trucks" says less about Kazakhstan than "Astana" does
MAX_COUNTRIES = 8

PARAGRAPH_RE = re.compile(r"\n\s*\n|\n")
#: A place naming a process or a treaty ("the Astana format", "the Paris Agreement") is no setting.
PROCESS_RE = re.compile(
    r"\s+(?:peace\s+)?(?:format|process|agreements?|accords?|protocol|conventions?)\b", re.I
)
# (?<![A-Z])[.!?]..., with the mark read before the look-behind: a regex that opens with a
# character class skips fast to the next candidate.
SENTENCE_END_RE = re.compile(r"[.!?](?<![A-Z][.!?])[\"”’]?\s+(?=[A-Z\"“])")
LEAD_SENTENCES = 2
LIST_GAP_RE = re.compile(r"^(?:,\s*|,?\s+(?:and|or|to)\s+)$")
SAID_IN_RE = re.compile(r"\b(?:said|says|told|announced|reported)\b[^.;:\"“”]*\bin\s+$")


def _lookup_country(text: str, gaz: Gazetteer) -> str | None:
    """The country a tag names: the country itself, a well-known place in it, or a demonym."""
    text = text.strip()
    readings = gaz.lookup(text) or gaz.lookup(text.title())
    if readings and readings[0].country and not readings[0].needs_cue:
        return readings[0].country
    return gaz.demonyms.get(text)


def lead_end(body: str) -> int:
    """Where the lead ends: the first paragraph (two after a short standfirst), two sentences."""
    ends: list[int] = []
    for m in PARAGRAPH_RE.finditer(body):
        if ends or body[: m.start()].strip():  # leading blank lines end no paragraph
            ends.append(m.start())
        if len(ends) == 2:
            break
    start = 0
    end = ends[0] if ends else len(body)
    if len(body[:end].strip()) < STANDFIRST_CHARS and len(ends) > 1:
        start, end = ends[0], ends[1]
    for count, stop in enumerate(SENTENCE_END_RE.finditer(body, start, end), 1):
        if count == LEAD_SENTENCES:
            return stop.end()  # the later sentences of a long paragraph are not read
    return end


def _passing(found: Found, lead: int, counts: dict[str, int]) -> set[int]:
    """Offsets of lead mentions in passing: a town named once in a list or as where one spoke."""
    out = set()
    prev_end = -10
    for p in sorted(found.places, key=lambda p: p.start):
        gap = found.body[prev_end : p.start] if prev_end >= 0 else "x"
        prev_end = p.end
        if not p.country or p.kind == "country" or counts[p.country] > 1 or p.start >= lead:
            continue
        listed = bool(LIST_GAP_RE.match(gap))
        if listed or SAID_IN_RE.search(found.body[max(0, p.start - 80) : p.start]):
            out.add(p.start)
    return out


def _title_countries(title: str, gaz: Gazetteer) -> list[str]:
    """Countries the title names by place or demonym."""
    from reader.annotate.entities import find_entities

    if not title.strip():
        return []
    head = find_entities(title[:1000], gaz)
    return [p.country for p in head.places if p.country] + [c for _, c in head.demonyms]


def country_tags(
    found: Found | None, title: str, tags: Sequence[str], gaz: Gazetteer
) -> tuple[str, ...]:
    """English short names of the countries the article is about, most central first."""
    score: dict[str, float] = defaultdict(float)
    chosen: set[str] = set()
    for tag in tags:
        country = _lookup_country(tag, gaz)
        if country:
            score[country] += TAG_WEIGHT
            chosen.add(country)
    for country in _title_countries(title, gaz):
        score[country] += TITLE_WEIGHT
        chosen.add(country)
    if found is not None:
        lead = lead_end(found.body)
        mentions: list[tuple[int, str]] = [
            (p.start, p.country)
            for p in found.places
            if p.country and not PROCESS_RE.match(found.body, p.end)
        ]
        mentions += found.demonyms
        counts: dict[str, int] = defaultdict(int)
        weight: dict[str, float] = defaultdict(float)  # demonyms weigh less than places
        for _, country in mentions:
            counts[country] += 1
            weight[country] += 1.0
        for _, country in found.demonyms:
            weight[country] += DEMONYM_WEIGHT - 1.0
        passing = _passing(found, lead, counts)
        for offset, country in mentions:
            if offset < lead and offset not in passing:
                score[country] += LEAD_WEIGHT
                chosen.add(country)
            else:
                score[country] += 1.0
        top = max(weight.values(), default=0.0)
        # Past the lead, a country must carry the story; with nothing else to go on, two
        # mentions do (a match report naming only its towns), and failing that the most named.
        least = MIN_MENTIONS if not chosen else MIN_MENTIONS + 1
        for country, n in weight.items():
            if n >= least and n >= SHARE * top:
                chosen.add(country)
        if not chosen and weight:
            leaders = [c for c, n in weight.items() if n == top]
            if len(leaders) == 1:
                chosen.add(leaders[0])
    ranked = sorted(chosen, key=lambda c: (-score[c], c))
    return tuple(ranked[:MAX_COUNTRIES])
