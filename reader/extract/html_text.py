"""Turn a cleaned article element into plain paragraphs.

Block elements (paragraphs, headings, list items, table rows, quotes) each become one
paragraph; inline elements run together; whitespace collapses except inside ``<pre>``.
List items are marked ("• " or "1. ") so that a list still reads as a list in the
terminal; the marks hold no word characters, so text metrics ignore them. The walk is
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

    def flush(self, preformatted: bool = False) -> None:
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
        self._prefix = ""
        self._kind = "p"


def element_paragraphs(root: Any) -> tuple[list[str], list[str]]:
    """Paragraph texts of ``root`` and their kinds ("p", "h2".."h6", "li", "pre")."""
    from lxml import etree

    out = _Paragraphs()
    list_stack: list[list[int]] = []  # [is_ordered, next_number] per open list
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
            if tag in ("ol", "ul"):
                start = el.get("start", "1")
                list_stack.append([tag == "ol", int(start) if start.isdigit() else 1])
            if tag == "li":
                mark = "• "
                if list_stack and list_stack[-1][0]:
                    mark = f"{list_stack[-1][1]}. "
                    list_stack[-1][1] += 1
                out.start(mark, "li")
            elif tag in HEADING_TAGS:
                out.start("", tag)
            elif tag == "pre":
                out.flush()
                pre_depth += 1
                out.start("", "pre")
            elif tag in BLOCK_TAGS and tag not in _CELL_TAGS:
                out.flush(pre_depth > 0)
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
                if tag in ("ol", "ul") and list_stack:
                    list_stack.pop()
            if el is not root and el.tail:
                out.add(el.tail)
    out.flush(pre_depth > 0)
    return out.paragraphs, out.kinds
