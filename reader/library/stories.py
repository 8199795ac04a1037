"""Same story, several outlets: pure functions that tell whether two articles report one event.

Rewrites of one report share few five-word shingles (the measure :mod:`dedup` uses for
copies), but they share *what* they say: names, places, numbers and the event's key nouns.
So a story is compared by the set of its salient words (news boilerplate and common words
dropped, a crude plural/tense stem) with the cosine measure of sets, |A ∩ B| / sqrt(|A| |B|),
which a short brief and a long analysis of one event still score well on (Jaccard punishes
the difference in length). The figures two reports give weigh in: reports of one event
agree on the toll, the sum, the score; the semi-final and the final, or a deal and the
results a week later, give different ones. Verbatim containment from :mod:`dedup` catches
copies. A bottom-k MinHash sketch of the salient words finds candidates cheaply in the
store. Reports of one event are published within days of each other, so two dated
articles further apart than ``MAX_DAYS_APART`` never share a story.
"""

from __future__ import annotations

import math
import re
import zlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal, InvalidOperation

from reader.library import dedup

#: Score (salient-word cosine, with the figures' evidence) from which two articles tell the
#: same story. The fixture sets group perfectly from 0.27 to 0.31: the middle is taken.
STORY_THRESHOLD = 0.29
#: Added to the score when two reports agree on their figures (see figure_evidence).
FIGURE_BONUS = 0.08
#: Taken off when both give at least ``FIGURES_TO_DIFFER`` figures and most differ, in full
#: for reports ``MAX_DAYS_APART`` days apart, in proportion for nearer ones (see
#: figure_evidence).
FIGURE_PENALTY = 0.13
FIGURES_TO_DIFFER = 2
#: Two dated reports of one event are at most this many days apart: later pieces report
#: something new (the aftershock, the appeal, the next round), a follow-up, not the event.
MAX_DAYS_APART = 2
#: Size of the bottom-k MinHash sketch of salient words the store indexes.
STORY_SKETCH_SIZE = 24
#: Shared sketch members that make another article a candidate worth comparing in full.
#: Two sketches of k marks share about k * |A ∩ B| / max(|A|, |B|) of them: at the
#: threshold about 7 * sqrt(|A| / |B|) with |A| <= |B|, so three for articles of similar
#: length (unrelated ones share 0-2), and two when one is over five times the other (a
#: brief and the long analysis of its event). Every true pair of the fixture sets shares 4+.
STORY_MARKS_NEEDED = 3
STORY_MARKS_NEEDED_UNEQUAL = 2
UNEQUAL_LENGTHS = 5
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


# A figure as written: "1,200", "3.5", "41" (starting with a digit, so the scan is quick).
_FIGURE = re.compile(r"\d+(?:[.,]\d+)*")
# A scale word after a figure: "185 thousand" and "185,000" are one figure. (Not "m" or
# "k", which are metres and kilometres as often as millions and thousands.)
_SCALE = re.compile(r"\s?(thousand|million|billion|trillion|bn|mn)\b", re.IGNORECASE)
_SCALES = {
    "thousand": 10**3,
    "million": 10**6,
    "mn": 10**6,
    "billion": 10**9,
    "bn": 10**9,
    "trillion": 10**12,
}
_YEAR = re.compile(r"(?:19|20)\d\d")
_MONTH = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?"
_MONTH_BEFORE = re.compile(rf"\b{_MONTH}\s+$", re.IGNORECASE)
_MONTH_AFTER = re.compile(rf"(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH}(?![a-z])", re.IGNORECASE)


