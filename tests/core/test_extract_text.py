"""The plain-text page-dump cleaner: fixtures in our own words, each kind of chrome, the seeds."""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import datetime
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reader.extract import extract
from reader.extract.text import extract_text
from reader.models import SourceKind

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "text"
DUMPS = sorted(FIXTURES.glob("*.txt"))


def _paragraphs(body: str) -> list[str]:
    return [p for p in body.split("\n\n") if p]


@pytest.mark.parametrize("dump", DUMPS, ids=[d.stem for d in DUMPS])
def test_fixture_dump_matches_its_expected_json(dump: Path) -> None:
    expected = json.loads(dump.with_suffix(".json").read_text("utf-8"))
    result = extract_text(dump.read_text("utf-8"))
    assert result.kind is SourceKind.TEXT
    assert result.title == expected["title"]
    assert result.outlet == expected["outlet"]
    assert result.byline == expected["byline"]
    published = result.published.isoformat() if result.published else None
    assert published == expected["published"]
    assert result.tags == expected["tags"]
    assert result.standfirst == expected["standfirst"]
    # Exact paragraph equality, not token overlap.
    assert _paragraphs(result.body) == expected["body"]


def test_fixture_count() -> None:
    assert len(DUMPS) >= 6


# A dump assembled from one kind of chrome at a time around a fixed article.
ARTICLE = [
    "Night trains return to the mountain line after a six-year gap",
    "",
    "The regional railway will run a sleeper service twice a week from December, its operator said on Monday.",
    "",
    "Tickets go on sale next month, with couchettes priced below the cost of a hotel room in the resort towns along the route.",
    "",
    "The line lost its last night train in 2018, when the previous operator said the carriages were too old to keep running safely.",
    "",
    "Tourism offices in the valley said the new service could bring skiers who no longer want to drive the pass in winter.",
]


def _dump(before: list[str], middle: list[str] | None = None, after: Sequence[str] = ()) -> str:
    """The article with chrome before it, after its second paragraph, and after it."""
    lines = [*before, "", *ARTICLE[:5], ""]
    if middle:
        lines += [*middle, ""]
    lines += [*ARTICLE[6:], "", *after]
    return "\n".join(lines)


def _assert_article_only(text: str) -> None:
    result = extract_text(text)
    assert result.title == ARTICLE[0]
    assert _paragraphs(result.body) == [line for line in ARTICLE[2:] if line]


def test_navigation_menu_and_language_switcher_are_dropped() -> None:
    menu = ["Valley Rail News", "", "  • En", "  • Fr", "  • It", "", "  • Home", "  • Timetables"]
    menu += ["    • Regional", "    • Long distance", "  • Tickets", "  • Contact"]
    _assert_article_only(_dump(menu))


def test_breaking_ticker_is_dropped_and_not_the_title() -> None:
    ticker = [
        "BREAKING",
        "Storm closes the upper pass road for the second night in a row, police say",
        "Avalanche warning raised to level four across the western valleys this afternoon",
        "Power restored to most homes in the lower valley after the overnight outage",
    ]
    _assert_article_only(_dump(ticker))


def test_byline_source_date_shares_read_time_and_listen_are_metadata() -> None:
    meta = ["  • By Ines Maurer", "  • Source: Agencies", "  • 22 Jun 2023 08:38", "  • 2 Shares"]
    text = "\n".join([ARTICLE[0], "", *meta, "4 Min Read", "", "Listen", "", *ARTICLE[2:]])
    result = extract_text(text)
    assert result.title == ARTICLE[0]
    assert result.byline == "Ines Maurer"
    assert result.published == datetime(2023, 6, 22, 8, 38)
    body = result.body
    for chrome in ("Shares", "Min Read", "Listen", "Agencies", "Ines Maurer"):
        assert chrome not in body
    assert _paragraphs(body) == [line for line in ARTICLE[2:] if line]


