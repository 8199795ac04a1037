"""Text-level tests for page furniture: bylines, date lines, share prompts, "Related" headings.

These look at one paragraph's words, after the tree cleaning in :mod:`html_clean`, and are
applied only near the start and end of a body, where such lines sit.
"""

from __future__ import annotations

import re

# Headings that introduce page furniture rather than a part of the story.
_FURNITURE_HEADING_RE = re.compile(
    r"^(?:related(?:\s+\w+)?|more\s+(?:from|on|in|about|stories|news|coverage)\b.*|"
    r"read\s+(?:more|next|also)\b.*|see\s+also|you\s+(?:may|might)\s+(?:also\s+)?like.*|"
    r"recommended(?:\s+\w+)?|most\s+(?:read|popular|viewed|shared)\b.*|trending.*|"
    r"share(?:\s+this)?(?:\s+\w+)?|tags|topics|comments?|\d+\s+comments?|newsletter.*|"
    r"sign\s+up\b.*|subscribe\b.*|advertisement|follow\s+us.*|about\s+the\s+authors?|"
    r"latest(?:\s+news)?|top\s+stories|editor'?s\s+picks?|popular(?:\s+\w+)?|"
    r"what\s+to\s+read\s+next|further\s+reading|in\s+other\s+news)[\s:.!]*$",
    re.IGNORECASE,
)
_FURNITURE_LINE_RE = re.compile(
    r"^(?:advertisement|advertising|sponsored(?:\s+content)?|share(?:\s+this)?(?:\s+\w+)?|"
    r"(?:click|tap)\s+(?:here\s+)?to\s+.*|sign\s+up\s+.*|subscribe\s+.*|follow\s+us\s+.*|"
    r"read\s+more:?.*|(?:photo|image|picture|video|graphic)\s*(?:credit)?\s*[:/].*|"
    r"(?:photograph|illustration):\s.*|listen(?:\s+to\s+(?:this\s+)?(?:article|story))?(?:\s*\d+\s*min(?:ute)?s?)?|"
    r"\d+\s+min(?:ute)?s?\s+read|(?:print|email|copy\s+link)(?:\s+this\s+\w+)?)$",
    re.IGNORECASE,
)
_BYLINE_RE = re.compile(
    r"^(?i:by|written\s+by|words\s+by)\s+[A-Z\u00c0-\u024f][\w'’.-]*(?:\s+[\w'’.-]+){0,5}"
    r"(?:\s*(?:,|and|&)\s*[A-Z\u00c0-\u024f][\w'’.-]*(?:\s+[\w'’.-]+){0,4})*"
    r"(?:\s*[,|·•-]\s*.{0,60})?$"
)
_DATE_WORDS_RE = re.compile(
    r"^(?:(?:first\s+)?(?:published|updated|posted|last\s+(?:updated|modified)|modified|on)\b"
    r"[\s:]*)+",
    re.IGNORECASE,
)


_DATE_VOCABULARY = frozenset(
    [
        "jan",
        "january",
        "feb",
        "february",
        "mar",
        "march",
        "apr",
        "april",
        "may",
        "jun",
        "june",
        "jul",
        "july",
        "aug",
        "august",
        "sep",
        "sept",
        "september",
        "oct",
        "october",
        "nov",
        "november",
        "dec",
        "december",
        "mon",
        "monday",
        "tue",
        "tues",
        "tuesday",
        "wed",
        "wednesday",
        "thu",
        "thur",
        "thurs",
        "thursday",
        "fri",
        "friday",
        "sat",
        "saturday",
        "sun",
        "sunday",
        "am",
        "pm",
        "a",
        "p",
        "m",
        "at",
        "on",
        "utc",
        "gmt",
        "bst",
        "cet",
        "cest",
        "est",
        "edt",
        "pst",
        "pdt",
        "et",
        "pt",
        "ist",
        "th",
        "st",
        "nd",
        "rd",
        "of",
    ]
)


def is_date_line(text: str) -> bool:
    """True for a short line that only says when the piece was published or updated."""
    from reader.extract.dates import parse_date

    if len(text) > 90:
        return False
    rest = _DATE_WORDS_RE.sub("", text).strip()
    if not rest or not rest[0].isalnum() or parse_date(rest) is None:
        return False
    # Apart from the date itself only month and weekday names, times, zones and "at".
    leftover = [w for w in re.findall(r"[^\W\d_]+", rest) if w.lower() not in _DATE_VOCABULARY]
    return len(leftover) <= 1


def is_furniture_line(text: str, near_edge: bool = True) -> bool:
    """True for a short paragraph that is page furniture: a byline, a date, a share prompt.

    Bylines and date lines count only ``near_edge`` (the first or last few paragraphs);
    labels such as "Advertisement" or "Sign up for ..." count anywhere.
    """
    if len(text) > 140:
        return False
    if _FURNITURE_LINE_RE.match(text):
        return True
    if not near_edge:
        return False
    # A byline is a name or two, not a sentence ("By Tuesday, the river had fallen.").
    byline = (
        _BYLINE_RE.match(text) is not None
        and len(text.split()) <= 12
        and not text.rstrip().endswith((".", "!", "?", '"', "”"))
    )
    return byline or is_date_line(text)


def is_furniture_heading(text: str) -> bool:
    """True for headings such as "Related stories", "Share this article", "Comments"."""
    return bool(_FURNITURE_HEADING_RE.match(" ".join(text.split())))
