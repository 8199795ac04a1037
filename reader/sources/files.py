"""Local sources: expand files and folders, read them safely, turn each into articles.

A saved HTML page or a plain-text dump is one article; a saved RSS/Atom file is one article
per item. The content decides the type; the file name only says which files in a folder
are worth trying. Every expected failure is a :class:`~reader.errors.SourceError` naming
the path.
"""

from __future__ import annotations

import errno
import os
import re
import stat
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from reader.errors import BroadsheetError, ExtractionError, NotAnArticleError, SourceError
from reader.models import Extracted, SourceKind
from reader.sanitize import clean_line, strip_controls
from reader.sources.sniff import check_article_bytes, decode_bytes, sniff_text

if TYPE_CHECKING:
    from reader.sources.feeds import FeedItem

#: Files larger than this are refused before they are read (no news page comes close).
MAX_FILE_BYTES = 20 * 1024 * 1024
#: Suffixes tried when walking a folder (an explicitly named file is always tried).
PAGE_SUFFIXES = frozenset({".html", ".htm", ".xhtml", ".txt", ""})
FEED_SUFFIXES = frozenset({".xml", ".rss", ".atom"})
CANDIDATE_SUFFIXES = PAGE_SUFFIXES | FEED_SUFFIXES
_TAG = re.compile(r"</?[a-zA-Z][^>]*>")


@dataclass(frozen=True, slots=True)
class LocalArticle:
    """One article found in a local file: what to store and under which source and URL."""

    source: str
    extracted: Extracted
    url: str | None = None


def _os_reason(exc: OSError) -> str:
    """A short, familiar reason for an OS error ("No such file or directory")."""
    if exc.errno is not None and exc.strerror:
        return exc.strerror
    return str(exc) or type(exc).__name__


def source_error(exc: OSError, path: str | os.PathLike[str]) -> SourceError:
    """Wrap an OS error as a SourceError naming ``path``."""
    return SourceError(_os_reason(exc), str(path))


def is_candidate(path: Path) -> bool:
    """True when a file met while walking a folder may hold articles (by its suffix)."""
    return path.suffix.lower() in CANDIDATE_SUFFIXES


def _hidden(name: str) -> bool:
    return name.startswith(".")


def _browser_assets(name: str, siblings: set[str]) -> bool:
    """True for the ``Page_files`` folder a browser saves beside ``Page.html``."""
    if not name.endswith("_files"):
        return False
    stem = name[: -len("_files")]
    return any(f"{stem}{suffix}" in siblings for suffix in (".html", ".htm", ".xhtml"))


def _walk(root: Path) -> Iterator[Path]:
    """Candidate files under ``root``, sorted, recursively; hidden entries skipped.

    Symlinked folders are followed once each: a loop (a link to an ancestor) is visited no
    more than one time, keyed by device and inode.
    """
    seen: set[tuple[int, int]] = set()
    stack: list[Path] = [root]
    found: list[Path] = []
    while stack:
        folder = stack.pop()
        try:
            info = folder.stat()
        except OSError:
            continue
        key = (info.st_dev, info.st_ino)
        if key in seen:
            continue
        seen.add(key)
        try:
            entries = sorted(os.scandir(folder), key=lambda e: e.name)
        except OSError:
            if folder == root:
                raise
            continue
        names = {entry.name for entry in entries}
        for entry in entries:
            if _hidden(entry.name):
                continue
            try:
                is_dir = entry.is_dir(follow_symlinks=True)
                is_file = entry.is_file(follow_symlinks=True)
            except OSError:
                continue
            path = Path(entry.path)
            if is_dir:
                if not _browser_assets(entry.name, names):
                    stack.append(path)
            elif is_file and is_candidate(path):
                found.append(path)
    found.sort(key=lambda p: p.parts)
    return iter(found)


def expand_paths(paths: Sequence[str | os.PathLike[str]]) -> Iterator[Path | SourceError]:
    """Expand files and folders (recursively) into files, in order, each one once.

    Yields a :class:`SourceError` in place of an argument that cannot be used (missing,
    unreadable, a folder with no candidate files) so that the caller can report it and go on.
    """
    emitted: set[Path] = set()
    for raw in paths:
        path = Path(raw).expanduser()
        try:
            info = path.stat()
        except OSError as exc:
            yield source_error(exc, raw)
            continue
        except ValueError:  # a NUL character (a line read from stdin or pasted in the app)
            yield SourceError("not a valid path: it contains a NUL character", str(raw))
            continue
        if stat.S_ISDIR(info.st_mode):
            try:
                files = list(_walk(path))
            except OSError as exc:
                yield source_error(exc, raw)
                continue
            if not files:
                yield SourceError("is a directory with no articles", str(raw))
            for file in files:
                key = file.resolve()
                if key not in emitted:
                    emitted.add(key)
                    yield file
        else:
            key = path.resolve()
            if key not in emitted:
                emitted.add(key)
                yield path


def read_file_bytes(path: str | os.PathLike[str], *, limit: int = MAX_FILE_BYTES) -> bytes:
    """Read a regular file, refusing folders, devices, pipes and anything over ``limit`` bytes.

    Raises:
        SourceError: the file is missing, unreadable, not a regular file, or too large.
    """
    name = str(path)
    try:
        info = os.stat(path)
    except OSError as exc:
        raise source_error(exc, name) from None
    if stat.S_ISDIR(info.st_mode):
        raise SourceError(os.strerror(errno.EISDIR), name)
    if not stat.S_ISREG(info.st_mode):
        # Opening a FIFO would block forever; a device could be endless.
        raise SourceError("not a regular file", name)
    if info.st_size > limit:
        raise SourceError(_too_large(info.st_size, limit), name)
    try:
        with open(path, "rb") as handle:
            data = handle.read(limit + 1)
    except OSError as exc:
        raise source_error(exc, name) from None
    if len(data) > limit:  # the file grew while we looked at it
        raise SourceError(_too_large(len(data), limit), name)
    return data


