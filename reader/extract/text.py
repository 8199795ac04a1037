"""The plain-text page-dump cleaner: a whole page as text in, the article out.

A dump holds the article among site chrome: menus, tickers, share bars, captions, link
lists, appeals and footers. The cleaner:

1. classifies every line on its own (:mod:`reader.extract.text_lines`: length, sentence
   punctuation, list layout, furniture vocabulary, repeats; captions printed twice);
2. takes the densest run of prose as the body (maximum-sum run of per-line weights from
   :mod:`reader.extract.text_weights`), ends
   it at a long stretch of non-prose that little prose follows (teasers, comments, live
   feeds) and starts it below the article's own byline/date block (past tickers);
3. picks the headline above it (the candidate sharing most words with the lead) and takes
   back the standfirst between the two;
4. drops the furniture inside the body (captions, "Related" blocks, button rows) while
   keeping subheadings, "Read more:" lines and lists the article introduces;
5. reads byline, date, outlet and the page's tag list around it (:mod:`.text_meta`).

All rules are about layout and generic site furniture, never about one outlet.
"""

from __future__ import annotations

from reader.extract.text_body import keep_body_lines
from reader.extract.text_lines import Kind, Line, split_lines
from reader.extract.text_meta import (
    find_byline,
    find_date,
    find_outlet,
    find_tags,
    find_title,
    is_inline_link,
)
from reader.extract.text_weights import LISTING_MAX, comments_head, weigh_lines
from reader.models import Extracted, Published, SourceKind
from reader.sanitize import clean_line, strip_controls


def _densest_run(weights: list[float]) -> tuple[int, int]:
    """The contiguous run of lines with the largest total weight (Kadane), inclusive."""
    best, best_span = 0.0, (0, -1)
    total, start = 0.0, 0
    for index, weight in enumerate(weights):
        if total <= 0:
            total, start = 0.0, index
        total += weight
        if total > best:
            best, best_span = total, (start, index)
    return best_span


# A stretch of this much non-prose (see _junk) ends the article when less than half as
# much prose follows it as came before it.
_GAP_JUNK = 8.0
_GAP_RATIO = 0.5


def _cut_at_gaps(lines: list[Line], start: int, end: int) -> tuple[int, int]:
    """End the run before a long stretch of non-prose when less prose follows it.

    An article is not interrupted by a dozen link titles, buttons or dated teasers unless
    at least as much article follows: past such a gap there are teasers, comments or a
    live feed. Code, table cells and lists the article introduces barely count.
    """
    junk, gap_from, listing, listed = 0.0, -1, False, 0
    total = sum(_prose(lines[i]) for i in range(start, end + 1))
    before = 0.0
    span = [line for line in lines[start : end + 1] if line.kind is not Kind.BLANK]
    for position, line in enumerate(span):
        index = line.index
        nxt = span[position + 1] if position + 1 < len(span) else None
        prose = _prose(line)
        if line.kind is Kind.HEADER and before >= 60 and comments_head(line.text):
            # Comments: however much prose follows, it is not the article's.
            return start, (gap_from if gap_from >= 0 else index) - 1
        if prose and not line.item:
            if junk >= _GAP_JUNK and total - before < before * _GAP_RATIO:
                return start, gap_from - 1
            junk, gap_from = 0.0, -1
        else:
            if gap_from < 0:
                gap_from = index
            follows_prose = nxt is not None and nxt.kind is Kind.TEXT
            if (listing or follows_prose) and line.item:
                pass
            elif listing and line.kind is not Kind.HEADER:
                # A table or code listing the article introduced: rows, dates, symbols
                # (for a while: a footer after a closing colon is still a footer).
                junk += 0.1 * _junk(line)
                listed += 1
                listing = listed < LISTING_MAX
            else:
                junk += _junk(line)
                listing = False
        before += prose
        if prose and not line.item:
            # A sentence that introduces a list ("...the countries were:"), not a label.
            listing, listed = line.text.endswith(":") and line.words >= 5, 0
    return start, end


def _junk(line: Line) -> float:
    """How strongly a non-prose line says "not the article" (code and table cells barely)."""
    if line.kind is Kind.HEADER:
        return _GAP_JUNK  # "Most read", "Comments", "Related": enough on its own
    if line.kind is Kind.META:
        return 2.0
    if line.kind is Kind.CHROME:
        return 1.0 if line.words else 0.0
    if line.kind is Kind.TEXT:
        return 0.0
    if line.kind is Kind.CAPTION or line.item:
        return 1.0
    return 0.25


def _prose(line: Line) -> float:
    if line.kind is Kind.TEXT or (line.kind is Kind.LONG and not line.item):
        return line.words * (0.5 if line.item else 1.0)
    return 0.0


