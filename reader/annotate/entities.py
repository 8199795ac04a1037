"""People and places from chunks: cues, name shapes, the gazetteer and surname propagation."""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field

from reader.annotate.chunks import Chunk, Token, find_chunks, fold, tokenize
from reader.annotate.gazetteer import Gazetteer, PlaceReading
from reader.annotate.lexicon import (
    CLUB_PREFIXES,
    CLUB_SUFFIXES,
    COMMON_WORDS,
    KIN_ROLES,
    LOCATIVE_CUES,
    ORG_NAMES,
    ORG_PHRASES,
    ORG_WORDS,
    OUTLETS,
    ROLE_NOUNS,
    SPEECH_VERBS,
    TITLES,
)
from reader.annotate.names import FIRST_NAMES
from reader.models import PersonMention, PlaceMention

_VERBS = "|".join(sorted(SPEECH_VERBS, key=len, reverse=True))
AFTER_SPEECH_RE = re.compile(
    rf"^,?\s+(?:(?:has|had|have|also|then|later|previously)\s+)?(?:{_VERBS})\b"
)
AFTER_APPOSITION_RE = re.compile(r"^,\s+(?:who|whose|a|an|the|its|his|her|their)\s")
BEFORE_SPEECH_RE = re.compile(rf"(?:\b(?:{_VERBS})|according to|quoted|quoting|interviewed|by)\s+$")
_ROLES = "|".join(
    sorted(
        ROLE_NOUNS | KIN_ROLES,
        key=len,
        reverse=True,
    )
)
BEFORE_CUE_RE = re.compile(rf"\b(?:{_ROLES}),?\s+$", re.I)
COORDINATION = frozenset({" and ", ", ", " or ", ", and "})
LOCATIVE_BEFORE_RE = re.compile(r"\b(?:" + "|".join(sorted(LOCATIVE_CUES)) + r")\s+(?:the\s+)?$")
PARTICLE_PREFIX_RE = re.compile(r"^(?:al|el|ad|as|an|ash|at|ar|az)[-’']", re.I)


@dataclass(slots=True)
class Found:
    """People and places found in one body, before conversion to the model types."""

    people: list[PersonMention] = field(default_factory=list)
    places: list[PlaceMention] = field(default_factory=list)
    demonyms: list[tuple[int, str]] = field(default_factory=list)  # (offset, country)
    first_break: int = 0  # end of the first paragraph
    body: str = ""


def _not_surname(word: str) -> bool:
    return word in COMMON_WORDS or (word in TITLES and word not in SURNAME_TITLES)


@functools.lru_cache(maxsize=8192)
def surname_key(word: str) -> str:
    """Key linking "Assad", "al-Assad" and "Al-Assad"; "Erdoğan" and "Erdogan"."""
    return fold(PARTICLE_PREFIX_RE.sub("", word))


def _name_shaped(word: str) -> bool:
    return (
        len(word) > 1
        and not word.isupper()
        and word not in COMMON_WORDS
        and word not in ORG_WORDS
        and word not in TITLES
        and word not in OUTLETS
        and word not in ORG_NAMES
        and not any(ch.isdigit() for ch in word)
    )


class _Article:
    """State for one body: chunks, known people, context helpers."""

    def __init__(self, body: str, gaz: Gazetteer) -> None:
        self.body = body
        self.gaz = gaz
        self.tokens = tokenize(body)
        self.chunks = find_chunks(body, self.tokens)
        self.found = Found()
        self.surnames: dict[str, str] = {}  # surname key -> canonical
        self.first_names: dict[str, str] = {}  # first-name key -> canonical
        self.full: dict[tuple[str, str], str] = {}  # (first initial, surname) -> canonical
        self.place_countries: dict[str, int] = {}
        self._lower: set[str] | None = None
        self.cap_counts: dict[str, int] = {}
        for tok in self.tokens:
            self.cap_counts[tok.text] = self.cap_counts.get(tok.text, 0) + 1

    def lower_seen(self, word: str) -> bool:
        """The word also appears in lower case in the body, so it is an ordinary word."""
        low = word.lower()
        if low == word or not low.isalpha():
            return False
        if self._lower is None:
            # One linear pass, on first need: every all-lower-case word of the body.
            self._lower = set(LOWER_WORD_RE.findall(self.body))
        return low in self._lower

    def after(self, end: int, width: int = 40) -> str:
        return self.body[end : end + width]

    def before(self, start: int, width: int = 40) -> str:
        return self.body[max(0, start - width) : start]

    def speech_cue(self, start: int, end: int) -> bool:
        return bool(
            AFTER_SPEECH_RE.match(self.after(end)) or BEFORE_SPEECH_RE.search(self.before(start))
        )

    def person_cue(self, start: int, end: int) -> bool:
        return self.speech_cue(start, end) or bool(
            AFTER_APPOSITION_RE.match(self.after(end)) or BEFORE_CUE_RE.search(self.before(start))
        )


