"""Per-article state and the shared cue patterns the people and place finders use."""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field

from reader.annotate.chunks import PARTICLE_PREFIXES, find_chunks, fold, tokenize
from reader.annotate.gazetteer import Gazetteer
from reader.annotate.lexicon import (
    COMMON_WORDS,
    FUNCTION_WORDS,
    KIN_ROLES,
    LOCATIVE_CUES,
    ORG_NAMES,
    ORG_WORDS,
    OUTLETS,
    ROLE_NOUNS,
    SPEECH_VERBS,
    TITLES,
)
from reader.annotate.retools import EndCue, at_pos, prefix_tree
from reader.models import PersonMention, PlaceMention

_VERBS = "|".join(sorted(SPEECH_VERBS, key=len, reverse=True))
#: The verbs as a prefix tree: the same words, faster where only whether one matches counts.
VERB_TREE = prefix_tree((verb, "") for verb in SPEECH_VERBS)


AFTER_SPEECH_RE = re.compile(
    rf"^,?\s+(?:(?:has|had|have|also|then|later|previously)\s+)?{VERB_TREE}\b"
)
AFTER_SPEECH = at_pos(AFTER_SPEECH_RE)


AFTER_APPOSITION_RE = re.compile(r"^,\s+(?:(?:who|whose|a|an|the|its|his|her|their)\s|\d{1,3},)")
AFTER_APPOSITION = at_pos(AFTER_APPOSITION_RE)


# Whole words only: "nearby" or "lobby" before a name is no "by".
BEFORE_SPEECH_RE = re.compile(rf"\b(?:{_VERBS}|according to|quoted|quoting|interviewed|by)\s+$")
BEFORE_SPEECH = EndCue(BEFORE_SPEECH_RE)


_ROLES = "|".join(
    sorted(
        ROLE_NOUNS | KIN_ROLES,
        key=len,
        reverse=True,
    )
)


BEFORE_CUE_RE = re.compile(rf"\b(?:{_ROLES}),?\s+$", re.I)
BEFORE_CUE = EndCue(BEFORE_CUE_RE)


COORDINATION = frozenset({" and ", ", ", " or ", ", and "})


LOCATIVE_BEFORE_RE = re.compile(r"\b(?:" + "|".join(sorted(LOCATIVE_CUES)) + r")\s+(?:the\s+)?$")
LOCATIVE_BEFORE = EndCue(LOCATIVE_BEFORE_RE)


#: The particle a surname key drops ("al-Assad" -> "Assad"), in any case: a sentence or a
#: headline may open with "Al-Assad".
PARTICLE_PREFIX_RE = re.compile(rf"^(?:{PARTICLE_PREFIXES})[-’']", re.I)


@dataclass(slots=True)
class Found:
    """People and places found in one body, before conversion to the model types."""

    people: list[PersonMention] = field(default_factory=list)
    places: list[PlaceMention] = field(default_factory=list)
    demonyms: list[tuple[int, str]] = field(default_factory=list)  # (offset, country)
    first_break: int = 0  # end of the first paragraph
    body: str = ""


def not_surname(word: str) -> bool:
    """True for words that cannot end a name: common words and titles that are not surnames."""
    if len(word) == 1 and word.isupper():
        return False  # a middle initial ("Lewis A. Kaplan")
    # Colours, trades and months are surnames too ("Andrew Gray", "Theresa May"); function
    # words, institutions and titles are not.
    return (
        word in FUNCTION_WORDS
        or word in ORG_WORDS
        or word in OUTLETS
        or (word in TITLES and word not in SURNAME_TITLES)
    )


_PREFIX_ENDS = frozenset("-’'")  # PARTICLE_PREFIX_RE's last character


@functools.lru_cache(maxsize=8192)
def surname_key(word: str) -> str:
    """Key linking "Assad", "al-Assad" and "Al-Assad"; "Erdoğan" and "Erdogan"."""
    # The prefix has two or three letters: without one of these after them there is none.
    if word[2:3] in _PREFIX_ENDS or word[3:4] in _PREFIX_ENDS:
        word = PARTICLE_PREFIX_RE.sub("", word)
    return fold(word)


