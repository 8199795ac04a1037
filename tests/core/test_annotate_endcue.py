"""The annotator's end-anchored cues: the reversed-pattern test answers as ``search`` does."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reader.annotate import context, entities, places
from reader.annotate.retools import EndCue, reverse_pattern

CUES = {
    "role before": entities.ROLE_BEFORE,
    "company before": entities.COMPANY_BEFORE,
    "said before": entities.SAID_BEFORE,
    "not a person before": places.NOT_PERSON_BEFORE,
    "place verb": places.PLACE_VERB,
    "place context": places.PLACE_CONTEXT,
    "event before": places.EVENT_BEFORE,
    "organisation of": places.ORG_OF,
    "before speech": context.BEFORE_SPEECH,
    "before cue": context.BEFORE_CUE,
}

# Windows are the 10-40 characters before a name: words the cues look for, others, and the
# spaces, newlines and punctuation between them.
_WORDS = st.sampled_from(
    [
        "said",
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
        "spokesman",
        "Spokesman",
        "x",
        "résumé",
        "",
    ]
)
_GLUE = st.sampled_from([" ", "  ", "\n", ", ", ",", ".", " - ", "\t", ""])
_WINDOWS = st.lists(st.tuples(_WORDS, _GLUE), max_size=6).map(
    lambda parts: "".join(word + glue for word, glue in parts)
)


@pytest.mark.parametrize("name", sorted(CUES))
@settings(max_examples=300, deadline=None)
@given(window=_WINDOWS)
def test_cue_answers_as_search_does(name: str, window: str) -> None:
    cue = CUES[name]
    assert cue.search(window) == (cue.pattern.search(window) is not None)


@settings(max_examples=300, deadline=None)
@given(window=st.text(alphabet="ab \n.-,", max_size=12))
def test_reversed_pattern_on_small_alphabets(window: str) -> None:
    for pattern in (r"\b(?:ab|a|ba)\s+$", r"(?:a-b|b)\.?\s*$", r"\ba[b,]{1,2}\s?$"):
        cue = EndCue(re.compile(pattern))
        assert cue.search(window) == (re.search(pattern, window) is not None)


def test_unsupported_patterns_are_refused() -> None:
    for pattern in (r"\bsaid", r"(?<=x)a$", r"(a)\1$", r"a+?$"):
        with pytest.raises(ValueError):
            reverse_pattern(pattern)