def _split_title(words: list[str]) -> tuple[int, bool]:
    """Index where the name starts after titles and demonyms, and whether a title was seen."""
    last = -1
    for i, w in enumerate(words[:-1]):
        if w in TITLES or w.rstrip(".") in TITLES:
            last = i
    return last + 1, last >= 0


def _outlet_length(words: list[str]) -> int:
    """How many leading words (after an optional "The") name an outlet; 0 when none do."""
    skip = 1 if words and words[0] == "The" else 0
    for n in range(min(len(words) - skip, 4), 0, -1):
        if " ".join(words[skip : skip + n]) in OUTLETS:
            return skip + n
    return 0


def _add_person(art: _Article, toks: list[Token]) -> None:
    start, end = toks[0].start, toks[-1].end
    text = art.body[start:end]
    art.found.people.append(PersonMention(text, start, end, text))


def _register(art: _Article, toks: list[Token]) -> None:
    """Remember a full name so later bare surnames and variants link to it."""
    words = [t.text for t in toks]
    last = surname_key(words[-1])
    text = art.body[toks[0].start : toks[-1].end]
    if words[0] in LOWER_NAME_PARTS and last in art.surnames:
        return  # "Ten Hag" after "Erik ten Hag"
    first = fold(words[0])
    key = (first[:1], last)
    canonical = art.full.get(key) or text
    art.full.setdefault(key, canonical)
    art.surnames.setdefault(last, canonical)
    art.first_names.setdefault(first, canonical)
    # "Lula" in "Luiz Inácio Lula da Silva": inner name words also refer to the person.
    for word in words[1:-1]:
        if word[0].isupper() and len(word) > 2:
            art.surnames.setdefault(surname_key(word), canonical)


