"""People (and, via places.py, places) from chunks: cues, name shapes, surname propagation."""

from __future__ import annotations

import re
from typing import TypeAlias

from reader.annotate.chunks import LOWER_PARTICLES, Chunk, Token, fold
from reader.annotate.context import (
    AFTER_SPEECH,
    BEFORE_CUE_RE,
    COORDINATION,
    GROUP_ENDINGS,
    SURNAME_TITLES,
    ArticleState,
    Found,
    name_shaped,
    not_surname,
    surname_key,
)
from reader.annotate.gazetteer import Gazetteer
from reader.annotate.lexicon import (
    CLUB_PREFIXES,
    CLUB_SUFFIXES,
    COMMON_WORDS,
    ORG_NAMES,
    ORG_PHRASES,
    ORG_WORDS,
    OUTLETS,
    PRODUCT_NAMES,
    PRODUCT_TIERS,
    TITLES,
)
from reader.annotate.names import FIRST_NAMES, NICKNAMES
from reader.annotate.places import (
    add_dateline,
    geo_or_places,
    hyphen_parts,
    is_country_word,
    locative_place,
    not_a_person_context,
    places_in,
    prefer_article_countries,
    word_parts,
)
from reader.annotate.retools import EndCue
from reader.models import PersonMention, PlaceMention


def _split_title(words: list[str]) -> tuple[int, bool]:
    """Index where the name starts after titles and demonyms, and whether a title was seen."""
    last = -1
    for i, w in enumerate(words[:-1]):
        if w in TITLES or w.rstrip(".") in TITLES:
            last = i
    return last + 1, last >= 0


def _outlet_length(words: list[str]) -> int:
    """How many leading words name an outlet ("Reuters", "The Guardian"); 0 when none do.

    "The" is optional before any outlet ("The Washington Post") and part of some names.
    """
    skip = 1 if words and words[0] == "The" else 0
    if skip >= len(words) or words[skip] not in OUTLET_HEADS:
        return 0  # most chunks: words hold no spaces, so an outlet starts with a head word
    for n in range(min(len(words) - skip, 4), 0, -1):
        name = " ".join(words[skip : skip + n])
        if name in OUTLETS or (skip and "The " + name in OUTLETS):
            return skip + n
    return 0


def _register(art: ArticleState, toks: list[Token]) -> None:
    """Remember a full name so later bare surnames and variants link to it."""
    words = [t.text for t in toks]
    last = surname_key(words[-1])
    text = art.body[toks[0].start : toks[-1].end]
    if (words[0] in LOWER_NAME_PARTS or words[0][0].islower()) and last in art.surnames:
        return  # "Ten Hag" after "Erik ten Hag", "von der Leyen" after "Ursula von der Leyen"
    first = fold(words[0])
    key = (first[:1], last)
    canonical = art.full.get(key) or text
    art.full.setdefault(key, canonical)
    art.surnames.setdefault(last, canonical)
    art.first_names.setdefault(first, canonical)
    for short in NICKNAMES.get(first, ()):
        art.first_names.setdefault(short, canonical)  # "Sam" for "Samuel Bankman-Fried"
    # "Lula" in "Luiz Inácio Lula da Silva": inner name words also refer to the person.
    for word in words[1:-1]:
        if word[0].isupper() and len(word) > 2:
            art.surnames.setdefault(surname_key(word), canonical)


#: A chunk, the bounds of the name in its words, whether a title precedes it, and whether its
#: context was read (whether it may hold a person at all).
_Bounds: TypeAlias = tuple[Chunk, int, int, bool, bool]


