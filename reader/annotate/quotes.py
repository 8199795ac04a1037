"""Direct quotations and their speakers.

Speaker policy: a person's canonical name when the text names or points to one ("Lavrov
said", "said the minister", "he added"); an organisation or government named as the
speaker ("Moscow said in a statement", "the Foreign Ministry added") gives that name as
written, without "the"; otherwise null.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence

from reader.annotate.context import VERB_TREE
from reader.annotate.gender import genders
from reader.annotate.lexicon import ROLE_NOUNS, SPEECH_VERBS
from reader.models import PersonMention, Quote

OPENERS = "“„«"
CLOSERS = "”»"
MARKS_RE = re.compile(r"[\"“”„«»]")
#: A line from its first to its last non-space character: \S is what str.strip() keeps.
STRIPPED_PARA_RE = re.compile(r"\S(?:[^\n]*\S)?")
WORD_RE = re.compile(r"[^\W_][\w'’-]*")
_VERBS = "|".join(sorted(SPEECH_VERBS, key=len, reverse=True))
VERB_RE = re.compile(rf"\b(?:{_VERBS})\b")
AFTER_SUBJ_VERB_RE = re.compile(
    rf"^[\s,.;:!?—–-]*(?P<subj>[^,.;:\"“”!?]{{1,70}}?)\s+(?:has\s+|had\s+|also\s+|then\s+|later\s+)?{VERB_TREE}\b"
)
# One verb at most is followed by a space here: the words hold letters only.
AFTER_VERB_SUBJ_RE = re.compile(rf"^[\s,.;:!?—–-]*{VERB_TREE}\s+(?P<subj>[^,.;:\"“”!?]{{1,70}})")
SENTENCE_TAIL_RE = re.compile(
    rf",\s+(?P<subj>[^,.;:\"“”!?]{{1,50}}?)\s+(?:has\s+|had\s+|also\s+)?(?:{_VERBS})\b[^,]{{0,40}}$"
)
PROXY_RE = re.compile(
    r"\b(?:spokes\w+|aides?|advisers?|advisors?|lawyers?|attorneys?|representatives?)\s+"
    r"(?:for|of|to)\s+(?:[\w_]+\s+){0,3}$"
)
ACCORDING_RE = re.compile(r"according to\s+(?P<subj>[^,.;:\"“”!?]{1,70})")
# Compiled once here rather than looked up in re's cache at every quote.
FINAL_STOP_RE = re.compile(r"[.!?]\W*$")
SAID_NEXT_RE = re.compile(r"^\s*(?:said|says|added|told)\b")
CLAUSE_END_RE = re.compile(r"[.!?](?:\s|$)")
SUBJECT_BEFORE_RE = re.compile(r"([^,.;:\"“”]{1,60}?)\s*(?:has\s+|had\s+|also\s+)?$")
SUBJECT_AFTER_RE = re.compile(r"\s+([^,.;:\"“”]{1,50})")
PLACE_TAIL_RE = re.compile(r"\s+(?:in|on|at|from|of)\s+(?=[A-Z])")
SHORT_VERBS = frozenset(
    [
        "is",
        "are",
        "was",
        "were",
        "be",
        "been",
        "being",
        "am",
        "will",
        "would",
        "can",
        "could",
        "should",
        "must",
        "may",
        "might",
        "do",
        "does",
        "did",
        "have",
        "has",
        "had",
        "get",
        "gets",
        "got",
        "go",
        "goes",
        "went",
        "make",
        "makes",
        "made",
        "say",
        "says",
        "said",
        "think",
        "know",
        "want",
        "need",
        "see",
        "let",
        "come",
        "came",
        "take",
        "took",
        "give",
        "gave",
        "keep",
        "kept",
        "put",
        "tell",
        "told",
        "seem",
        "seems",
        "feel",
        "felt",
        "try",
        "won",
        "lost",
        "win",
        "lose",
        "stop",
        "ask",
        "asked",
        "believe",
        "hope",
        "means",
        "mean",
        "look",
        "looks",
        "remain",
        "remains",
    ]
)
PRONOUN_RE = re.compile(r"^(?:he|she|He|She)$")
ROLE_RE = re.compile(r"^(?:the|The|a|A)\s+(?:[\w-]+\s+){0,3}?(?P<role>[\w-]+)$")
ORG_SUBJ_RE = re.compile(
    r"^(?:the\s+|The\s+)?(?P<org>[A-Z][\w'’.-]*(?:\s+(?:of\s+)?[A-Z][\w'’.-]*){0,5})$"
)


def _paragraphs(body: str) -> list[tuple[int, int]]:
    """The span of each line that is not blank, without the white space around it."""
    return [m.span() for m in STRIPPED_PARA_RE.finditer(body)]


def _spans(body: str, paras: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Raw quote spans (marks included), paired within and across ``paras``."""
    spans: list[tuple[int, int]] = []
    open_at: int | None = None
    for pi, (ps, pe) in enumerate(paras):
        continuing = open_at is not None
        for m in MARKS_RE.finditer(body, ps, pe):
            ch, pos = m.group(), m.start()
            if continuing and pos == ps:
                continuing = False  # the continuation paragraph's own opening mark
                continue
            continuing = False
            prev = body[pos - 1] if pos > ps else " "
            nxt = body[pos + 1] if pos + 1 < pe else " "
            if open_at is None:
                if ch in CLOSERS and not (nxt.isalnum() and not prev.isalnum()):
                    continue  # a stray closing mark
                open_at = pos
            elif ch in OPENERS and not (prev.isalnum() or prev in ".,!?;:"):
                open_at = pos  # an unclosed quote followed by a new one: restart
            else:
                spans.append((open_at, pos + 1))
                open_at = None
        if open_at is not None:
            nxt_para = paras[pi + 1] if pi + 1 < len(paras) else None
            if nxt_para and body[nxt_para[0]] in '"“„«':
                continue  # runs on into the next paragraph
            if len(WORD_RE.findall(body, open_at, pe)) >= 4:
                spans.append((open_at, pe))
            open_at = None
    return spans