def _first_pass(art: _Article) -> list[tuple[Chunk, int, int, bool]]:
    """Find full names with strong evidence; return every chunk with its name's bounds."""
    out: list[tuple[Chunk, int, int, bool]] = []
    last_person_end = -1
    for chunk in art.chunks:
        words = chunk.words()
        skip = _outlet_length(words)
        if skip:
            out.append((chunk, len(words), len(words), False))
            continue
        begin, titled = _split_title(words)
        stop = len(words)
        while begin < stop - 1 and words[begin] in COMMON_WORDS:
            begin += 1
        # "Alexander Lavrentyev Russia's": a trailing country is not part of the name.
        while stop - begin > 2 and _plain_place(art, words[stop - 1]):
            stop -= 1
        # "Tunisian Islamists", "Egyptian Copts": a demonym is never part of a name.
        while begin < stop - 1 and words[begin] in art.gaz.demonyms:
            begin += 1
        # "MP Rachael Maskell": an acronym role before a two-word name.
        if stop - begin >= 3 and words[begin].isupper() and len(words[begin]) <= 4:
            begin += 1
        # "Seismologist Kenji Satake": an unlisted role word before a known given name.
        if (
            stop - begin >= 3
            and words[begin + 1] in FIRST_NAMES
            and words[begin] not in FIRST_NAMES
        ):
            begin += 1
        name = words[begin:stop]
        if _not_a_person_context(art, chunk):
            out.append((chunk, len(words), len(words), False))
            _geo_or_places(art, chunk)
            continue
        out.append((chunk, begin, stop, titled))
        if len(name) < 2 or any(w in ORG_WORDS or w in ORG_NAMES for w in name):
            continue
        if _org_phrase(name):
            continue
        whole = " ".join(name)
        if art.gaz.lookup(whole) or whole in art.gaz.demonyms:
            continue
        if not all(
            (_name_shaped(w) or (i > 0 and w in SURNAME_TITLES)) or w[0].islower()
            for i, w in enumerate(name)
        ) and not (name[0] in FIRST_NAMES and not any(_not_surname(w) for w in name[1:])):
            continue
        toks = chunk.tokens[begin:stop]
        if name[-1] in CLUB_SUFFIXES or name[0] in CLUB_PREFIXES:
            continue
        places = [w for w in name if art.gaz.lookup(w) or w in art.gaz.demonyms]
        strong = (
            titled
            or name[0] in FIRST_NAMES
            or art.person_cue(toks[0].start, toks[-1].end)
            or (
                # A bare name shape: only when the article reuses the surname on its own,
                # which people's names do and product or event names rarely do.
                not places
                and not chunk.sentence_start
                and not any(art.lower_seen(w) for w in name)
                and name[0] not in art.gaz.demonyms
                and art.cap_counts.get(name[-1], 0) >= 2
            )
            # "Paris Hilton": a place word followed by a name word is a person.
            or (places and name[-1] not in places and len(name) == 2 and name[0] in places)
        )
        # "works by Clara Schumann and Fanny Mendelssohn": coordinated with a person.
        strong = strong or (
            last_person_end >= 0 and art.body[last_person_end : toks[0].start] in COORDINATION
        )
        if strong and len(name) <= 5:
            _register(art, toks)
            last_person_end = toks[-1].end
    return out


def _org_phrase(words: list[str]) -> bool:
    """A known company or body ("Morgan Stanley", "Wells Fargo") anywhere in the chunk."""
    if any(w in ORG_PHRASES for w in words):
        return True
    for n in (2, 3):
        for i in range(len(words) - n + 1):
            if " ".join(words[i : i + n]) in ORG_PHRASES:
                return True
    return False


def _plain_place(art: _Article, word: str) -> bool:
    readings = art.gaz.lookup(word)
    return bool(readings) and readings[0].kind == "country"


def _match_person(art: _Article, name: list[str]) -> str | None:
    """The canonical person a name refers to, from the article's known people."""
    if len(name) >= 2:
        key = (fold(name[0])[:1], surname_key(name[-1]))
        found = art.full.get(key)
        if found or (name[0][0].isupper() and name[0] not in LOWER_NAME_PARTS):
            return found
        return art.surnames.get(surname_key(name[-1]))
    word = name[0]
    return art.surnames.get(surname_key(word)) or art.first_names.get(fold(word))


