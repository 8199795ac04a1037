"""Recognising the same article twice: title keys, body shingles, sketches, fingerprints.

Pure functions, no SQL: the store uses them to de-duplicate imports, and story grouping
(issue 7) reuses them to compare articles. A *shingle* is a run of ``SHINGLE_WORDS``
normalised words, hashed to a 32-bit integer (CRC-32). Two bodies
are the same article when most of the shorter one's shingles appear in the longer one: a
raw page dump keeps extra lines (menus, captions) around the clean text, so containment, not
Jaccard similarity, is the measure that survives it.
"""

from __future__ import annotations

import hashlib
import heapq
import re
import sys
import unicodedata
import zlib
from array import array
from collections.abc import Iterable, Sequence
from functools import lru_cache
from itertools import accumulate

#: Words per shingle: long enough that unrelated articles rarely share one.
SHINGLE_WORDS = 5
#: Share of the shorter body's shingles that must appear in the other one.
CONTAINMENT_THRESHOLD = 0.8
#: How many of an article's smallest shingle hashes the store indexes to find candidates.
SKETCH_SIZE = 16
#: Below this many shingles a body is too short to judge on its text alone.
MIN_SHINGLES = 8

_WORD = re.compile(r"\w+")
_TITLE_TAIL = re.compile(r"\s+[|\-–—]\s+(?P<tail>[^|\-–—]+)$")


@lru_cache(maxsize=1)
def _combining_marks() -> re.Pattern[str]:
    # Built once, on first non-ASCII text: a class of every combining mark in the BMP
    # (a per-character unicodedata call is the slowest part of shingling otherwise).
    marks = [chr(c) for c in range(0x300, 0x10000) if unicodedata.combining(chr(c))]
    return re.compile("[" + "".join(re.escape(m) for m in marks) + "]")


def fold(text: str) -> str:
    """Casefold ``text`` and strip accents ("Türkiye" -> "turkiye")."""
    if text.isascii():
        return text.lower()
    # Compatibility forms first ("𝑨" -> "A"), then case, then decompose what casefolding made.
    folded = unicodedata.normalize("NFKD", unicodedata.normalize("NFKD", text).casefold())
    return _combining_marks().sub("", folded)


def words(text: str) -> list[str]:
    """The normalised words of ``text``: folded, punctuation and apostrophes dropped."""
    # Curly and straight apostrophes join a word ("Russia's" -> "russias") so that the
    # same sentence typed with either quote style gives the same words.
    text = text.replace("'", "").replace("’", "")
    return _WORD.findall(fold(text))


def title_key(title: str) -> str:
    """A key equal for the same headline however it was captured.

    Folds case, accents and punctuation, and drops a short trailing " | Outlet" or
    " - Outlet" suffix that some pages append to their title.
    """
    text = title.strip()
    match = _TITLE_TAIL.search(text)
    if match and len(match["tail"].split()) <= 4 and len(text[: match.start()].split()) >= 3:
        text = text[: match.start()]
    return " ".join(words(text))


def _hash(text: str) -> int:
    # CRC-32 is ample here: hashes only ever meet the shingles of a handful of candidate
    # articles, and it is several times cheaper than a cryptographic digest.
    return zlib.crc32(text.encode("utf-8"))


def shingles(text: str, size: int = SHINGLE_WORDS) -> frozenset[int]:
    """The hashed ``size``-word shingles of ``text``; a shorter text gives its one run."""
    return shingles_of_words(words(text), size)


def shingles_of_words(tokens: Sequence[str], size: int = SHINGLE_WORDS) -> frozenset[int]:
    """:func:`shingles` of a text already split by :func:`words` (split once, used thrice)."""
    if not tokens:
        return frozenset()
    if len(tokens) <= size:
        return frozenset({_hash(" ".join(tokens))})
    # Each shingle is the CRC-32 of its words joined by spaces: encode the whole joined text
    # once and hash slices of it, rather than joining and encoding every shingle anew.
    joined = " ".join(tokens).encode("utf-8")
    if len(joined) == sum(map(len, tokens)) + len(tokens) - 1:
        lengths: Iterable[int] = map(len, tokens)  # ASCII: a character is a byte
    else:
        lengths = (len(token.encode("utf-8")) for token in tokens)
    starts = list(accumulate((n + 1 for n in lengths), initial=0))
    view = memoryview(joined)
    crc = zlib.crc32
    return frozenset(
        crc(view[begin : end - 1]) for begin, end in zip(starts, starts[size:], strict=False)
    )