def _headline(body: str, para: tuple[int, int]) -> bool:
    """A short line without final punctuation: a crosshead or a related-story link."""
    text = body[para[0] : para[1]]
    return (len(text) < 160 and text[-1:] not in '.!?"”') or text.startswith("Read more")


def _is_quote(inner: str) -> bool:
    """Not a title, a name or scare quotes: a short run with no verb and no sentence end."""
    words = WORD_RE.findall(inner)
    if not words:
        return False
    if len(words) <= 6 and all(w[0].isupper() or not w[0].isalpha() for w in words):
        return bool(FINAL_STOP_RE.search(inner)) and len(words) > 2
    if len(words) > 3:
        return True
    if FINAL_STOP_RE.search(inner):
        return True
    if any(w.lower() in SHORT_VERBS or w.endswith(("n't", "’t")) for w in words):
        return True
    # "we are winning" is speech; "deeply worrying" and "a rounding error" are labels.
    return words[0].lower() in {"i", "we", "you", "he", "she", "they", "it"} and any(
        w.endswith(("ed", "ing")) for w in words[1:]
    )


_NATIONALITY_NOUNS = """
Dane Briton Swede Finn Pole Turk Scot Spaniard Frenchman Frenchwoman Englishman Englishwoman
Dutchman Dutchwoman Welshman Irishman Kiwi Aussie Swiss Icelander Norwegian Argentine Filipino
Kenyan Ethiopian Slovenian Slovene Serb Croat Czech Slovak
"""
NATIONALITY_NOUNS = frozenset(_NATIONALITY_NOUNS.split())


def _nationality(word: str) -> bool:
    """ "Dane", "Spaniard", "German": a nationality used as a noun for the person just named."""
    from reader.annotate.gazetteer import load_gazetteer

    return word in NATIONALITY_NOUNS or word in load_gazetteer().demonyms


