"""The annotate stage: people, places, quotes and country tags for one article body.

A pure function of the extract stage's output; runs once, at import, and is stored.
"""

from __future__ import annotations

from collections.abc import Sequence

from reader.models import Annotations


def annotate(body: str, *, title: str = "", tags: Sequence[str] = ()) -> Annotations:
    """Find people, places and quotes in ``body`` and the countries the article is about.

    Offsets are into ``body``; ``title`` and ``tags`` only inform the country tags.
    """
    from reader.annotate.pipeline import annotate_article

    return annotate_article(body, title=title, tags=tags)


__all__ = ["annotate"]