def pack_hashes(hashes: Iterable[int]) -> bytes:
    """32-bit hashes as compact bytes (ascending, little-endian): cheap to store and to send."""
    packed = array("I", sorted(hashes))
    if sys.byteorder != "little":
        packed.byteswap()
    return packed.tobytes()


def unpack_hashes(blob: bytes) -> frozenset[int]:
    """The hashes :func:`pack_hashes` packed."""
    return frozenset(_unpacked(blob))


def first_hashes(blob: bytes, count: int) -> list[int]:
    """The first ``count`` hashes :func:`pack_hashes` packed (the smallest ones)."""
    return _unpacked(blob[: 4 * count]).tolist()


def _unpacked(blob: bytes) -> array[int]:
    packed = array("I")
    packed.frombytes(blob)
    if sys.byteorder != "little":
        packed.byteswap()
    return packed


def containment(first: frozenset[int], second: frozenset[int]) -> float:
    """The share of the smaller set's members found in the other set (0.0 when either is empty)."""
    if not first or not second:
        return 0.0
    small, large = (first, second) if len(first) <= len(second) else (second, first)
    return len(small & large) / len(small)


def sketch(hashes: Iterable[int], size: int = SKETCH_SIZE) -> list[int]:
    """The ``size`` smallest shingle hashes (a bottom-k sketch), ascending.

    If one body contains another, the smaller body's lowest hashes that are below the larger
    body's k-th lowest appear in both sketches, so sketches of a raw dump and its clean copy
    share several members while unrelated articles share none.
    """
    distinct = hashes if isinstance(hashes, (set, frozenset)) else set(hashes)
    return heapq.nsmallest(size, distinct)  # ascending; no sort of all of them


def sketch_overlap_needed(sketch_len: int) -> int:
    """How many shared sketch members make another article worth comparing in full."""
    return 1 if sketch_len < 4 else 2


def fingerprint(body: str) -> str:
    """A hex digest of the body's normalised words: equal bodies give equal fingerprints."""
    return fingerprint_of_words(words(body))


def fingerprint_of_words(tokens: Sequence[str]) -> str:
    """:func:`fingerprint` of a body already split by :func:`words`."""
    joined = " ".join(tokens)
    return hashlib.blake2b(joined.encode("utf-8"), digest_size=16).hexdigest()


def same_article(
    body_a: str | frozenset[int],
    body_b: str | frozenset[int],
    *,
    titles_match: bool = False,
) -> bool:
    """True when two bodies are one article (one may carry extra lines the other lacks).

    Args:
        body_a: a body, or its shingles from :func:`shingles`.
        body_b: the other body, or its shingles.
        titles_match: whether the title keys are equal; required when a body is too short
            to judge on its text alone.
    """
    first = shingles(body_a) if isinstance(body_a, str) else body_a
    second = shingles(body_b) if isinstance(body_b, str) else body_b
    if not first or not second:
        return False
    score = containment(first, second)
    if min(len(first), len(second)) < MIN_SHINGLES:
        return titles_match and score >= CONTAINMENT_THRESHOLD
    return score >= CONTAINMENT_THRESHOLD


def best_match(
    body: frozenset[int], candidates: Sequence[tuple[int, frozenset[int], bool]]
) -> int | None:
    """The id of the candidate most like ``body`` that is the same article, if any.

    ``candidates`` holds ``(id, shingles, titles_match)`` triples.
    """
    best: tuple[float, int] | None = None
    for candidate_id, other, titles_match in candidates:
        if same_article(body, other, titles_match=titles_match):
            score = containment(body, other)
            if best is None or score > best[0]:
                best = (score, candidate_id)
    return best[1] if best else None