class _Speakers:
    """Resolves a subject phrase to a speaker name."""

    def __init__(self, body: str, people: Sequence[PersonMention], quotes: list[tuple[int, int]]):
        self.body = body
        self.people = sorted(people, key=lambda p: p.start)
        self.starts = [p.start for p in self.people]
        self.quotes = quotes
        self.quote_starts = [s for s, _ in quotes]
        self.gender = genders(body, self.people)

    def _inside_quote(self, pos: int) -> bool:
        i = bisect.bisect_right(self.quote_starts, pos) - 1
        return i >= 0 and pos < self.quotes[i][1]

    def between(self, start: int, end: int) -> list[PersonMention]:
        """People whose mention starts in [start, end), in order."""
        lo = bisect.bisect_left(self.starts, start)
        hi = bisect.bisect_left(self.starts, end)
        return self.people[lo:hi]

    def last_person(self, before: int, gender: str | None = None) -> str | None:
        """The last person named before ``before`` (outside quotes) who can be "he"/"she"."""
        i = bisect.bisect_left(self.starts, before) - 1
        first: str | None = None
        # Bounded look-back: a speaker is named within the last few thousand characters.
        while i >= 0 and self.people[i].start > before - 5000:
            p = self.people[i]
            if p.end <= before and not self._inside_quote(p.start):
                known = self.gender.get(p.canonical)
                if gender is None or known is None or known == gender:
                    return p.canonical
                first = first or p.canonical
            i -= 1
        return first  # nobody fits the pronoun: keep the nearest rather than nothing

    def resolve(self, start: int, end: int, quote_start: int) -> str | None:
        """The speaker named by body[start:end] (a subject phrase near a speech verb)."""
        for p in self.between(start, end):
            return p.canonical
        phrase = self.body[start:end].strip()
        if not phrase:
            return None
        if PRONOUN_RE.match(phrase):
            return self.last_person(quote_start, "f" if phrase.lower() == "she" else "m")
        role = ROLE_RE.match(phrase)
        if role and phrase[:4].lower() == "the " and _nationality(role.group("role")):
            return self.last_person(quote_start)  # "the Dane said", "the 25-year-old Spaniard"
        if role and role.group("role").lower() in ROLE_NOUNS:
            if phrase[:2].lower() in {"a ", "an"}:
                return None  # "a spokesperson said": someone the text does not name
            return self.last_person(quote_start)
        phrase = PLACE_TAIL_RE.split(phrase)[0]
        org = ORG_SUBJ_RE.match(phrase)
        if org and len(phrase.split()) <= 6:
            return org.group("org")
        return None


def _after(sp: _Speakers, end: int, para_end: int, quote_start: int) -> tuple[bool, str | None]:
    window = sp.body[end : min(para_end, end + 160)]
    closes_clause = sp.body[end - 2 : end - 1] in {",", ".", "!", "?", "—"} or window[:1] in {
        ",",
        "—",
    }
    cut = CLAUSE_END_RE.search(window)
    if not closes_clause and not SAID_NEXT_RE.match(window):
        # A partial quote mid-sentence: a closing ", Moscow said in a statement." names the
        # speaker; otherwise look before the quote.
        tail = window[: cut.start()] if cut else window
        m = SENTENCE_TAIL_RE.search(tail)
        if m and not MARKS_RE.search(tail):
            return True, sp.resolve(end + m.start("subj"), end + m.end("subj"), quote_start)
        return False, None
    clause = window[: cut.start()] if cut else window
    for rx in (AFTER_SUBJ_VERB_RE, AFTER_VERB_SUBJ_RE):
        m = rx.match(clause)
        if m and len(m.group("subj").split()) <= 7:
            who = sp.resolve(end + m.start("subj"), end + m.end("subj"), quote_start)
            if who or rx is AFTER_SUBJ_VERB_RE:
                return True, who
    m = ACCORDING_RE.search(clause[:40])
    if m:
        return True, sp.resolve(end + m.start("subj"), end + m.end("subj"), quote_start)
    return False, None


def _before(sp: _Speakers, start: int, floor: int) -> tuple[bool, str | None]:
    window = sp.body[floor:start]
    sent = max(window.rfind(". "), window.rfind("? "), window.rfind("! "))
    base = floor + sent + 2 if sent >= 0 else floor
    clause = sp.body[base:start]
    m = ACCORDING_RE.search(clause)
    if m:
        return True, sp.resolve(base + m.start("subj"), base + m.end("subj"), start)
    verbs = list(VERB_RE.finditer(clause))
    if not verbs:
        return False, None
    verb = verbs[-1]
    lead = clause[: verb.start()]
    # The subject: the last person named before the verb in this clause, else a pronoun/role/org.
    for p in reversed(sp.between(base, base + verb.start())):
        if p.end <= base + verb.start():
            if PROXY_RE.search(sp.body[max(base, p.start - 40) : p.start]):
                return True, None  # "a spokesperson for Gov. Kemp said": the unnamed proxy speaks
            return True, p.canonical
    # "The minister also added that Syria believes ...": the first speaker-like subject wins.
    for v in verbs:
        subj = SUBJECT_BEFORE_RE.search(clause[: v.start()])
        if subj and subj.group(1).strip():
            who = sp.resolve(base + subj.start(1), base + subj.end(1), start)
            if who is not None:
                return True, who
    subj = SUBJECT_BEFORE_RE.search(lead)
    if subj and subj.group(1).strip():
        return True, sp.resolve(base + subj.start(1), base + subj.end(1), start)
    tail = clause[verb.end() :]
    m2 = SUBJECT_AFTER_RE.match(tail)
    if m2:
        return True, sp.resolve(
            base + verb.end() + m2.start(1), base + verb.end() + m2.end(1), start
        )
    return True, None