@pytest.mark.parametrize(
    ("line", "name"),
    [
        ("By Ines Maurer", "Ines Maurer"),
        ("Posted by Ines Maurer on June 22, 2023", "Ines Maurer"),
        ("By Ines Maurer | 22 Jun 2023 08:38", "Ines Maurer"),
        ("Written by Ines Maurer at 8:38 am", "Ines Maurer"),
        ("By Ines Maurer and Tomas Reyes", "Ines Maurer and Tomas Reyes"),
    ],
)
def test_byline_forms(line: str, name: str) -> None:
    text = "\n".join([ARTICLE[0], "", line, "", *ARTICLE[2:]])
    assert extract_text(text).byline == name


def test_a_sentence_starting_with_by_is_not_a_byline() -> None:
    text = "\n".join([ARTICLE[0], "", "By the end of the month, the line will be ready.", ""])
    assert extract_text(text + "\n" + "\n".join(ARTICLE[2:])).byline is None


def test_caption_printed_twice_is_dropped() -> None:
    caption = "A sleeper carriage waits at the depot before its refit on May 3, 2023"
    middle = ["  • x", f"  • {caption}", f"    {caption}"]
    result = extract_text(_dump(["Valley Rail News"], middle))
    assert caption not in result.body
    assert len(_paragraphs(result.body)) == 4


def test_caption_with_photo_credit_is_dropped() -> None:
    middle = [
        "Workers repaint a couchette at the depot in the spring. Lena Ortiz / Rail Photo Agency"
    ]
    result = extract_text(_dump(["Valley Rail News"], middle))
    assert "Lena Ortiz" not in result.body


def test_paragraph_ending_in_a_bracketed_source_list_is_not_a_caption() -> None:
    # An image placeholder is "[path/to/image.jpg]"; a paragraph may end with "[A / B]".
    paragraph = (
        "The old timetable listed the night train as a summer service only, and the new one "
        "runs it all year with an extra stop at the border town. [Timetables 2019 / 2023]"
    )
    result = extract_text(_dump(["Valley Rail News"], [paragraph]))
    assert paragraph in _paragraphs(result.body)
    placeholder = "[media/rail/depot-photo-03.jpg]"
    assert placeholder not in extract_text(_dump(["Valley Rail News"], [placeholder])).body


def test_how_to_advice_mentioning_a_family_member_is_not_an_appeal() -> None:
    advice = (
        "Ask a friend or a family member to share the driving on the way back, so you can "
        "rest after the night train and still reach the coast before your hotel closes."
    )
    result = extract_text(_dump(["Valley Rail News"], [advice]))
    assert advice in _paragraphs(result.body)
    feature = (
        "Adding bicycle support to your booking takes one more click, and the operator said "
        "you can now reserve a place for a folding bike on every night service."
    )
    assert feature in _paragraphs(extract_text(_dump(["Valley Rail News"], [feature])).body)


def test_appeal_without_a_full_stop_between_paragraphs_is_dropped() -> None:
    line = "We can only do this with your help: become a member from three euros a month"
    result = extract_text(_dump(["Valley Rail News"], [line]))
    assert line not in result.body
    assert _paragraphs(result.body)[-1] == ARTICLE[-1]


def test_an_appeal_is_we_asking_you() -> None:
    from reader.extract.text_lines import is_appeal

    assert not is_appeal("Sort your books into keep, sell and donate, and give the last box away.")
    assert not is_appeal("We asked student newsrooms how journalism had changed since 2019.")
    assert is_appeal("We depend on readers like you: please donate to keep the station open.")


def test_caption_placing_people_left_and_right_is_dropped() -> None:
    caption = "Mayor Ana Ruiz, left, and the depot manager look over a refitted sleeper carriage"
    result = extract_text(_dump(["Valley Rail News"], [caption]))
    assert caption not in result.body
    assert len(_paragraphs(result.body)) == 4
    # A sentence of the article with "left" in it is not a caption.
    line = "Only two carriages were left, and the operator said it would lease more, right away."
    assert line in _paragraphs(extract_text(_dump(["Valley Rail News"], [line])).body)


def test_related_block_inside_the_body_is_dropped_but_the_article_goes_on() -> None:
    middle = [
        "Read more: Ski resorts expect a late start to the season",
        "",
        "Related News",
        "",
        "Bus company adds winter routes to the upper villages",
        "",
        "Airport shuttle prices to rise in January",
    ]
    result = extract_text(_dump(["Valley Rail News"], middle))
    paragraphs = _paragraphs(result.body)
    assert "Read more: Ski resorts expect a late start to the season" in paragraphs
    assert "Related News" not in result.body
    assert "Bus company" not in result.body
    assert paragraphs[-1] == ARTICLE[-1]