def _first_pass(art: ArticleState) -> list[_Bounds]:
    """Find full names with strong evidence; return every chunk with its name's bounds."""
    out: list[_Bounds] = []
    weak: list[list[Token]] = []  # name shapes without evidence yet
    last_person_end = -1
    for chunk in art.chunks:
        words = chunk.texts
        if len(words) == 1 and _inert(art.gaz, words[0]):
            out.append((chunk, 0, 1, False, False))  # its context is read only if ever needed
            continue
        if _outlet_length(words):
            out.append((chunk, len(words), len(words), False, True))
            continue
        if len(words) == 1:
            # Many chunks: no title, role or country to trim, and too short for a full name.
            if not_a_person_context(art, chunk):
                out.append((chunk, 1, 1, False, True))
                geo_or_places(art, chunk)
            else:
                out.append((chunk, 0, 1, False, True))
            continue
        begin, titled = _split_title(words)
        stop = len(words)
        while begin < stop - 1 and words[begin] in COMMON_WORDS:
            if _family_first(words, begin):
                break  # "Park Soo-yeon": a family name, then a hyphenated given name
            if words[begin] in MODAL_NAMES and not (begin == 0 and chunk.sentence_start):
                break  # "manager Will Venable": mid-sentence, "Will" is a given name
            begin += 1
        # "Alexander Lavrentyev Russia's": a trailing country is not part of the name.
        while (
            stop - begin > 2
            and is_country_word(art, words[stop - 1])
            and not art.gaz.lookup(" ".join(words[begin:stop]))
        ):
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
            and words[begin] not in FIRST_NAMES
            and (
                (
                    words[begin + 1] in FIRST_NAMES
                    and (words[begin].endswith(ROLE_ENDINGS) or art.lower_seen(words[begin]))
                )
                or words[begin].endswith(SURE_ROLE_ENDINGS)
            )
        ):
            begin += 1
        name = words[begin:stop]
        if not_a_person_context(art, chunk):
            out.append((chunk, len(words), len(words), False, True))
            geo_or_places(art, chunk)
            continue
        out.append((chunk, begin, stop, titled, True))
        if len(name) < 2 or _orgish(name):
            continue
        if _org_phrase(name):
            continue
        whole = " ".join(name)
        raw = art.body[chunk.tokens[begin].start : chunk.tokens[stop - 1].end]
        if art.gaz.lookup(whole) or whole in art.gaz.demonyms or art.gaz.lookup(raw):
            continue  # "St. Petersburg, said ...": a place, whatever the cue
        if (
            not all(
                name_shaped(w)
                or (i > 0 and w in SURNAME_TITLES)
                or w[0].islower()
                or (len(w) == 1 and w.isupper() and i < len(name) - 1)  # "S. Somanath"
                or (i < len(name) - 1 and _initials(w))  # "C.C. Wei", "T.R.B. Rajaa"
                or (i == 0 and w in MODAL_NAMES and len(name) > 1)
                or (i == 0 and _family_first(name, 0))
                for i, w in enumerate(name)
            )
            and not (name[0] in FIRST_NAMES and not any(not_surname(w) for w in name[1:]))
        ):
            continue
        toks = chunk.tokens[begin:stop]
        if name[-1] in CLUB_SUFFIXES or name[0] in CLUB_PREFIXES:
            continue
        if name[-1] in PRODUCT_TIERS or name[0] in PRODUCT_NAMES:
            continue  # "Gemini Ultra", "Galaxy Fold": a product model, not a person
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
                and art.cap_counts.get(name[-1], 0) >= 2
                and name[0] not in art.gaz.demonyms
                and not any(art.lower_seen(w) for w in name)  # last: it may scan the body
            )
            # "Ethiopian Sutume Kebede", "Alsu Kurmasheva": a demonym or a surname's shape.
            or (
                not places and len(name) <= 3 and begin > 0 and words[begin - 1] in art.gaz.demonyms
            )
            or (not places and len(name) <= 3 and name[-1].endswith(SURNAME_ENDINGS))
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
        elif not places and len(name) <= 4:
            weak.append(toks)
    _confirm_by_surname(art, weak)
    return out


