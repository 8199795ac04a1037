"""The HTML cleaner: a saved or fetched page in, the article's text and metadata out.

readability-lxml picks the element that holds the article. Its own sanitiser is replaced
by :mod:`reader.extract.html_clean`, which keeps in-article headings and lists and drops
bylines, timestamps, captions, share bars, tag lists and "related" link lists. The page is
parsed once: metadata is read first, then readability works on a copy of the tree.
"""

from __future__ import annotations

import functools
import re
from typing import Any

from reader.errors import ExtractionError
from reader.extract.metadata import PageMetadata, read_metadata
from reader.models import Extracted, SourceKind
from reader.sanitize import clean_line, strip_controls

# Elements removed before anything else looks at the tree: never article text.
_STRIP_TAGS = ("script", "style", "noscript", "template", "link", "svg", "math", "head")
_HIDDEN_STYLE = re.compile(r"(?:^|;)\s*(?:display\s*:\s*none|visibility\s*:\s*hidden)", re.I)
_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*>", re.I)
_WORD = re.compile(r"\w+")


def parse_html(html: str, source: str | None = None) -> Any:
    """Parse ``html`` into an lxml document tree; raise ExtractionError if it is not HTML."""
    import lxml.etree
    import lxml.html

    # Parsing UTF-8 bytes with a UTF-8 parser sidesteps lxml's refusal of str input that
    # carries an XML encoding declaration, and any charset meta tag that disagrees.
    data = _XML_DECLARATION.sub("", html, count=1).encode("utf-8", "replace")
    parser = lxml.html.HTMLParser(encoding="utf-8", remove_comments=True, remove_pis=True)
    try:
        root = lxml.html.document_fromstring(data, parser=parser)
    except (lxml.etree.ParserError, lxml.etree.XMLSyntaxError, ValueError) as exc:
        raise ExtractionError(f"unreadable HTML ({exc})", source) from None
    if root is None:
        raise ExtractionError("unreadable HTML", source)
    return root


def _strip_invisible(root: Any) -> None:
    """Remove scripts, styles and hidden elements: nothing a reader would see."""
    import lxml.etree

    lxml.etree.strip_elements(root, *_STRIP_TAGS, with_tail=False)
    for el in root.xpath("//*[@hidden or @style or @aria-hidden='true']"):
        hidden = el.get("hidden") is not None or _HIDDEN_STYLE.search(el.get("style") or "")
        # aria-hidden marks icons too; only whole blocks hidden from readers are furniture.
        screen_only = el.get("aria-hidden") == "true" and el.tag in ("div", "section", "ul")
        if (hidden or screen_only) and el.getparent() is not None:
            el.drop_tree()


# Never dropped by the first pass: the page frame, inline words inside sentences, and
# quotations (an embedded post quoted in a story is part of the story).
_KEEP_IN_FIRST_PASS = frozenset(
    [
        "html",
        "body",
        "a",
        "span",
        "em",
        "strong",
        "b",
        "i",
        "u",
        "small",
        "sup",
        "sub",
        "abbr",
        "code",
        "cite",
        "q",
        "mark",
        "time",
        "font",
        "img",
        "blockquote",
        "tr",
        "td",
        "th",
    ]
)


def _holds_article(elem: Any) -> bool:
    """True when ``elem`` is inside code or wraps the page's main or article element."""
    inside_code = next(elem.iterancestors("pre", "code"), None) is not None
    return inside_code or next(elem.iter("main", "article", "math"), None) is not None


def _make_picker(root: Any, url: str | None) -> Any:
    """A readability Document that reads the parsed ``root`` and cleans with our rules."""
    return _picker_class()(root, url=url, retry_length=200)


