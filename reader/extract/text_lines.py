"""Lines of a plain-text page dump, with the features the dump cleaner decides on.

A text browser's dump (``w3m -dump``, "Save as text", copy-paste of a whole page) keeps the
page's structure only as layout: list items become bullet lines, paragraphs are separated
by blank lines, menus are runs of short lines. Each :class:`Line` records that layout and
what its words look like (length, sentence punctuation, chrome vocabulary, dates, bylines).
The vocabulary here is generic site furniture (share buttons, read times, "Most read"), never
one outlet's wording.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from enum import Enum

from reader.extract.dates import find_dates, parse_date
from reader.extract.text_vocab import (
    APPEAL_RE,
    BULLET_RE,
    BYLINE_RE,
    CHROME_LINE_RE,
    CHROME_PART_RE,
    CHROME_WORDS,
    CJK_RE,
    CODE_RE,
    COMMENTS_HEAD_RE,
    CONSENT_RE,
    CREDIT_RE,
    DATE_PREFIX_RE,
    HEADER_RE,
    MARKUP_RE,
    PART_SPLIT_RE,
    QUOTED_RE,
    SENTENCE_END_RE,
    SIGNATURE_RE,
    SOURCE_RE,
    TIME_ONLY_RE,
    WORD_RE,
)


class Kind(Enum):
    """What a line looks like on its own, before its neighbours are considered."""

    BLANK = "blank"
    TEXT = "text"  # a sentence-like paragraph
    LONG = "long"  # many words, no sentence ending (caption, teaser, ticker, standfirst)
    SHORT = "short"  # a heading, a link title, a menu item
    CHROME = "chrome"  # site furniture: share bars, read times, sign-in, app links
    META = "meta"  # byline, date, source line: about the article, not of it
    HEADER = "header"  # a label that opens a block of links ("Most read", "Related")
    CAPTION = "caption"  # an image caption or credit


@dataclass(slots=True)
class Line:
    """One line of the dump and its layout and word features."""

    index: int
    text: str  # stripped, bullet marker removed, whitespace folded
    indent: int
    bullet: bool
    words: int
    sentence: bool
    kind: Kind
    blank_before: bool = False
    dup: int = 1
    item: bool = False  # a list item or the indented continuation of one  # how many lines of the dump read the same

    key: str = ""  # the line's words, lower-cased: equal for a caption and its repeat


_DIGIT_RE = re.compile(r"\d")
_YOU_RE = re.compile(r"\byou(?:r|rs)?\b")
_PLACED_RE = re.compile(
    r"(?:, |\()(?:left|right|centre|center|pictured|second (?:left|right)|from left)(?:, |\))|"
    r"^(?:pictured|above|below|left|right|top|bottom|clockwise from \w+):",
    re.IGNORECASE,
)
_WE_RE = re.compile(r"\b(?:we|our|us)\b")


def count_words(text: str) -> int:
    """The number of word tokens in ``text``; CJK scripts count about two characters a word."""
    if text.isascii():
        return len(WORD_RE.findall(text))
    total = 0
    for token in WORD_RE.findall(text):
        cjk = len(CJK_RE.findall(token))
        total += 1 + cjk // 2 if cjk else 1
    return total


def is_date_line(text: str) -> bool:
    """True when ``text`` is a date or time stamp with little else around it."""
    if len(text) > 80 or not _DIGIT_RE.search(text):
        return TIME_ONLY_RE.match(text) is not None
    stripped = DATE_PREFIX_RE.sub("", text)
    if TIME_ONLY_RE.match(stripped):
        return True
    if parse_date(stripped) is None:
        return False
    # A date line is mostly the date: few words that are not numbers, months or zones.
    rest = [w for w in WORD_RE.findall(stripped) if not w.isdigit()]
    return len(rest) <= 6


def byline_name(text: str) -> str | None:
    """The name in a "By Jane Doe" line, or None when ``text`` is not a byline."""
    match = BYLINE_RE.match(text)
    if not match:
        return None
    name = match.group("name")
    if not name[:1].isupper() or name.rstrip().endswith(("!", "?")):
        return None
    if name.rstrip().endswith(".") and count_words(name) > 5:
        return None  # "By the end of the day, ..." is a sentence
    # "Posted by Jane Doe on 22 June 2023 | 08:38": the name stops where the stamp starts.
    dates = find_dates(name)
    if dates:
        name = name[: dates[0][0]]
    name = re.split(r"\s+[|·•]\s+|\s+[-–—]\s+|\s+(?:at\s+)?\d{1,2}[:.]\d{2}\b", name)[0]
    name = re.sub(r"\s+(?:on|at|updated|published)$", "", name.strip(" .,|"), flags=re.I)
    if not name or count_words(name) > 12 or name.endswith((".", "!", "?")):
        return None
    return name


def is_caption_text(text: str) -> bool:
    """True when ``text`` carries a photo credit ("(AP)", "Photo: ...", "Name / Agency")."""
    if (
        not any(mark in text for mark in "(:/")
        and "Getty" not in text
        and "Shutter" not in text
        and text[:5].lower() not in {"image", "media", "photo", "video"}
    ):
        return False
    return bool(CREDIT_RE.search(text))


def is_header_text(text: str) -> bool:
    """True when ``text`` is a label that opens a block of links or site furniture."""
    return len(text) <= 60 and bool(HEADER_RE.match(text.strip(" :|›»>-–—")))


def _classify(text: str, words: int, sentence: bool, bullet: bool) -> Kind:
    if not text:
        return Kind.BLANK
    bare = text.strip(" :|›»>·•-–—")
    if (words <= 6 and is_header_text(bare)) or (words <= 20 and COMMENTS_HEAD_RE.match(bare)):
        return Kind.HEADER
    if words <= 8 and (CHROME_LINE_RE.match(bare) or not words or _all_chrome_words(text)):
        return Kind.CHROME
    if _is_link_row(text):
        return Kind.CHROME
    if ("=" in text or "%" in text or "://" in text) and CODE_RE.search(text):
        return Kind.CHROME
    if words <= 14 and (
        byline_name(text)
        or SOURCE_RE.match(text)
        or is_date_line(text)
        or _is_meta_bits(text)
        or (SIGNATURE_RE.match(text) and find_dates(text))
    ):
        return Kind.META
    if (words <= 40 and CHROME_PART_RE.search(text)) or CONSENT_RE.search(text):
        return Kind.CHROME
    if _doubled_start(text):
        return Kind.CAPTION
    if words <= 60 and is_caption_text(text):
        return Kind.CAPTION
    if words <= 60 and not sentence and _PLACED_RE.search(text):
        # "Jane Doe, right, meets ...": a photo's people placed left and right.
        return Kind.CAPTION
    if sentence and words >= 6:
        return Kind.TEXT
    if words >= 15:
        return Kind.LONG
    return Kind.SHORT


def _doubled_start(text: str) -> bool:
    """True for "Headline Headline Teaser...": a link printed with its image's alt text."""
    tokens = WORD_RE.findall(text)
    for size in range(4, min(len(tokens) // 2, 16) + 1):
        if tokens[:size] == tokens[size : 2 * size]:
            return True
    return False


def _all_chrome_words(text: str) -> bool:
    """True for a row of buttons: "Share Tweet Email", "Menu Search Sign in"."""
    tokens = WORD_RE.findall(text.lower())
    return len(tokens) >= 2 and all(t in CHROME_WORDS or t.isdigit() for t in tokens)


def _is_link_row(text: str) -> bool:
    """True for a menu printed on one line: "Home | News | Politics | Business"."""
    if "|" not in text and "·" not in text and "•" not in text and "  " not in text:
        return False
    parts = [p for p in PART_SPLIT_RE.split(text) if p.strip()]
    if len(parts) < 2:
        return False
    if all(CHROME_LINE_RE.match(p.strip(" :|·•")) for p in parts):
        return True
    if len(parts) < 4 or not any(sep in text for sep in (" | ", " • ", " · ")):
        return False
    short = sum(1 for p in parts if count_words(p) <= 5)
    return short >= 0.75 * len(parts)


def _is_meta_bits(text: str) -> bool:
    # "Jane Doe | 22 Jun 2023 | 4 min read": a row of metadata joined by separators.
    parts = [p.strip() for p in PART_SPLIT_RE.split(text) if p.strip()]
    if len(parts) < 2:
        return False
    return all(
        is_date_line(p) or byline_name(p) or CHROME_LINE_RE.match(p) or count_words(p) <= 3
        for p in parts
    ) and any(is_date_line(p) or byline_name(p) for p in parts)


def _wrapped_block(block: list[str]) -> bool:
    """True for a block hard-wrapped at a fixed width (plain-text mail, RFCs, "save as text")."""
    if len(block) < 3:
        return False
    lengths = [len(line.rstrip()) for line in block]
    widest = max(lengths)
    return 40 <= widest <= 100 and all(n >= 0.6 * widest for n in lengths[:-1])


def _wrap_width(raw_lines: list[str]) -> int | None:
    """The column a dump was hard-wrapped at, when many lines end just short of one."""
    lengths = sorted(n for n in (len(line.rstrip()) for line in raw_lines) if n >= 50)
    if len(lengths) < 8 or lengths[-1] > 240:
        return None
    width = lengths[-1]
    near = sum(1 for n in lengths if n >= width - 12)
    return width if near >= max(5, len(lengths) // 4) else None


def _text_column(raw: str) -> int:
    """Where the text of ``raw`` starts, after its indent and any bullet marker."""
    stripped = raw.lstrip()
    column = len(raw) - len(stripped)
    match = BULLET_RE.match(stripped)
    return column + (match.end() if match else 0)


def _rejoin(raw_lines: list[str], width: int) -> list[str]:
    """Rejoin lines wrapped at ``width``: a full line continues on the next, aligned one."""
    out: list[str] = []
    previous = ""
    for raw in raw_lines:
        stripped = raw.strip()
        full = len(previous.rstrip()) >= width - 20
        aligned = (len(raw) - len(raw.lstrip())) == _text_column(previous) if previous else False
        if out and stripped and full and aligned and not BULLET_RE.match(stripped):
            out[-1] = out[-1].rstrip() + " " + stripped
        else:
            out.append(raw)
        previous = raw if stripped else ""
    return out


def _unwrap(raw_lines: list[str]) -> list[str]:
    """Join the lines of hard-wrapped paragraphs back into one line each."""
    width = _wrap_width(raw_lines)
    if width is not None:
        return _rejoin(raw_lines, width)
    out: list[str] = []
    block: list[str] = []

    def flush() -> None:
        if not block:
            return
        if _wrapped_block(block):
            out.append(" ".join(line.strip() for line in block))
        else:
            for line in block:
                following = line.strip()
                if (
                    out
                    and following[:1].islower()
                    and len(out[-1].strip()) >= 40
                    and not BULLET_RE.match(following)
                    and not SENTENCE_END_RE.search(out[-1].rstrip())
                ):
                    out[-1] = out[-1].rstrip() + " " + following
                else:
                    out.append(line)
        block.clear()

    for raw in raw_lines:
        stripped = raw.strip()
        starts_item = bool(BULLET_RE.match(stripped))
        if not stripped or starts_item:
            flush()
            out.append(raw)
            continue
        if block and (len(raw) - len(raw.lstrip())) != (len(block[0]) - len(block[0].lstrip())):
            flush()
        block.append(raw)
    flush()
    return out


def split_lines(text: str) -> list[Line]:
    """Turn a dump into classified lines; repeated lines are counted in ``dup``."""
    lines: list[Line] = []
    blank = True
    in_list = False
    for index, raw in enumerate(_unwrap(text.splitlines())):
        expanded = raw.replace("\t", "    ").replace("\u00a0", " ")
        stripped = expanded.strip()
        indent = len(expanded) - len(expanded.lstrip())
        bullet = False
        match = BULLET_RE.match(stripped)
        while match and len(stripped) > match.end():
            bullet = True
            stripped = stripped[match.end() :].lstrip()
            match = BULLET_RE.match(stripped)
        # Markup a text browser printed as text (noscript blocks, <ins> marks) is not prose.
        unmarked = MARKUP_RE.sub(" ", stripped)
        code = unmarked != stripped and count_words(unmarked) < 0.5 * count_words(stripped)
        body = " ".join(unmarked.split())
        if body and not WORD_RE.search(body) and len(body) <= 3:
            bullet = bullet or body in {"•", "◦", "□", "*", "-", "–", "—"}
        words = count_words(body)
        sentence = bool(SENTENCE_END_RE.search(body))
        kind = Kind.CHROME if code else _classify(body, words, sentence, bullet)
        line = Line(index, body, indent, bullet, words, sentence, kind, blank_before=blank)
        line.key = " ".join(WORD_RE.findall(body.lower())) if words else ""
        # Indented lines after a list item continue it, across blank lines, until the
        # text returns to the margin.
        line.item = bullet or (in_list and indent >= 2 and kind is not Kind.BLANK)
        if kind is not Kind.BLANK:
            in_list = line.item
        blank = kind is Kind.BLANK
        lines.append(line)
    counts = Counter(line.key for line in lines if line.kind is not Kind.BLANK)
    for line in lines:
        if line.kind is not Kind.BLANK:
            line.dup = counts[line.key] if line.key else 1
    return lines


def is_appeal(text: str) -> bool:
    """True for a line that asks the reader for something (support, a sign-up, a donation)."""
    if second_person_share(text) < 0.06 or not APPEAL_RE.search(text):
        return False
    # An appeal is "we" asking "you"; a first-person account ("we talked to student
    # newsrooms") or advice ("donate what you no longer use") mentioning one of the words
    # is not, unless it repeats the ask.
    bare = QUOTED_RE.sub(" ", text).lower()
    asks = bool(_YOU_RE.search(bare)) and bool(_WE_RE.search(bare))
    return asks or len(APPEAL_RE.findall(text)) >= 2


def second_person_share(text: str) -> float:
    """How much of ``text`` (outside quotation marks) addresses the reader as "you"/"we"."""
    bare = QUOTED_RE.sub(" ", text)
    tokens = WORD_RE.findall(bare.lower())
    if not tokens:
        return 0.0
    hits = sum(1 for t in tokens if t in {"you", "your", "yours", "we", "our", "us"})
    return hits / len(tokens)
