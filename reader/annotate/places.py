"""Places from chunks: longest-match gazetteer lookups, cues, clubs, hyphen pairs, datelines."""

from __future__ import annotations

import re

from reader.annotate.chunks import Chunk, Token
from reader.annotate.context import LOCATIVE_BEFORE, ArticleState, name_shaped
from reader.annotate.gazetteer import PlaceReading
from reader.annotate.lexicon import (
    CLUB_PREFIXES,
    CLUB_SUFFIXES,
    COMMON_WORDS,
)
from reader.annotate.retools import EndCue, at_pos
from reader.models import PlaceMention


def is_country_word(art: ArticleState, word: str) -> bool:
    """The word names a country ("Russia" trailing "Alexander Lavrentyev Russia's")."""
    readings = art.gaz.lookup(word)
    return bool(readings) and readings[0].kind == "country"


NOT_PERSON_BEFORE_RE = re.compile(
    r"\b(?:journal|newspaper|magazine|daily|website|broadcaster|agency|channel|station|outlet|"
    r"tabloid|network|show|programme|program|film|movie|book|album|novel|series|brand|company|"
    r"firm|group|party|club|team|band|app|platform|ship|vessel|operation|hurricane|storm|"
    r"typhoon|cyclone|university|stadium|river|lake|mount|town of|city of|village of)\s+(?:the\s+)?$",
    re.I,
)
NOT_PERSON_BEFORE = EndCue(NOT_PERSON_BEFORE_RE)


NOT_PERSON_AFTER_RE = re.compile(
    r"^\s+(?:river|mountains?|valley|region|province|desert|lake|sea|strait|border|crossing|"
    r"airport|square|street|district|county|governorate|oblast|peninsula|island|basin|dam|"
    r"prefecture|state|city|town|village|camp|refinery|plant|port)\b"
)
NOT_PERSON_AFTER = at_pos(NOT_PERSON_AFTER_RE)


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
        "County",
        "Province",
        "Governorate",
        "Oblast",
        "Prefecture",
        "Township",
        "Parish",
        "Borough",
    ]
)


GEO_PREFIXES = frozenset(
    ["Cape", "Mount", "Mt", "Lake", "Isle", "Fort", "Gulf", "Strait", "Bay", "River"]
)


# Arabic, Hebrew and Turkish place-name heads: village, hill, valley, spring, monastery...
GEO_PREFIXES |= {"Kafr", "Kfar", "Tell", "Tal", "Tel", "Ras", "Wadi", "Jabal", "Jebel", "Ain"}


GEO_PREFIXES |= {"Deir", "Beit", "Bir", "Bab", "Nahr", "Kiryat", "Mount", "Ayn", "Hisn"}


PLACE_VERB_RE = re.compile(r"\b(?:visit|visited|visiting|toured|entered|invaded|reached|left)\s+$")
PLACE_VERB = EndCue(PLACE_VERB_RE)


PLACE_CONTEXT_RE = re.compile(
    r"\b(?:town|city|village|port|province|region|district|county|capital|suburb|state)\s+of\s+$"
)
PLACE_CONTEXT = EndCue(PLACE_CONTEXT_RE)


INSTITUTION_WORDS = frozenset(["College", "University", "School", "Institute", "Polytechnic"])
EVENT_BEFORE_RE = re.compile(r"\b(?:Tour de|Giro d['’]|Vuelta a)\s*$")
EVENT_BEFORE = EndCue(EVENT_BEFORE_RE)
ORG_OF_RE = re.compile(
    r"\b(?:University|Bank|Institute|College|Academy|Museum|School|Court|Council|Department|"
    r"Ministry|Church|Mayor|Duke|Earl|Archbishop|Bishop) of (?:the )?$"
)
ORG_OF = EndCue(ORG_OF_RE)
#: Tested before every chunk: the two cues in one regex call.
NOT_PERSON_OR_ORG_OF = EndCue.any_of(NOT_PERSON_BEFORE, ORG_OF)


def not_a_person_context(art: ArticleState, chunk: Chunk) -> bool:
    """Names after "the journal", before "river", or inside "University of X" are not people."""
    if NOT_PERSON_OR_ORG_OF.ends(art.reversed, chunk.start, 30):
        return True
    if NOT_PERSON_AFTER(art.body, chunk.end, chunk.end + 20) is not None:
        return True
    words = chunk.texts
    return len(words) >= 2 and (words[-1] in GEO_SUFFIXES or words[0] in GEO_PREFIXES)