def _inert(gaz: Gazetteer, word: str) -> bool:
    """A word that alone is no place, demonym or name shape ("The", "April", "Reuters").

    As a chunk of its own it can only be a known person's short name ("Will" for William):
    _single_person refuses it, and places_in and geo_or_places find nothing in it. So its
    context (an outlet, "the journal ...", "University of ...") matters only then.
    """
    return (
        not name_shaped(word)
        and not gaz.places.get(word)
        and word not in gaz.demonyms
        and "-" not in word
    )


def _no_person_here(art: ArticleState, chunk: Chunk) -> bool:
    """What _first_pass tests before a chunk may hold a person: an outlet, or the context."""
    return bool(_outlet_length(chunk.texts)) or not_a_person_context(art, chunk)


def _confirm_by_surname(art: ArticleState, weak: list[list[Token]]) -> None:
    """A name shape whose surname alone is cued elsewhere ("... ," Kaplan said) is a person."""
    if not weak:
        return
    wanted = {surname_key(toks[-1].text) for toks in weak}
    cued: set[str] = set()
    for chunk in art.chunks:
        if len(chunk.texts) == 1 and len(chunk.texts[0]) > 1:
            tok = chunk.tokens[0]
            key = surname_key(tok.text)
            if key in wanted and key not in cued and art.speech_cue(tok.start, tok.end):
                cued.add(key)
    for toks in weak:
        if surname_key(toks[-1].text) in cued and surname_key(toks[-1].text) not in art.surnames:
            _register(art, toks)


def _orgish(name: list[str], *, names_too: bool = True) -> bool:
    """A word of an organisation's name ("Bank", "Park") in the name, bar "Park Soo-yeon"."""
    words = name[1:] if _family_first(name, 0) else name
    return not ORG_WORDS.isdisjoint(words) or (names_too and not ORG_NAMES.isdisjoint(words))


def _family_first(words: list[str], i: int) -> bool:
    """ "Park Soo-yeon", "Moon Jae-in": a Korean family name before a hyphenated given name."""
    return (
        words[i] in FAMILY_FIRST
        and i + 1 < len(words)
        and bool(HYPHEN_GIVEN_RE.match(words[i + 1]))
    )


def _initials(word: str) -> bool:
    """ "C.C." or "T.R.B.": a run of initials, not a country abbreviation ("U.S.")."""
    return bool(INITIALS_RE.match(word)) and word not in COUNTRY_ABBREVIATIONS


def _org_phrase(words: list[str]) -> bool:
    """A known company or body ("Morgan Stanley", "Wells Fargo") anywhere in the chunk."""
    if not ORG_PHRASES.isdisjoint(words):
        return True
    if PHRASE_HEADS.isdisjoint(words):
        return False  # a phrase of two or three words starts with one of these
    for n in (2, 3):
        for i in range(len(words) - n + 1):
            if words[i] in PHRASE_HEADS and " ".join(words[i : i + n]) in ORG_PHRASES:
                return True
    return False


def _match_person(art: ArticleState, name: list[str]) -> str | None:
    """The canonical person a name refers to, from the article's known people."""
    if len(name) >= 2:
        key = (fold(name[0])[:1], surname_key(name[-1]))
        found = art.full.get(key)
        if found or (name[0][0].isupper() and name[0] not in LOWER_NAME_PARTS):
            return found
        return art.surnames.get(surname_key(name[-1]))
    word = name[0]
    return art.surnames.get(surname_key(word)) or art.first_names.get(fold(word))


