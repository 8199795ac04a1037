"""Metadata of a plain-text page dump: title, byline, date, outlet and the page's tags.

These read the lines :mod:`reader.extract.text_lines` classified, around the body the
cleaner chose: the title is the headline above the byline/date block, the tags are the run
of short items right after the body, the outlet is the name the page repeats in its chrome.
"""

from __future__ import annotations

import re
from collections import Counter
from urllib.parse import urlsplit

from reader.extract.dates import parse_date
from reader.extract.text_lines import (
    Kind,
    Line,
    byline_name,
    count_words,
    is_date_line,
    is_header_text,
)
from reader.extract.text_vocab import WORD_RE
from reader.models import Published
from reader.sanitize import clean_line

_INLINE_LINK_RE = re.compile(
    r"^(?:read (?:more|also|next)|also read|see also|related|more|watch|listen|"
    r"further reading|recommended|background|previously|explainer)\s*[:»|–—-]\s*\S",
    re.IGNORECASE,
)
_DATE_LABEL_RE = re.compile(r"^(?:published|posted|updated|date)\b", re.IGNORECASE)
_TAGS_LABEL_RE = re.compile(
    r"^(?:tags?|topics?|keywords?|filed under|categories)\s*:\s*(.+)$", re.I
)
_NAME_WORD = r"(?:[A-Z][\w'’&.-]*|&|of|the|de|al|el)"
_NAME_RE = re.compile(rf"\b(?:The\s+)?[A-Z][\w'’.-]*(?:\s+{_NAME_WORD}){{1,3}}")
_TITLE_KINDS = {Kind.SHORT, Kind.LONG, Kind.TEXT}
_SKIP_KINDS = {Kind.BLANK, Kind.META, Kind.CHROME, Kind.CAPTION, Kind.HEADER}
_TITLE_WINDOW = 40


def is_inline_link(text: str) -> bool:
    """True for an article's own cross-reference line, such as "Read more: <headline>"."""
    return bool(_INLINE_LINK_RE.match(text)) and count_words(text) >= 4


# An entry of a table of contents: "2.1 Pledge", "☆ 3.7.1 NSS".
_SECTION_NUMBER_RE = re.compile(r"^\W{0,3}\d+(?:\.\d+)+\.?\s")


def _title_like(line: Line) -> bool:
    if line.kind not in _TITLE_KINDS or line.bullet or not 2 <= line.words <= 30:
        return False
    if is_inline_link(line.text) or _SECTION_NUMBER_RE.match(line.text):
        return False
    # Headlines do not end in a full stop; standfirsts and paragraphs do.
    return not (line.text.endswith(".") and not line.text.endswith("..") and line.words > 6)


_NOT_TITLE_RE = re.compile(
    # Brackets as such are fine in a headline ("[Updated]"); link and image references are not.
    r"\.(?:jpe?g|png|gif|webp)\b|>>|»|\[\d+\]|\[(?:image|img|photo|picture|video|icon)\b|"
    r"@|^\W|\b(?:posters?|comments?)\b|"
    r"^(?:up next|next|previous|prev|related|read more|more|tags|topics|filed under|"
    r"categories|share|follow)\b|"
    # A wiki's tagline under the page name ("From X, the free encyclopedia").
    r"^from .{1,60}, the\b.{0,30}encyclopa?edia",
    re.I,
)


def _content_words(text: str) -> set[str]:
    return {w for w in WORD_RE.findall(text.lower()) if len(w) >= 4 and not w.isdigit()}


def _title_score(line: Line, rank: int, lead: set[str], below: Line | None) -> float:
    """How much ``line`` looks like the headline of the article whose lead words are ``lead``."""
    words = _content_words(line.text)
    score = 2.5 * len(words & lead) / len(words) if words and lead else 0.0
    score -= 0.08 * rank  # nearer the body is likelier
    if 4 <= line.words <= 20:
        score += 0.6
    elif line.words > 24:
        score -= 0.5
    if line.dup > 1 and line.words >= 4:
        score += 0.5  # pages repeat their headline (breadcrumb, share text, caption)
    if below is not None and below.kind in {Kind.META, Kind.TEXT, Kind.LONG, Kind.CAPTION}:
        score += 0.4  # a byline, date, standfirst or lead image follows a headline
    if _NOT_TITLE_RE.search(line.text) or is_date_line(line.text):
        score -= 2.0
    elif line.words <= 16 and parse_date(line.text) is not None:
        score -= 1.5
    if _PERSON_RE.match(line.text) and line.words <= 4:
        score -= 1.0  # an author's name
    return score


