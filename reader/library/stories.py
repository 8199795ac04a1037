"""Same story, several outlets: pure functions that tell whether two articles report one event.

Rewrites of one report share few five-word shingles (the measure :mod:`dedup` uses for
copies), but they share *what* they say: names, places, numbers and the event's key nouns.
So a story is compared by the set of its salient words (news boilerplate and common words
dropped, a crude plural/tense stem) with a Jaccard measure, plus verbatim containment from
:mod:`dedup` for copies. A bottom-k MinHash sketch of the salient words finds candidates
cheaply in the store. Reports of one event are published within days of each other, so
two dated articles further apart than ``MAX_DAYS_APART`` never share a story.
"""

from __future__ import annotations

import zlib
from collections.abc import Iterable
from datetime import date
from functools import lru_cache

from reader.library import dedup

#: Salient-word Jaccard at or above which two articles tell the same story.
STORY_THRESHOLD = 0.17
#: Two dated reports of one event are at most this many days apart.
MAX_DAYS_APART = 4
#: Size of the bottom-k MinHash sketch of salient words the store indexes.
STORY_SKETCH_SIZE = 24
#: Shared sketch members that make another article a candidate worth comparing in full.
STORY_MARKS_NEEDED = 2
#: Below this many salient words an article is too short to group on its text.
MIN_SALIENT = 6

# Common English words and news boilerplate: shared by any two reports, so no evidence.
_STOP = frozenset(
    """
    a about above after again against ago all almost along already also although among an and
    another any are around as at away back be because been before being below between both but
    by can could did do does doing done down during each early either else even ever every few
    first for from further had has have having he her here hers him his how however if in into
    is it its itself just last later least less like made make many may me more most much must
    my near nearly new next no nor not now of off on once one only or other our out over own
    per said same says she should since so some still such than that the their them then there
    these they this those through to told too two under until up upon us very was we were what
    when where which while who whom whose why will with within without would year years yet you
    your today yesterday monday tuesday wednesday thursday friday saturday sunday week weeks day
    days month months morning evening night according report reported reports reporting
    statement statements say saying added adding told tell news agency official officials
    people government minister ministry president country countries state states local
    national international world time times including include includes part well way several
    three four five six seven eight nine ten hundred thousand million billion percent cent
    home share subscribe newsletter read sport economy comment comments follow
    """.split()  # noqa: SIM905 (a word list reads better as words)
)


def _stem(word: str) -> str:
    # Crude but symmetric: both sides of a comparison are stemmed alike, so "strikes" and
    # "struck" stay apart while "strikes"/"strike" and "talks"/"talk" meet.
    for suffix in ("ies", "es", "s", "ed", "ing"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            return word[: -len(suffix)] + ("y" if suffix == "ies" else "")
    return word


@lru_cache(maxsize=4096)
def _salient_word(word: str) -> str | None:
    if word in _STOP or (len(word) < 3 and not word.isdigit()):
        return None
    if word.isdigit() and len(word) == 1:
        return None
    return _stem(word)


def salient_words(text: str) -> frozenset[str]:
    """The words of ``text`` that say what it reports: stemmed, boilerplate dropped."""
    return salient_of_words(dedup.words(text))


def salient_of_words(words: Iterable[str]) -> frozenset[str]:
    """:func:`salient_words` of a text already split by :func:`dedup.words`."""
    found: set[str] = set()
    for word in words:
        salient = _salient_word(word)
        if salient:
            found.add(salient)
    return frozenset(found)


def jaccard(first: frozenset[str], second: frozenset[str]) -> float:
    """|A ∩ B| / |A ∪ B| (0.0 when both are empty)."""
    # The union's size from the intersection's: no third set built (this runs per candidate).
    shared = len(first & second)
    union = len(first) + len(second) - shared
    return shared / union if union else 0.0


def story_sketch(words: Iterable[str], size: int = STORY_SKETCH_SIZE) -> list[int]:
    """A bottom-k MinHash sketch of salient words: their ``size`` smallest CRC-32 hashes."""
    return sorted({zlib.crc32(word.encode("utf-8")) for word in words})[:size]


def days_apart(first: date | None, second: date | None) -> int | None:
    """Whole days between two publication days, or None when either is unknown."""
    if first is None or second is None:
        return None
    return abs((first - second).days)


def story_score(
    words_a: frozenset[str],
    words_b: frozenset[str],
    *,
    day_a: date | None = None,
    day_b: date | None = None,
    body_a: str | None = None,
    body_b: str | None = None,
) -> float:
    """How strongly two articles tell one story: 0.0 (apart) to 1.0 (one is a copy).

    Dated reports more than ``MAX_DAYS_APART`` days apart score 0; a verbatim copy (a raw
    dump and its clean text, given both bodies) scores 1; otherwise the salient-word Jaccard.
    """
    apart = days_apart(day_a, day_b)
    if apart is not None and apart > MAX_DAYS_APART:
        return 0.0
    small, large = sorted((words_a, words_b), key=len)
    if not small:
        return 0.0
    score = jaccard(words_a, words_b) if len(small) >= MIN_SALIENT else 0.0
    if score >= STORY_THRESHOLD or body_a is None or body_b is None:
        return score
    # Shingling costs more: only when one text's words are nearly all in the other's.
    if len(small & large) / len(small) >= dedup.CONTAINMENT_THRESHOLD and dedup.same_article(
        body_a, body_b
    ):
        return 1.0
    return score


def same_story(score: float) -> bool:
    """Whether a :func:`story_score` puts two articles in one story."""
    return score >= STORY_THRESHOLD