LOWER_NAME_PARTS = frozenset({"Ten", "Van", "Von", "De", "Da", "Di", "Del", "Al", "El", "Le", "La"})
NOT_PERSON_BEFORE_RE = re.compile(
    r"\b(?:journal|newspaper|magazine|daily|website|broadcaster|agency|channel|station|outlet|"
    r"tabloid|network|show|programme|program|film|movie|book|album|novel|series|brand|company|"
    r"firm|group|party|club|team|band|app|platform|ship|vessel|operation|hurricane|storm|"
    r"typhoon|cyclone|university|stadium|river|lake|mount|town of|city of|village of)\s+(?:the\s+)?$",
    re.I,
)
NOT_PERSON_AFTER_RE = re.compile(
    r"^\s+(?:river|mountains?|valley|region|province|desert|lake|sea|strait|border|crossing|"
    r"airport|square|street|district|county|governorate|oblast|peninsula|island|basin|dam|"
    r"prefecture|state|city|town|village|camp|refinery|plant|port)\b"
)
GEO_SUFFIXES = frozenset(
    [
        "Desert",
        "Peninsula",
        "Mountains",
        "Sea",
        "River",
        "Lake",
        "Valley",
        "Island",
        "Islands",
        "Strait",
        "Gulf",
        "Bay",
        "Plateau",
        "Basin",
        "Canyon",
        "Coast",
        "Delta",
        "Range",
        "Highlands",
        "Heights",
        "Ocean",
        "Glacier",
        "Falls",
    ]
)
LOWER_WORD_RE = re.compile(r"(?<![\w-])[a-z]+(?![\w-])")
#: Titles that are also surnames: allowed as the last word of a name ("Jordan King", "Amrita Sen").
SURNAME_TITLES = frozenset(
    ["King", "Sen", "Prince", "Bishop", "Major", "Marshall", "Judge", "Pope", "Lord", "Dean"]
)
SURNAME_TITLES |= {"Knight", "Abbott", "Chase", "Cardinal", "Field", "Marshal", "Sheriff"}
GROUP_ENDINGS = ("ists", "ians", "ites", "ese")
GEO_PREFIXES = frozenset(["Cape", "Mount", "Mt", "Lake", "Isle", "Fort", "Gulf", "Strait", "Bay"])
# Arabic, Hebrew and Turkish place-name heads: village, hill, valley, spring, monastery...
GEO_PREFIXES |= {"Kafr", "Kfar", "Tell", "Tal", "Tel", "Ras", "Wadi", "Jabal", "Jebel", "Ain"}
GEO_PREFIXES |= {"Deir", "Beit", "Bir", "Bab", "Nahr", "Kiryat", "Mount", "Ayn", "Hisn"}
PLACE_VERB_RE = re.compile(r"\b(?:visit|visited|visiting|toured|entered|invaded|reached|left)\s+$")
PLACE_CONTEXT_RE = re.compile(
    r"\b(?:town|city|village|port|province|region|district|county|capital|suburb|state)\s+of\s+$"
)


ORG_OF_RE = re.compile(
    r"\b(?:University|Bank|Institute|College|Academy|Museum|School|Court|Council|Department|"
    r"Ministry|Church|Mayor|Duke|Earl|Archbishop|Bishop) of (?:the )?$"
)


def _not_a_person_context(art: _Article, chunk: Chunk) -> bool:
    """Names after "the journal", before "river", or inside "University of X" are not people."""
    before = art.before(chunk.start, 30)
    if NOT_PERSON_BEFORE_RE.search(before) or NOT_PERSON_AFTER_RE.match(art.after(chunk.end, 20)):
        return True
    words = chunk.words()
    if (words[-1] in GEO_SUFFIXES or words[0] in GEO_PREFIXES) and len(words) >= 2:
        return True
    return bool(ORG_OF_RE.search(before))


def _geo_or_places(art: _Article, chunk: Chunk) -> None:
    """A "Noto Peninsula" style name is one place; "University of Tokyo" holds none."""
    words = chunk.words()
    before = art.before(chunk.start, 30)
    if ORG_OF_RE.search(before):
        return
    if (
        PLACE_CONTEXT_RE.search(before)
        and len(words) <= 3
        and not art.gaz.lookup(words[0])
        and all(_name_shaped(w) for w in words)
    ):
        # "the town of Wajima": a place the gazetteer does not know.
        art.found.places.append(
            PlaceMention(art.body[chunk.start : chunk.end], chunk.start, chunk.end)
        )
        return
    geo = words[-1] in GEO_SUFFIXES or words[0] in GEO_PREFIXES
    if geo and len(words) >= 2 and not art.gaz.lookup(" ".join(words)):
        inner = [r for w in words[:-1] for r in art.gaz.lookup(w)[:1]]
        start, end = chunk.start, chunk.end
        if words[0] in COMMON_WORDS and len(words) > 2:
            start = chunk.tokens[1].start
        country = inner[0].country if inner else None
        art.found.places.append(PlaceMention(art.body[start:end], start, end, country, "region"))
        return
    _places_in(art, chunk, 0, len(words))


