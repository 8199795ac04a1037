"""Per-line weights for the dump cleaner's densest-run search.

Each line of a dump gets a weight: positive for prose, negative for furniture. Page-level
patterns then adjust them: captions printed twice, pages written as bullet points, packed
tickers, tables a sentence introduces, teaser cards and comment sections.
"""

from __future__ import annotations

import itertools
import re

from reader.extract.text_lines import Kind, Line, is_appeal
from reader.extract.text_meta import is_inline_link
from reader.extract.text_vocab import COMMENTS_RE, IMAGE_FILE_RE

# An entry of a table of contents: "2 Values", "2.1 Pledge", "☆ 3.7.1 NSS".
_CONTENTS_ENTRY_RE = re.compile(r"^\W{0,3}\d{1,2}(?:\.\d{1,2})*\.?\s+\D")
# How many rows of a table or code listing after "...as follows:" count as the article's.
LISTING_MAX = 60


def weigh_lines(lines: list[Line]) -> tuple[list[float], bool]:
    """The weight of every line, and whether the page is written as bullet points."""
    _mark_captions(lines)
    item_factor = _item_factor(lines)
    weights = [_weight(line, item_factor) for line in lines]
    if item_factor < _ITEM_PAGE:
        _damp_packed_runs(lines, weights)
    _soften_listings(lines, weights)
    _damp_teasers(lines, weights)
    _damp_comments(lines, weights)
    return weights, item_factor >= _ITEM_PAGE


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
    if line.kind is Kind.CHROME and (not line.words or IMAGE_FILE_RE.match(line.text)):
        return -1.0  # an image placeholder or file name: articles have them too
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
    if line.item and _CONTENTS_ENTRY_RE.match(line.text):
        return -0.3  # a table of contents between the lead and the sections
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
        elif 0 <= listed < LISTING_MAX:
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
        elif line.kind is Kind.HEADER and prose >= 60 and comments_head(line.text):
            for after in range(index + 1, len(lines)):
                weights[after] = -abs(weights[after])
            return


def comments_head(text: str) -> bool:
    """True for the head of a comments section ("There are 3 comments", "Leave a reply")."""
    return bool(COMMENTS_RE.match(text.strip(" :|›»>·•-–—")))