@functools.cache
def _picker_class() -> Any:
    """Build the readability subclass once, on first use (readability loads lazily)."""
    import copy

    from readability import Document
    from readability.readability import REGEXES

    from reader.extract.html_blocks import climb_to_article, link_density, text_length
    from reader.extract.html_clean import clean_article

    class _ArticlePicker(Document):  # type: ignore[misc]
        """readability's candidate scoring with a faster tree set-up and our own cleaning."""

        article: Any = None
        look_alikes = 0

        def _parse(self, input: Any) -> Any:
            # ``input`` is our parsed, stripped tree; readability mutates what it gets and
            # may start again, so every pass works on a fresh copy.
            return copy.deepcopy(input)

        def get_link_density(self, elem: Any) -> float:
            total = text_length(elem)
            if not total:
                return 0.0
            return sum(text_length(a) for a in elem.iter("a")) / total

        def remove_unlikely_candidates(self) -> None:
            # readability's first pass drops every element whose class or id sounds like
            # furniture ("popup", "header"), inline words in a sentence included; only
            # blocks are dropped here, so that a linked phrase keeps its place in the text.
            unlikely = REGEXES["unlikelyCandidatesRe"]
            maybe = REGEXES["okMaybeItsACandidateRe"]
            for elem in list(self.html.iter()):
                tag = elem.tag
                if not isinstance(tag, str) or tag in _KEEP_IN_FIRST_PASS:
                    continue
                feature = f"{elem.get('class') or ''} {elem.get('id') or ''}"
                if len(feature) < 3 or not unlikely.search(feature) or maybe.search(feature):
                    continue
                if elem.getparent() is None or _holds_article(elem):
                    continue
                elem.drop_tree()

        def select_best_candidate(self, candidates: Any) -> Any:
            best = super().select_best_candidate(candidates)
            if best is None:
                return None
            self.look_alikes = _look_alikes(best, candidates)
            elem = climb_to_article(best["elem"])
            if elem is best["elem"]:
                return best
            # The wider element inherits the score, so the sibling rules stay as strict.
            candidate = candidates.get(elem) or self.score_node(elem)
            candidate["content_score"] = max(candidate["content_score"], best["content_score"])
            candidates[elem] = candidate
            return candidate

        def merge_article_segments(
            self, candidates: Any, best_candidate: Any, score_threshold: float
        ) -> None:
            # A block that repeats the pick's exact classes and reads like prose is another
            # segment of the same story (split by an image, an ad or a rule), even when it
            # scores low (a short segment) or not at all (a list without paragraphs).
            best = best_candidate["elem"]
            classes = set((best.get("class") or "").split())
            content = {name for name in classes if REGEXES["positiveRe"].search(name)}
            for elem in self.html.iter(best.tag) if classes else ():
                others = set((elem.get("class") or "").split())
                if elem is best or not (others == classes or content & others):
                    continue
                size = text_length(elem)
                if size < 20 or link_density(elem, size) > 0.2:
                    continue
                candidate = candidates.setdefault(elem, {"content_score": 0.0, "elem": elem})
                candidate["content_score"] = max(candidate["content_score"], score_threshold)
            super().merge_article_segments(candidates, best_candidate, score_threshold)

        def sanitize(self, node: Any, candidates: Any, keep_all_images: bool = False) -> str:
            scores = {el: c["content_score"] for el, c in candidates.items()}
            clean_article(node, scores)
            self.article = node
            # summary() retries leniently when this is short: give it the text it would see.
            return " ".join(node.text_content().split())

    return _ArticlePicker


def _look_alikes(best: Any, candidates: Any) -> int:
    """How many other candidates share the pick's tag and classes and score near it."""
    elem = best["elem"]
    classes = elem.get("class")
    if not classes or not _in_item_list(elem):
        return 0
    floor = 0.5 * best["content_score"]
    return sum(
        1
        for other, candidate in candidates.items()
        if other is not elem
        and other.tag == elem.tag
        and other.get("class") == classes
        and candidate["content_score"] >= floor
    )


def _in_item_list(elem: Any) -> bool:
    """True when the pick sits in one item of a list of items (<li> or <article>)."""
    items = (n for n in (elem, *elem.iterancestors())[:5] if n.tag in ("li", "article"))
    return any(
        n.getparent() is not None and len(n.getparent().findall(n.tag)) >= _TEASER_LOOK_ALIKES
        for n in items
    )


def _is_teaser(look_alikes: int, paragraphs: list[str]) -> bool:
    """True when the pick is one short item among many like it: a front or section page.

    A story may be cut into segments that look alike, but they are merged into the pick
    and make a long text; a front page's teasers each stand alone and are short.
    """
    return look_alikes >= _TEASER_LOOK_ALIKES and sum(map(len, paragraphs)) < _TEASER_MAX_CHARS


_TEASER_LOOK_ALIKES = 4
_TEASER_MAX_CHARS = 600


def _norm(text: str) -> str:
    return " ".join(_WORD.findall(text.lower()))