def _place_ok(art: _Article, chunk: Chunk, i: int, n: int, reading: PlaceReading) -> bool:
    words = chunk.words()
    if i + n < len(words) and words[i + n] in CLUB_SUFFIXES:
        return False
    if i > 0 and words[i - 1] in CLUB_PREFIXES:
        return False
    if not reading.needs_cue:
        # "Rivers burst their banks": a minor name opening a sentence needs a cue too.
        if not (i == 0 and n == 1 and chunk.sentence_start and len(words) == 1):
            return True
        if reading.kind == "country" or reading.rank > 100_000:
            return True
    start = chunk.tokens[i].start
    end = chunk.tokens[i + n - 1].end
    if i == 0 and (
        LOCATIVE_BEFORE_RE.search(art.before(start, 20))
        or PLACE_CONTEXT_RE.search(art.before(start, 30))
    ):
        return True
    follow = art.after(end, 30)
    return bool(re.match(r"^,\s+[A-Z]", follow)) and any(
        art.gaz.lookup(w.strip(",. ")) for w in follow.split()[1:3]
    )


def _places_in(art: _Article, chunk: Chunk, begin: int, stop: int) -> None:
    """Longest-match gazetteer lookups over words[begin:stop], splitting hyphenated parts."""
    words = chunk.words()
    i = begin
    while i < stop:
        matched = 0
        for n in range(min(art.gaz.max_words, stop - i), 0, -1):
            surface = " ".join(words[i : i + n])
            readings = art.gaz.lookup(surface)
            if not readings and words[i] == "St" and n > 1:
                readings = art.gaz.lookup("Saint " + " ".join(words[i + 1 : i + n]))
            if readings and _place_ok(art, chunk, i, n, readings[0]):
                tok_s, tok_e = chunk.tokens[i].start, chunk.tokens[i + n - 1].end
                _add_place(art, tok_s, tok_e, readings)
                matched = n
                break
        if matched:
            i += matched
            continue
        word, tok = words[i], chunk.tokens[i]
        if word in art.gaz.demonyms:
            art.found.demonyms.append((tok.start, art.gaz.demonyms[word]))
        elif "-" in word:
            _hyphen_parts(art, tok)
        i += 1


def _hyphen_parts(art: _Article, tok: Token) -> None:
    """ "Ankara-Damascus" is two places; "Moscow-based" is one; "Amir-Abdollahian" none."""
    offset = tok.start
    for part in tok.text.split("-"):
        if part and part[0].isupper():
            readings = art.gaz.lookup(part)
            if readings and not readings[0].needs_cue:
                _add_place(art, offset, offset + len(part), readings)
            elif part in art.gaz.demonyms:
                art.found.demonyms.append((offset, art.gaz.demonyms[part]))
        offset += len(part) + 1


def _add_place(art: _Article, start: int, end: int, readings: tuple[PlaceReading, ...]) -> None:
    best = readings[0]
    if len(readings) > 1:
        # "Cambridge, Massachusetts": the region after the comma picks the reading.
        follow = re.match(r"^,\s+([A-Z][\w.]*(?:\s[A-Z][\w.]*)?)", art.after(end, 40))
        if follow:
            region = art.gaz.lookup(follow.group(1))
            wanted = {r.country for r in region}
            best = next((r for r in readings if r.country in wanted), best)
    text = art.body[start:end]
    art.found.places.append(PlaceMention(text, start, end, best.country, best.kind))


def find_entities(body: str, gaz: Gazetteer) -> Found:
    """People, places and demonyms in ``body``."""
    art = _Article(body, gaz)
    newline = body.find("\n")
    art.found.first_break = newline if newline >= 0 else len(body)
    art.found.body = body
    for chunk, begin, stop, titled in _first_pass(art):
        words = chunk.words()
        if begin >= stop:
            continue
        name = words[begin:stop]
        toks = chunk.tokens[begin:stop]
        canonical = _match_person(art, name)
        if canonical is not None and len(name) == 1 and _locative_place(art, chunk, begin):
            canonical = None  # "from Jordan" is the country even with Michael Jordan around
        if canonical is None and len(name) == 1 and _single_person(art, chunk, begin, titled):
            canonical = name[0]
            _register(art, toks)
        if canonical is not None and not any(w in ORG_WORDS for w in name):
            start, end = toks[0].start, toks[-1].end
            art.found.people.append(PersonMention(body[start:end], start, end, canonical))
            _places_in(art, chunk, 0, begin)
            _places_in(art, chunk, stop, len(words))
            continue
        if art.gaz.lookup(" ".join(name)):
            _places_in(art, chunk, 0, len(words))
            continue
        if _org_phrase(name):
            continue
        if len(name) >= 2 and any(w in ORG_WORDS or w in ORG_NAMES for w in name):
            # An organisation: only a leading place/demonym outside it counts ("Ankara University" none).
            _places_in(art, chunk, 0, begin)
            first = chunk.tokens[begin]
            if begin == 0 and "-" in first.text and first.text.split("-")[-1].islower():
                _hyphen_parts(art, first)  # "Oslo-based Iran Human Rights"
            continue
        _places_in(art, chunk, 0, len(words))
    _dateline(art)
    _resolve_ambiguous(art)
    _prefer_article_countries(art)
    return art.found


