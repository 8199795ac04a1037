"""Turn a cleaned article element into plain paragraphs.

Block elements (paragraphs, headings, list items, table rows, quotes) each become one
paragraph; inline elements run together; whitespace collapses except inside ``<pre>``.
List items are marked "• " so that a list still reads as a list in the terminal. Ordered
lists get the same mark: a number would be a word of its own to search and to text metrics,
and the sentences of a news list rarely refer to item numbers. The walk is
iterative, so deeply nested pages cannot exhaust Python's recursion limit.
"""

from __future__ import annotations

import re
from typing import Any

BLOCK_TAGS = frozenset(
    [
        "address",
        "article",
        "aside",
        "blockquote",
        "body",
        "caption",
        "center",
        "dd",
        "details",
        "dialog",
        "dir",
        "div",
        "dl",
        "dt",
        "fieldset",
        "figcaption",
        "figure",
        "footer",
        "form",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "header",
        "hgroup",
        "hr",
        "html",
        "li",
        "main",
        "menu",
        "nav",
        "ol",
        "p",
        "pre",
        "section",
        "summary",
        "table",
        "tbody",
        "td",
        "tfoot",
        "th",
        "thead",
        "tr",
        "ul",
        "legend",
    ]
)
HEADING_TAGS = frozenset(("h1", "h2", "h3", "h4", "h5", "h6"))
_CELL_TAGS = frozenset(("td", "th"))
# Never text: left over when a caller did not strip them first.
_SKIP_TAGS = frozenset(
    ("script", "style", "noscript", "template", "svg", "math", "head", "title", "select")
)
_CELL_MARK = "\x00"
LIST_MARK = "• "
_SPACES = re.compile(r"[^\S\n]+")
_CELLS = re.compile(r"\s*\x00\s*")


class _Paragraphs:
    """Collects text runs and cuts them into paragraphs at block boundaries."""

    def __init__(self) -> None:
        self.paragraphs: list[str] = []
        self.kinds: list[str] = []
        self._buffer: list[str] = []
        self._prefix = ""
        self._kind = "p"

    def add(self, text: str) -> None:
        self._buffer.append(text)

    def start(self, prefix: str = "", kind: str = "p") -> None:
        """Close the running paragraph and open one with ``prefix`` (a list mark)."""
        self.flush()
        self._prefix = prefix
        self._kind = kind

    def flush(self, preformatted: bool = False, opening: bool = False) -> None:
        raw = "".join(self._buffer)
        self._buffer = []
        if _CELL_MARK in raw:
            raw = _CELLS.sub(" | ", raw.strip(_CELL_MARK + " \t\n"))
        if preformatted:
            lines = [line.rstrip() for line in raw.strip("\n").split("\n")]
            text = "\n".join(line for line in lines if line.strip())
        else:
            text = " ".join(raw.split())
        if text:
            self.paragraphs.append(self._prefix + text)
            self.kinds.append(self._kind)
        elif opening:
            return  # a block opening inside an empty list item inherits its mark
        self._prefix = ""
        self._kind = "p"


def element_paragraphs(root: Any) -> tuple[list[str], list[str]]:
    """Paragraph texts of ``root`` and their kinds ("p", "h2".."h6", "li", "pre")."""
    from lxml import etree

    out = _Paragraphs()
    pre_depth = 0
    skip_depth = 0
    for event, el in etree.iterwalk(root, events=("start", "end")):
        tag = el.tag.lower() if isinstance(el.tag, str) else ""
        if event == "start":
            if skip_depth or tag in _SKIP_TAGS or not tag:
                if tag in _SKIP_TAGS:
                    skip_depth += 1
                continue
            if tag == "br":
                # A line break inside prose starts a new paragraph; inside <pre> it is a line.
                if pre_depth:
                    out.add("\n")
                else:
                    out.flush()
                continue
            if tag == "li":
                out.start(LIST_MARK, "li")
            elif tag in HEADING_TAGS:
                out.start("", tag)
            elif tag == "pre":
                out.flush()
                pre_depth += 1
                out.start("", "pre")
            elif tag in BLOCK_TAGS and tag not in _CELL_TAGS:
                out.flush(pre_depth > 0, opening=True)
            if el.text:
                out.add(el.text if pre_depth else _SPACES.sub(" ", el.text))
        else:
            if tag in _SKIP_TAGS:
                skip_depth -= 1
                if not skip_depth and el is not root and el.tail:
                    out.add(el.tail)
                continue
            if skip_depth or not tag:
                if not skip_depth and el is not root and el.tail and not tag:
                    out.add(el.tail)
                continue
            if tag in _CELL_TAGS:
                out.add(_CELL_MARK)
            elif tag == "pre":
                out.flush(preformatted=True)
                pre_depth -= 1
            elif tag in BLOCK_TAGS:
                out.flush(pre_depth > 0)
            if el is not root and el.tail:
                out.add(el.tail)
    out.flush(pre_depth > 0)
    return out.paragraphs, out.kinds