SURNAME_ENDINGS = (
    "ova",
    "eva",
    "ovich",
    "evich",
    "enko",
    "shvili",
    "oglu",
    "ović",
    "ovic",
    "yan",
    "dze",
    "uk",
)
ROLE_BEFORE_RE = re.compile(BEFORE_CUE_RE.pattern.replace(",?", ""), re.I)
ROLE_BEFORE = EndCue(ROLE_BEFORE_RE)
COMPANY_BEFORE_RE = re.compile(
    r"\b(?:company|firm|group|line|carrier|airline|maker|giant|bank|lender|retailer|chain|"
    r"brand|start-?up|insurer|operator|miner|producer|broker|agency|platform|app|website|"
    r"broadcaster|network|outlet|developer|manufacturer|supplier|conglomerate|alliance|"
    r"charity|coalition|foundation|organi[sz]ation|institute|watchdog|regulator)\s+$",
    re.I,  # "Bank Vardela said": the name's own first word, capitalised, is a cue too
)
COMPANY_BEFORE = EndCue(COMPANY_BEFORE_RE)
SAID_BEFORE = EndCue(re.compile(r"\bsaid\s+$"))
#: Most words follow neither: one regex call tells, and COMPANY_BEFORE then which one.
COMPANY_OR_ROLE_BEFORE = EndCue.any_of(COMPANY_BEFORE, ROLE_BEFORE)
_FAMILY_FIRST = """
Kim Lee Park Choi Jung Kang Cho Yoon Jang Lim Han Shin Seo Kwon Hwang Ahn Song Yoo Hong Jeon
Moon Yang Son Bae Baek Nam Noh Roh Oh Ha Chung Ko
"""
FAMILY_FIRST = frozenset(_FAMILY_FIRST.split())
HYPHEN_GIVEN_RE = re.compile(r"^[A-Z][a-z]+-[a-z]+$")
MODAL_NAMES = frozenset({"Will"})
INITIALS_RE = re.compile(r"^(?:[A-Z]\.){2,3}$")
COUNTRY_ABBREVIATIONS = frozenset({"U.S.", "US", "UK", "U.K.", "UAE", "USA"})
SURE_ROLE_ENDINGS = ("ologist", "ist", "ician", "ographer")  # "Geophysicist Magnus ..."
ROLE_ENDINGS = ("ist", "ologist", "er", "or", "ian", "ant", "ent", "ee", "ar")
#: First words of the outlets' names after any "The": _outlet_length looks past a "The".
OUTLET_HEADS = frozenset(o.removeprefix("The ").split(" ")[0] for o in OUTLETS)
PHRASE_HEADS = frozenset(o.split(" ")[0] for o in ORG_PHRASES)
LOWER_NAME_PARTS = frozenset(p.capitalize() for p in LOWER_PARTICLES) | {"Al", "El"}


def find_entities(body: str, gaz: Gazetteer) -> Found:
    """People, places and demonyms in ``body``."""
    art = ArticleState(body, gaz)
    newline = body.find("\n")
    art.found.first_break = newline if newline >= 0 else len(body)
    art.found.body = body
    lookup = gaz.places.get  # Gazetteer.lookup without the call, for every chunk
    for chunk, begin, stop, titled, context_read in _first_pass(art):
        if begin >= stop:
            continue
        words = chunk.texts
        name = words[begin:stop]
        canonical = _match_person(art, name)
        if not context_read and (canonical is None or _no_person_here(art, chunk)):
            continue  # an _inert word, and no person: nothing else can come of it
        if len(name) == 1:
            if canonical is not None and locative_place(art, chunk, begin):
                canonical = None  # "from Jordan" is the country even with Michael Jordan around
            if canonical is None and _single_person(art, chunk, begin, titled):
                canonical = name[0]
                _register(art, chunk.tokens[begin:stop])
        if canonical is not None and not _orgish(name, names_too=False):
            start, end = chunk.tokens[begin].start, chunk.tokens[stop - 1].end
            art.found.people.append(PersonMention(body[start:end], start, end, canonical))
            if begin:
                places_in(art, chunk, 0, begin)
            if stop < len(words):
                places_in(art, chunk, stop, len(words))
            continue
        if lookup(" ".join(name)):
            places_in(art, chunk, 0, len(words))
            continue
        if _org_phrase(name):
            continue
        if len(name) >= 2 and _orgish(name):
            # An organisation: only a leading place/demonym outside it counts ("Ankara University" none).
            places_in(art, chunk, 0, begin)
            first = chunk.tokens[begin]
            if first.text in COUNTRY_ABBREVIATIONS:
                places_in(art, chunk, begin, begin + 1)  # "U.S. House of Representatives"
            if begin == 0 and "-" in first.text and first.text.split("-")[-1].islower():
                hyphen_parts(art, first)  # "Oslo-based Iran Human Rights"
            continue
        if len(words) == 1:
            word_parts(art, chunk.tokens[0])  # what places_in finds in a word it cannot look up
        else:
            places_in(art, chunk, 0, len(words))
    _drop_names_in_split_outlets(art)
    add_dateline(art)
    _resolve_ambiguous(art)
    prefer_article_countries(art)
    return art.found