@pytest.mark.parametrize(
    "label",
    [
        "Artículos relacionados",
        "Sur le même sujet",
        "Mehr zum Thema Bahn",
        "Leia também",
        "【関連記事】",
        "相关阅读",
    ],
)
def test_related_block_labels_in_other_languages(label: str) -> None:
    middle = [
        "Another sentence of the article, said the railway's spokesman on Monday afternoon.",
        "",
        label,
        "",
        "Bus company adds winter routes to the upper villages",
    ]
    result = extract_text(_dump(["Valley Rail News"], middle))
    assert label not in result.body
    assert "Bus company" not in result.body
    assert _paragraphs(result.body)[-1] == ARTICLE[-1]


@pytest.mark.parametrize(
    "button",
    ["Anzeige", "Publicidad", "Partager", "Weiterlesen", "View this image ›", "View photos"],
)
def test_buttons_in_other_languages_inside_the_body_are_dropped(button: str) -> None:
    result = extract_text(_dump(["Valley Rail News"], [button]))
    assert button not in result.body
    assert _paragraphs(result.body)[-1] == ARTICLE[-1]


def test_dated_teaser_cards_are_furniture() -> None:
    from reader.extract import text_weights as cleaner
    from reader.extract.text_lines import Kind, split_lines

    cards = []
    for n in range(3):
        headline = f"Station number {n} reopens after a long refit"
        cards += [
            headline,
            headline,
            f"Work on the station took {n + 2} years in all.",
            "May 2, 2024",
        ]
    lines = split_lines("\n\n".join(cards))
    cleaner._mark_captions(lines)
    weights = [1.0] * len(lines)
    cleaner._damp_teasers(lines, weights)
    blurbs = [line for line in lines if line.text.startswith("Work on")]
    assert len(blurbs) == 3
    assert all(line.kind is Kind.CAPTION for line in blurbs)
    assert all(weights[line.index] < 0 for line in blurbs)


@pytest.mark.parametrize(
    "notice",
    [
        "JavaScript is disabled in your browser, so some features of this page may not work.",
        "現在 JavaScriptが無効 になっています。すべての機能を利用するためには設定を有効にしてください。",
    ],
)
def test_javascript_notice_is_dropped(notice: str) -> None:
    result = extract_text(_dump(["Valley Rail News"], [notice]))
    assert notice not in result.body
    assert _paragraphs(result.body)[-1] == ARTICLE[-1]


def test_table_of_contents_entries_weigh_little() -> None:
    from reader.extract.text_lines import split_lines
    from reader.extract.text_weights import weigh_lines

    lines = split_lines("  • 2 The museum\n      ☆ 2.1 Opening hours\n  • Sign in")
    weights, _ = weigh_lines(lines)
    assert weights[0] > -1 and weights[1] > -1
    assert weights[2] < -1


def test_advertisement_lines_inside_the_body_are_dropped() -> None:
    middle = [
        "Advertisement",
        "",
        "Story continues below advertisement",
        "",
        "Image caption A guard waves",
    ]
    result = extract_text(_dump(["Valley Rail News"], middle))
    assert "dvertisement" not in result.body
    assert "Image caption" not in result.body
    assert _paragraphs(result.body) == [line for line in ARTICLE[2:] if line]


def test_subheading_between_paragraphs_is_kept() -> None:
    middle = ["What passengers can expect"]
    assert "What passengers can expect" in _paragraphs(
        extract_text(_dump(["Valley Rail News"], middle)).body
    )


def test_tags_after_the_body_are_read_and_not_in_the_body() -> None:
    after = ["  • Rail", "  • Tourism", "  • Night trains", "", "Most Read", ""]
    after += ["Ferry timetable changes for the winter", "  • Travel", "  • 2 Oct 2025"]
    result = extract_text(_dump(["Valley Rail News"], after=after))
    assert result.tags == ["Rail", "Tourism", "Night trains"]
    assert "Ferry timetable" not in result.body
    assert "Tourism\n" not in result.body


