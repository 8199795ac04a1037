"""The annotator's speed-ups answer exactly as the plain forms they replace."""

from __future__ import annotations

import re
import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reader.annotate import context, countries, entities, places, quotes
from reader.annotate.chunks import (
    LOWER_PARTICLES,
    PARTICLE_PREFIXES,
    fold,
    is_capitalised,
    tokenize,
)
from reader.annotate.context import PARTICLE_PREFIX_RE, surname_key
from reader.annotate.gazetteer import load_gazetteer
from reader.annotate.retools import EndCue, at_pos, reverse_pattern

CUES = {
    "role before": entities.ROLE_BEFORE,
    "company before": entities.COMPANY_BEFORE,
    "company or role before": entities.COMPANY_OR_ROLE_BEFORE,
    "said before": entities.SAID_BEFORE,
    "not a person before": places.NOT_PERSON_BEFORE,
    "not a person or organisation of": places.NOT_PERSON_OR_ORG_OF,
    "place verb": places.PLACE_VERB,
    "place context": places.PLACE_CONTEXT,
    "event before": places.EVENT_BEFORE,
    "organisation of": places.ORG_OF,
    "locative before": context.LOCATIVE_BEFORE,
    "before speech": context.BEFORE_SPEECH,
    "before cue": context.BEFORE_CUE,
}

AT_POS = {
    "after speech": (context.AFTER_SPEECH, context.AFTER_SPEECH_RE),
    "after apposition": (context.AFTER_APPOSITION, context.AFTER_APPOSITION_RE),
    "not a person after": (places.NOT_PERSON_AFTER, places.NOT_PERSON_AFTER_RE),
}

# Texts around a name: words the cues look for, others, and the glue between them.
_WORDS = st.sampled_from(
    [
        "said",
        "unsaid",
        "told",
        "according to",
        "the",
        "of",
        "city of",
        "University of",
        "striker",
        "minister",
        "company",
        "shipping line",
        "Tour de",
        "visited",
        "journal",
        "river",
        "in",
        "who",
        "has said",
        "Spokesman",
        "Lavrov",
        "x",
        "résumé",
        "",
    ]
)
_GLUE = st.sampled_from([" ", "  ", "\n", ", ", ",", ".", " - ", "\t", "", "\xa0"])
_TEXTS = st.lists(st.tuples(_WORDS, _GLUE), max_size=8).map(
    lambda parts: "".join(word + glue for word, glue in parts)
)


@pytest.mark.parametrize("name", sorted(CUES))
@settings(max_examples=200, deadline=None)
@given(text=_TEXTS)
def test_cue_at_an_offset_answers_as_search_on_the_slice(name: str, text: str) -> None:
    cue = CUES[name]
    backwards = text[::-1]
    for end in range(len(text) + 1):
        for width in (10, 12, 20, 30, 40):
            window = text[max(0, end - width) : end]
            assert cue.ends(backwards, end, width) == cue.search(window)
            assert cue.search(window) == (cue.pattern.search(window) is not None)


@pytest.mark.parametrize("name", sorted(AT_POS))
@settings(max_examples=200, deadline=None)
@given(text=_TEXTS)
def test_match_at_an_offset_answers_as_match_on_the_slice(name: str, text: str) -> None:
    fast, plain = AT_POS[name]
    for pos in range(len(text) + 1):
        for width in (10, 20, 40):
            got = fast(text, pos, pos + width)
            want = plain.match(text[pos : pos + width])
            assert (got is None) == (want is None)
            if got is not None and want is not None:
                assert got.group() == want.group()


def test_assertions_at_the_end_and_unanchored_patterns_are_refused() -> None:
    for pattern in (r"\bsaid\b$", r"said(?:\b)?\s*$", r"said\s*(?:x\b)?$"):
        with pytest.raises(ValueError):
            reverse_pattern(pattern)
    for pattern in (r"said", r"^\bsaid", r"^(?<=x)said"):
        with pytest.raises(ValueError):
            at_pos(re.compile(pattern))
    with pytest.raises(ValueError):
        EndCue.any_of(EndCue(re.compile(r"\bsaid\s+$", re.MULTILINE)))


