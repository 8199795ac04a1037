"""Guards applied to hostile pages before a parser or a cleaner sees them.

Size: the cleaners take time and memory in proportion to the text (an 18 MB page needs
about 9 s and 400 MB), so a page holding more than :data:`MAX_PAGE_CHARS` characters
(:data:`MAX_TEXT_CHARS` for a text dump), :data:`MAX_PAGE_TAGS` tags or
:data:`MAX_PAGE_LINES` lines is refused with a clear reason; pages saved with their
images inlined as ``data:`` URIs (single-file saves) lose those first, so they still fit.

libxml2's HTML parser checks each new attribute of a tag against all the earlier ones, so
one tag with 100,000 attributes costs it about 8 seconds (quadratic); no real page has a
tag with more than a few dozen. :func:`limit_attributes` keeps the first
:data:`MAX_ATTRIBUTES` of such a tag and drops the rest, in linear time, before parsing.
"""

from __future__ import annotations

import re

#: Stored metadata caps: a 5 MB <title> must not become a 5 MB list row.
MAX_TITLE_CHARS = 1_000
MAX_NAME_CHARS = 300
MAX_TAGS = 100
#: The most text (after inlined images are dropped) that a page may hold to be cleaned.
MAX_PAGE_CHARS = 8_000_000
MAX_TEXT_CHARS = 4_000_000
#: The most tags (an HTML page) or lines (a text dump) a page may have; real news pages
#: have under 20,000 tags and a few hundred lines.
MAX_PAGE_TAGS = 250_000
MAX_PAGE_LINES = 100_000
# An inlined image or font: base64 data, long enough to matter.
_DATA_URI = re.compile(r"data:[\w/+.-]*+(?:;[\w.-]++=[\w.-]*+)*+;base64,[A-Za-z0-9+/=]{256,}+")
#: Attributes kept on one tag; the rest of a monstrous tag is dropped.
MAX_ATTRIBUTES = 256
#: A tag shorter than this cannot hold enough attributes to matter (each takes >= 2 chars).
_LONG = 2 * MAX_ATTRIBUTES
# Cheap pre-check: some "<" followed by a long run with no other "<" (quotes may hide ">").
_MAYBE_LONG_TAG = re.compile(f"<[^<]{{{_LONG}}}")
# A start tag with quoted values (which may contain ">" or "<"); possessive, so no
# backtracking blow-up on an unclosed quote.
_START_TAG = re.compile(r"""<([a-zA-Z][a-zA-Z0-9:-]*+)(?=\s)((?:[^<>"']++|"[^"]*+"|'[^']*+')*+)>""")
_ATTRIBUTE = re.compile(r"""\s*+[^\s"'=<>/]++(?:\s*+=\s*+(?:"[^"]*+"|'[^']*+'|[^\s>]++))?+""")


def limit_attributes(html: str, max_attributes: int = MAX_ATTRIBUTES) -> str:
    """``html`` with every start tag cut to its first ``max_attributes`` attributes."""
    if _MAYBE_LONG_TAG.search(html) is None:
        return html

    def shorten(match: re.Match[str]) -> str:
        attributes = match.group(2)
        if len(attributes) < _LONG:
            return match.group(0)
        kept: list[str] = []
        for found in _ATTRIBUTE.finditer(attributes):
            if len(kept) >= max_attributes:
                return f"<{match.group(1)}{''.join(kept)}>"
            kept.append(found.group(0))
        return match.group(0)  # few attributes, only long values: leave it exactly as it was

    return _START_TAG.sub(shorten, html)


def drop_data_uris(html: str) -> str:
    """``html`` with long base64 ``data:`` URIs (inlined images, fonts) emptied to ``data:,``."""
    if "base64," not in html:
        return html
    return _DATA_URI.sub("data:,", html)


def page_too_large(text: str, limit: int = MAX_PAGE_CHARS, *, html: bool = False) -> str | None:
    """Why ``text`` is too large to clean, or None when it is fine.

    Besides its length, the cleaners' cost follows the number of tags (HTML) or lines
    (text): 500,000 ``<br>`` in 2.5 MB take 5 s and 240 MB, so those are capped too.
    """
    if not html:
        limit = min(limit, MAX_TEXT_CHARS)  # the text cleaner costs more per character
    if len(text) > limit:
        return (
            f"page is too large to clean ({len(text) / 1e6:.1f} million characters of text; "
            f"the limit is {limit / 1e6:.0f} million)"
        )
    if html:
        tags = text.count("<")
        if tags > MAX_PAGE_TAGS:
            return f"page has too many tags to clean ({tags:,}; the limit is {MAX_PAGE_TAGS:,})"
    else:
        lines = text.count("\n")
        if lines > MAX_PAGE_LINES:
            return f"page has too many lines to clean ({lines:,}; the limit is {MAX_PAGE_LINES:,})"
    return None


def shorten(text: str, limit: int) -> str:
    """``text`` cut to at most ``limit`` characters, at a word when one is near, with "…"."""
    if len(text) <= limit:
        return text
    cut = text[: max(0, limit - 1)]
    space = cut.rfind(" ")
    if space > limit // 2:
        cut = cut[:space]
    return cut.rstrip() + "…"