def _too_large(size: int, limit: int) -> str:
    mb = 1024 * 1024
    return f"file is too large ({size / mb:.1f} MB; the limit is {limit / mb:.0f} MB)"


def articles_from_bytes(
    data: bytes, source: str, *, is_feed_file: bool = False
) -> list[LocalArticle]:
    """Turn the bytes of one local file into articles: one for a page, one per feed item.

    Raises:
        NotAnArticleError: empty, binary, a PDF or an image.
        ExtractionError, FeedError: nothing readable in it.
    """
    check_article_bytes(data, source)
    text = decode_bytes(data)
    kind = sniff_text(text)
    if kind == "feed" or (is_feed_file and kind != "html"):
        return articles_from_feed(data, source)
    from reader.extract import extract

    extracted = extract(text, source=source)
    return [LocalArticle(source=source, extracted=extracted, url=extracted.url)]


def load_file(path: str | os.PathLike[str]) -> list[LocalArticle]:
    """Read one local file and clean it into articles (see :func:`articles_from_bytes`)."""
    data = read_file_bytes(path)
    source = str(Path(path).resolve())
    suffix = Path(path).suffix.lower()
    try:
        return articles_from_bytes(data, source, is_feed_file=suffix in FEED_SUFFIXES)
    except BroadsheetError as exc:
        # Name the file as the user typed it, not the resolved path.
        exc.title = str(path)
        raise


def articles_from_feed(data: bytes, source: str) -> list[LocalArticle]:
    """Each item of a saved RSS/Atom file as an article; items with no text are skipped."""
    try:
        from reader.sources.feeds import parse_feed
    except ImportError:
        raise SourceError("feed files are not supported in this build", source) from None
    parsed = parse_feed(data, source=source)
    if parsed.link and any(not item.link for item in parsed.items):
        # A saved feed has no URL of its own: its <link> is the best base for relative links.
        parsed = parse_feed(data, base_url=parsed.link, source=source)
    articles: list[LocalArticle] = []
    for index, item in enumerate(parsed.items, start=1):
        link = item.link
        extracted = feed_item_article(item, outlet=parsed.title, link=link)
        if extracted is None:
            continue
        key = item.guid or link or str(index)
        articles.append(LocalArticle(source=f"{source}#{key}", extracted=extracted, url=link))
    if not articles:
        raise NotAnArticleError("the feed has no items with text", source)
    return articles


def feed_item_article(
    item: FeedItem, *, outlet: str | None = None, link: str | None = None
) -> Extracted | None:
    """Clean one feed item's content (or summary) as HTML; metadata comes from the item."""
    fragment = item.content or item.summary or ""
    if not fragment.strip():
        return None
    link = link or item.link
    body = _fragment_body(fragment, link)
    if not body:
        return None
    return Extracted(
        title=clean_line(item.title or "") or _first_words(body),
        body=body,
        outlet=clean_line(outlet) if outlet else None,
        byline=clean_line(item.author) if item.author else None,
        published=item.published,
        tags=[clean_line(tag) for tag in item.tags if clean_line(tag)],
        url=link,
        kind=SourceKind.FEED,
    )


def _fragment_body(fragment: str, url: str | None) -> str:
    """The text of an item's HTML: the HTML cleaner's, unless it dropped most of it."""
    plain = _flatten_fragment(fragment)
    if not _TAG.search(fragment):
        return plain  # the feed parser already gave text, paragraphs and all
    try:
        from reader.extract.html import extract_html

        cleaned = extract_html(f"<html><body><article>{fragment}</article></body></html>", url=url)
        body = strip_controls(cleaned.body).strip()
    except (ImportError, ExtractionError):
        body = ""
    # Readability is tuned for whole pages: on a short fragment it can discard real
    # paragraphs, so keep the plain flattening when the cleaner lost most of the words.
    if len(body.split()) >= 0.6 * len(plain.split()):
        return body
    return plain


def _flatten_fragment(fragment: str) -> str:
    """Paragraph text of an HTML fragment: block elements become blank-line-separated paragraphs."""
    if not _TAG.search(fragment):
        plain = [" ".join(p.split()) for p in fragment.split("\n\n")]
        return strip_controls("\n\n".join(p for p in plain if p))
    import lxml.html

    from reader.safety import limit_attributes

    try:
        root = lxml.html.fragment_fromstring(limit_attributes(fragment), create_parent="div")
    except Exception:  # lxml raises several types on junk; the text is all we need
        return " ".join(strip_controls(fragment).split())
    for bad in root.xpath(".//script|.//style|.//noscript|.//iframe|.//form"):
        bad.drop_tree()
    blocks = {"p", "li", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre", "dd", "dt"}
    paras: list[str] = []
    for element in root.iter():
        if element.tag in blocks and not any(a.tag in blocks for a in element.iterancestors()):
            text = " ".join(element.text_content().split())
            if text:
                paras.append(text)
    if not paras:
        text = " ".join(root.text_content().split())
        paras = [text] if text else []
    return strip_controls("\n\n".join(paras))


def _first_words(body: str, count: int = 10) -> str:
    words = body.split()
    return " ".join(words[:count]) + (" …" if len(words) > count else "")
