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

from reader.extract.dates import parse_date


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


WORD_RE = re.compile(r"\w+")
_BULLET_RE = re.compile(r"^(?:[•◦○●■□▪▫‣∙·*+\-–—>]|\d{1,3}[.)]|[a-z][.)])\s+")
_SENTENCE_END_RE = re.compile(r"[.!?…:;。！？](?:[\"'”’»)\]」』）]*)$|[\"”»」』]$")
_CJK_RE = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff]")
_MARKUP_RE = re.compile(r"</?[a-zA-Z][^<>]{0,300}>|\[(?:INS|DEL):|:(?:INS|DEL)\]")
_CODE_RE = re.compile(
    r"\b(?:src|href|style|class)=|https?://\S{20,}|%[0-9a-f]{2}.*%[0-9a-f]{2}", re.I
)
_QUOTED_RE = re.compile(r"[\"“][^\"“”]*[\"”]")

# Site furniture that makes up a whole (short) line.
_CHROME_LINE_RE = re.compile(
    r"^(?:"
    r"share(?: (?:this|on|via|article|story)\b.*)?|tweet|e-?mail|print(?: article)?|save|"
    r"comments?|\d[\d,.]*k? ?(?:shares?|comments?|views?|likes?|reads?|reactions?)|"
    r"(?:shares?|comments?|views?) ?\d[\d,.]*k?|"
    r"\d+ ?(?:min(?:ute)?s?|m)\.? ?(?:read|listen|watch)(?:ing)?(?: time)?|\d+ ?min(?:ute)?s?|"
    r"(?:reading|read) time:? ?\d+ ?min(?:ute)?s?|"
    r"listen(?: to (?:this )?(?:article|story))?(?: \d+[:.]\d+)?|play|pause|watch(?: video| live)?|"
    r"follow(?: us)?(?: on \w+)?|like|reply|report|"
    r"(?:sign|log) ?(?:in|up|out)|register|subscribe(?: now)?|join|donate(?: now)?|"
    r"menu|search|close|open|home|back|next|previous|prev|more|less|show (?:more|less)|"
    r"see (?:more|all)|view (?:more|all|comments?)|load more|read more|continue reading|"
    r"skip to .*|back to top|top|advertisement|advertising|sponsored(?: content)?|ad|ads|"
    r"loading\b.*|cookies?\b.*|accept(?: all)?(?: cookies)?|reject(?: all)?|"
    r"privacy(?: policy)?|terms(?: (?:of|and) .*)?|about(?: us)?|contact(?: us)?|"
    r"careers|help|faq|sitemap|rss|authors|archives?|"
    r"facebook|twitter|x|instagram|youtube|linkedin|whatsapp|telegram|reddit|pinterest|"
    r"tiktok|threads|bluesky|mastodon|flipboard|copy(?: link)?|link copied|"
    r"android|ios|iphone|ipad|app store|google play|get (?:it|the app) on .*|"
    r"download (?:the|our) app.*|all rights reserved\.?|slogan|logo|image|photo|video|"
    r"audio|gallery|live|breaking|"
    r"font size|text size|resize text|a\+?|a-|dark mode|light mode|"
    r"[^\w\s]{1,3}|\w"
    r")$",
    re.IGNORECASE,
)
# Furniture that may sit inside a longer line.
_CHROME_PART_RE = re.compile(
    r"©|\(c\) ?\d{4}|"
    r"\b(?:copyright|all rights reserved|cookies? (?:policy|settings|consent|preferences)|"
    r"(?:accept|use of) cookies|sign up|subscribe|newsletters?|subscription|unsubscribe|"
    r"donat(?:e|ion)|support (?:us|our)|paywall|your inbox|privacy policy|"
    r"terms of (?:use|service)|ad ?choices|download (?:the|our) app|follow us|share (?:this|on)|"
    r"click here|enable javascript|your browser|skip to)\b",
    re.IGNORECASE,
)
# Labels that open a list of links to other pages.
_HEADER_RE = re.compile(
    r"^(?:"
    r"related(?: (?:news|articles?|stories|story|content|posts?|coverage|topics|links|reading|videos?))?|"
    r"(?:most|more) (?:read|popular|viewed|shared|watched|commented|emailed)(?: (?:news|stories|articles))?|"
    r"read (?:next|also|this next)|up next|what to read next|next (?:article|story|up)|"
    r"coverage|more (?:from|on|in|about|stories|news|articles|coverage|videos)\b.*|"
    r"(?:you )?(?:may|might|could) (?:also )?(?:like|enjoy|be interested in).*|recommended.*|"
    r"popular(?: (?:posts|now|today|stories|articles|news))?|trending(?: now| stories| news)?|"
    r"(?:the )?latest(?: (?:news|stories|articles|posts|videos|updates|headlines))?|"
    r"top (?:stories|news|picks|headlines)|(?:promoted|sponsored|partner) (?:links|stories|content)|editor'?s'? (?:picks?|choice)|see also|also read|"
    r"in other news|more to explore|don'?t miss|must read|"
    r"(?:breaking|live) ?(?:news|updates?)?|just in|news ?feed|tags?:?|topics?:?|"
    r"keywords?:?|categories:?|filed under:?|sections?|navigation|site navigation|"
    r"newsletters?|(?:sign up|subscribe) (?:for|to) .*|follow us.*|share (?:this )?(?:article|story|post)?:?|"
    r"there (?:are|is) (?:\d+|no) (?:comments?|responses?|replies)|\d+ thoughts on .*|"
    r"comments?(?: \(\d+\))?|leave a (?:comment|reply)|(?:\d+ )?(?:responses?|replies) to .*|"
    r"join the (?:conversation|discussion)|"
    r"discussion|(?:a )?message from .*|dear readers?,?|footer|(?:our )?partners|"
    r"(?:other|more) (?:sites|services|links)|quick links|useful links|explore|all"
    r")$",
    re.IGNORECASE,
)
_BYLINE_RE = re.compile(
    r"^(?:by|written by|words by|reported by|author:?|posted by|story by|text by)\s+"
    r"(?P<name>[^\d\s].{1,80})$",
    re.IGNORECASE,
)
_SOURCE_RE = re.compile(r"^(?:source|sources|via|credit|edited by|agencies)\b[:\s]*.{0,60}$", re.I)
_DATE_PREFIX_RE = re.compile(
    r"^(?:published|updated|posted|last (?:updated|modified)(?: on)?|first published|"
    r"date|created|modified|on)\b[:\s]*",
    re.IGNORECASE,
)
_CREDIT_RE = re.compile(
    r"\((?:AP|AFP|Reuters|EPA|Getty(?: Images)?|AAP|ANI|PA|Xinhua|TASS|[\w .'/-]{0,30}"
    r"(?:Photo|Images?|Media|Agency|Press))\)\.?$|"
    r"\b(?:[Pp]hoto(?:graph)?|[Ff]oto|[Bb]ild|[Ii]mage|[Pp]icture|[Cc]r[eé]dit|[Ii]llustration|[Vv]ideo)s?(?: by)?:\s|"
    r"\s/\s?(?:[A-Z][\w.-]*\s?){1,4}$|\bGetty Images\b|\bvia Getty\b|\bShutterstock\b|"
    r"[^.!?]\s\((?:[A-Z][\w.&'-]*\s?){1,3}\)$"
)
_TIME_ONLY_RE = re.compile(
    r"^(?:\d{1,2}[:.]\d{2}\s*(?:[ap]\.?m\.?)?\s*(?:[A-Z]{2,4})?|"
    r"\d+\s+(?:seconds?|minutes?|mins?|hours?|hrs?|days?|weeks?|months?|years?)\s+ago|"
    r"(?:yesterday|today|just now))$",
    re.IGNORECASE,
)


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


