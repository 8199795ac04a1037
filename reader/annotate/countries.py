"""Which countries an article is about: weigh title, tags, places and demonyms by position."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from reader.annotate.context import Found
    from reader.annotate.gazetteer import Gazetteer

TITLE_WEIGHT = 3.0
TAG_WEIGHT = 3.0
DEMONYM_WEIGHT = 0.6
LEAD_CHARS = 400  # the standfirst or first paragraph says what the story is about
LEAD_BONUS = 1.5
MIN_SCORE = 2.0
SHARE_OF_TOP = 0.35
MAX_COUNTRIES = 6
FALLBACK_MIN = 1.5


def _lookup_country(text: str, gaz: Gazetteer) -> tuple[str | None, bool]:
    """The country a tag or title word names, and whether it is a demonym."""
    text = text.strip()
    readings = gaz.lookup(text) or gaz.lookup(text.title())
    if readings and readings[0].country and not readings[0].needs_cue:
        return readings[0].country, False
    if text in gaz.demonyms:
        return gaz.demonyms[text], True
    return None, False


LIST_GAP_RE = re.compile(r"^(?:,\s*|,?\s+and\s+|-|–|\s*/\s*)$")
LIST_BONUS = 1.0


def _list_bonus(found: Found, score: dict[str, float]) -> None:
    """A country listed alongside the main ones ("Russia, Iran and Turkey") is a party too."""
    top = {c for c, _ in sorted(score.items(), key=lambda kv: -kv[1])[:3]}
    places = sorted(
        (p for p in found.places if p.kind == "country" and p.country), key=lambda p: p.start
    )
    groups: list[list[str]] = []
    prev_end = -10
    for p in places:
        gap = found.body[prev_end : p.start] if prev_end >= 0 else "x"
        if groups and LIST_GAP_RE.match(gap):
            groups[-1].append(p.country or "")
        else:
            groups.append([p.country or ""])
        prev_end = p.end
    for group in groups:
        members = set(group)
        if len(members) < 3:
            continue
        for country in members:
            if len((members - {country}) & top) >= 2:
                score[country] += LIST_BONUS


def country_tags(
    found: Found | None, title: str, tags: Sequence[str], gaz: Gazetteer
) -> tuple[str, ...]:
    """English short names of the countries the article is about, most central first."""
    from reader.annotate.entities import find_entities

    score: dict[str, float] = defaultdict(float)
    anchored: set[str] = set()
    for tag in tags:
        country, demonym = _lookup_country(tag, gaz)
        if country:
            score[country] += TAG_WEIGHT * (0.7 if demonym else 1.0)
            anchored.add(country)
    if title.strip():
        head = find_entities(title[:1000], gaz)
        for place in head.places:
            if place.country:
                score[place.country] += TITLE_WEIGHT
                anchored.add(place.country)
        for _, country in head.demonyms:
            score[country] += TITLE_WEIGHT * 0.6
    if found is not None:
        lead = min(LEAD_CHARS, found.first_break)
        for place in found.places:
            if place.country:
                weight = 1.0 if place.kind == "country" else 0.8
                if place.start < lead:
                    weight += LEAD_BONUS
                score[place.country] += weight
        for offset, country in found.demonyms:
            score[country] += DEMONYM_WEIGHT + (0.4 if offset < lead else 0.0)
    if found is not None:
        _list_bonus(found, score)
    if not score:
        return ()
    top = max(score.values())
    chosen = [
        c
        for c, s in score.items()
        if (c in anchored and s >= MIN_SCORE) or (s >= MIN_SCORE and s >= SHARE_OF_TOP * top)
    ]
    if not chosen:
        # Few places at all: the one clearly dominant country is still what the story is about.
        ranked = sorted(score.values(), reverse=True)
        if ranked[0] >= FALLBACK_MIN and (len(ranked) == 1 or ranked[0] >= 2 * ranked[1]):
            chosen = [max(score, key=lambda c: score[c])]
    chosen.sort(key=lambda c: (-score[c], c))
    return tuple(chosen[:MAX_COUNTRIES])