def find_title(lines: list[Line], start: int) -> int | None:
    """The index of the headline above ``start``, or None.

    Candidates are the title-like lines in a window above the body; the one sharing most
    words with the body's lead wins, with nearness, length and repetition as tie-breakers.
    """
    lead: set[str] = set()
    for line in lines[start:]:
        if line.kind in {Kind.TEXT, Kind.LONG} and not line.item:
            lead |= _content_words(line.text)
            if len(lead) >= 60:
                break
    best: tuple[float, int] | None = None
    rank = 0
    below: Line | None = lines[start] if start < len(lines) else None
    # A long headline has no full stop either and may open the dense run itself.
    if (
        below is not None
        and (below.kind is Kind.LONG or below.text.endswith(("?", "!")))
        and _title_like(below)
    ):
        rest: set[str] = set()
        for line in lines[start + 1 : start + 12]:
            if line.kind in {Kind.TEXT, Kind.LONG} and not line.item:
                rest |= _content_words(line.text)
        best = (_title_score(below, 0, rest, None) - 0.3, start)
    for index in range(min(start, len(lines)) - 1, -1, -1):
        line = lines[index]
        if line.kind is Kind.BLANK:
            continue
        if line.kind not in _SKIP_KINDS:
            rank += 1
            if rank > _TITLE_WINDOW:
                break
            if _title_like(line):
                score = _title_score(line, rank, lead, below)
                if best is None or score > best[0]:
                    best = (score, index)
        below = line
    return best[1] if best is not None else None


def _zone(lines: list[Line], start: int, end: int) -> list[Line]:
    return lines[max(0, start - 3) : min(len(lines), end + 3)]


_PERSON_RE = re.compile(r"^[A-Z][\w'’.-]+(?: (?:[A-Z][\w'’.-]*|de|van|von|al|bin|da)){1,3}$")


def find_byline(lines: list[Line], start: int, end: int) -> str | None:
    """The author between the title and the body: a "By ..." line, or a name beside the date."""
    zone = _zone(lines, start, end)
    for line in zone:
        for part in re.split(r"\s+[|·•]\s+", line.text):
            name = byline_name(part.strip())
            if name:
                return clean_line(name)
    # "22 Jun 2023 / Jane Doe": a bare name in the metadata block, next to its date.
    for line in zone:
        parts = [p.strip() for p in re.split(r"\s+[|·•/]\s+", line.text)]
        if line.kind is Kind.META and len(parts) == 2 and any(is_date_line(p) for p in parts):
            names = [p for p in parts if not is_date_line(p) and _PERSON_RE.match(p)]
            if names:
                return clean_line(names[0])
    for position, line in enumerate(zone):
        if line.kind is not Kind.META or not is_date_line(line.text):
            continue
        for other in zone[position - 1 : position] + zone[position + 1 : position + 2]:
            if other.kind is Kind.SHORT and _PERSON_RE.match(other.text):
                return clean_line(other.text)
    return None


def find_date(lines: list[Line], start: int, end: int) -> Published | None:
    """The publication date written between the title and the body (the first one)."""
    candidates: list[Published] = []
    for line in _zone(lines, start, end):
        if line.kind is not Kind.META and not (line.words <= 14 and is_date_line(line.text)):
            continue
        for part in re.split(r"\s+[|·•]\s+", line.text):
            value = parse_date(part)
            if value is not None:
                if not _DATE_LABEL_RE.match(part) or part.lower().startswith(
                    ("published", "posted")
                ):
                    return value
                candidates.append(value)
    return candidates[0] if candidates else None


def find_tags(lines: list[Line], end: int) -> list[str]:
    """The page's own tags: the run of short items (or a "Tags:" line) right after the body."""
    tags: list[str] = []
    labelled = False
    for line in lines[end + 1 : end + 40]:
        if line.kind is Kind.BLANK:
            continue
        label = _TAGS_LABEL_RE.match(line.text)
        if label and not tags:
            return _dedupe([t.strip() for t in re.split(r"[,;|•]", label.group(1)) if t.strip()])
        if not tags and is_inline_link(line.text):
            continue
        if (
            not tags
            and line.kind is Kind.HEADER
            and re.match(r"^(?:tags?|topics?)\b", line.text, re.I)
        ):
            labelled = True
            continue
        if line.kind in {Kind.CHROME, Kind.HEADER, Kind.META, Kind.CAPTION} or not (
            1 <= line.words <= 5 and (line.bullet or labelled) and not line.sentence
        ):
            if tags or line.kind is not Kind.CHROME:
                break
            continue
        tags.append(clean_line(line.text))
    if len(tags) >= 2 or (labelled and tags):
        return _dedupe(tags)[:30]
    return []


def _dedupe(items: list[str]) -> list[str]:
    seen: set[str] = set()
    out: list[str] = []
    for item in items:
        if item.lower() not in seen and len(item) <= 60:
            seen.add(item.lower())
            out.append(item)
    return out


