"""Decide what a blob of bytes is, and decode it to text without ever crashing.

Used by every source (files, web, feeds) and by :func:`reader.extract`: the content decides,
the file name or Content-Type only breaks ties.
"""

from __future__ import annotations

import codecs
import re
from typing import Literal

from reader.errors import NotAnArticleError

ContentKind = Literal["html", "text", "feed"]

# Magic numbers of common non-article files, with the name users know them by.
_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"%PDF-", "a PDF document"),
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"RIFF", "a RIFF media file (WebP, WAV or AVI)"),
    (b"PK\x03\x04", "a ZIP archive (or an Office document)"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"BZh", "a bzip2 archive"),
    (b"\xfd7zXZ\x00", "an xz archive"),
    (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive"),
    (b"\x7fELF", "an executable program"),
    (b"MZ", "a Windows executable"),
    (b"SQLite format 3\x00", "an SQLite database"),
    (b"\xd0\xcf\x11\xe0", "an old Office document"),
    (b"ID3", "an MP3 audio file"),
    (b"OggS", "an Ogg media file"),
    (b"\x00\x00\x00\x18ftyp", "an MP4 video"),
    (b"\x00\x00\x00\x20ftyp", "an MP4 video"),
    (b"wOFF", "a web font"),
    (b"wOF2", "a web font"),
)

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

_META_CHARSET = re.compile(
    rb"""<meta[^>]+charset\s*=\s*["']?\s*([a-zA-Z0-9_\-:.]+)""", re.IGNORECASE
)
_XML_ENCODING = re.compile(rb"""^<\?xml[^>]+encoding\s*=\s*["']([a-zA-Z0-9_\-.]+)["']""")
# A document that opens like this is a page, whatever follows.
_HTML_DOCUMENT_START = re.compile(
    r"^\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body)\b", re.IGNORECASE | re.DOTALL
)
_HTML_TAGS = re.compile(
    r"</?(?:p|div|br|a|span|h[1-6]|li|ul|article|section|body|html|head)\b[^>]*>", re.I
)
_FEED_ROOT = re.compile(
    r"^\s*(?:<\?xml[^>]*\?>\s*)?(?:<!--.*?-->\s*|<\?[^>]*\?>\s*|<!DOCTYPE[^>]*>\s*)*<(?:rss|feed|rdf:RDF|RDF)\b",
    re.IGNORECASE | re.DOTALL,
)


def describe_binary(data: bytes) -> str | None:
    """Name the kind of non-article file ``data`` is, or None when it may be text."""
    for magic, name in _MAGIC:
        if data.startswith(magic):
            return name
    if data[4:8] == b"ftyp":
        return "a video or image container"
    return None


def _looks_binary(data: bytes) -> bool:
    """True when the first bytes hold NULs or many control bytes (and no UTF-16/32 BOM)."""
    head = data[:4096]
    if any(head.startswith(bom) for bom, _ in _BOMS):
        return False
    if b"\x00" in head:
        # UTF-16 without a BOM has NULs on every other byte; real binaries do not.
        even, odd = head[0::2], head[1::2]
        return not (even.count(0) > len(even) * 0.4 or odd.count(0) > len(odd) * 0.4)
    controls = sum(1 for b in head if b < 9 or 13 < b < 32)
    return controls > len(head) * 0.1


def _usable_codec(name: str) -> str | None:
    try:
        return codecs.lookup(name.strip()).name
    except LookupError:
        return None


def declared_charset(data: bytes) -> str | None:
    """The charset a page declares in its XML prolog or a ``<meta>`` tag, if it is a real codec."""
    head = data[:4096]
    match = _XML_ENCODING.search(head) or _META_CHARSET.search(head)
    if not match:
        return None
    return _usable_codec(match.group(1).decode("ascii", "replace"))


def _mostly_utf8(data: bytes) -> bool:
    """True when valid multi-byte UTF-8 characters far outnumber invalid byte runs.

    Text in a legacy 8-bit charset almost never forms valid UTF-8 sequences by chance, so a
    file where they dominate is UTF-8 with a few damaged bytes, not cp1252.
    """
    decoded = data[:200_000].decode("utf-8", errors="replace")
    bad = decoded.count("\ufffd")
    good = sum(1 for char in decoded if char > "\x7f") - bad
    return good >= 3 * bad


def decode_bytes(data: bytes, hint: str | None = None) -> str:
    """Decode ``data`` to text; never raises on bad bytes.

    Order: a BOM; UTF-16 without BOM; strict UTF-8; the ``hint`` (an HTTP charset); the page's
    declared charset; UTF-8 with replacement when the text is mostly valid UTF-8 (a few bad
    bytes in a UTF-8 file); charset-normalizer's guess; cp1252; UTF-8 with replacement.
    """
    for bom, codec in _BOMS:
        if data.startswith(bom):
            return data[len(bom) :].decode(codec, errors="replace")
    head = data[:4096]
    if b"\x00" in head and not _looks_binary(data):
        codec = "utf-16-le" if head[1::2].count(0) > head[0::2].count(0) else "utf-16-be"
        return data.decode(codec, errors="replace")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    for name in (hint, declared_charset(data)):
        declared = _usable_codec(name) if name else None
        if declared and declared not in {"utf-8", "utf-16-le", "utf-16-be", "utf-16", "utf-32"}:
            try:
                return data.decode(declared)
            except (UnicodeDecodeError, LookupError):
                pass
    if _mostly_utf8(data):
        return data.decode("utf-8", errors="replace")
    try:
        from charset_normalizer import from_bytes

        best = from_bytes(data[:200_000]).best()
        if best is not None and best.encoding not in {"utf_8", "ascii"}:
            return data.decode(best.encoding, errors="replace")
    except (ImportError, LookupError):  # pragma: no cover - an optional helper
        pass
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError:
        return data.decode("utf-8", errors="replace")


def sniff_text(text: str) -> ContentKind:
    """Classify decoded text as an HTML page, an RSS/Atom feed, or plain text.

    A page fragment (no ``<html>``) counts as HTML only when tags sit on a good share of its
    lines: a text dump of a page can open with a leftover tracking-pixel ``<img>`` or ``<div>``
    line and still be a dump.
    """
    head = text[:8192].lstrip("\ufeff")
    if _FEED_ROOT.match(head):
        return "feed"
    if _HTML_DOCUMENT_START.match(head):
        return "html"
    sample = text[:50_000]
    lines = [line for line in sample.splitlines() if line.strip()]
    tagged = sum(1 for line in lines if _HTML_TAGS.search(line))
    if "<" in head[:200] and tagged >= 2 and tagged >= 0.5 * len(lines):
        return "html"
    return "text"


def check_article_bytes(data: bytes, source: str) -> None:
    """Raise :class:`NotAnArticleError` naming ``source`` when ``data`` cannot be an article."""
    if not data.strip():
        raise NotAnArticleError(
            "empty file" if data == b"" else "no text, only white space", source
        )
    kind = describe_binary(data)
    if kind:
        raise NotAnArticleError(f"not an article: this is {kind}", source)
    if _looks_binary(data):
        raise NotAnArticleError("not an article: binary data, not text", source)
