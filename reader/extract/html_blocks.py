"""Block-level measures and judgements shared by the article picker and the cleaner.

Text length and link density of an element; whether a list of links is part of the story
(a list of sources) or furniture (a "More news:" list); whether a short block is a
sentence of its own; and how far to widen readability's pick to take in the lead.
"""

from __future__ import annotations

import re
from typing import Any

from reader.extract.html_furniture import is_furniture_heading
from reader.extract.html_text import HEADING_TAGS


def text_length(el: Any) -> int:
    """Length of an element's text with runs of whitespace counted as one character."""
    text = el.text_content()
    return len(" ".join(text.split())) if text else 0


def link_density(el: Any, total: int | None = None) -> float:
    """Share of an element's text inside links that leave the page (not ``#anchors``)."""
    total = text_length(el) if total is None else total
    if not total:
        return 0.0
    linked = 0
    for link in el.iter("a"):
        href = (link.get("href") or "").strip()
        if href.startswith("#") or not href:
            continue
        linked += text_length(link)
    return min(1.0, linked / total)


def drop(el: Any) -> None:
    """Remove ``el`` from its tree, keeping its tail text in the parent's flow."""
    if el.getparent() is not None:
        el.drop_tree()


_WORDS = re.compile(r"\w+")


def _words(text: str) -> str:
    return " ".join(_WORDS.findall(text.casefold()))


def image_alts(node: Any) -> set[str]:
    """The alt texts of the images in ``node`` long enough to be captions, normalised."""
    alts = {_words(img.get("alt") or "") for img in node.iter("img")}
    return {alt for alt in alts if len(alt) >= 20}


_LEAF_BLOCKS = ("p", "li", "div", "span", "dd", "td")
_INNER_BLOCKS = ".//*[self::p or self::div or self::li or self::ul or self::ol or self::table]"


def drop_alt_captions(node: Any, alts: set[str]) -> None:
    """Drop text blocks that repeat an image's alt text: captions without a caption tag."""
    if not alts:
        return
    longest = max(map(len, alts)) + 80
    for el in list(node.iter(*_LEAF_BLOCKS)):
        raw = el.text_content()
        if el.getparent() is None or len(raw) > 2 * longest:
            continue  # far longer than any caption (the cheap test first)
        if _repeats_alt(_words(raw).split(), alts) and not el.xpath(_INNER_BLOCKS):
            drop(el)


def _repeats_alt(words: list[str], alts: set[str]) -> bool:
    # A caption may add a short credit after the alt text ("... Photo: Agency"); a longer
    # addition makes a sentence of the story that happens to start the same way.
    shortest = max(1, len(words) - _CREDIT_WORDS)
    return any(" ".join(words[:n]) in alts for n in range(shortest, len(words) + 1))


_CREDIT_WORDS = 4


_LEAD_IN_RE = re.compile(
    r"^(?:more|related|read|see|also|recommended|further|latest|popular|top|other|"
    r"watch|listen|follow|explore|trending|you\s+may|you\s+might)\b",
    re.IGNORECASE,
)


def drop_with_lead_in(el: Any) -> None:
    """Drop a list and the short line ending in a colon that announces it ("More news:")."""
    lead = el.getprevious()
    if lead is not None and lead.tag in ("p", "div") and (lead.tail or "").strip() == "":
        text = " ".join(lead.text_content().split())
        if text.endswith(":") and len(text) < 80:
            drop(lead)
    drop(el)


def list_in_story(el: Any, node: Any, items: int) -> bool:
    """True for a list of links that is part of the story, such as a list of sources.

    Such a list is introduced by a heading or by a line ending in a colon ("Fixed in this
    release:"), is not announced as furniture ("More news:", "Related"), and has more of
    the story after it. A lone promo link is not one.
    """
    lead = el.getprevious()
    text = " ".join(
        (lead.text_content() if lead is not None else el.getparent().text or "").split()
    )
    if items < 2 or not text or is_furniture_heading(text) or _LEAD_IN_RE.match(text):
        return False
    if not (text.endswith(":") or (lead is not None and lead.tag in HEADING_TAGS)):
        return False
    if _cites_addresses(el):
        return True  # a list of sources printed as web addresses, wherever it sits
    return _prose_follows(el, node)


