"""The headless CLI's output and argument helpers: outcome lines, list tables, articles.

Every string that comes from an article passes through ``strip_controls``/``clean_line``
before it reaches the terminal; `show` builds rich ``Text`` objects with styles, never
markup strings, so article text can never inject markup or escape sequences.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
from collections.abc import Sequence
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from reader.errors import BroadsheetError
from reader.models import Article, ArticleSummary, ImportOutcome, Published
from reader.sanitize import clean_line, strip_controls

if TYPE_CHECKING:
    from reader.sources.files import LocalArticle

PROG = "broadsheet"
#: Styles for `show`: distinct without colour too (bold, underline, italic), per NO_COLOR.
PERSON_STYLE = "bold magenta"
PLACE_STYLE = "underline cyan"
QUOTE_STYLE = "italic"
TITLE_STYLE = "bold"
META_STYLE = "dim"


def line(text: str | None) -> str:
    """Article text made safe for one terminal line."""
    return clean_line(text or "")


def text(value: str | None) -> str:
    """Article text made safe for the terminal, line breaks kept."""
    return strip_controls(value or "")


def write(value: str) -> None:
    """Write to stdout."""
    sys.stdout.write(value)


def save(value: str, output: str | None) -> None:
    """Write ``value`` to the file ``output`` (and say so), or to stdout for None or ``-``."""
    if not output or output == "-":
        write(value)
        return
    try:
        Path(output).expanduser().write_text(value, encoding="utf-8")
    except OSError as exc:
        raise BroadsheetError(exc.strerror or str(exc), output) from None
    notice(f"Wrote {output}")


def error(source: str, reason: str) -> None:
    """One ``broadsheet: <source>: <reason>`` line on stderr.

    A reason that already opens with its source ("since: '2024-13' is not a date", as the
    query language words it for the TUI) is not prefixed twice.
    """
    source, reason = line(source), line(reason)
    if reason.startswith(f"{source}:"):
        sys.stderr.write(f"{PROG}: {reason}\n")
    else:
        sys.stderr.write(f"{PROG}: {source}: {reason}\n")


def notice(message: str) -> None:
    """A message for the person at the terminal, on stderr (stdout may be piped or JSON)."""
    sys.stderr.write(f"{message}\n")


def silence_stdout() -> None:
    """After a broken pipe, send the rest of stdout to /dev/null so exit stays quiet."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass


def print_json(value: Any) -> None:
    """Pretty JSON on stdout."""
    write(json.dumps(value, ensure_ascii=False, indent=2) + "\n")


def print_json_line(value: Any) -> None:
    """One compact JSON object on one line of stdout."""
    write(json.dumps(value, ensure_ascii=False) + "\n")


def date_text(published: Published | None) -> str:
    """A date for lists: ``2023-06-22`` (``2023-06-22 08:38`` for full timestamps)."""
    if published is None:
        return ""
    if isinstance(published, datetime):
        return published.strftime("%Y-%m-%d %H:%M")
    return published.isoformat()


# -- add -----------------------------------------------------------------------------------


def print_outcome(outcome: ImportOutcome, *, as_json: bool = False) -> None:
    """One line per article: ``added #12 Title (source)``; failures on stderr."""
    if as_json:
        print_json_line(
            {
                "source": outcome.source,
                "status": outcome.status,
                "id": outcome.article_id,
                "title": outcome.title,
                "error": outcome.error,
            }
        )
        if outcome.status != "failed":
            return
    if outcome.status == "failed":
        error(outcome.source, outcome.error or "failed")
        return
    number = f"#{outcome.article_id}" if outcome.article_id is not None else ""
    write(f"{outcome.status:<9} {number:>6}  {line(outcome.title)}  ({line(outcome.source)})\n")


# -- list ----------------------------------------------------------------------------------


def print_summaries(summaries: Sequence[ArticleSummary], *, as_json: bool = False) -> None:
    """Summaries as JSON, an aligned table (a terminal), or tab-separated lines (a pipe)."""
    if as_json:
        print_json([s.to_json() for s in summaries])
    elif sys.stdout.isatty():
        for row in table_rows(summaries, shutil.get_terminal_size().columns):
            write(row + "\n")
    else:
        for s in summaries:
            fields = [
                str(s.id),
                date_text(s.published),
                "*" if s.bookmarked else "",
                ",".join(line(c) for c in s.countries),
                line(s.outlet),
                line(s.title),
            ]
            write("\t".join(f.replace("\t", " ") for f in fields) + "\n")