def _stem(word: str) -> str:
    # Crude but symmetric: both sides of a comparison are stemmed alike, so "strikes" and
    # "struck" stay apart while "strikes"/"strike" and "talks"/"talk" meet.
    for suffix in ("ies", "es", "s", "ed", "ing"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            return word[: -len(suffix)] + ("y" if suffix == "ies" else "")
    return word


def _salient_word(word: str) -> str | None:
    if word in _STOP or (len(word) < 3 and not word.isdigit()):
        return None
    if word.isdigit() and len(word) == 1:
        return None
    return _stem(word)


#: Words already judged, and the hash of what they stand for (None: not salient). Bounded:
#: cleared when full, as the few thousand words of everyday news come back at once.
_SALIENT_HASH: dict[str, int | None] = {}
_SALIENT_MAX = 200_000


def salient_words(text: str) -> frozenset[str]:
    """The words of ``text`` that say what it reports: stemmed, boilerplate dropped."""
    return salient_of_words(dedup.words(text))


def salient_of_words(words: Iterable[str]) -> frozenset[str]:
    """:func:`salient_words` of a text already split by :func:`dedup.words`."""
    found = (_salient_word(word) for word in set(words))
    return frozenset(word for word in found if word is not None)


def salient_hashes(words: Iterable[str]) -> frozenset[int]:
    """``word_hashes(salient_of_words(words))``, remembering each word's hash."""
    known = _SALIENT_HASH
    unique = set(words)
    missing = unique.difference(known)
    if missing:
        if len(known) + len(missing) > _SALIENT_MAX:
            known.clear()
            missing = unique
        crc = zlib.crc32
        for word in missing:
            salient = _salient_word(word)
            known[word] = None if salient is None else crc(salient.encode("utf-8"))
    hashes = {known[word] for word in unique}
    hashes.discard(None)
    return frozenset(hashes)  # type: ignore[arg-type]  # None was discarded


def word_hashes(words: Iterable[str]) -> frozenset[int]:
    """CRC-32 of each word: what a profile keeps (4 bytes a word, equal for equal words)."""
    crc = zlib.crc32
    return frozenset(crc(word.encode("utf-8")) for word in words)


def figures(text: str) -> frozenset[str]:
    """The figures a report gives (tolls, sums, scores, distances), as plain numbers.

    Written forms meet: "1,200" and "1200", "44.10" and "44.1", "4.2bn" and "4.2 billion"
    (4200000000), "185 thousand" and "185,000". Years, days of the month and numbers up
    to ten are left out: any two reports of a day share those; so are digits inside a word
    ("G20", "x86").
    """
    found = set()
    for match in _FIGURE.finditer(text):
        start = match.start()
        if start and (text[start - 1].isalnum() or text[start - 1] in "_.,"):
            continue
        figure = match.group().replace(",", "")
        if figure.isdigit() and (int(figure) <= 10 or _YEAR.fullmatch(figure)):
            continue
        if figure.isdigit() and int(figure) <= 31 and _is_date(text, start, match.end()):
            continue  # "May 16", "16th of May": the day, not a figure of the event
        found.add(_plain_number(figure, _SCALE.match(text, match.end())))
    return frozenset(found)


def _plain_number(figure: str, scale: re.Match[str] | None) -> str:
    """``figure`` (commas dropped) times its scale word, without trailing zeros."""
    if not scale and "." not in figure:
        return figure.lstrip("0") or "0"
    try:
        value = Decimal(figure)
    except InvalidOperation:  # "1.2.3": a version or a date, kept as written
        return figure
    if scale:
        value *= _SCALES[scale.group(1).lower()]
    return format(value.normalize(), "f")


def _is_date(text: str, start: int, end: int) -> bool:
    return bool(
        _MONTH_BEFORE.search(text, max(0, start - 12), start)
        or _MONTH_AFTER.match(text, end, end + 20)
    )


@dataclass(frozen=True, slots=True)
class StoryProfile:
    """What story grouping compares: hashed salient words and the figures a body gives.

    ``packed`` is the words as stored (see :meth:`to_row`), kept when known: the writing
    process then neither sorts nor packs them again, and the sketch is their first marks.
    """

    words: frozenset[int]
    figures: frozenset[str]
    packed: bytes | None = field(default=None, compare=False, repr=False)

    @classmethod
    def of(cls, words: frozenset[int], figures: frozenset[str]) -> StoryProfile:
        """A profile with its packed words made now (in a worker, ahead of storing)."""
        return cls(words, figures, dedup.pack_hashes(words))

    def to_row(self) -> tuple[bytes, str]:
        """``(words, figures)`` column values: packed words, figures joined by spaces."""
        packed = self.packed if self.packed is not None else dedup.pack_hashes(self.words)
        return packed, " ".join(sorted(self.figures))

    def sketch(self, size: int = STORY_SKETCH_SIZE) -> list[int]:
        """The bottom-k MinHash sketch of the words (see :func:`story_sketch`)."""
        if self.packed is None:
            return story_sketch(self.words, size)
        return dedup.first_hashes(self.packed, size)  # packed ascending: the smallest first

    @classmethod
    def from_row(cls, words: bytes, figures: str) -> StoryProfile:
        """The profile :meth:`to_row` stored."""
        return cls(dedup.unpack_hashes(words), frozenset(figures.split()), words)

    def __reduce__(self) -> tuple[object, tuple[bytes, str]]:
        # Sent from a worker as its row: the packed words are a third of a pickled set of
        # the same ints, and the storing process unpickles every article's profile.
        return StoryProfile.from_row, self.to_row()


def profile_of_words(tokens: Iterable[str], body: str) -> StoryProfile:
    """The :class:`StoryProfile` of ``body``, already split by :func:`dedup.words`."""
    return StoryProfile.of(salient_hashes(tokens), figures(body))


def story_profile(body: str) -> StoryProfile:
    """The :class:`StoryProfile` of a body."""
    return profile_of_words(dedup.words(body), body)


def story_sketch(hashes: Iterable[int], size: int = STORY_SKETCH_SIZE) -> list[int]:
    """A bottom-k MinHash sketch of hashed salient words: the ``size`` smallest, ascending."""
    return dedup.sketch(hashes, size)  # the same bottom-k as the shingle sketch


def days_apart(first: date | None, second: date | None) -> int | None:
    """Whole days between two publication days, or None when either is unknown."""
    if first is None or second is None:
        return None
    return abs((first - second).days)


def figure_evidence(
    first: frozenset[str], second: frozenset[str], days: int | None = None
) -> float:
    """What the figures of two reports ``days`` apart add to their score (None: undated).

    They agree when at least half the figures of the one giving fewer are in the other; they
    differ when both give several and fewer than half agree (a follow-up recalls an old
    figure or two among its new ones; the quarterly results recall the deal's price).
    Differing counts less the nearer the days: on the day of an event the toll rises from
    report to report and a local story gives figures of its own, while a follow-up comes
    later. So it counts in full at ``MAX_DAYS_APART`` days or undated, not on the same day.
    """
    shared = len(first & second)
    fewer = min(len(first), len(second))
    if shared and 2 * shared >= fewer:
        return FIGURE_BONUS
    if fewer >= FIGURES_TO_DIFFER:
        weight = 1.0 if days is None else min(days, MAX_DAYS_APART) / MAX_DAYS_APART
        return -FIGURE_PENALTY * weight
    return 0.0


def story_score(
    first: StoryProfile,
    second: StoryProfile,
    *,
    day_a: date | None = None,
    day_b: date | None = None,
    bodies: Callable[[], tuple[str, str]] | None = None,
) -> float:
    """How strongly two articles tell one story: 0.0 (apart) to 1.0 (one is a copy).

    Dated reports more than ``MAX_DAYS_APART`` days apart score 0; a verbatim copy (a raw
    dump and its clean text) scores 1, when ``bodies`` gives both texts, which it is asked
    for only then; otherwise the salient-word cosine with the figures' evidence.
    """
    apart = days_apart(day_a, day_b)
    if apart is not None and apart > MAX_DAYS_APART:
        return 0.0
    words_a, words_b = first.words, second.words
    small, large = (words_a, words_b) if len(words_a) <= len(words_b) else (words_b, words_a)
    if not small:
        return 0.0
    shared = len(small & large)
    score = 0.0
    if len(small) >= MIN_SALIENT:
        cosine = shared / math.sqrt(len(small) * len(large))
        evidence = figure_evidence(first.figures, second.figures, apart)
        score = min(1.0, max(0.0, cosine + evidence))
    # Shingling costs more: only when one text's words are nearly all in the other's.
    if (
        bodies is not None
        and shared / len(small) >= dedup.CONTAINMENT_THRESHOLD
        and dedup.same_article(*bodies())
    ):
        return 1.0
    return score


def same_story(score: float) -> bool:
    """Whether a :func:`story_score` puts two articles in one story."""
    return score >= STORY_THRESHOLD