def _locative_place(art: _Article, chunk: Chunk, begin: int) -> bool:
    word = chunk.words()[begin]
    readings = art.gaz.lookup(word)
    if not readings or begin != 0 or len(chunk.tokens) != 1:
        return False
    before = art.before(chunk.start, 20)
    return bool(LOCATIVE_BEFORE_RE.search(before) or PLACE_VERB_RE.search(before)) or bool(
        re.match(r"^,\s+(?:and\s+)?[A-Z]", art.after(chunk.end, 10))
        and art.gaz.lookup(art.after(chunk.end, 40)[2:].split(",")[0].removeprefix("and ").strip())
    )


DATELINE_RE = re.compile(r"^([A-Z][A-Z'’.-]+(?: [A-Z][A-Z'’.-]+){0,3})(?=,| \(| —| –| - )")


def _dateline(art: _Article) -> None:
    """ "KYIV, Ukraine (AP) —": the capitalised dateline city is a place."""
    m = DATELINE_RE.match(art.body)
    if not m:
        return
    readings = art.gaz.lookup(m.group(1).title())
    if readings:
        art.found.places.insert(
            0, PlaceMention(m.group(1), 0, m.end(1), readings[0].country, readings[0].kind)
        )


def _prefer_article_countries(art: _Article) -> None:
    """ "Georgia" beside Atlanta is the US state: ambiguous names follow the article's countries."""
    counts: dict[str | None, int] = {}
    for p in art.found.places:
        if len(art.gaz.lookup(p.text)) <= 1:
            counts[p.country] = counts.get(p.country, 0) + 1
    fixed = []
    for p in art.found.places:
        readings = art.gaz.lookup(p.text)
        if len(readings) > 1:
            best = max(readings, key=lambda r: (counts.get(r.country, 0), r is readings[0]))
            if counts.get(best.country, 0) > counts.get(p.country, 0):
                p = PlaceMention(p.text, p.start, p.end, best.country, best.kind)
        fixed.append(p)
    art.found.places = fixed


def _single_person(art: _Article, chunk: Chunk, begin: int, titled: bool) -> bool:
    """A lone capitalised word is a person with a title ("President Putin") or a speech cue."""
    word = chunk.words()[begin]
    if not _name_shaped(word) or art.gaz.lookup(word) or word in art.gaz.demonyms:
        return False
    if word.endswith(GROUP_ENDINGS) or art.lower_seen(word):
        return False  # "Islamists said", "Loyalists said": groups, not people
    if titled:
        return True
    tok = chunk.tokens[begin]
    return (bool(AFTER_SPEECH_RE.match(art.after(tok.end))) and not chunk.sentence_start) or bool(
        re.search(r"\bsaid\s+$", art.before(tok.start, 10))
    )


def _resolve_ambiguous(art: _Article) -> None:
    """Fill people's canonical names with the full form; drop places inside people."""
    people = art.found.people
    fixed: list[PersonMention] = []
    for p in people:
        canonical = _match_person(art, p.text.split()) or p.canonical
        fixed.append(PersonMention(p.text, p.start, p.end, canonical))
    art.found.people = fixed
    covered = {i for p in fixed for i in range(p.start, p.end)}
    art.found.places = [pl for pl in art.found.places if pl.start not in covered]
