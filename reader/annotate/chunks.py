"""One pass over the body: capitalised word runs ("chunks") with their offsets and context."""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass

from reader.annotate.lexicon import ABBREVIATIONS
from reader.annotate.retools import prefix_tree

# "U.S." and "D.C." first; then words with inner apostrophes and hyphens ("O'Brien", "al-Assad").
TOKEN_RE = re.compile(r"[A-Z]\.(?:[A-Z]\.)+|[^\W_]\w*(?:['’\-][^\W_]\w*)*")
#: Particles written joined to the name by a hyphen or apostrophe ("al-Assad", "ed-Din"); the
#: surname key (context.surname_key) strips the same ones. Two or three letters each.
PARTICLE_PREFIXES = "al|el|ad|as|an|ash|at|ar|az|ez|es|ed|ibn|bin|abu|de|di|da|du|le|la"
PARTICLE_RE = re.compile(rf"^(?:{PARTICLE_PREFIXES})[-’'](?=[A-Z])")
LOWER_PARTICLES = frozenset(
    [
        "bin",
        "ibn",
        "bint",
        "abu",
        "de",
        "del",
        "della",
        "di",
        "da",
        "dos",
        "das",
        "du",
        "van",
        "von",
        "der",
        "den",
        "ter",
        "ten",
        "do",
        "op",
        "le",
        "la",
        "y",
    ]
)
POSSESSIVE = ("'s", "’s")
PARTICLE_FIRST = frozenset("aeibdlvto y".replace(" ", ""))
DOT_JOINERS = frozenset({". ", ".\xa0"})
JOINERS = frozenset({" ", "\xa0", "\u202f"})
SENTENCE_END = frozenset('.!?\n"“”:;')


@dataclass(slots=True)
class Token:
    """A word in the body: its text and where it sits."""

    text: str
    start: int
    end: int


@dataclass(slots=True)
class Chunk:
    """A run of capitalised tokens separated by single spaces, without a possessive tail."""

    tokens: list[Token]  # never changed after construction
    possessive: bool
    sentence_start: bool
    # Read for every chunk by several rules: set once here, not recomputed per call.
    texts: list[str]  # the token texts
    start: int  # offset of the first character
    end: int  # offset just past the last character

    def words(self) -> list[str]:
        """The token texts."""
        return self.texts


def is_capitalised(word: str) -> bool:
    """A name-like word: starts upper-case, or with a particle before one ("al-Assad")."""
    first = word[0]
    if first.isupper():
        return True
    return first.islower() and PARTICLE_RE.match(word) is not None


@functools.lru_cache(maxsize=8192)
def fold(text: str) -> str:
    """Lower-case ASCII-ish key for matching spelling variants ("Erdoğan" -> "erdogan")."""
    if text.isascii():
        return text.lower()  # ASCII is its own NFKD form, without combining marks
    text = text.replace("ı", "i").replace("İ", "I").replace("’", "'")
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).lower()


def _sentence_start(body: str, start: int) -> bool:
    i = start - 1
    while i >= 0 and body[i] in " \t\"“‘'([-–—":
        if body[i] in "\"“‘'":
            return True
        i -= 1
    return i < 0 or body[i] in SENTENCE_END


def _leads_to_name(body: str, tokens: list[Token], i: int) -> bool:
    """Particles ("von der") followed, word by word, by a capitalised name ("Leyen")."""
    j = i + 1
    while j < len(tokens) and body[tokens[j - 1].end : tokens[j].start] in JOINERS:
        if is_capitalised(tokens[j].text):
            return True
        if tokens[j].text not in LOWER_PARTICLES:
            return False
        j += 1
    return False


def _initial(word: str) -> bool:
    return len(word) == 1 and word.isupper()


