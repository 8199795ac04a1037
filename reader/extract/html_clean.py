"""Clean the article element readability picked: drop what is not the article, keep the rest.

Readability's own sanitiser throws away in-article headings whose text is a link (section
anchors), lists, and whole sections with a few links; and it keeps bylines, timestamps,
captions, share bars, tag lists and "related" link lists. These rules replace it. They key on
structure (link density, text length, element kinds) and on generic class/id words that
sites use for page furniture, never on one site's names.
"""

from __future__ import annotations

import re
from typing import Any

from reader.extract.html_blocks import (
    drop,
    drop_alt_captions,
    drop_with_lead_in,
    image_alts,
    is_sentence,
    link_density,
    list_in_story,
    text_length,
)
from reader.extract.html_furniture import is_furniture_heading
from reader.extract.html_text import HEADING_TAGS

__all__ = ["DROP_CAPTIONS", "class_weight", "clean_article", "link_density", "text_length"]

# Elements that never hold article prose.
_ALWAYS_DROP = (
    "form",
    "button",
    "input",
    "select",
    "textarea",
    "iframe",
    "object",
    "embed",
    "nav",
    "aside",
    "footer",
    "canvas",
    "audio",
    "video",
    "picture",
    "dialog",
    "menu",
)
# ARIA roles of navigation, asides, menus and notes ("Main article: ..." pointers).
_ROLES = "navigation complementary contentinfo search menu menubar toolbar dialog note"
_FURNITURE_ROLES = ".//*[{}]".format(" or ".join(f"@role='{r}'" for r in _ROLES.split()))
# Page furniture named by class or id. Distinctive words count anywhere in a class name
# ("articleByline", "share-bar"); short or common words only as a whole word of it, so
# that "overflow-hidden" or "blueprint" are not mistaken for furniture.
_FURNITURE_PART_RE = re.compile(
    r"byline|by-line|timestamp|newsletter|outbrain|taboola|breadcrumb|"
    r"disqus|sharing|sharebar|share-?tools|social|related|recommend|subscribe|signup|"
    r"sign-up|sponsor|advert|promo|gallery|slideshow|carousel|paywall|tag-?list|"
    r"screen-reader|sr-only|visually-hidden|more-stories|read-?more|most-read",
    re.IGNORECASE,
)
_FURNITURE_WORDS = frozenset(
    [
        "author",
        "authors",
        "contributor",
        "contributors",
        "date",
        "time",
        "meta",
        "info",
        "tag",
        "tags",
        "kicker",
        "credit",
        "credits",
        "ad",
        "ads",
        "share",
        "shares",
        "print",
        "email",
        "follow",
        "donate",
        "comment",
        "comments",
        "topics",
        "keywords",
        "categories",
        "popular",
        "trending",
        "pagination",
        "pager",
        "toolbar",
        "skip",
        "hidden",
        "published",
        "posted",
        "updated",
        "label",
        "rating",
        "like",
        "likes",
    ]
)
_CLASS_WORD_SPLIT = re.compile(r"[^A-Za-z0-9]+|(?<=[a-z])(?=[A-Z])")
# A class that names the article body itself outweighs a furniture word beside it.
_BODY_RE = re.compile(
    r"article-?body|articlebody|story-?body|post-?body|entry-?content|post-?content|"
    r"article-?content|article-?text|story-?text|body-?text|prose|main-?content",
    re.IGNORECASE,
)
_POSITIVE_RE = re.compile(
    r"article|body|content|entry|hentry|main|page|post|text|blog|story", re.IGNORECASE
)
_NEGATIVE_RE = re.compile(
    r"combx|comment|com-|contact|foot|footer|footnote|masthead|media|meta|outbrain|promo|"
    r"related|scroll|shoutbox|sidebar|sponsor|shopping|tags|tool|widget|share|social",
    re.IGNORECASE,
)


def _features(el: Any) -> str:
    return f"{el.get('class') or ''} {el.get('id') or ''}".strip()


def class_weight(el: Any) -> int:
    """+25 for a class/id that sounds like content, -25 for one that sounds like furniture."""
    weight = 0
    for feature in (el.get("class"), el.get("id")):
        if feature:
            if _NEGATIVE_RE.search(feature):
                weight -= 25
            if _POSITIVE_RE.search(feature):
                weight += 25
    return weight


_INLINE_TAGS = frozenset(("span", "a", "em", "strong", "b", "i", "small", "time", "sup", "abbr"))


_PROSE_BLOCKS = frozenset(("p", "li", "blockquote", "td", "dd", "h2", "h3", "h4", "h5", "h6"))


def _inside_prose(el: Any, size: int) -> bool:
    """True when an inline element is a part of a longer sentence (a dateline, a date)."""
    parent = el.getparent()
    while parent is not None and parent.tag in _INLINE_TAGS:
        parent = parent.getparent()
    if parent is None or parent.tag not in _PROSE_BLOCKS:
        return False
    return text_length(parent) > size + 40


_NEGATED_CLASS = re.compile(r"(?:^|(?<=\s))(?:no|without|hide|hidden)[-_][\w-]+", re.IGNORECASE)


