"""Page metadata: JSON-LD shapes, meta-tag conventions, <time>, visible text, precedence."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, timedelta, timezone
from typing import Any

from reader.extract.html import parse_html
from reader.extract.metadata import PageMetadata, find_standfirst, read_metadata


def _meta(head: str = "", body: str = "<p>Text.</p>", url: str | None = None) -> PageMetadata:
    return read_metadata(parse_html(f"<html><head>{head}</head><body>{body}</body></html>"), url)


def _ld(data: Any) -> str:
    return f'<script type="application/ld+json">{json.dumps(data)}</script>'


def test_json_ld_news_article_inside_graph() -> None:
    head = _ld(
        {
            "@context": "https://schema.org",
            "@graph": [
                {"@type": "WebPage", "name": "Page name, not the headline"},
                {
                    "@type": "NewsArticle",
                    "headline": "Dam talks stall again",
                    "datePublished": "2024-06-01T08:15:00Z",
                    "author": {"@type": "Person", "name": "Sami Haddad"},
                    "publisher": {"@type": "Organization", "name": "Delta Wire"},
                    "keywords": "water, Nile, diplomacy",
                },
            ],
        }
    )
    meta = _meta(head)
    assert meta.title == "Dam talks stall again"
    assert meta.byline == "Sami Haddad"
    assert meta.outlet == "Delta Wire"
    assert meta.published == datetime(2024, 6, 1, 8, 15, tzinfo=UTC)
    assert meta.tags == ["water", "Nile", "diplomacy"]


def test_json_ld_list_of_objects_and_several_authors() -> None:
    head = _ld(
        [
            {"@type": "BreadcrumbList", "itemListElement": []},
            {
                "@type": ["ReportageNewsArticle"],
                "headline": "Grain convoy crosses the border",
                "author": [{"name": "A. Petrova"}, "Omar Said", {"name": "A. Petrova"}],
                "datePublished": "2023-11-20",
            },
        ]
    )
    meta = _meta(head)
    assert meta.title == "Grain convoy crosses the border"
    assert meta.byline == "A. Petrova, Omar Said"
    assert meta.published == date(2023, 11, 20)


def test_broken_json_ld_is_ignored() -> None:
    head = '<script type="application/ld+json">{"@type": "NewsArticle", "headline": </script>'
    head += '<meta property="og:title" content="Fallback headline">'
    assert _meta(head).title == "Fallback headline"


def test_opengraph_and_article_meta_tags() -> None:
    head = (
        '<meta property="og:title" content="Port strike ends">'
        '<meta property="og:site_name" content="Harbour Times">'
        '<meta property="article:published_time" content="2022-02-03T10:00:00+02:00">'
        '<meta property="article:tag" content="Labour">'
        '<meta property="article:tag" content="Ports">'
        '<meta property="og:url" content="https://harbour.example/port-strike">'
    )
    meta = _meta(head)
    assert meta.title == "Port strike ends"
    assert meta.outlet == "Harbour Times"
    assert meta.published == datetime(2022, 2, 3, 10, tzinfo=timezone(timedelta(hours=2)))
    assert meta.tags == ["Labour", "Ports"]
    assert meta.canonical_url == "https://harbour.example/port-strike"


def test_space_separated_property_names() -> None:
    head = '<meta property="og:title twitter:title" content="One tag, two names">'
    assert _meta(head).title == "One tag, two names"


def test_parsely_sailthru_and_dublin_core_fallbacks() -> None:
    head = (
        '<meta name="parsely-title" content="Census results delayed">'
        '<meta name="sailthru.author" content="Lee Moran">'
        '<meta name="sailthru.date" content="2021-09-30 14:00">'
        '<meta name="parsely-tags" content="census,statistics">'
        '<meta name="dc.subject" content="Population">'
    )
    meta = _meta(head)
    assert meta.title == "Census results delayed"
    assert meta.byline == "Lee Moran"
    assert meta.published == datetime(2021, 9, 30, 14, 0)
    assert meta.tags == ["census", "statistics", "Population"]


def test_dublin_core_creator_and_date() -> None:
    head = (
        '<meta name="DC.creator" content="Ines Duarte"><meta name="DC.date" content="2020-05-06">'
    )
    meta = _meta(head)
    assert meta.byline == "Ines Duarte"
    assert meta.published == date(2020, 5, 6)


def test_title_tag_loses_the_site_name() -> None:
    meta = _meta(
        "<title>Bridge reopens to traffic - Riverside Post</title>"
        '<meta name="application-name" content="Riverside Post">'
    )
    assert meta.title == "Bridge reopens to traffic"
    assert meta.outlet == "Riverside Post"


def test_title_tag_agrees_with_h1() -> None:
    meta = _meta(
        "<title>Snow closes mountain pass | Alpine Daily</title>",
        "<h1>Snow closes mountain pass</h1><p>Text.</p>",
    )
    assert meta.title == "Snow closes mountain pass"


def test_time_element_gives_the_date() -> None:
    meta = _meta(body='<p>Text.</p><time datetime="2019-12-24T18:00:00Z">Christmas Eve</time>')
    assert meta.published == datetime(2019, 12, 24, 18, tzinfo=UTC)


def test_itemprop_date_published() -> None:
    body = '<span itemprop="datePublished" content="2018-07-14">14 July</span><p>Text.</p>'
    assert _meta(body=body).published == date(2018, 7, 14)


def test_visible_date_is_the_last_resort() -> None:
    body = '<div class="article-date">Posted 3 March 2017 at 09:05</div><p>Text.</p>'
    assert _meta(body=body).published == datetime(2017, 3, 3, 9, 5)


def test_visible_byline_element() -> None:
    body = '<p class="byline">By Karin Holm | 4 June 2024</p><p>Text.</p>'
    assert _meta(body=body).byline == "Karin Holm"


def test_author_url_is_not_a_byline() -> None:
    head = '<meta property="article:author" content="https://social.example/someone">'
    assert _meta(head).byline is None


def test_outlet_falls_back_to_the_host() -> None:
    assert _meta(url="https://www.valley-news.example/a/b").outlet == "valley-news.example"


def test_canonical_link_is_made_absolute() -> None:
    head = '<link rel="canonical" href="/story/42">'
    meta = _meta(head, url="https://paper.example/story/42?ref=feed")
    assert meta.canonical_url == "https://paper.example/story/42"


def test_tags_are_deduplicated_case_insensitively_and_capped() -> None:
    many = ",".join(f"tag{n}" for n in range(50))
    head = f'<meta name="keywords" content="Iran, iran, IRAN, {many}">'
    tags = _meta(head).tags
    assert tags[0] == "Iran" and "iran" not in tags
    assert len(tags) == 30


def test_metadata_strings_are_cleaned() -> None:
    head = '<meta property="og:title" content="Vote\x1b[2J  count\u202e begins">'
    assert _meta(head).title == "Vote count begins"


def test_language_from_html_lang() -> None:
    root = parse_html('<html lang="pt_BR"><body><p>Texto.</p></body></html>')
    assert read_metadata(root).language == "pt-BR"


def test_standfirst_found_by_description_or_class() -> None:
    sentence = "Officials say the new line will halve the journey between the two cities."
    root = parse_html(
        f'<html><body><div class="intro-text">{sentence}</div><p>Body.</p></body></html>'
    )
    text, line = find_standfirst(root, None)
    assert text == sentence and line is not None
    root = parse_html(f"<html><body><p>{sentence}</p><p>Body.</p></body></html>")
    assert find_standfirst(root, sentence)[0] == sentence
    assert find_standfirst(root, None)[0] is None


def test_standfirst_is_not_the_lead_image_caption() -> None:
    caption = "Fishing boats tied up in the harbour on Monday as the storm approached the coast."
    dek = "Fishing crews stayed in port for a third day while forecasters warned of more wind."
    lead_image = (
        f'<div class="lead-asset"><img src="/a.jpg"><div class="lead-text">{caption}</div></div>'
    )
    root = parse_html(f"<html><body>{lead_image}<p>Body.</p></body></html>")
    # The caption of a "lead asset" is no standfirst, even when the page describes itself with it.
    assert find_standfirst(root, caption)[0] is None
    # A class saying the header has no image does not hide a real standfirst.
    header = f'<div class="no_header_image"><p class="description">{dek}</p></div>'
    root = parse_html(f"<html><body>{header}<p>Body.</p></body></html>")
    assert find_standfirst(root, None)[0] == dek