def _scan_re() -> re.Pattern[str]:
    """TOKEN_RE's scan, with the lower-case words tokenize would drop skipped inside the regex.

    Each match is a run of such words and the gaps after them (possessive: a word is taken whole,
    as TOKEN_RE takes it), then one TOKEN_RE token in group "tok", or the end of the body. Only
    words starting [a-z0-9] are skipped, and of those starting with a particle's letter, not
    ones that could be a particle ("de", "al-"): those come back to the Python test. Each
    match's end is a token's end, so the next search starts where TOKEN_RE's would.
    """
    keep = prefix_tree(
        [(w, r"\b") for w in LOWER_PARTICLES] + [(p, "[-’']") for p in PARTICLE_PREFIXES.split("|")]
    )
    never = "".join(sorted(set("abcdefghijklmnopqrstuvwxyz") - PARTICLE_FIRST))
    maybe = "".join(sorted(PARTICLE_FIRST))
    skip = rf"(?:[{never}0-9]|(?!{keep})[{maybe}])\w*+(?:['’\-][^\W_]\w*+)*+"
    return re.compile(rf"(?:{skip}[\W_]*+)*+(?:(?P<tok>{TOKEN_RE.pattern})|\Z)")


SCAN_RE = _scan_re()


#: SCAN_RE's token group, by number: faster to read than by name, once per token.
_TOK = SCAN_RE.groupindex["tok"]


def tokenize(body: str) -> list[Token]:
    """Every token that can belong to a name, in order (other lower-case words are skipped).

    Each is capitalised (``is_capitalised``) unless it is one of LOWER_PARTICLES ("de",
    "van"): find_chunks relies on it.
    """
    out: list[Token] = []
    append = out.append
    particle = PARTICLE_RE.match
    for m in SCAN_RE.finditer(body):
        word = m[_TOK]
        if word is None:
            continue  # the body ends with skipped words
        first = word[0]
        if first.isupper() or (
            first in PARTICLE_FIRST and (word in LOWER_PARTICLES or particle(word) is not None)
        ):
            start, end = m.span(_TOK)
            append(Token(word, start, end))
    return out


def find_chunks(body: str, tokens: list[Token]) -> list[Chunk]:
    """Group capitalised tokens into chunks; a possessive or any punctuation ends one."""
    chunks: list[Chunk] = []
    run: list[Token] = []  # the chunk being built
    for i, tok in enumerate(tokens):
        text = tok.text
        # Not is_capitalised(text): from tokenize, only the lower-case particles are not.
        if text in LOWER_PARTICLES and not _leads_to_name(body, tokens, i):
            if run:
                _close(body, run, False, chunks)
                run = []
            continue
        if run:
            # Joined by one space, or by ". " after "Mr" or an initial; else a new chunk.
            prev = run[-1]
            gap = body[prev.end : tok.start]
            if gap not in JOINERS and not (
                gap in DOT_JOINERS and (prev.text in ABBREVIATIONS or _initial(prev.text))
            ):
                _close(body, run, False, chunks)
                run = []
        if text.endswith(POSSESSIVE) and len(text) > 2:
            run.append(Token(text[:-2], tok.start, tok.end - 2))
            _close(body, run, True, chunks)
            run = []
            continue
        run.append(tok)
        # "Lavrovs'" or "Lavrov’" style possessives and a following apostrophe end the chunk.
        end = tok.end
        if end < len(body) and body[end] in "'’":
            _close(body, run, True, chunks)
            run = []
    if run:
        _close(body, run, False, chunks)
    return chunks


def _close(body: str, run: list[Token], possessive: bool, chunks: list[Chunk]) -> None:
    """Append the chunk ``run`` makes (``run`` is kept: the caller starts a new list)."""
    # A trailing lower-case particle ("de") is not part of the name. (Tokens that are not
    # capitalised are particles; a possessive's stem keeps its token's first letters.)
    while run and run[-1].text in LOWER_PARTICLES:
        run.pop()
    if run:
        start = run[0].start
        texts = [run[0].text] if len(run) == 1 else [t.text for t in run]  # mostly one word
        chunks.append(
            Chunk(run, possessive, _sentence_start(body, start), texts, start, run[-1].end)
        )
