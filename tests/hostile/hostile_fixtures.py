"""Builders and checks shared by the hostile tests: hostile pages, article files, assertions."""

from __future__ import annotations

import hashlib
import re
import sqlite3
from collections.abc import Iterator
from pathlib import Path

from hostile_lib import CONTROLS, MARKUP, PWNED_TITLE, distinct_paragraph, hostile, suspects

from reader.library.store import Library
from reader.models import Article

# Styles in `show` with colour forced are the only escape sequences allowed in output.
SGR = re.compile(r"\x1b\[[0-9;]*m")


def article_strings(article: Article) -> Iterator[tuple[str, str]]:
    """Every string of an article with the name of its field."""
    for name in ("source", "url", "title", "outlet", "byline", "body"):
        value = getattr(article, name)
        if value is not None:
            yield name, value
    yield from (("tags", t) for t in article.tags)
    yield from (("countries", c) for c in article.countries)
    for person in article.people:
        yield "people.text", person.text
        yield "people.canonical", person.canonical
    for place in article.places:
        yield "places.text", place.text
        yield "places.kind", place.kind
        if place.country:
            yield "places.country", place.country
    for quote in article.quotes:
        yield "quotes.text", quote.text
        if quote.speaker:
            yield "quotes.speaker", quote.speaker


def assert_library_clean(path: Path) -> int:
    """Every stored string of every article and feed is free of controls; offsets are valid."""
    seen = 0
    with Library(path) as library:
        for article in library.iter_articles():
            seen += 1
            for name, value in article_strings(article):
                assert not suspects(value), (article.id, name, value)
            for span in (*article.people, *article.places, *article.quotes):
                assert 0 <= span.start < span.end <= len(article.body)
                assert article.body[span.start : span.end] == span.text
        for summary in library.summaries(limit=10_000):
            for value in (summary.title, summary.outlet or "", *summary.countries):
                assert not suspects(value), (summary.id, value)
        for feed in library.feeds():
            for value in (feed.url, feed.title or "", feed.last_error or ""):
                assert not suspects(value), (feed.id, value)
    return seen


def assert_output_clean(text: str, *, allow_sgr: bool = False) -> None:
    """No escape sequence (beyond colour styles when allowed), C1, BEL or bidi control."""
    if allow_sgr:
        text = SGR.sub("", text)
    found = suspects(text.replace("\t", " "))
    assert not found, f"control characters reached the output: {found}"


def hostile_html(index: int) -> str:
    """A news page with every metadata field and paragraph carrying markup and controls."""
    mark = hostile(index)
    paragraphs = "".join(
        f"<p>Paragraph {n} about the harbour talks {mark} in Ankara, where ministers from "
        f"several countries met again to argue over shipping lanes and fees. {MARKUP[n % 8]}</p>"
        for n in range(6)
    )
    paragraphs += f"<p>{distinct_paragraph(index)}</p>"
    return (
        "<html><head>"
        f"<title>{PWNED_TITLE} {mark}</title>"
        f'<meta property="og:site_name" content="Outlet {hostile(index + 1)}">'
        f'<meta name="author" content="Reporter {hostile(index + 2)}">'
        f'<meta name="keywords" content="{hostile(index + 3)}, plain tag">'
        '<meta property="article:published_time" content="2024-03-05T10:00:00Z">'
        f'<link rel="canonical" href="https://hostile.example.org/{index}/\x1b[2J">'
        f"</head><body><article><h1>{PWNED_TITLE} {mark}</h1>"
        f'<p class="byline">By Reporter {CONTROLS[index % len(CONTROLS)]}</p>'
        f"{paragraphs}</article></body></html>"
    )


def hostile_feed(count: int) -> str:
    """An RSS feed of ``count`` items, every field carrying markup and controls."""
    items = "".join(
        f"<item><title>Item {n} {hostile(n)}</title>"
        f"<link>https://feed.example.org/{n}</link><guid>g-{n}\x1b[2J</guid>"
        f"<author>Writer {hostile(n + 1)}</author><category>{hostile(n + 2)}</category>"
        f"<description><![CDATA[<p>Body of item {n} {hostile(n + 3)} with enough words to be "
        f"an article about ports and ships. {distinct_paragraph(n + 200)}</p>]]></description>"
        "<pubDate>Tue, 05 Mar 2024 10:00:00 GMT</pubDate></item>"
        for n in range(count)
    )
    return (
        '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>'
        f"<title>Feed {hostile(7)}</title><link>https://feed.example.org/</link>"
        f"{items}</channel></rss>"
    )


def hostile_text(index: int) -> str:
    """A plain-text page dump (menu, title, byline, date, paragraphs), hostile throughout."""
    mark = hostile(index)
    lines = [
        "Home | World | Business",
        f"{PWNED_TITLE} {mark}",
        f"By Reporter {CONTROLS[index % len(CONTROLS)]}",
        "5 Mar 2024 10:00",
        "",
    ]
    lines += [
        f"Paragraph {n} of a plain dump {mark} about the harbour talks, with ministers "
        f"arguing over fees and lanes for a long time. {MARKUP[n % 8]}"
        for n in range(6)
    ]
    lines.append(distinct_paragraph(index + 100))
    return "\n".join(lines) + "\n"


def write_raw(path: Path, text: str) -> Path:
    """Write ``text`` as UTF-8, lone surrogates and controls included; return ``path``."""
    # XML and HTML cannot carry raw C0 controls legally; the files carry them anyway.
    path.write_bytes(text.encode("utf-8", "surrogatepass"))
    return path


def digest(path: Path) -> str:
    """The SHA-256 of a file: proof that it was not written."""
    return hashlib.sha256(path.read_bytes()).hexdigest()


def write_articles(folder: Path, count: int, start: int = 0) -> list[Path]:
    """``count`` distinct plain-text articles (each its own story) in ``folder``."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for n in range(start, start + count):
        text = (
            f"Harbour report number {n} from the port authority\n\n"
            f"Port officials in Izmir said on Monday that shipment {n} had cleared customs "
            f"after a delay of {n % 9 + 2} days, according to the harbour master's office.\n\n"
            f"{distinct_paragraph(n)}\n\n"
            f"The authority expects traffic to return to normal by the end of week {n % 50}, "
            "though dock workers warned that the backlog could take longer to clear.\n"
        )
        path = folder / f"report-{n:05d}.txt"
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths


def integrity_of(path: Path) -> list[str]:
    """What ``PRAGMA integrity_check`` reports on the file as it lies (empty when fine)."""
    conn = sqlite3.connect(path)
    try:
        rows = conn.execute("PRAGMA integrity_check").fetchall()
    finally:
        conn.close()
    return [str(r[0]) for r in rows if str(r[0]) != "ok"]


def library_with_articles(path: Path, tmp_path: Path, count: int = 30) -> None:
    """A library holding ``count`` distinct articles imported through the ingest path."""
    from reader.ingest import import_sources

    with Library(path) as library:
        outcomes = list(
            import_sources(library, [str(p) for p in write_articles(tmp_path / "src", count)])
        )
    assert all(o.status == "added" for o in outcomes)