def table_rows(summaries: Sequence[ArticleSummary], width: int) -> list[str]:
    """Rows of an aligned table fitting ``width`` cells; the title takes what is left."""
    from rich.cells import cell_len, set_cell_size

    if not summaries:
        return ["No articles match."]
    header = ("ID", "DATE", "", "COUNTRIES", "OUTLET", "TITLE")
    rows = [
        (
            str(s.id),
            date_text(s.published) or "undated",
            "★" if s.bookmarked else ("•" if not s.read else ""),
            ", ".join(line(c) for c in s.countries),
            line(s.outlet),
            line(s.title),
        )
        for s in summaries
    ]
    caps = (7, 16, 1, 24, 20)
    widths = [min(cap, max(cell_len(r[i]) for r in [header, *rows])) for i, cap in enumerate(caps)]
    used = sum(widths) + 2 * len(widths)
    title_width = max(10, width - used)
    out: list[str] = []
    for row in [header, *rows]:
        cells = [set_cell_size(_ellipsis(row[i], w), w) for i, w in enumerate(widths)]
        cells.append(_ellipsis(row[5], title_width))
        out.append("  ".join(cells).rstrip())
    return out


def _ellipsis(value: str, width: int) -> str:
    from rich.cells import cell_len, set_cell_size

    if cell_len(value) <= width:
        return value
    return set_cell_size(value, max(0, width - 1)) + "…"


# -- show ----------------------------------------------------------------------------------


def article_text(article: Article) -> Any:
    """The article as a rich ``Text``: title, metadata, then the body with highlights."""
    from rich.text import Text

    result = Text()
    result.append(line(article.title) or "(untitled)", style=TITLE_STYLE)
    result.append("\n")
    meta = _unique(article.outlet, article.byline)
    meta.append(date_text(article.published) or "undated")
    result.append(" · ".join(meta), style=META_STYLE)
    if article.countries:
        result.append("\nCountries: " + ", ".join(line(c) for c in article.countries), META_STYLE)
    if article.url:
        result.append("\n" + line(article.url), style=META_STYLE)
    result.append("\n\n")
    result.append_text(body_text(article))
    speakers = sorted({line(q.speaker) for q in article.quotes if q.speaker})
    if speakers:
        result.append("\n\nQuoted: " + ", ".join(speakers), style=META_STYLE)
    return result


def body_text(article: Article) -> Any:
    """The body with people bold, places underlined and quotes in italics (valid spans only)."""
    from rich.text import Text

    body = text(article.body)
    styled = Text(body)
    if body != article.body:
        return styled  # offsets no longer line up; show the safe text unmarked
    spans = [(q.start, q.end, q.text, QUOTE_STYLE) for q in article.quotes]
    spans += [(p.start, p.end, p.text, PLACE_STYLE) for p in article.places]
    spans += [(p.start, p.end, p.text, PERSON_STYLE) for p in article.people]
    for start, end, span_text, style in spans:
        if 0 <= start < end <= len(body) and body[start:end] == span_text:
            styled.stylize(style, start, end)
    return styled


def _unique(*parts: str | None) -> list[str]:
    """Non-empty safe parts, each once (a feed's byline is often its outlet's name)."""
    seen: list[str] = []
    for part in parts:
        if line(part) and line(part) not in seen:
            seen.append(line(part))
    return seen


def print_article(article: Article) -> None:
    """Print one article through a rich Console on stdout (colour only when supported)."""
    from rich.console import Console

    piped = not sys.stdout.isatty()
    console = Console(file=sys.stdout, highlight=False, markup=False, emoji=False, soft_wrap=piped)
    console.print(article_text(article))


# -- extract -------------------------------------------------------------------------------


def extracted_json(name: str, article: LocalArticle) -> dict[str, Any]:
    """One cleaned page as JSON: the contract's page fields plus ``path`` and ``text``."""
    found = article.extracted
    return {
        "path": name,
        "source": article.source,
        "url": article.url,
        "title": found.title,
        "outlet": found.outlet,
        "byline": found.byline,
        "published": found.published.isoformat() if found.published else None,
        "tags": list(found.tags),
        "kind": found.kind.value,
        "body": found.body,
        "text": found.body,
    }


def print_extracted(article: LocalArticle, *, first: bool) -> None:
    """A cleaned page for reading: title, metadata lines, blank line, body."""
    found = article.extracted
    if not first:
        write("\n" + "-" * 40 + "\n\n")
    write(line(found.title) + "\n")
    meta = _unique(found.outlet, found.byline)
    meta.append(date_text(found.published) or "undated")
    write(" · ".join(meta) + "\n")
    if found.tags:
        write("Tags: " + ", ".join(line(t) for t in found.tags) + "\n")
    if article.url:
        write(line(article.url) + "\n")
    write("\n" + text(found.body).rstrip("\n") + "\n")


def positive_int(text: str) -> int:
    """An argparse ``type=``: a whole number of at least 1, with a one-line reason otherwise."""
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number: {text!r}") from None
    if value < 1:
        raise argparse.ArgumentTypeError("must be at least 1")
    return value
