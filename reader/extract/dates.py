"""Publication dates as pages write them: ISO 8601, RFC 2822, "22 Jun 2023 08:38", "June 22, 2023".

``parse_date`` never raises: a string that is not a plausible publication date gives None.
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, timedelta, timezone
from email.utils import parsedate_to_datetime

from reader.models import Published

_MONTHS = {
    name: number
    for number, names in enumerate(
        (
            ("jan", "january"),
            ("feb", "february"),
            ("mar", "march"),
            ("apr", "april"),
            ("may",),
            ("jun", "june"),
            ("jul", "july"),
            ("aug", "august"),
            ("sep", "sept", "september"),
            ("oct", "october"),
            ("nov", "november"),
            ("dec", "december"),
        ),
        start=1,
    )
    for name in names
}
_MONTH = r"(?P<month>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
_TIME = r"(?:\s*(?:,|at|-|–|\|)?\s*(?P<hour>\d{1,2})[:.](?P<minute>\d{2})(?::(?P<second>\d{2}))?\s*(?P<ampm>[ap]\.?m\.?)?(?:\s*(?P<tz>UTC|GMT|Z|[+-]\d{2}:?\d{2}|[ECMP][SD]T|BST|CES?T|EES?T|MSK|JST|KST|AES?T|AEDT|SAST)\b)?)?"
_DAY_MONTH_YEAR = re.compile(
    rf"\b(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH},?\s+(?P<year>\d{{4}}){_TIME}",
    re.IGNORECASE,
)
_MONTH_DAY_YEAR = re.compile(
    rf"\b{_MONTH}\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<year>\d{{4}}){_TIME}",
    re.IGNORECASE,
)
_ISO = re.compile(
    r"\b(?P<year>\d{4})-(?P<month>\d{2})-(?P<day>\d{2})"
    r"(?:[T ](?P<hour>\d{2}):(?P<minute>\d{2})(?::(?P<second>\d{2})(?:\.\d+)?)?"
    r"(?P<tz>Z|[+-]\d{2}:?\d{2})?)?"
)
_SLASHED = re.compile(r"\b(?P<year>\d{4})/(?P<month>\d{1,2})/(?P<day>\d{1,2})\b")
# Day-first with dots, as most of Europe writes it: 22.06.2023, 22.06.2023 08:38.
_DOTTED = re.compile(
    r"\b(?P<day>\d{1,2})\.(?P<month>\d{1,2})\.(?P<year>\d{4})\b"
    r"(?:,?\s+(?P<hour>\d{1,2}):(?P<minute>\d{2}))?"
)
# Chinese and Japanese: 2023年6月22日.
_CJK = re.compile(r"(?P<year>\d{4})\s*年\s*(?P<month>\d{1,2})\s*月\s*(?P<day>\d{1,2})\s*日")
# Zone abbreviations news sites print after a time; ambiguous ones (IST, CST in Asia) are left out.
_ZONES = {
    "EST": -5,
    "EDT": -4,
    "CST": -6,
    "CDT": -5,
    "MST": -7,
    "MDT": -6,
    "PST": -8,
    "PDT": -7,
    "BST": 1,
    "CET": 1,
    "CEST": 2,
    "EET": 2,
    "EEST": 3,
    "MSK": 3,
    "JST": 9,
    "KST": 9,
    "AEST": 10,
    "AEDT": 11,
    "AET": 10,
    "SAST": 2,
}

_PATTERNS = (_ISO, _DAY_MONTH_YEAR, _MONTH_DAY_YEAR, _SLASHED, _DOTTED, _CJK)

EARLIEST_YEAR = 1990


def _plausible(year: int) -> bool:
    return EARLIEST_YEAR <= year <= datetime.now().year + 1


def _tz(text: str | None) -> timezone | None:
    if not text:
        return None
    if text.upper() in {"Z", "UTC", "GMT"}:
        return UTC
    if text.upper() in _ZONES:
        return timezone(timedelta(hours=_ZONES[text.upper()]))
    sign = -1 if text[0] == "-" else 1
    digits = text[1:].replace(":", "")
    hours, minutes = int(digits[:2]), int(digits[2:4] or 0)
    if hours > 14 or minutes > 59:
        return None
    return timezone(sign * timedelta(hours=hours, minutes=minutes))


def _build(groups: dict[str, str | None]) -> Published | None:
    try:
        month_text = groups["month"] or ""
        month = int(month_text) if month_text.isdigit() else _MONTHS[month_text.lower()[:3]]
        if month_text.lower().startswith("sep"):
            month = 9
        day = date(int(groups["year"] or 0), month, int(groups["day"] or 0))
    except (KeyError, ValueError):
        return None
    if not _plausible(day.year):
        return None
    if groups.get("hour") is None:
        return day
    hour, minute = int(groups["hour"] or 0), int(groups["minute"] or 0)
    ampm = (groups.get("ampm") or "").replace(".", "").lower()
    if ampm == "pm" and hour < 12:
        hour += 12
    elif ampm == "am" and hour == 12:
        hour = 0
    try:
        return datetime(
            day.year,
            day.month,
            day.day,
            hour,
            minute,
            int(groups.get("second") or 0),
            tzinfo=_tz(groups.get("tz")),
        )
    except ValueError:
        return day


# A time written before its date: "3:45 PM GMT+1 March 4, 2024", "08:38 22.06.2023".
_TIME_FIRST = re.compile(
    r"(?P<hour>\d{1,2})[:.](?P<minute>\d{2})\s*(?P<ampm>[ap]\.?m\.?)?\s*"
    r"(?:(?:GMT|UTC)?(?P<offset>[+-]\d{1,2}(?::?\d{2})?)|(?P<zone>UTC|GMT|[ECMP][SD]T|BST|CES?T))?"
    r"[\s,|-]*(?:on\s+)?$",
    re.IGNORECASE,
)


def _with_leading_time(day: date, before: str) -> Published:
    """Attach a time of day written just before the date, when there is one."""
    match = _TIME_FIRST.search(before[-40:])
    if not match:
        return day
    hour, minute = int(match["hour"]), int(match["minute"])
    ampm = (match["ampm"] or "").replace(".", "").lower()
    if ampm == "pm" and hour < 12:
        hour += 12
    elif ampm == "am" and hour == 12:
        hour = 0
    offset = match["offset"]
    zone: str | None = match["zone"]
    if offset:
        digits = offset[1:].replace(":", "")
        hours, minutes = (digits, "00") if len(digits) <= 2 else (digits[:-2], digits[-2:])
        zone = offset[0] + hours.zfill(2) + minutes
    try:
        return datetime(day.year, day.month, day.day, hour, minute, tzinfo=_tz(zone))
    except ValueError:
        return day


def parse_date(text: str | None) -> Published | None:
    """Read the first plausible publication date in ``text``, or None.

    Returns a ``datetime`` when a time of day is given (aware when a zone is given), else a
    ``date``. Years before 1990 or after next year are not plausible publication dates.
    """
    if not text:
        return None
    text = text.strip()[:300]
    for pattern in _PATTERNS:
        match = pattern.search(text)
        if match:
            found = _build(match.groupdict())
            if found is not None:
                if not isinstance(found, datetime):
                    return _with_leading_time(found, text[: match.start()])
                return found
    try:
        stamp = parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError, OverflowError):
        return None
    return stamp if _plausible(stamp.year) else None


def find_dates(text: str) -> list[tuple[int, Published]]:
    """Every plausible date written in ``text`` with its offset, in order of appearance."""
    spans: list[tuple[int, int, Published]] = []
    for pattern in _PATTERNS:
        for match in pattern.finditer(text):
            value = _build(match.groupdict())
            if value is not None:
                spans.append((match.start(), match.end(), value))
    spans.sort(key=lambda item: (item[0], -item[1]))
    found: list[tuple[int, Published]] = []
    covered = -1
    for start, end, value in spans:
        # One date written once: a shorter reading inside a longer one is the same date.
        if start < covered:
            continue
        found.append((start, value))
        covered = end
    return found