def _squash(text: str) -> str:
    return "".join(WORD_RE.findall(text.lower()))


def _domain_label(url: str | None) -> str | None:
    if not url:
        return None
    try:
        host = (urlsplit(url if "//" in url else f"//{url}").hostname or "").lower()
    except ValueError:  # a malformed URL (an unclosed IPv6 bracket) names no outlet
        return None
    parts = [p for p in host.split(".") if p not in {"www", "m", "amp", "en", "english", "news"}]
    if len(parts) >= 3 and parts[-2] in {"co", "com", "org", "net", "gov", "ac"}:
        return parts[-3]
    return parts[-2] if len(parts) >= 2 else (parts[0] if parts else None)


_COPYRIGHT_HOLDER_RE = re.compile(
    r"(?:©|\(c\)|copyright)(?:\s*(?:©|\(c\)))?\s*(?:\d{4}(?:\s*[-–]\s*\d{4})?)?[\s,]*"
    r"(?P<holder>[A-Z][\w.&'’ -]{1,60}?)\s*(?:[.|,;]\s|[-–]\s|\ball rights\b|$)",
    re.IGNORECASE,
)
_DIGIT_RE = re.compile(r"\d")
_CORPORATE_RE = re.compile(r"\s+(?:Inc|Ltd|LLC|Corp|Corporation|Limited|GmbH|S\.?A|plc)\.?$", re.I)


def _name_like(text: str) -> bool:
    """A site name: a few capitalised words, no digits, no sentence, no furniture label."""
    words = text.split()
    if not 1 <= len(words) <= 5 or "(" in text or text.endswith((".", "?", ":")):
        return False
    if not all(
        w[:1].isupper() or w.lower() in {"of", "the", "and", "&", "de", "al"} for w in words
    ):
        return False
    return not _DIGIT_RE.search(text) and not is_header_text(text)


def find_outlet(
    lines: list[Line], url: str | None, title: str, body: frozenset[int] = frozenset()
) -> str | None:
    """The site's name, from the URL, the logo line, the copyright notice or repetition.

    In order: a line or phrase matching the URL's domain; the first line of the page when
    the page repeats it (logo text, footer); the holder in a copyright notice; the proper
    name the page's furniture repeats most; a short title-case line repeated three times.
    """
    title_key = _squash(title)
    content = [line for line in lines if line.kind is not Kind.BLANK and line.index not in body]
    if not content:
        return None
    domain = _domain_label(url)
    scores: Counter[str] = Counter()
    shown: dict[str, str] = {}
    bulleted: set[str] = set()
    for position, line in enumerate(content):
        if line.bullet:
            bulleted.add(line.key)
        if not 1 <= line.words <= 5 or line.kind not in {Kind.SHORT, Kind.CHROME}:
            continue
        text = line.text.strip(" |:!-–—")
        if not _name_like(text) or _squash(text) == title_key:
            continue
        shown.setdefault(line.key, text)
        scores[line.key] += 1
        if position < 3 or position >= len(content) - 15:
            scores[line.key] += 1
    if domain:
        for key, text in shown.items():
            if _squash(text).startswith(domain) and key not in bulleted:
                return text
    first = content[0]
    if first.key in shown and first.key not in bulleted and scores[first.key] >= 3:
        return shown[first.key]
    for line in reversed(content):
        match = _COPYRIGHT_HOLDER_RE.search(line.text)
        if match:
            holder = _CORPORATE_RE.sub("", match["holder"].strip(" .,-–"))
            if _name_like(holder):
                return holder
    name = _repeated_name(content, domain)
    if name:
        return name
    whole = {key: score for key, score in scores.items() if key not in bulleted and score >= 3}
    if whole:
        return shown[max(whole, key=lambda k: (whole[k], -len(k)))]
    return None


def _repeated_name(content: list[Line], domain: str | None) -> str | None:
    """The multi-word proper name most repeated in the page's furniture (appeals, footers)."""
    names: Counter[str] = Counter()
    for line in content:
        for match in _NAME_RE.finditer(line.text):
            words = [w.rstrip(".") for w in match.group(0).split()]
            for size in range(2, len(words) + 1):
                for first in range(len(words) - size + 1):
                    phrase = " ".join(words[first : first + size])
                    if phrase[0].isupper() and words[first + size - 1][0].isupper():
                        names[phrase] += 1
    if domain:
        for phrase in names:
            if _squash(phrase).startswith(domain):
                return phrase
    ranked = [
        (count, len(phrase), phrase)
        for phrase, count in names.items()
        if count >= 4 and _name_like(phrase)
    ]
    return max(ranked)[2] if ranked else None
