"""The annotate stage's entry point: people, places, quotes and country tags for one body."""

from __future__ import annotations

from collections.abc import Sequence

from reader.models import Annotations

#: Bump whenever the output for the same input changes; the library re-annotates older rows.
ANNOTATOR_VERSION = 12

#: Bodies longer than this are annotated on their first part only, to bound the time.
MAX_CHARS = 400_000


def annotate_article(body: str, *, title: str = "", tags: Sequence[str] = ()) -> Annotations:
    """Find people, places and quotes in ``body`` and the countries the article is about."""
    from reader.annotate.countries import country_tags
    from reader.annotate.entities import find_entities
    from reader.annotate.gazetteer import load_gazetteer
    from reader.annotate.quotes import find_quotes

    if not body or body.isspace():  # as "not body.strip()", without copying the body
        return Annotations(countries=country_tags(None, title, tags, load_gazetteer()))
    gaz = load_gazetteer()
    text = body[:MAX_CHARS]
    found = find_entities(text, gaz)
    quotes = find_quotes(text, found.people)
    countries = country_tags(found, title, tags, gaz)
    return Annotations(
        people=tuple(found.people),
        places=tuple(found.places),
        quotes=tuple(quotes),
        countries=countries,
    )
