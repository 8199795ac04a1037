"""The extract stage: bytes or text of one page in, :class:`~reader.models.Extracted` out.

``extract()`` decides by content whether the page is HTML or a plain-text dump and hands
it to the right cleaner. It is a pure function: no I/O.
"""

from __future__ import annotations

import re

from reader.errors import ExtractionError, NotAnArticleError
from reader.models import Extracted, SourceKind
from reader.safety import drop_data_uris, limit_attributes, page_too_large
from reader.sanitize import strip_controls
from reader.sources.sniff import check_article_bytes, decode_bytes, sniff_text

_TITLE = re.compile(r"<title\b[^<>]*>([^<]*)</title\s*>", re.I)
_BLOCK_TAG = re.compile(
    r"</?(?:p|div|h[1-6]|li|ul|ol|br|hr|article|section|blockquote|pre|tr|table|dd|dt)\b[^<>]*>",
    re.I,
)
_INVISIBLE_OPEN = re.compile(r"<(script|style|noscript|template)\b", re.I)
_ANY_TAG = re.compile(r"<[^<>]*>")


def extract(
    data: bytes | str,
    url: str | None = None,
    *,
    source: str | None = None,
    charset: str | None = None,
) -> Extracted:
    """Clean one page (saved HTML or a plain-text dump) and read its metadata.

    Args:
        data: the page, as bytes (any encoding) or already-decoded text.
        url: where the page came from; resolves relative links, names the outlet.
        source: how to name the page in errors (a path or URL); defaults to ``url``.
        charset: an encoding hint, such as an HTTP Content-Type charset.

    Returns:
        The title, outlet, byline, published date, body and the page's own tags.

    Raises:
        NotAnArticleError: the data is empty, binary, or a feed rather than a page.
        ExtractionError: no article text could be found.
    """
    name = source or url or "<input>"
    if isinstance(data, bytes):
        check_article_bytes(data, name)
        text = decode_bytes(data, charset)
    else:
        text = data
    text = strip_controls(text)
    if not text.strip():
        raise NotAnArticleError("no text", name)
    kind = sniff_text(text)
    if kind == "html":
        text = drop_data_uris(text)
    too_large = page_too_large(text, html=kind == "html")
    if too_large:
        raise NotAnArticleError(too_large, name)
    if kind == "feed":
        raise NotAnArticleError(
            "this is an RSS/Atom feed, not a page (use `broadsheet feed add`)", name
        )
    if kind == "html":
        from reader.extract.html import extract_html

        try:
            result = extract_html(limit_attributes(text), url=url)
        except ExtractionError:
            fallback = _too_deep_fallback(text, url)
            if fallback is None:
                raise
            result = fallback
    else:
        from reader.extract.text import extract_text

        result = extract_text(text, url=url)
    if not result.body.strip():
        raise ExtractionError("no article text found", name)
    return result


def _too_deep_fallback(html: str, url: str | None) -> Extracted | None:
    """The text of a page nested deeper than libxml2 will go (it drops everything past 256
    levels), cleaned as a text dump; None when depth is not why the page had no text."""
    import lxml.html

    parser = lxml.html.HTMLParser(recover=True)
    try:
        lxml.html.document_fromstring(html.encode("utf-8", "replace"), parser=parser)
    except Exception:  # lxml raises several types on junk; then depth is not the problem
        return None
    if not any("excessive depth" in entry.message.lower() for entry in parser.error_log):
        return None
    import html as entities

    from reader.sanitize import clean_line

    # Without a tree, linear regular expressions (no tag spans another "<") make the text:
    # blocks become paragraphs, invisible elements go, the <title> is the title.
    title = _TITLE.search(html)
    rest = _drop_invisible(html[title.end() if title else 0 :])
    text = entities.unescape(_ANY_TAG.sub(" ", _BLOCK_TAG.sub("\n\n", rest)))
    paragraphs = [" ".join(part.split()) for part in text.split("\n\n")]
    paragraphs = [p for p in paragraphs if p]
    if not paragraphs:
        return None
    heading = clean_line(entities.unescape(title.group(1))) if title else ""
    if not heading:
        first = clean_line(paragraphs[0])
        heading = first if len(first) <= 80 else first[:80].rsplit(" ", 1)[0] + "…"
    return Extracted(
        title=heading,
        body=strip_controls("\n\n".join(paragraphs)),
        url=url,
        kind=SourceKind.HTML,
    )


def _drop_invisible(html: str) -> str:
    """``html`` without script, style, noscript and template elements (an unclosed one runs
    to the end), in one linear pass."""
    lower = html.lower()
    parts: list[str] = []
    pos = 0
    while (found := _INVISIBLE_OPEN.search(html, pos)) is not None:
        parts.append(html[pos : found.start()])
        end = lower.find(f"</{found.group(1).lower()}", found.end())
        if end == -1:
            return " ".join(parts)
        close = html.find(">", end)
        pos = len(html) if close == -1 else close + 1
    parts.append(html[pos:])
    return " ".join(parts)


__all__ = ["extract"]