#: Outlets whose name a lower-case word splits into several chunks ("Times of India"), so
#: the chunk tests never see the whole name and its last word looks like a place.
_SPLIT_OUTLET_RE = re.compile(
    r"\b(?:"
    + "|".join(
        re.escape(name)
        for name in sorted(OUTLETS, key=len, reverse=True)
        if any(word.islower() for word in name.split())
    )
    + r")\b"
)


def _drop_names_in_split_outlets(art: ArticleState) -> None:
    """Drop the places and people inside such an outlet's name: "The Times of India" is no
    place, and "Mail" in "The Globe and Mail said" no person."""
    spans = [match.span() for match in _SPLIT_OUTLET_RE.finditer(art.found.body)]
    if not spans:
        return

    def outside(mention: PlaceMention | PersonMention) -> bool:
        return not any(start <= mention.start and mention.end <= end for start, end in spans)

    art.found.places = [place for place in art.found.places if outside(place)]
    art.found.people = [person for person in art.found.people if outside(person)]


def _single_person(art: ArticleState, chunk: Chunk, begin: int, titled: bool) -> bool:
    """A lone capitalised word is a person with a title ("President Putin") or a speech cue."""
    word = chunk.texts[begin]
    if (
        len(word) < 2
        or not name_shaped(word)
        or art.gaz.places.get(word)
        or word in art.gaz.demonyms
        or word.endswith(GROUP_ENDINGS)  # "Islamists said", "Loyalists said": groups
    ):
        return False
    # The cues first: most words have none, and lower_seen may scan the whole body.
    return _single_person_cue(art, chunk, begin, titled) and not art.lower_seen(word)


def _single_person_cue(art: ArticleState, chunk: Chunk, begin: int, titled: bool) -> bool:
    """A title, a role noun or a speech verb that makes one capitalised word a person."""
    if titled:
        return True
    tok = chunk.tokens[begin]
    start = tok.start
    if COMPANY_OR_ROLE_BEFORE.ends(art.reversed, start, 30):
        # "shipping line Maersk said": a company; "Brazilian striker Endrick": a role noun.
        return not COMPANY_BEFORE.ends(art.reversed, start, 30)
    if not chunk.sentence_start and AFTER_SPEECH(art.body, tok.end, tok.end + 40) is not None:
        return True
    return SAID_BEFORE.ends(art.reversed, start, 10)


def _resolve_ambiguous(art: ArticleState) -> None:
    """Fill people's canonical names with the full form; drop places inside people."""
    people = art.found.people
    fixed: list[PersonMention] = []
    for p in people:
        canonical = _match_person(art, p.text.split()) or p.canonical
        if canonical != p.canonical:  # a mention is immutable: an unchanged one is kept
            p = PersonMention(p.text, p.start, p.end, canonical)
        fixed.append(p)
    art.found.people = fixed
    covered: set[int] = set()
    for p in fixed:
        covered.update(range(p.start, p.end))
    art.found.places = [pl for pl in art.found.places if pl.start not in covered]