def count_words(text: str) -> int:
    """The number of word tokens in ``text``; CJK scripts count about two characters a word."""
    if text.isascii():
        return len(WORD_RE.findall(text))
    total = 0
    for token in WORD_RE.findall(text):
        cjk = len(_CJK_RE.findall(token))
        total += 1 + cjk // 2 if cjk else 1
    return total


def is_date_line(text: str) -> bool:
    """True when ``text`` is a date or time stamp with little else around it."""
    if len(text) > 80 or not any(c.isdigit() for c in text):
        return _TIME_ONLY_RE.match(text) is not None
    stripped = _DATE_PREFIX_RE.sub("", text)
    if _TIME_ONLY_RE.match(stripped):
        return True
    if parse_date(stripped) is None:
        return False
    # A date line is mostly the date: few words that are not numbers, months or zones.
    rest = [w for w in WORD_RE.findall(stripped) if not w.isdigit()]
    return len(rest) <= 6


def byline_name(text: str) -> str | None:
    """The name in a "By Jane Doe" line, or None when ``text`` is not a byline."""
    match = _BYLINE_RE.match(text)
    if not match:
        return None
    name = match.group("name").strip(" .,|")
    if count_words(name) > 12 or name.endswith((".", "!", "?")):
        return None
    return name


def is_caption_text(text: str) -> bool:
    """True when ``text`` carries a photo credit ("(AP)", "Photo: ...", "Name / Agency")."""
    if not any(mark in text for mark in "(:/") and "Getty" not in text and "Shutter" not in text:
        return False
    return bool(_CREDIT_RE.search(text))


def is_header_text(text: str) -> bool:
    """True when ``text`` is a label that opens a block of links or site furniture."""
    return len(text) <= 60 and bool(_HEADER_RE.match(text.strip(" :|›»>-–—")))