def geo_or_places(art: ArticleState, chunk: Chunk) -> None:
    """A "Noto Peninsula" style name is one place; "University of Tokyo" holds none."""
    words = chunk.texts
    if ORG_OF.ends(art.reversed, chunk.start, 30):
        return
    if (
        PLACE_CONTEXT.ends(art.reversed, chunk.start, 30)
        and len(words) <= 3
        and not art.gaz.lookup(words[0])
        and all(name_shaped(w) for w in words)
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
    places_in(art, chunk, 0, len(words))


def _place_ok(art: ArticleState, chunk: Chunk, i: int, n: int, reading: PlaceReading) -> bool:
    words = chunk.words()
    if i + n < len(words) and words[i + n] in CLUB_SUFFIXES:
        return False
    if i > 0 and (words[i - 1] in CLUB_PREFIXES or words[i - 1] in INSTITUTION_WORDS):
        return False  # "Real Madrid", "Imperial College London"
    if EVENT_BEFORE.ends(art.reversed, chunk.tokens[i].start, 12):
        return False  # "Tour de France", "Giro d'Italia": a race
    if not reading.needs_cue:
        # "Rivers burst their banks": a minor name opening a sentence needs a cue too.
        if not (i == 0 and n == 1 and chunk.sentence_start and len(words) == 1):
            return True
        if reading.kind == "country" or reading.rank > 100_000:
            return True
    start = chunk.tokens[i].start
    end = chunk.tokens[i + n - 1].end
    if i == 0 and (
        LOCATIVE_BEFORE.ends(art.reversed, start, 20) or PLACE_CONTEXT.ends(art.reversed, start, 30)
    ):
        return True
    follow = art.after(end, 30)
    return bool(re.match(r"^,\s+[A-Z]", follow)) and any(
        art.gaz.lookup(w.strip(",. ")) for w in follow.split()[1:3]
    )


def places_in(art: ArticleState, chunk: Chunk, begin: int, stop: int) -> None:
    """Longest-match gazetteer lookups over words[begin:stop], splitting hyphenated parts."""
    words = chunk.texts
    gaz = art.gaz
    lookup = gaz.places.get  # Gazetteer.lookup without the call: this runs for every word
    i = begin
    while i < stop:
        word = words[i]
        matched = 0
        # Words hold no spaces: a longer name must start with a head (or "St", for "Saint"),
        # and has at most as many words as the longest name with that head.
        longest = min(gaz.max_words, stop - i)
        if word != "St":
            longest = min(longest, gaz.heads.get(word, 1))
        for n in range(longest, 0, -1):
            readings = lookup(word if n == 1 else " ".join(words[i : i + n]))
            if not readings and word == "St" and n > 1:
                # "St. Petersburg" is a city; "St. Peter's Square" is not a parish of Antigua.
                saint = gaz.lookup("Saint " + " ".join(words[i + 1 : i + n]))
                readings = tuple(r for r in saint if r.kind == "city")
            if readings and _place_ok(art, chunk, i, n, readings[0]):
                tok_s, tok_e = chunk.tokens[i].start, chunk.tokens[i + n - 1].end
                _add_place(art, tok_s, tok_e, readings)
                matched = n
                break
        if matched:
            i += matched
            continue
        word_parts(art, chunk.tokens[i])
        i += 1


def word_parts(art: ArticleState, tok: Token) -> None:
    """A word that starts no place name: a demonym, or places in its hyphenated parts."""
    demonym = art.gaz.demonyms.get(tok.text)
    if demonym is not None:
        art.found.demonyms.append((tok.start, demonym))
    elif "-" in tok.text:
        hyphen_parts(art, tok)


def hyphen_parts(art: ArticleState, tok: Token) -> None:
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


REGION_AFTER = at_pos(re.compile(r"^,\s+([A-Z][\w.]*(?:\s[A-Z][\w.]*)?)"))


def _add_place(art: ArticleState, start: int, end: int, readings: tuple[PlaceReading, ...]) -> None:
    best = readings[0]
    if len(readings) > 1:
        # "Cambridge, Massachusetts": the region after the comma picks the reading.
        follow = REGION_AFTER(art.body, end, end + 40)
        if follow:
            region = art.gaz.lookup(follow.group(1))
            wanted = {r.country for r in region}
            best = next((r for r in readings if r.country in wanted), best)
    text = art.body[start:end]
    art.found.places.append(PlaceMention(text, start, end, best.country, best.kind))


def locative_place(art: ArticleState, chunk: Chunk, begin: int) -> bool:
    """A lone place word after "in"/"visited" or in a list of places is the place, not a person."""
    word = chunk.words()[begin]
    readings = art.gaz.lookup(word)
    if not readings or begin != 0 or len(chunk.tokens) != 1:
        return False
    return (
        LOCATIVE_BEFORE.ends(art.reversed, chunk.start, 20)
        or PLACE_VERB.ends(art.reversed, chunk.start, 20)
        or bool(
            re.match(r"^,\s+(?:and\s+)?[A-Z]", art.after(chunk.end, 10))
            and art.gaz.lookup(
                art.after(chunk.end, 40)[2:].split(",")[0].removeprefix("and ").strip()
            )
        )
    )


DATELINE_RE = re.compile(r"^([A-Z][A-Z'’.-]+(?: [A-Z][A-Z'’.-]+){0,3})(?=,| \(| —| –| - |:\s)")


STATE_AFTER_RE = re.compile(r",\s+((?:[A-Z][a-z]{0,4}\.){1,2}|[A-Z]\.[A-Z]\.)")
US_STATE_ABBREVIATIONS = frozenset(
    [
        "Ala.",
        "Ariz.",
        "Ark.",
        "Calif.",
        "Colo.",
        "Conn.",
        "Del.",
        "Fla.",
        "Ga.",
        "Ill.",
        "Ind.",
        "Kan.",
        "Ky.",
        "La.",
        "Md.",
        "Mass.",
        "Mich.",
        "Minn.",
        "Miss.",
        "Mo.",
        "Mont.",
        "Neb.",
        "Nev.",
        "N.H.",
        "N.J.",
        "N.M.",
        "N.Y.",
        "N.C.",
        "N.D.",
        "Okla.",
        "Ore.",
        "Pa.",
        "R.I.",
        "S.C.",
        "S.D.",
        "Tenn.",
        "Tex.",
        "Vt.",
        "Va.",
        "Wash.",
        "W.Va.",
        "Wis.",
        "Wyo.",
    ]
)


def add_dateline(art: ArticleState) -> None:
    """ "KYIV, Ukraine (AP) —": the capitalised dateline city is a place."""
    m = DATELINE_RE.match(art.body)
    if not m:
        return
    readings = art.gaz.lookup(m.group(1).title())
    if readings:
        art.found.places.insert(
            0, PlaceMention(m.group(1), 0, m.end(1), readings[0].country, readings[0].kind)
        )
        state = STATE_AFTER_RE.match(art.body, m.end(1))
        if state and state.group(1) in US_STATE_ABBREVIATIONS:
            # "TAMPA, Fla. (AP) —": the AP state abbreviation is a place too.
            s, e = state.span(1)
            art.found.places.insert(
                1, PlaceMention(state.group(1), s, e, "United States", "region")
            )


def prefer_article_countries(art: ArticleState) -> None:
    """ "Georgia" beside Atlanta is the US state: ambiguous names follow the article's countries."""
    places = art.found.places
    all_readings = [art.gaz.lookup(p.text) for p in places]  # looked up once, read twice
    counts: dict[str | None, int] = {}
    for p, readings in zip(places, all_readings, strict=True):
        if len(readings) <= 1:
            counts[p.country] = counts.get(p.country, 0) + 1
    fixed = []
    for p, readings in zip(places, all_readings, strict=True):
        if len(readings) > 1:
            best = max(readings, key=lambda r: (counts.get(r.country, 0), r is readings[0]))
            # A country's own name yields only to clear evidence (two or more other places).
            needed = 2 if readings[0].kind == "country" else 1
            if counts.get(best.country, 0) >= max(needed, counts.get(p.country, 0) + 1):
                p = PlaceMention(p.text, p.start, p.end, best.country, best.kind)
        fixed.append(p)
    art.found.places = fixed
