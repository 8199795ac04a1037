"""Export articles (usually the bookmarks) as Markdown for reading or JSON for programs.

Markdown is meant to read well as plain text in a pager: no tables, no HTML, short lines
of metadata, and each quotation on its own line with its speaker.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from datetime import datetime

from reader.models import Article, Published
from reader.sanitize import clean_line, strip_controls

# Characters that would start Markdown structure at the beginning of a line.
_LINE_START = re.compile(r"^(\s*)([#>*+\-=|]|\d+[.)])")
# Inline Markdown a hostile article could use: links, images, code, emphasis, raw HTML.
_INLINE = re.compile(r"([\[\]\\`*_<>])")


def _date_text(published: Published | None) -> str | None:
    if published is None:
        return None
    if isinstance(published, datetime):
        return published.strftime("%Y-%m-%d %H:%M")
    return published.isoformat()


def _safe_heading(text: str) -> str:
    """One line of article text made safe to print as a Markdown heading's text."""
    return _inline(text) or "(untitled)"


def _inline(text: str) -> str:
    """One line of article text with no live Markdown: no links, HTML, code or emphasis."""
    return _INLINE.sub(r"\\\1", clean_line(text))


def _safe_para(text: str) -> str:
    """Article text as one Markdown paragraph that cannot open a list, heading or quote."""
    line = _inline(text)
    return _LINE_START.sub(lambda m: f"{m.group(1)}\\{m.group(2)}", line)


def _link(url: str) -> str:
    # Angle brackets keep parentheses and underscores in URLs from being read as Markdown.
    # Only web links become links: a javascript: or file: URL stays inert text.
    if not clean_line(url).lower().startswith(("http://", "https://")):
        return _inline(url)
    return f"<{clean_line(url).replace('>', '%3E').replace(' ', '%20')}>"


def article_markdown(article: Article) -> str:
    """One article as a Markdown section: title, metadata, link, lead, quotes with speakers."""
    lines = [f"## {_safe_heading(article.title)}", ""]
    meta: list[str] = []
    for part in (article.outlet, article.byline, _date_text(article.published)):
        # A feed's byline is often just its outlet's name: say it once.
        if part and _inline(part) and _inline(part) not in meta:
            meta.append(_inline(part))
    if not article.published:
        meta.append("undated")
    lines.append(_LINE_START.sub(lambda m: f"{m.group(1)}\\{m.group(2)}", " · ".join(meta)))
    if article.countries:
        lines.append("Countries: " + ", ".join(_inline(c) for c in article.countries))
    if article.tags:
        lines.append("Tags: " + ", ".join(_inline(t) for t in article.tags))
    source = f"Source: {_inline(article.source)}"
    lines.append(f"Link: {_link(article.url)}" if article.url else source)
    lead = next((p for p in strip_controls(article.body).split("\n\n") if p.strip()), "")
    if lead:
        lines += ["", _safe_para(lead)]
    if article.quotes:
        lines += ["", "Quotes:", ""]
        for quote in article.quotes:
            speaker = _inline(quote.speaker) if quote.speaker else "unattributed"
            lines.append(f"- {_inline(quote.text)} — {speaker}")
    return "\n".join(lines).rstrip() + "\n"


def export_markdown(articles: Iterable[Article], *, title: str = "Broadsheet export") -> str:
    """Articles as one Markdown document, in the order given."""
    sections = [article_markdown(article) for article in articles]
    count = f"{len(sections)} article{'s' if len(sections) != 1 else ''}"
    head = f"# {title}\n\n{count}\n"
    return "\n".join([head, *sections]) if sections else head


def export_json(articles: Iterable[Article]) -> str:
    """Articles as a JSON list of the article contract (``Article.to_json``)."""
    return json.dumps([a.to_json() for a in articles], ensure_ascii=False, indent=2) + "\n"


__all__ = ["article_markdown", "export_json", "export_markdown"]