_ABBREVS = "Mr|Mrs|Ms|Dr|St|Gen|Sen|Rep|Gov|Lt|Col|Sgt|Capt|Prof|Rev|Maj|Adm"
#: The full stops attribution hides; _hide_abbrev_dots applies this rule, faster.
ABBREV_DOT_RE = re.compile(rf"\b({_ABBREVS}|[A-Z])\.(?=\s)")
ABBREVS = frozenset(_ABBREVS.split("|"))
#: What ABBREV_DOT_RE can match, found fast (no "\b" before a 17-way branch at every position).
_ABBREV_CANDIDATE_RE = re.compile(r"[A-Z][a-z]{0,3}\.(?=\s)")


def _hide_abbrev_dots(body: str) -> str:
    """``ABBREV_DOT_RE.sub(r"\\1_", body)``: "Mr." and initials lose their full stop.

    Every ABBREV_DOT_RE match is a candidate match, and no match starts inside a candidate
    (only its first letter is upper-case), so testing the candidates gives the same text.
    """

    def hide(m: re.Match[str]) -> str:
        word, start = m.group()[:-1], m.start()
        if (len(word) == 1 or word in ABBREVS) and (
            start == 0 or not (body[start - 1].isalnum() or body[start - 1] == "_")  # \b
        ):
            return word + "_"
        return m.group()

    return _ABBREV_CANDIDATE_RE.sub(hide, body)


def find_quotes(body: str, people: Sequence[PersonMention]) -> list[Quote]:
    """Every direct quotation in ``body``, with its speaker when the text gives one."""
    paras = _paragraphs(body)
    raw = [
        (s, e)
        for s, e in _spans(body, paras)
        if _is_quote(body[s + 1 : e - 1] if e - s > 2 else "")
    ]
    if not raw:
        return []  # nothing to attribute: no copy of the body, no speakers
    # Attribution patterns read a copy where "Mr." and initials hide their full stop.
    sp = _Speakers(_hide_abbrev_dots(body), people, raw)
    quotes: list[Quote] = []
    prev_end = 0
    prev_para = -1
    prev_speaker: str | None = None
    pi = 0
    for s, e in raw:
        while pi + 1 < len(paras) and paras[pi][1] < s:
            pi += 1
        para_start, _ = paras[pi]
        end_para = pi
        while end_para + 1 < len(paras) and paras[end_para][1] < e:
            end_para += 1
        para_end = paras[end_para][1]
        found, speaker = _after(sp, e, para_end, s)
        if not found:
            found, speaker = _before(sp, s, max(para_start, prev_end))
        if not found or speaker is None:
            whole_para = s == para_start and not body[e:para_end].strip(" .,")
            same_para = prev_para == pi
            # A "Read more: ..." headline between two quote paragraphs does not break the run.
            gap = [p for p in range(prev_para + 1, pi) if not _headline(body, paras[p])]
            follows = prev_para >= 0 and not gap
            if (whole_para and follows) or same_para:
                speaker = speaker or prev_speaker
            elif whole_para and not found:
                # A quote paragraph with no attribution: the person the text was just about.
                near = paras[max(0, pi - 2)][0]
                last = sp.last_person(s)
                if last and any(p.canonical == last for p in sp.between(near, s)):
                    speaker = last
        quotes.append(Quote(body[s:e], s, e, speaker))
        prev_end, prev_para, prev_speaker = e, end_para, speaker
    return quotes
