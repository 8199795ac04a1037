"""The plain-text page-dump cleaner: a whole page as text in, the article out.

A dump holds the article among site chrome: menus, tickers, share bars, captions, link
lists, appeals and footers. The cleaner:

1. classifies every line on its own (:mod:`reader.extract.text_lines`: length, sentence
   punctuation, list layout, furniture vocabulary, repeats; captions printed twice);
2. takes the densest run of prose as the body (maximum-sum run of per-line weights), ends
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

import itertools

from reader.extract.text_body import keep_body_lines
from reader.extract.text_lines import Kind, Line, is_appeal, split_lines
from reader.extract.text_meta import (
    find_byline,
    find_date,
    find_outlet,
    find_tags,
    find_title,
    is_inline_link,
)
from reader.extract.text_vocab import COMMENTS_RE
from reader.models import Extracted, Published, SourceKind
from reader.sanitize import clean_line, strip_controls

_WEIGHTS = {
    Kind.CHROME: -6.0,
    Kind.META: -8.0,
    Kind.HEADER: -20.0,
    Kind.CAPTION: -3.0,
    Kind.BLANK: 0.0,
}


def _mark_captions(lines: list[Line]) -> None:
    """Lines repeated within a few lines of each other are an image caption and its copy."""
    content = [line for line in lines if line.kind is not Kind.BLANK]
    for a, b in itertools.pairwise(content):
        if a.words >= 15 and a.key == b.key and not (a.item or b.item) and b.kind is Kind.TEXT:
            # A paragraph printed twice (a share text, then the article): keep one.
            a.kind = Kind.CAPTION
        elif a.words >= 3 and a.key == b.key:
            a.kind = b.kind = Kind.CAPTION
        elif min(a.words, b.words) >= 5 and (
            b.key.startswith(a.key + " ") or a.key.startswith(b.key + " ")
        ):
            # A caption and its copy with the credit appended.
            a.kind = b.kind = Kind.CAPTION
    for a, b in zip(content, content[2:], strict=False):
        if a.words >= 5 and a.key == b.key:
            a.kind = b.kind = Kind.CAPTION


def _item_factor(lines: list[Line]) -> float:
    """How much a list item's prose counts: little, unless the page's prose is mostly items.

    Menus and link lists are items; an article written as bullet points (release notes,
    a weekly round-up) is too, and then its items are its paragraphs.
    """
    prose = [line for line in lines if line.kind is Kind.TEXT and line.words >= 10]
    in_items = sum(line.words for line in prose if line.item)
    return _ITEM_PAGE if in_items > 2 * (sum(line.words for line in prose) - in_items) else 0.25


_ITEM_PAGE = 0.8


def _weight(line: Line, item_factor: float = 0.25) -> float:
    if line.kind is Kind.CHROME and not line.words:
        return -1.0
    fixed = _WEIGHTS.get(line.kind)
    if fixed is not None:
        return fixed
    if line.kind is Kind.TEXT:
        weight = float(line.words) if line.words >= 10 else line.words * 0.6
        if line.item:
            weight *= item_factor
        # Appeals and newsletter blurbs talk to the reader; reporting rarely does.
        if is_appeal(line.text):
            weight = -weight * 0.5
        if line.dup > 1:
            weight *= 0.3
        return weight
    if line.kind is Kind.LONG:
        return line.words * (0.1 if line.item else 0.25)
    if is_inline_link(line.text):
        return 0.5
    if line.item:
        if line.words >= 6:
            return -0.5
        return -2.0 - 0.3 * line.words
    return -1.0 - 0.3 * line.words


def _damp_packed_runs(lines: list[Line], weights: list[float]) -> None:
    """In a page whose paragraphs stand apart, damp text packed in runs (tickers, teasers)."""
    prose = [
        line for line in lines if line.kind is Kind.TEXT and not line.item and line.words >= 10
    ]
    if not prose:
        return
    spaced = sum(1 for line in prose if line.blank_before) / len(prose)
    if spaced < 0.6:
        return
    run: list[int] = []
    for index in [*range(len(lines)), -1]:
        if index >= 0 and lines[index].kind is not Kind.BLANK:
            run.append(index)
            continue
        if len(run) >= 3:
            for member in run:
                if weights[member] > 0:
                    weights[member] *= 0.3
        run = []


def _soften_listings(lines: list[Line], weights: list[float]) -> None:
    """Rows of a table or code listing that a sentence introduces ("...as follows:") are
    the article's, however much they look like dates, links or symbols."""
    listed = -1
    for index, line in enumerate(lines):
        if line.kind is Kind.BLANK:
            continue
        if line.kind is Kind.TEXT and not line.item:
            listed = 0 if line.text.endswith(":") and line.words >= 5 else -1
        elif line.kind is Kind.HEADER:
            listed = -1
        elif 0 <= listed < _LISTING_MAX:
            weights[index] = max(weights[index], -0.5)
            listed += 1


def _damp_teasers(lines: list[Line], weights: list[float]) -> None:
    """Teaser cards: a headline printed twice (link and image text), then its blurb.

    One such unit may be a captioned photo in the article; three or more on a page are a
    list of other stories, and their blurbs are not the article's paragraphs.
    """
    content = [line for line in lines if line.kind is not Kind.BLANK]
    blurbs = [
        (c, d)
        for a, b, c, d in zip(content, content[1:], content[2:], [*content[3:], None], strict=False)
        if a.key == b.key and 3 <= a.words <= 16 and c.kind is Kind.TEXT and c.words <= 60
    ]
    if len(blurbs) >= 3:
        for blurb, after in blurbs:
            weights[blurb.index] = -abs(weights[blurb.index])
            if after is not None and after.kind is Kind.META:
                # A dated card is furniture wherever the body ends up.
                blurb.kind = Kind.CAPTION


def _damp_comments(lines: list[Line], weights: list[float]) -> None:
    """Below a comments-section head that follows some article, prose counts against."""
    prose = 0
    for index, line in enumerate(lines):
        if line.kind is Kind.TEXT and not line.item:
            prose += line.words
        elif line.kind is Kind.HEADER and prose >= 60 and _comments_head(line.text):
            for after in range(index + 1, len(lines)):
                weights[after] = -abs(weights[after])
            return


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
# How many rows of a table or code listing after "...as follows:" count as the article's.
_LISTING_MAX = 60


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
        if line.kind is Kind.HEADER and before >= 60 and _comments_head(line.text):
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
                listing = listed < _LISTING_MAX
            else:
                junk += _junk(line)
                listing = False
        before += prose
        if prose and not line.item:
            # A sentence that introduces a list ("...the countries were:"), not a label.
            listing, listed = line.text.endswith(":") and line.words >= 5, 0
    return start, end


def _comments_head(text: str) -> bool:
    return bool(COMMENTS_RE.match(text.strip(" :|›»>·•-–—")))


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
    _mark_captions(lines)
    item_factor = _item_factor(lines)
    weights = [_weight(line, item_factor) for line in lines]
    if item_factor < _ITEM_PAGE:
        _damp_packed_runs(lines, weights)
    _soften_listings(lines, weights)
    _damp_teasers(lines, weights)
    _damp_comments(lines, weights)
    start, end = _densest_run(weights)
    if end < start:
        return _fallback(lines, url)
    start, end = _cut_at_gaps(lines, start, end)
    start = _anchor_start(lines, start, end, item_factor >= _ITEM_PAGE)
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
        for line in keep_body_lines(lines, min(upper, start), end, item_factor >= _ITEM_PAGE)
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