def _is_furniture_name(el: Any) -> bool:
    # "no_caption" or "without-share" say the element lacks the furniture.
    feature = _NEGATED_CLASS.sub("", _features(el)).strip()
    if not feature or _BODY_RE.search(feature):
        return False
    if _FURNITURE_PART_RE.search(feature) or (DROP_CAPTIONS and _CAPTION_RE.search(feature)):
        return True
    return any(word.lower() in _FURNITURE_WORDS for word in _CLASS_WORD_SPLIT.split(feature))


#: Issue 2 asks for image captions to be dropped: they interrupt the story in a terminal.
#: Readability.js keeps them, so on its test pages this costs about 0.004 token F1.
DROP_CAPTIONS = True
_CAPTION_RE = re.compile(r"caption", re.IGNORECASE)
_FURNITURE_TAGS = (
    ("time", "address", "figure", "figcaption") if DROP_CAPTIONS else ("time", "address")
)


def clean_article(node: Any, scores: dict[Any, float]) -> None:
    """Remove page furniture from ``node`` (readability's article element), in place.

    Args:
        node: the element holding the article (readability's best candidate and siblings).
        scores: readability's content score per element, where it computed one.
    """
    total = max(text_length(node), 1)
    # Read before figures go: a caption outside its figure repeats the image's alt text.
    alts = image_alts(node) if DROP_CAPTIONS else set()
    for el in list(node.iter(*_ALWAYS_DROP)):
        drop(el)
    # Landmarks that the page itself marks as navigation or asides (ARIA roles).
    for el in list(node.xpath(_FURNITURE_ROLES)):
        if el is not node:
            drop(el)
    # Small elements whose class or id names furniture (bylines, share bars, tag lists).
    for el in list(node.iter()):
        if el is node or not isinstance(el.tag, str) or el.getparent() is None:
            continue
        if el.tag in _FURNITURE_TAGS or _is_furniture_name(el):
            size = text_length(el)
            if el.tag in _INLINE_TAGS and _inside_prose(el, size):
                continue
            if size < 0.35 * total and (size < 400 or link_density(el, size) > 0.5):
                drop(el)
    if DROP_CAPTIONS:
        drop_alt_captions(node, alts)
    _drop_anchor_marks(node)
    _drop_link_paragraphs(node)
    _clean_conditionally(node, scores)
    _drop_furniture_headings(node)


_READ_MORE_RE = re.compile(
    r"^(?:read|see|watch|listen|more|related|also|recommended|further)\b[^:|]{0,25}[:|]",
    re.IGNORECASE,
)


def _drop_link_paragraphs(node: Any) -> None:
    """Drop "READ MORE: <headline>" and "Related: <headline>" link paragraphs in the body."""
    for para in list(node.iter("p")):
        size = text_length(para)
        if not size or size > 200 or para.getparent() is None:
            continue
        if para.find(".//a") is None:
            continue
        text = " ".join(para.text_content().split())
        if _READ_MORE_RE.match(text.lstrip("[(")) and link_density(para, size) > 0.5:
            drop(para)


_ANCHOR_MARKS = frozenset(("¶", "#", "§", "🔗", "link", "permalink"))


def _drop_anchor_marks(node: Any) -> None:
    """Drop the "¶" permalink marks that documentation-style pages put beside headings."""
    for link in list(node.iter("a")):
        if (link.get("href") or "").startswith("#") and (
            (link.text_content() or "").strip().lower() in _ANCHOR_MARKS
        ):
            drop(link)


def _clean_conditionally(node: Any, scores: dict[Any, float]) -> None:
    """Drop containers that look like link lists, forms or empty furniture."""
    for el in reversed(list(node.iter("div", "section", "table", "ul", "ol", "header", "dl"))):
        if el is node or el.getparent() is None:
            continue
        size = text_length(el)
        has_heading = any(True for _ in el.iter(*HEADING_TAGS))
        if not size:
            drop(el)
            continue
        weight = class_weight(el)
        # readability scores lists and headers below zero by their tag alone; only a class
        # that names furniture makes a low score a reason to drop a block.
        if weight + scores.get(el, 0.0) < 0 and weight < 0:
            drop(el)
            continue
        density = link_density(el, size)
        if el.tag in ("ul", "ol", "dl"):
            items = [li for li in el if isinstance(li.tag, str)]
            short_items = sum(1 for li in items if text_length(li) < 100)
            linked = density > 0.5 or (density > 0.3 and short_items == len(items))
            if linked and not list_in_story(el, node, len(items)):
                drop_with_lead_in(el)
            continue
        if el.text_content().count(",") >= 10:
            continue
        limit = 0.5 if weight >= 25 else 0.33
        if density > limit or (size < 25 and not has_heading and not is_sentence(el, density)):
            drop(el)


def _drop_furniture_headings(node: Any) -> None:
    """Drop headings that announce furniture, and headings with nothing after them."""
    headings = list(node.iter(*HEADING_TAGS))
    for heading in headings:
        text = " ".join(heading.text_content().split())
        if not text or is_furniture_heading(text):
            drop(heading)
