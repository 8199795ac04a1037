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
_TIME = r"(?:\s*(?:,|at|-|–|\|)?\s*(?P<hour>\d{1,2})[:.](?P<minute>\d{2})(?::(?P<second>\d{2}))?\s*(?P<ampm>[ap]\.?m\.?)?(?:\s*(?P<tz>UTC|GMT|Z|[+-]\d{2}:?\d{2}))?)?"
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

EARLIEST_YEAR = 1990


def _plausible(year: int) -> bool:
    return EARLIEST_YEAR <= year <= datetime.now().year + 1


def _tz(text: str | None) -> timezone | None:
    if not text:
        return None
    if text.upper() in {"Z", "UTC", "GMT"}:
        return UTC
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


def parse_date(text: str | None) -> Published | None:
    """Read the first plausible publication date in ``text``, or None.

    Returns a ``datetime`` when a time of day is given (aware when a zone is given), else a
    ``date``. Years before 1990 or after next year are not plausible publication dates.
    """
    if not text:
        return None
    text = text.strip()[:300]
    for pattern in (_ISO, _DAY_MONTH_YEAR, _MONTH_DAY_YEAR, _SLASHED):
        match = pattern.search(text)
        if match:
            found = _build(match.groupdict())
            if found is not None:
                return found
    try:
        stamp = parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError):
        return None
    return stamp if _plausible(stamp.year) else None


def find_dates(text: str) -> list[tuple[int, Published]]:
    """Every plausible date written in ``text`` with its offset, in order of appearance."""
    found: list[tuple[int, Published]] = []
    for pattern in (_ISO, _DAY_MONTH_YEAR, _MONTH_DAY_YEAR):
        for match in pattern.finditer(text):
            value = _build(match.groupdict())
            if value is not None:
                found.append((match.start(), value))
    found.sort(key=lambda item: item[0])
    return found