def _post_process(paragraphs: list[str], kinds: list[str], meta: PageMetadata) -> list[str]:
    """Drop the title line, furniture lines, orphan headings and repeats."""
    from reader.extract.html_furniture import is_furniture_line

    title_key = _norm(meta.title or "")
    items = list(zip(paragraphs, kinds, strict=True))
    # No title line at the top: a heading (or first line) equal to the title goes.
    for index, (text, _kind) in enumerate(items[:4]):
        if title_key and _norm(text) == title_key:
            del items[index]
            break
    else:
        if items and title_key and _is_headline(items[0], set(title_key.split())):
            del items[0]
    kept: list[tuple[str, str]] = []
    count = len(items)
    for index, (text, kind) in enumerate(items):
        near_edge = index < 6 or index >= count - 3
        if kind == "p" and is_furniture_line(text, near_edge):
            continue
        kept.append((text, kind))
    # Headings left at the end head something that was removed (related links, a share bar).
    while kept and kept[-1][1].startswith("h") and any(not k.startswith("h") for _t, k in kept):
        kept.pop()
    result = [text for text, _kind in kept]
    return result


def _is_headline(item: tuple[str, str], title_words: set[str]) -> bool:
    """True for a top heading that is the headline in other words, or a piece of it.

    A heading made only of the title's words is a piece set apart (a name over the rest
    of the headline); a top-level heading sharing most of its words with the title is the
    headline reworded for the page (the title being the version for search engines).
    """
    text, kind = item
    words = set(_norm(text).split())
    if not kind.startswith("h") or not words:
        return False
    shared = len(words & title_words) / len(words)
    return words < title_words or (kind == "h1" and shared >= _HEADLINE_SHARE)


_HEADLINE_SHARE = 0.7


def _first_line(article: Any) -> int | None:
    """The source line where the article's text starts."""
    for el in article.iter():
        if isinstance(el.tag, str) and el.sourceline and (el.text or "").strip():
            return int(el.sourceline)
    return None


def _extract(html: str, url: str | None) -> tuple[PageMetadata, list[str], str | None]:
    from reader.extract.html_text import element_paragraphs
    from reader.extract.metadata import find_standfirst

    root = parse_html(html, url)
    meta = read_metadata(root, url)
    _strip_invisible(root)
    standfirst, standfirst_line = find_standfirst(root, meta.description)
    picker = _make_picker(root, url)
    try:
        picker.summary(html_partial=True)
    except Exception:  # readability wraps every internal failure in Unparseable
        return meta, [], None
    if picker.article is None:
        return meta, [], None
    paragraphs, kinds = element_paragraphs(picker.article)
    if _is_teaser(picker.look_alikes, paragraphs):
        return meta, [], None
    paragraphs = _post_process(paragraphs, kinds, meta)
    # The standfirst goes first when it sits above the body and the body lacks it.
    if standfirst and paragraphs:
        key = _norm(standfirst)
        start = _first_line(picker.article)
        before = start is None or standfirst_line is None or standfirst_line <= start
        fresh = key != _norm(meta.title or "") and not any(key in _norm(p) for p in paragraphs[:6])
        if key and before and fresh:
            return meta, [standfirst, *paragraphs], standfirst
        if key and _norm(paragraphs[0]) == key:
            return meta, paragraphs, paragraphs[0]
    return meta, paragraphs, None


def body_text(html: str, url: str | None = None) -> str:
    """The article text of ``html`` alone (the benchmark's entry point); empty when none."""
    try:
        _meta, paragraphs, _standfirst = _extract(html, url)
    except ExtractionError:
        return ""
    return "\n\n".join(paragraphs)


def extract_html(html: str, url: str | None = None) -> Extracted:
    """Clean one HTML page: the article body and the page's metadata.

    Raises:
        ExtractionError: the page is not parseable HTML or holds no article text.
    """
    meta, paragraphs, standfirst = _extract(html, url)
    body = strip_controls("\n\n".join(paragraphs)).strip()
    if not _WORD.search(body):
        raise ExtractionError("no article text found", url)
    title = meta.title or _fallback_title(paragraphs)
    return Extracted(
        title=clean_line(title),
        body=body,
        outlet=meta.outlet,
        byline=meta.byline,
        published=meta.published,
        tags=list(meta.tags),
        url=meta.canonical_url or url,
        kind=SourceKind.HTML,
        standfirst=standfirst,
        language=meta.language,
    )


def _fallback_title(paragraphs: list[str]) -> str:
    """The start of the first paragraph, cut at a word, when the page names no title."""
    first = clean_line(paragraphs[0]) if paragraphs else ""
    if len(first) <= 80:
        return first
    return first[:80].rsplit(" ", 1)[0] + "…"
