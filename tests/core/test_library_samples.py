"""Sample articles (written for these tests) and fixtures shared by the library tests."""

from __future__ import annotations

from datetime import UTC, date, datetime

from reader.library.store import Library
from reader.models import Annotations, Extracted, PersonMention, PlaceMention, Quote, SourceKind

BODIES = {
    "roadmap": (
        "Officials in Moscow said on Thursday that Syria and Turkey had accepted a Russian plan "
        "to restore ties between the two neighbours after more than a decade of hostility.\n\n"
        "Sergei Lavrov told reporters in Moscow that the draft had been shared with Ankara and "
        "Damascus and that Iran had also received a copy of the document.\n\n"
        '"The process is moving forward, slowly but surely," Lavrov said, adding that the next '
        "round of talks could rotate between the capitals of the countries involved."
    ),
    "grain": (
        "Ships carrying wheat left the port of Odesa early on Monday under a renewed agreement "
        "that negotiators had struggled to keep alive through the winter months.\n\n"
        "Traders in Istanbul said freight rates eased as the first convoy passed the strait, "
        "while insurers warned that premiums would stay high until the route proved safe.\n\n"
        "Farmers across the region hope the deal will clear silos that have been full since "
        "the last harvest, when storage ran short in several provinces."
    ),
    "nuclear": (
        "Inspectors from the atomic energy agency arrived in Tehran on Sunday for talks on "
        "access to sites that have been closed to monitoring for most of the year.\n\n"
        "Abbas Araghchi said the government was ready to discuss a schedule for visits if "
        "the other side showed that sanctions relief was more than a promise on paper.\n\n"
        "Diplomats in Vienna described the meeting as a test of whether the stalled "
        "negotiations can be revived before the agency board meets again next month."
    ),
    "quake": (
        "Rescue teams worked through the night in the southern provinces after a strong "
        "earthquake brought down apartment blocks in several towns near the border.\n\n"
        "Volunteers from Gaziantep and Aleppo joined the search as temperatures dropped "
        "below freezing, and aid convoys waited for roads to be cleared of rubble.\n\n"
        "The health ministry said field hospitals had been set up in sports halls and that "
        "blood donations were needed in every city across the affected area."
    ),
    "pipeline": (
        "Energy ministers met in Baku to discuss a pipeline that would carry gas from the "
        "Caspian basin towards southern Europe through a network of new compressor stations.\n\n"
        "Engineers said the route avoided the most difficult mountain passes, but financing "
        "remained uncertain after two lenders withdrew from the consortium in the spring.\n\n"
        "Analysts expect a final decision on the project before the end of the year, once "
        "buyers in the region sign long term contracts for the extra volumes."
    ),
}


def roadmap_annotations(body: str) -> Annotations:
    """Annotations for the "roadmap" body with exact offsets."""
    lavrov_full = body.index("Sergei Lavrov")
    lavrov_short = body.index("Lavrov said")
    moscow = body.index("Moscow")
    ankara = body.index("Ankara")
    quote_start = body.index('"The process')
    quote_end = body.index('surely,"') + len('surely,"')
    return Annotations(
        people=(
            PersonMention("Sergei Lavrov", lavrov_full, lavrov_full + 13, "Sergei Lavrov"),
            PersonMention("Lavrov", lavrov_short, lavrov_short + 6, "Sergei Lavrov"),
        ),
        places=(
            PlaceMention("Moscow", moscow, moscow + 6, "Russia", "city"),
            PlaceMention("Ankara", ankara, ankara + 6, "Turkey", "city"),
        ),
        quotes=(Quote(body[quote_start:quote_end], quote_start, quote_end, "Sergei Lavrov"),),
        countries=("Syria", "Turkey", "Russia"),
    )


def extracted(
    key: str = "roadmap",
    *,
    title: str | None = None,
    published: date | datetime | None = date(2023, 6, 22),
    outlet: str | None = "The Daily Wire Service",
    byline: str | None = None,
    tags: list[str] | None = None,
    url: str | None = None,
    body: str | None = None,
    kind: SourceKind = SourceKind.HTML,
) -> Extracted:
    """An Extracted article built from one of the sample bodies."""
    return Extracted(
        title=title if title is not None else f"Sample story about {key}",
        body=body if body is not None else BODIES[key],
        outlet=outlet,
        byline=byline,
        published=published,
        tags=tags or [],
        url=url,
        kind=kind,
    )


def ann(*countries: str) -> Annotations:
    """Annotations carrying only country tags."""
    return Annotations(countries=countries)


def store_sample(library: Library, key: str, source: str, **kwargs: object) -> int:
    """Store a sample article that must be new; return its id."""
    countries = kwargs.pop("countries", ())
    assert isinstance(countries, tuple)
    outcome = library.store(extracted(key, **kwargs), ann(*countries), source=source)  # type: ignore[arg-type]
    assert outcome.status == "added", outcome
    assert outcome.article_id is not None
    return outcome.article_id


def fill_library(library: Library) -> dict[str, int]:
    """Store five articles (four dated, two of them in 2024; one undated); return their ids."""
    ids = {
        "roadmap": store_sample(
            library,
            "roadmap",
            "/a",
            published=date(2023, 6, 22),
            countries=("Syria", "Turkey", "Russia"),
        ),
        "grain": store_sample(
            library,
            "grain",
            "/b",
            published=datetime(2024, 3, 1, 9, 30, tzinfo=UTC),
            countries=("Ukraine", "Turkey"),
        ),
        "nuclear": store_sample(
            library, "nuclear", "/c", published=date(2024, 6, 30), countries=("Iran",)
        ),
        "quake": store_sample(
            library, "quake", "/d", published=None, countries=("Turkey", "Syria")
        ),
        "pipeline": store_sample(
            library, "pipeline", "/e", published=date(2025, 1, 1), countries=("Azerbaijan",)
        ),
    }
    return ids


def test_sample_annotations_point_at_their_text() -> None:
    body = BODIES["roadmap"]
    annotations = roadmap_annotations(body)
    spans = [*annotations.people, *annotations.places, *annotations.quotes]
    assert spans
    for span in spans:
        assert body[span.start : span.end] == span.text
