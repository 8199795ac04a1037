"""Turn the HTML fragments feeds carry (summaries, full content) into clean paragraphs.

Much cheaper than the page cleaner: a feed item's content is already the article, so we only
need its text, split into paragraphs at block elements, with scripts and styles dropped.
"""

from __future__ import annotations

import html
import re

from reader.safety import limit_attributes
from reader.sanitize import clean_line, strip_controls

# Elements that end a paragraph; text inside inline elements joins its neighbours.
_BLOCKS = frozenset(
    "p div br li ul ol h1 h2 h3 h4 h5 h6 blockquote pre tr table section article header "  # noqa: SIM905
    "footer figure figcaption dd dt dl hr address aside main nav details summary".split()
)
_DROP = frozenset("script style noscript iframe object embed svg math template head".split())  # noqa: SIM905
_LOOKS_HTML = re.compile(r"<\s*/?\s*[a-zA-Z][a-zA-Z0-9]*[\s/>]|&(?:#\d+|#x[0-9a-fA-F]+|\w+);")
# Linear on hostile input: a tag never spans another "<".
_TAG = re.compile(r"<[^<>]*>")
_BLANK_LINES = re.compile(r"\n\s*\n")
# Bounded input: a hostile 50 MB summary is cut before the parser sees it.
MAX_FRAGMENT_CHARS = 2_000_000


def looks_like_html(text: str) -> bool:
    """True when ``text`` holds tags or character references worth parsing."""
    return bool(_LOOKS_HTML.search(text[:100_000]))


def text_paragraphs(text: str) -> str:
    """Plain text to paragraphs separated by one blank line, white space folded."""
    paragraphs = (clean_line(part) for part in _BLANK_LINES.split(strip_controls(text)))
    return "\n\n".join(p for p in paragraphs if p)


def html_to_text(fragment: str) -> str:
    """Paragraphs of text from an HTML fragment (blank-line separated, controls stripped)."""
    fragment = limit_attributes(fragment[:MAX_FRAGMENT_CHARS])
    if not fragment.strip():
        return ""
    if not looks_like_html(fragment):
        return text_paragraphs(fragment)
    from lxml import etree
    from lxml import html as lxml_html

    try:
        root = lxml_html.fragment_fromstring(strip_controls(fragment), create_parent="div")
    except (etree.ParserError, etree.XMLSyntaxError, ValueError, AssertionError, IndexError):
        # lxml asserts there is exactly one <body>: a fragment "<html>" fails that check.
        return text_paragraphs(html.unescape(_TAG.sub(" ", fragment)))
    paragraphs: list[str] = []
    current: list[str] = []

    def flush() -> None:
        line = clean_line("".join(current))
        if line:
            paragraphs.append(line)
        current.clear()

    # Iterative walk: a 10,000-deep page must not hit the recursion limit.
    stack: list[tuple[object, bool]] = [(root, False)]
    while stack:
        node, closing = stack.pop()
        tag = getattr(node, "tag", None)
        name = tag.lower() if isinstance(tag, str) else ""
        if closing:
            if name in _BLOCKS:
                flush()
            tail = getattr(node, "tail", None)
            if tail:
                current.append(tail)
            continue
        if name in _DROP or not isinstance(tag, str):
            # Comments and processing instructions carry no text, but their tail does.
            tail = getattr(node, "tail", None)
            if tail:
                current.append(tail)
            continue
        if name in _BLOCKS:
            flush()
        text = getattr(node, "text", None)
        if text:
            current.append(text)
        stack.append((node, True))
        children = list(node)  # type: ignore[call-overload]
        stack.extend((child, False) for child in reversed(children))
    flush()
    result = "\n\n".join(paragraphs)
    if len(result) < 64:
        # libxml2 gives up past 256 nested elements and keeps nothing: strip tags instead.
        rough = text_paragraphs(html.unescape(_TAG.sub(" ", fragment)))
        if len(rough) > len(result) * 2:
            return rough
    return result


def html_to_line(fragment: str) -> str:
    """One line of text from a fragment that may hold markup (titles, names)."""
    if not looks_like_html(fragment):
        return clean_line(fragment)
    return clean_line(" ".join(html_to_text(fragment).split("\n\n")))


__all__ = ["html_to_line", "html_to_text", "looks_like_html", "text_paragraphs"]