def test_date_printed_after_the_article() -> None:
    after = ["Published: 3 May 2024 14:05", "", "Most Read", "", "  • 2 Oct 2025"]
    result = extract_text(_dump(["Valley Rail News"], after=after))
    assert result.published == datetime(2024, 5, 3, 14, 5)


def test_dates_in_a_most_read_box_are_not_the_article_date() -> None:
    after = ["Most Read", "", "Ferry timetable changes for the winter", "  • 2 Oct 2025"]
    assert extract_text(_dump(["Valley Rail News"], after=after)).published is None


def test_most_read_read_next_coverage_footer_and_apps_are_dropped() -> None:
    after = [
        "Most Read",
        "",
        "Climbers rescued from the north face after two nights on the ledge, police said on Sunday.",
        "",
        "Coverage",
        "All",
        "Winter Travel",
        "",
        "Read Next",
        "",
        "Hotel owners fear a short season as snow arrives late",
        "",
        "Valley Rail News",
        "All Rights Reserved",
        "  • Privacy Policy",
        "  • About Us",
        "Android",
        "iOS",
    ]
    _assert_article_only(_dump(["Valley Rail News"], after=after))


def test_newsletter_and_donation_appeals_are_dropped() -> None:
    after = [
        "Sign up for our free weekly newsletter",
        "",
        "Our newsletter brings you the week's travel news. You will receive it in your inbox every Friday.",
        "",
        "Dear readers,",
        "",
        "We rely on readers like you to keep our reporting free. Please support us with a small monthly contribution today.",
        "",
        "By supporting our newsroom, you keep independent journalism going in the valley. Thank you.",
        "",
        "Once",
        "Monthly",
        "Continue",
    ]
    _assert_article_only(_dump(["Valley Rail News"], after=after))


def test_clean_copy_first_line_is_the_title() -> None:
    text = "\n".join(line for line in ARTICLE if line)
    result = extract_text(text)
    assert result.title == ARTICLE[0]
    assert _paragraphs(result.body) == [line for line in ARTICLE[2:] if line]


@pytest.mark.parametrize("chrome", [[], ["Menu", "Home", "News", ""]], ids=["bare", "menu"])
def test_long_headline_is_the_title_not_the_first_paragraph(chrome: list[str]) -> None:
    headline = (
        "Regional parliament approves a long-delayed plan to rebuild the flood defences "
        "along the lower river valley towns"
    )
    text = "\n".join([*chrome, headline, *ARTICLE[2:]])
    result = extract_text(text)
    assert result.title == headline
    assert _paragraphs(result.body) == [line for line in ARTICLE[2:] if line]


def test_question_headline_is_the_title() -> None:
    headline = "Will the new sleeper service be ready before the ski season starts?"
    result = extract_text("\n".join([headline, *ARTICLE[2:]]))
    assert result.title == headline
    assert _paragraphs(result.body)[0] == ARTICLE[2]


def test_hard_wrapped_paragraphs_are_joined() -> None:
    wrapped = (
        "River levels fall\n\n"
        "The river fell by almost a metre over the weekend as the dry spell\n"
        "continued, leaving several jetties in the old town standing on mud and\n"
        "boat owners waiting for the autumn rains to float their moorings again.\n\n"
        "Shipping on the lower stretch was limited to half loads, the waterway\n"
        "authority said in a notice to barge operators on Sunday evening.\n"
    )
    paragraphs = _paragraphs(extract_text(wrapped).body)
    assert len(paragraphs) == 2
    assert paragraphs[0].startswith("The river fell") and paragraphs[0].endswith("again.")


def test_page_wrapped_at_a_fixed_width_is_rejoined() -> None:
    import textwrap

    paragraphs = [line for line in ARTICLE[2:] if line] * 3
    wrapped = ["Valley Rail News", "", "  • Home", "  • Timetables", "", ARTICLE[0], ""]
    for paragraph in paragraphs:
        wrapped += [*textwrap.wrap(paragraph, 60), ""]
    result = extract_text("\n".join(wrapped))
    assert result.title == ARTICLE[0]
    assert _paragraphs(result.body) == [line for line in ARTICLE[2:] if line]