_LOOK_AHEAD = 200  # elements: "more of the story" is near, and the walk stays linear


def _prose_follows(el: Any, node: Any) -> bool:
    """True when a paragraph of prose follows ``el`` inside ``node``, within a short walk."""
    seen = 0
    current = el
    while current is not node and current is not None:
        for sibling in current.itersiblings():
            for block in sibling.iter("p", "li"):
                seen += 1
                if seen > _LOOK_AHEAD:
                    return False
                size = text_length(block)
                if size > 80 and link_density(block, size) < 0.25:
                    return True
        current = current.getparent()
    return False


_ADDRESS = re.compile(r"^(?:https?://|www\.)\S+$")


def _cites_addresses(el: Any) -> bool:
    """True when every item of the list is a bare web address."""
    items = [" ".join(li.text_content().split()) for li in el if isinstance(li.tag, str)]
    return bool(items) and all(_ADDRESS.match(item) for item in items)


_SENTENCE_END = (".", "!", "?", "…", '"', "”", "’", "»")


def is_sentence(el: Any, density: float) -> bool:
    """True for a short block of prose, such as one line of dialogue in a story."""
    text = " ".join(el.text_content().split())
    return not density and len(text.split()) >= 2 and text.endswith(_SENTENCE_END)


_PROSE_TAGS = frozenset(("p", "blockquote", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "pre"))


def climb_to_article(elem: Any) -> Any:
    """Widen readability's pick to the ancestor that also holds the lead paragraphs.

    readability can settle on an inner block of the story (the part after a "read more"
    break, say) while the first paragraphs sit beside it, one level up. Climb while the
    pick is its parent's only block with text, or while the parent has prose of its own;
    then widen to the enclosing <article> when it holds more of the story.
    """
    chosen = current = elem
    for _ in range(4):
        parent = current.getparent()
        if parent is None or parent.tag in ("body", "html"):
            break
        prose = 0
        others = 0
        for child in parent:
            if child is current or not isinstance(child.tag, str):
                continue
            size = text_length(child)
            if size < 25:
                continue  # empty, or a "Read more" button: not a rival block
            density = link_density(child, size)
            if density > 0.5:
                continue
            others += 1
            if child.tag in _PROSE_TAGS and size > 80 and density < 0.25:
                prose += size
        if others and prose < 150:
            break
        current = parent
        # A wrapper around the pick alone changes nothing (and would lose readability's
        # merging of segments that share the pick's class): only prose beside it counts.
        if prose >= 150:
            chosen = current
    return _enclosing_article(chosen)


def _enclosing_article(elem: Any) -> Any:
    """The <article> around the pick when it holds more of the story beyond the pick.

    A review's summary box or a lead block can sit several levels away from the body
    text inside the same <article>; a story element with more prose before the pick (and
    outside its siblings, which readability merges itself) and few links is taken whole.
    Prose after the pick does not count: there sit author notes, related stories and
    comments.
    """
    frame = next(elem.iterancestors("article"), None)
    if frame is None:
        return elem
    parent = elem.getparent()
    if parent is frame:
        return elem
    # readability merges the pick's siblings itself: only prose beyond them counts.
    inside = set(parent.iter("p"))
    prose = 0
    for para in frame.iter("p"):
        if para in inside:
            break  # only what comes before the pick: a lead, a summary
        size = text_length(para)
        if size > 80 and link_density(para, size) < 0.25:
            prose += size
    if prose >= 150 and link_density(frame) < 0.3:
        return frame
    return elem
