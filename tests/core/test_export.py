"""Export: Markdown that reads well in a pager, JSON that is the article contract."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime

from reader.export import export_json, export_markdown
from reader.models import Article, PersonMention, PlaceMention, Quote

BODY = (
    "Talks on the new ferry route ended in Portmarl on Friday.\n\n"
    '"We are close to a deal," said Ilse Varga after the meeting.\n\n'
    '"Nothing is signed yet," the harbour chief replied.'
)


def article(**changes: object) -> Article:
    quote1 = BODY.index('"We are')
    quote2 = BODY.index('"Nothing')
    values: dict[str, object] = dict(
        id=7,
        source="/tmp/ferry.html",
        url="https://news.example/ferry_(talks)",
        title="Ferry route talks near a deal",
        outlet="Portmarl Gazette",
        byline="Ana Lind",
        published=datetime(2024, 5, 3, 14, 30, tzinfo=UTC),
        body=BODY,
        tags=("Transport",),
        countries=("Norway", "Denmark"),
        people=(
            PersonMention("Ilse Varga", BODY.index("Ilse"), BODY.index("Ilse") + 10, "Ilse Varga"),
        ),
        places=(PlaceMention("Portmarl", BODY.index("Portmarl"), BODY.index("Portmarl") + 8),),
        quotes=(
            Quote('"We are close to a deal,"', quote1, quote1 + 25, "Ilse Varga"),
            Quote('"Nothing is signed yet,"', quote2, quote2 + 24, None),
        ),
        bookmarked=True,
    )
    values.update(changes)
    return Article(**values)  # type: ignore[arg-type]


def test_markdown_has_title_outlet_date_countries_link_and_attributed_quotes() -> None:
    text = export_markdown([article()])
    assert text.startswith("# Broadsheet export\n\n1 article\n")
    assert "## Ferry route talks near a deal\n" in text
    assert "Portmarl Gazette · Ana Lind · 2024-05-03 14:30" in text
    assert "Countries: Norway, Denmark" in text
    assert "Link: <https://news.example/ferry_(talks)>" in text
    assert '- "We are close to a deal," — Ilse Varga' in text
    assert '- "Nothing is signed yet," — unattributed' in text
    assert "Talks on the new ferry route ended in Portmarl on Friday." in text


def test_markdown_is_plain_and_safe_with_hostile_text() -> None:
    hostile = article(
        title="# Breaking\x1b[31m [click](javascript:x)",
        body="> not a quote block\n\nsecond",
        published=date(2023, 1, 2),
        url=None,
        quotes=(),
    )
    text = export_markdown([hostile])
    assert "\x1b" not in text
    assert "## # Breaking \\[click\\](javascript:x)" in text
    assert "\n\\> not a quote block" in text
    assert "2023-01-02" in text and "Source: /tmp/ferry.html" in text


def test_markdown_of_nothing_says_so_and_undated_articles_say_undated() -> None:
    assert export_markdown([]) == "# Broadsheet export\n\n0 articles\n"
    assert "undated" in export_markdown([article(published=None)])


def test_json_is_a_list_of_the_article_contract() -> None:
    items = json.loads(export_json([article(), article(id=8, title="Second")]))
    assert [i["id"] for i in items] == [7, 8]
    first = items[0]
    assert first["published"] == "2024-05-03T14:30:00+00:00"
    assert first["quotes"][0] == {
        "text": '"We are close to a deal,"',
        "start": BODY.index('"We are'),
        "end": BODY.index('"We are') + 25,
        "speaker": "Ilse Varga",
    }
    assert first["people"][0]["text"] == "Ilse Varga"
    assert first["bookmarked"] is True
    assert BODY[first["places"][0]["start"] : first["places"][0]["end"]] == "Portmarl"