@functools.lru_cache(maxsize=8192)
def name_shaped(word: str) -> bool:
    """A word that can be part of a person's name: not a common, title, organisation word."""
    return (
        len(word) > 1
        and not word.isupper()
        and word not in COMMON_WORDS
        and word not in ORG_WORDS
        and word not in TITLES
        and word not in OUTLETS
        and word not in ORG_NAMES
        and not any(map(str.isdigit, word))
    )


class ArticleState:
    """State for one body: chunks, known people, context helpers."""

    def __init__(self, body: str, gaz: Gazetteer) -> None:
        self.body = body
        #: The body backwards, for EndCue.ends: the cues test the text before a name.
        self.reversed = body[::-1]
        self.gaz = gaz
        self.tokens = tokenize(body)
        self.chunks = find_chunks(body, self.tokens)
        self.found = Found()
        self.surnames: dict[str, str] = {}  # surname key -> canonical
        self.first_names: dict[str, str] = {}  # first-name key -> canonical
        self.full: dict[tuple[str, str], str] = {}  # (first initial, surname) -> canonical
        self.place_countries: dict[str, int] = {}
        self._lower: set[str] | None = None
        self._seen: dict[str, bool] = {}  # word -> lower_seen(word)
        self.cap_counts: dict[str, int] = {}
        counts = self.cap_counts
        for tok in self.tokens:
            counts[tok.text] = counts.get(tok.text, 0) + 1

    def lower_seen(self, word: str) -> bool:
        """The word also appears in lower case in the body, so it is an ordinary word."""
        seen = self._seen.get(word)
        if seen is None:
            seen = self._seen[word] = self._lower_seen(word)
        return seen

    def _lower_seen(self, word: str) -> bool:
        low = word.lower()
        if low == word or not low.isalpha():
            return False
        if not low.isascii():
            # LOWER_WORD_RE finds [a-z] words only: "crème" is looked for on its own, to the end.
            return self._find_lower(low, tries=len(self.body) + 1) is True
        if self._lower is None:
            # Most capitalised words never occur in lower case: a few substring finds tell,
            # before one linear pass collects every all-lower-case word of the body.
            seen = self._find_lower(low)
            if seen is not None:
                return seen
            self._lower = set(LOWER_WORD_RE.findall(self.body))
        return low in self._lower

    def _find_lower(self, low: str, tries: int = 8) -> bool | None:
        """Whether ``low`` occurs as a whole word; None after ``tries`` other hits."""
        body = self.body
        i = body.find(low)
        for _ in range(tries):
            if i < 0:
                return False
            j = i + len(low)
            if (i == 0 or not _wordish(body[i - 1])) and (j == len(body) or not _wordish(body[j])):
                return True
            i = body.find(low, i + 1)
        return None

    def after(self, end: int, width: int = 40) -> str:
        """Up to ``width`` characters of the body after ``end``."""
        return self.body[end : end + width]

    def speech_cue(self, start: int, end: int) -> bool:
        """A speech verb right after the span or "said"/"according to" right before it."""
        return AFTER_SPEECH(self.body, end, end + 40) is not None or BEFORE_SPEECH.ends(
            self.reversed, start, 40
        )

    def person_cue(self, start: int, end: int) -> bool:
        """A speech cue, an apposition (", who"), or a role word just before the span."""
        return (
            self.speech_cue(start, end)
            or AFTER_APPOSITION(self.body, end, end + 40) is not None
            or BEFORE_CUE.ends(self.reversed, start, 40)
        )


# (?<![\w-])[a-z]+(?![\w-]), with the first letter read before the look-behind: a regex that
# opens with a character class skips fast to the next candidate.
LOWER_WORD_RE = re.compile(r"[a-z](?<![\w-][a-z])[a-z]*+(?![\w-])")


def _wordish(ch: str) -> bool:
    """``[\\w-]`` for one character: what may not border a LOWER_WORD_RE word."""
    return ch.isalnum() or ch in "_-"


#: Titles that are also surnames: allowed as the last word of a name ("Jordan King", "Amrita Sen").
SURNAME_TITLES = frozenset(
    ["King", "Sen", "Prince", "Bishop", "Major", "Marshall", "Judge", "Pope", "Lord", "Dean"]
)


SURNAME_TITLES |= {"Knight", "Abbott", "Chase", "Cardinal", "Field", "Marshal", "Sheriff"}


GROUP_ENDINGS = ("ists", "ians", "ites", "ese")