def _classify(text: str, words: int, sentence: bool, bullet: bool) -> Kind:
    if not text:
        return Kind.BLANK
    bare = text.strip(" :|›»>·•-–—")
    if words <= 6 and is_header_text(bare):
        return Kind.HEADER
    if words <= 8 and (_CHROME_LINE_RE.match(bare) or not words or _all_chrome_words(text)):
        return Kind.CHROME
    if _is_link_row(text):
        return Kind.CHROME
    if ("=" in text or "%" in text or "://" in text) and _CODE_RE.search(text):
        return Kind.CHROME
    if words <= 14 and (
        byline_name(text) or _SOURCE_RE.match(text) or is_date_line(text) or _is_meta_bits(text)
    ):
        return Kind.META
    if words <= 40 and _CHROME_PART_RE.search(text):
        return Kind.CHROME
    if words <= 60 and is_caption_text(text):
        return Kind.CAPTION
    if sentence and words >= 6:
        return Kind.TEXT
    if words >= 15:
        return Kind.LONG
    return Kind.SHORT


_CHROME_WORDS = frozenset(
    [
        "share",
        "shares",
        "tweet",
        "email",
        "e-mail",
        "print",
        "save",
        "comment",
        "comments",
        "listen",
        "menu",
        "search",
        "sign",
        "in",
        "up",
        "log",
        "login",
        "logout",
        "register",
        "subscribe",
        "close",
        "home",
        "more",
        "facebook",
        "twitter",
        "whatsapp",
        "linkedin",
        "reddit",
        "telegram",
        "pinterest",
        "copy",
        "link",
        "min",
        "read",
        "x",
    ]
)
_PART_SPLIT_RE = re.compile(r"\s+[|·•]\s+|\s{2,}")


def _all_chrome_words(text: str) -> bool:
    """True for a row of buttons: "Share Tweet Email", "Menu Search Sign in"."""
    tokens = WORD_RE.findall(text.lower())
    return len(tokens) >= 2 and all(t in _CHROME_WORDS or t.isdigit() for t in tokens)


def _is_link_row(text: str) -> bool:
    """True for a menu printed on one line: "Home | News | Politics | Business"."""
    parts = [p for p in _PART_SPLIT_RE.split(text) if p.strip()]
    if len(parts) < 2:
        return False
    if all(_CHROME_LINE_RE.match(p.strip(" :|·•")) for p in parts):
        return True
    return len(parts) >= 4 and " | " in text and all(count_words(p) <= 3 for p in parts)


def _is_meta_bits(text: str) -> bool:
    # "Jane Doe | 22 Jun 2023 | 4 min read": a row of metadata joined by separators.
    parts = [p.strip() for p in re.split(r"\s+[|·•]\s+|\s{3,}", text) if p.strip()]
    if len(parts) < 2:
        return False
    return all(
        is_date_line(p) or byline_name(p) or _CHROME_LINE_RE.match(p) or count_words(p) <= 3
        for p in parts
    ) and any(is_date_line(p) or byline_name(p) for p in parts)


def _wrapped_block(block: list[str]) -> bool:
    """True for a block hard-wrapped at a fixed width (plain-text mail, RFCs, "save as text")."""
    if len(block) < 3:
        return False
    lengths = [len(line.rstrip()) for line in block]
    widest = max(lengths)
    return 40 <= widest <= 100 and all(n >= 0.6 * widest for n in lengths[:-1])


def _unwrap(raw_lines: list[str]) -> list[str]:
    """Join the lines of hard-wrapped paragraphs back into one line each."""
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
                    and not _BULLET_RE.match(following)
                    and not _SENTENCE_END_RE.search(out[-1].rstrip())
                ):
                    out[-1] = out[-1].rstrip() + " " + following
                else:
                    out.append(line)
        block.clear()

    for raw in raw_lines:
        stripped = raw.strip()
        starts_item = bool(_BULLET_RE.match(stripped))
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
        match = _BULLET_RE.match(stripped)
        while match and len(stripped) > match.end():
            bullet = True
            stripped = stripped[match.end() :].lstrip()
            match = _BULLET_RE.match(stripped)
        # Markup a text browser printed as text (noscript blocks, <ins> marks) is not prose.
        unmarked = _MARKUP_RE.sub(" ", stripped)
        code = unmarked != stripped and count_words(unmarked) < 0.5 * count_words(stripped)
        body = " ".join(unmarked.split())
        if body and not WORD_RE.search(body) and len(body) <= 3:
            bullet = bullet or body in {"•", "◦", "□", "*", "-", "–", "—"}
        words = count_words(body)
        sentence = bool(_SENTENCE_END_RE.search(body))
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


_APPEAL_RE = re.compile(
    r"\b(?:support|donat\w*|subscri\w*|contribut\w*|newsletters?|journalism|member(?:ship)?s?|"
    r"sign(?:ing)? up|inbox|mailbox|register|funding|paywall|readers)\b",
    re.IGNORECASE,
)


def is_appeal(text: str) -> bool:
    """True for a line that asks the reader for something (support, a sign-up, a donation)."""
    return second_person_share(text) >= 0.06 and bool(_APPEAL_RE.search(text))


def second_person_share(text: str) -> float:
    """How much of ``text`` (outside quotation marks) addresses the reader as "you"/"we"."""
    bare = _QUOTED_RE.sub(" ", text)
    tokens = WORD_RE.findall(bare.lower())
    if not tokens:
        return 0.0
    hits = sum(1 for t in tokens if t in {"you", "your", "yours", "we", "our", "us"})
    return hits / len(tokens)