@settings(max_examples=300, deadline=None)
@given(text=st.text(alphabet="aZz- _.\n'’é", max_size=40))
def test_rewritten_patterns_find_what_the_originals_find(text: str) -> None:
    lower = re.compile(r"(?<![\w-])[a-z]+(?![\w-])")
    assert context.LOWER_WORD_RE.findall(text) == lower.findall(text)
    sentence = re.compile(r"(?<![A-Z])[.!?][\"”’]?\s+(?=[A-Z\"“])")
    for start in range(len(text) + 1):
        fast = [m.span() for m in countries.SENTENCE_END_RE.finditer(text, start)]
        assert fast == [m.span() for m in sentence.finditer(text, start)]


@settings(max_examples=300, deadline=None)
@given(text=st.text(alphabet="ab \n\t\r\x0b\x1c\x85\xa0\u2028\u3000.", max_size=30))
def test_paragraph_spans_are_the_stripped_lines(text: str) -> None:
    want = []
    for m in re.finditer(r"[^\n]+", text):
        stripped = m.group().strip()
        if stripped:
            lead = len(m.group()) - len(m.group().lstrip())
            want.append((m.start() + lead, m.start() + lead + len(stripped)))
    assert quotes._paragraphs(text) == want


_PIECES = "de van der al-Assad al- de-facto Ursula U.S. O'Brien ’s 's x ǅemal Émile é - _ 9"


@settings(max_examples=300, deadline=None)
@given(text=st.lists(st.sampled_from([*_PIECES.split(" "), " ", ". "]), max_size=20).map("".join))
def test_tokens_are_capitalised_unless_lower_case_particles(text: str) -> None:
    for tok in tokenize(text):
        assert is_capitalised(tok.text) == (tok.text not in LOWER_PARTICLES)


@given(word=st.text(max_size=8))
def test_fold_and_surname_key_shortcuts(word: str) -> None:
    full = word.replace("ı", "i").replace("İ", "I").replace("’", "'")
    decomposed = unicodedata.normalize("NFKD", full)
    assert fold.__wrapped__(word) == (
        "".join(ch for ch in decomposed if not unicodedata.combining(ch)).lower()
    )
    particles = PARTICLE_PREFIXES.split("|")
    for prefixed in (word, "ash’" + word, "Az'" + word, *(p + "-" + word for p in particles)):
        assert surname_key.__wrapped__(prefixed) == fold(PARTICLE_PREFIX_RE.sub("", prefixed))


def test_gazetteer_heads_bound_the_names_they_start() -> None:
    gaz = load_gazetteer()
    for surface in gaz.places:
        words = surface.split(" ")
        if len(words) > 1:
            assert gaz.heads[words[0]] >= len(words)


@settings(max_examples=300, deadline=None)
@given(window=st.text(alphabet="ab \n.-,", max_size=12))
def test_reversed_pattern_on_small_alphabets(window: str) -> None:
    for pattern in (r"\b(?:ab|a|ba)\s+$", r"(?:a-b|b)\.?\s*$", r"\ba[b,]{1,2}\s?$"):
        cue = EndCue(re.compile(pattern))
        assert cue.search(window) == (re.search(pattern, window) is not None)


def test_unsupported_reversed_patterns_are_refused() -> None:
    for pattern in (r"\bsaid", r"(?<=x)a$", r"(a)\1$", r"a+?$"):
        with pytest.raises(ValueError):
            reverse_pattern(pattern)


@settings(max_examples=300, deadline=None)
@given(
    body=st.text(alphabet="aAéÉ- _.\n", max_size=30),
    word=st.sampled_from(["A", "Aa", "Aé", "É", "Éa", "ÉÉ"]),
)
def test_lower_seen_answers_as_a_whole_word_search(body: str, word: str) -> None:
    art = context.ArticleState(body, load_gazetteer())
    whole = re.compile(rf"(?<![\w-]){re.escape(word.lower())}(?![\w-])")
    assert art.lower_seen(word) == (whole.search(body) is not None)
