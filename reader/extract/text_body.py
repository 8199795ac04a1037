"""The article's own lines inside the span the dump cleaner chose as its body.

Inside the body run there is still furniture (captions, "Related" blocks, button rows,
appeals) and there are short lines that belong (subheadings, lists, code, dialogue). A short
line is kept when its neighbours say it is part of the article: a list the article
introduces, a heading between paragraphs, or a run of short lines bracketed by paragraphs.
"""

from __future__ import annotations

import itertools
import re

from reader.extract.text_lines import Kind, Line, is_appeal
from reader.extract.text_meta import is_inline_link
from reader.extract.text_vocab import IMAGE_FILE_RE


def keep_body_lines(lines: list[Line], start: int, end: int, item_page: bool = False) -> list[Line]:
    """The article's own lines in ``lines[start:end+1]``: furniture and link blocks dropped."""
    kept: list[Line] = []
    in_block = False
    seen: set[str] = set()
    span = [line for line in lines[start : end + 1] if line.kind is not Kind.BLANK]
    for position, line in enumerate(span):
        before = span[position - 1] if position else None
        after = span[position + 1] if position + 1 < len(span) else None
        if line.kind is Kind.HEADER:
            in_block = True
            continue
        if line.kind in {Kind.CHROME, Kind.META, Kind.CAPTION}:
            continue
        if in_block:
            if line.kind is Kind.TEXT and not line.item and not is_inline_link(line.text):
                in_block = False
            else:
                continue
        if line.key in seen:
            continue
        if line.kind in {Kind.TEXT, Kind.LONG} and is_appeal(line.text):
            continue
        if line.kind is Kind.SHORT and not _short_belongs(line, before, after, kept):
            continue
        if line.kind is Kind.LONG and line.dup > 1:
            continue
        seen.add(line.key)
        kept.append(line)
    return _fill_gaps(span, kept, item_page)


# Lines in a run bracketed by paragraphs are taken back when the run is at most this long.
_FILL_MAX = 30


def _fill_gaps(span: list[Line], kept: list[Line], item_page: bool) -> list[Line]:
    """Take back short lines between two paragraphs: list items, code, short paragraphs.

    An article interrupted only by short lines (a list without an introduction, a code
    listing, dialogue, a pull quote) goes on past them; furniture (captions, bylines,
    buttons, link-block labels) in the run means it is not the article's own. On a page
    written as bullet points, items are its paragraphs and headings over lists are normal.
    """
    kept_ids = {line.index for line in kept}
    out: list[Line] = []
    run: list[Line] = []
    opened = introduced = False
    for line in span:
        if line.index in kept_ids:
            prose = line.kind is Kind.TEXT and (item_page or not line.item)
            if opened and run and prose and _fills(run, introduced or item_page):
                out.extend(r for r in run if r.index not in kept_ids)
            if prose:
                opened, run = True, []
                introduced = line.text.endswith(":")
            out.append(line)
            continue
        fillable = (
            line.kind in {Kind.SHORT, Kind.LONG}
            or (line.kind is Kind.TEXT and line.item)
            # Rows of a table the article introduced: dates and figures, not metadata.
            or (introduced and opened and line.kind is Kind.META and not line.item)
            or (opened and line.kind is Kind.META and _TWEET_SIGNATURE_RE.match(line.text))
            or (introduced and opened and line.kind is Kind.CHROME and _code_like(line))
        )
        if fillable and line.dup == 1 and not is_appeal(line.text):
            run.append(line)
            continue
        if line.kind is Kind.CHROME and (not line.words or IMAGE_FILE_RE.match(line.text)):
            continue  # an image or its file name: neither article nor furniture
        opened, run = False, []
    out.sort(key=lambda line: line.index)
    return out


_TWEET_SIGNATURE_RE = re.compile(r"^[—–-]?\s*[^()]{1,60}\(@\w{1,30}\)\s*.{0,40}\d{4}$")
_CODE_CHARS = frozenset("{}()[];=<>/\\\"'")


def _fills(run: list[Line], introduced: bool) -> bool:
    """True when ``run`` reads as part of the article: items, code, or short sentences."""
    if len(run) > _FILL_MAX:
        return False
    # An embedded post ends with its signature: "Name (@handle) June 22, 2023".
    if any(_TWEET_SIGNATURE_RE.match(line.text) for line in run):
        return True
    if _labelled_list(run) and not introduced:
        return False
    # A heading with a kicker or a date line above the next section: two short lines.
    return (
        introduced
        or len(run) <= 2
        or all(
            line.item or line.sentence or any(c in _CODE_CHARS for c in line.text) for line in run
        )
    )


def _code_like(line: Line) -> bool:
    """True for a line of code: brackets, operators or markup among its characters."""
    return sum(c in _CODE_CHARS for c in line.text) >= 2


def _labelled_list(run: list[Line]) -> bool:
    """True when a short label heads a list in ``run``: "Related stories" and its links."""
    return any(
        a.kind is Kind.SHORT and not a.item and not a.text.endswith(":") and b.item
        for a, b in itertools.pairwise(run)
    )


def _short_belongs(line: Line, before: Line | None, after: Line | None, kept: list[Line]) -> bool:
    """A short line in the body is a subheading, an inline link, or an item of a list."""
    if is_inline_link(line.text):
        return True
    if line.text.endswith(":") and after is not None and after.item and not line.item:
        return True
    previous = kept[-1] if kept else None
    # An item of a list the article introduces ("...the countries were:").
    if previous is not None and (
        previous.text.endswith(":") or (previous.item and previous.index >= line.index - 2)
    ):
        return line.item or (before is not None and before.kind is Kind.SHORT)
    if line.item:
        return False
    # A subheading: one short line between paragraphs.
    # (Repeated furniture such as an ad placeholder before it does not count.)
    return (
        after is not None
        and after.kind in {Kind.TEXT, Kind.LONG}
        and (before is None or before.kind is not Kind.SHORT or before.dup > 1)
        and line.words <= 20
        and line.dup == 1
        and sum(c.isalpha() for c in line.text) > len(line.text) / 2
    )