def test_in_article_list_after_a_colon_is_kept() -> None:
    middle = [
        "The operator listed the stops:",
        "  • Lower Valley junction",
        "  • The lake resort",
        "  • The border station",
    ]
    paragraphs = _paragraphs(extract_text(_dump(["Valley Rail News"], middle)).body)
    assert "The lake resort" in paragraphs


def test_comments_section_is_dropped() -> None:
    after = [
        "There are 2 comments",
        "",
        "Mara · June 5, 2023 at 9:12 AM",
        "I took this train as a child and I am glad to see it back on the timetable at last.",
        "Reply",
    ]
    result = extract_text(_dump(["Valley Rail News"], after=after))
    assert "as a child" not in result.body


def test_cjk_article_is_kept() -> None:
    body = "市は月曜日、老朽化した橋の架け替え工事を来年春に始めると発表した。工事期間中は仮設の歩道橋が設けられる。"
    text = "\n".join(
        ["ニュース", "", "橋の架け替え工事、来春から", "", body, "", body.replace("市", "県")]
    )
    result = extract_text(text)
    assert body in result.body


def test_outlet_from_the_url_domain() -> None:
    text = "Valley Rail News\n\n" + "\n".join(ARTICLE) + "\n\nValley Rail News\n"
    result = extract_text(text, url="https://www.valleyrailnews.example/2023/night-trains")
    assert result.outlet == "Valley Rail News"
    assert result.url == "https://www.valleyrailnews.example/2023/night-trains"


@pytest.mark.parametrize("url", ["http://[::1", "not a url", "", "https://", "//"])
def test_malformed_urls_never_raise(url: str) -> None:
    result = extract_text("\n".join(ARTICLE), url=url)
    assert result.title == ARTICLE[0]


def test_through_extract_dispatch_with_bytes() -> None:
    data = (FIXTURES / "harbour_ferry.txt").read_bytes()
    result = extract(data, source="harbour_ferry.txt")
    assert result.kind is SourceKind.TEXT
    assert result.title.startswith("Harbour town votes")


def test_controls_never_reach_the_output() -> None:
    text = "\n".join(ARTICLE).replace("sleeper", "sleep\x1b[31mer\u202e")
    result = extract(text)
    assert "\x1b" not in result.body and "\u202e" not in result.body


@pytest.mark.parametrize(
    "text", ["", "\n\n\n", "   ", "•\n•\n•", "a", "x\ny\nz", "—\n" * 50, "1.\n2.\n3."]
)
def test_degenerate_input_never_raises(text: str) -> None:
    result = extract_text(text)
    assert isinstance(result.body, str)
    assert isinstance(result.title, str)


@settings(max_examples=150, deadline=None)
@given(st.lists(st.text(max_size=120), max_size=40))
def test_random_dumps_never_raise(lines: list[str]) -> None:
    result = extract_text("\n".join(lines))
    assert result.kind is SourceKind.TEXT
    assert "\n\n\n" not in result.body


@pytest.mark.parametrize(
    "after",
    [
        ["Tags: Rail, Tourism, Night trains", "", "Most Read"],
        ["Tags", "", "Rail", "Tourism", "Night trains", "", "Most Read"],
        [
            "  • Share on Facebook",
            "  • Share on Twitter",
            "",
            "  • Rail",
            "  • Tourism",
            "  • Night trains",
        ],
    ],
    ids=["tags-line", "tags-label", "after-share-bar"],
)
def test_tag_list_forms(after: list[str]) -> None:
    result = extract_text(_dump(["Valley Rail News"], after=after))
    assert result.tags == ["Rail", "Tourism", "Night trains"]
    assert "Tourism" not in result.body.replace("Tourism offices", "")


@pytest.mark.parametrize(
    "headline",
    ["Talks resume [b]at once[/b] in Astana", "Ceasefire holds in the north [Updated]"],
)
def test_headline_with_brackets_is_still_the_title(headline: str) -> None:
    body = (
        "Negotiators from the three guarantor states met again on Thursday and agreed to "
        "keep the ceasefire line under joint watch until the next round of talks."
    )
    extracted = extract_text(f"{headline}\n\n{body}\n")
    assert extracted.title == headline
    assert extracted.body == body