def _anchor_start(lines: list[Line], start: int, end: int, item_page: bool = False) -> int:
    """Move the body start below the article's own byline/date block when one is inside."""
    mass = [0.0] * (end - start + 2)
    for offset, line in enumerate(lines[start : end + 1]):
        # Paragraphs stand apart; ticker and teaser lines come packed together.
        paragraph = line.kind is Kind.TEXT and (item_page if line.item else line.blank_before)
        text_words = line.words if paragraph else 0
        mass[offset + 1] = mass[offset] + text_words
    total = mass[-1] or 1.0
    for offset, line in enumerate(lines[start : end + 1]):
        if line.kind is Kind.META and mass[offset] / total < 0.15 and mass[offset] < 100:
            # The last meta line of this cluster: body starts after it.
            index = start + offset
            while index + 1 <= end and lines[index + 1].kind in {
                Kind.META,
                Kind.CHROME,
                Kind.BLANK,
            }:
                index += 1
            return index + 1
    return start


def extract_text(text: str, url: str | None = None) -> Extracted:
    """Clean a plain-text page dump: the article's title, metadata, body and tags."""
    lines = split_lines(strip_controls(text))
    weights, item_page = weigh_lines(lines)
    start, end = _densest_run(weights)
    if end < start:
        return _fallback(lines, url)
    start, end = _cut_at_gaps(lines, start, end)
    start = _anchor_start(lines, start, end, item_page)
    title_index = find_title(lines, start)
    if title_index is not None and title_index >= start:
        start = title_index + 1
    # The standfirst and lead sit between the title and the dense run: take them back.
    upper = title_index + 1 if title_index is not None else start
    # ...but only from a short way above it: a far headline does not bring its page along.
    nearby = [i for i in range(start - 1, upper - 1, -1) if lines[i].kind is not Kind.BLANK]
    upper = max(upper, nearby[11] if len(nearby) > 12 else upper)
    kept = [
        line
        for line in keep_body_lines(lines, min(upper, start), end, item_page)
        if line.index >= start or line.kind in {Kind.TEXT, Kind.LONG} or is_inline_link(line.text)
    ]
    title = clean_line(lines[title_index].text) if title_index is not None else ""
    paragraphs = [clean_line(line.text) for line in kept]
    paragraphs = [p for p in paragraphs if p and p != title]
    if not title and paragraphs:
        title = _title_from(paragraphs[0])
    header_from = title_index if title_index is not None else max(0, start - 15)
    body_start = max(start, kept[0].index) if kept else start
    return Extracted(
        title=title,
        body="\n\n".join(paragraphs),
        outlet=find_outlet(lines, url, title, frozenset(line.index for line in kept)),
        byline=find_byline(lines, header_from, body_start),
        published=find_date(lines, header_from, body_start) or _trailing_date(lines, end),
        tags=find_tags(lines, end),
        url=url,
        kind=SourceKind.TEXT,
        standfirst=_standfirst(kept, lines),
    )


def _trailing_date(lines: list[Line], end: int) -> Published | None:
    """A date stamp printed just after the article ("Published 22 June 2023"), if any."""
    after = [line for line in lines[end + 1 : end + 12] if line.kind is not Kind.BLANK][:4]
    for line in after:
        if line.kind is Kind.HEADER:
            break
        if line.kind is Kind.META and not line.item:
            found = find_date([line], 0, 0)
            if found is not None:
                return found
    return None


def _standfirst(kept: list[Line], lines: list[Line]) -> str | None:
    """The first paragraph when page furniture separates it from the rest of the body."""
    if len(kept) < 2:
        return None
    first, second = kept[0], kept[1]
    between = lines[first.index + 1 : second.index]
    if any(line.kind in {Kind.CAPTION, Kind.META, Kind.CHROME} for line in between):
        return clean_line(first.text)
    # A summary line without a full stop, above the paragraphs: a standfirst too.
    if first.kind is Kind.LONG and second.kind is Kind.TEXT and not first.item:
        return clean_line(first.text)
    return None


def _title_from(paragraph: str) -> str:
    words = paragraph.split()
    return " ".join(words[:12]) + ("…" if len(words) > 12 else "")


def _fallback(lines: list[Line], url: str | None) -> Extracted:
    """A page with no run of article text: keep its non-furniture lines as they are."""
    texts = [
        clean_line(line.text)
        for line in lines
        if line.kind in {Kind.TEXT, Kind.LONG, Kind.SHORT} and not line.bullet
    ]
    texts = [text for text in texts if text]
    title = texts[0] if texts else ""
    return Extracted(
        title=title,
        body="\n\n".join(texts[1:]),
        outlet=find_outlet(lines, url, title),
        url=url,
        kind=SourceKind.TEXT,
    )


__all__ = ["extract_text"]
