"""The extract stage: bytes or text of one page in, :class:`~reader.models.Extracted` out.

``extract()`` decides by content whether the page is HTML or a plain-text dump and hands
it to the right cleaner. It is a pure function: no I/O.
"""

from __future__ import annotations

from reader.errors import ExtractionError, NotAnArticleError
from reader.models import Extracted
from reader.safety import drop_data_uris, limit_attributes, page_too_large
from reader.sanitize import strip_controls
from reader.sources.sniff import check_article_bytes, decode_bytes, sniff_text


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

        result = extract_html(limit_attributes(text), url=url)
    else:
        from reader.extract.text import extract_text

        result = extract_text(text, url=url)
    if not result.body.strip():
        raise ExtractionError("no article text found", name)
    return result


__all__ = ["extract"]
