"""Each annotation rule on a small self-contained sentence written for the test."""

from __future__ import annotations

import inspect

import pytest

from reader.annotate import annotate
from reader.annotate.pipeline import ANNOTATOR_VERSION, annotate_article
from reader.annotate.quotes import find_quotes
from reader.models import Annotations


def people(a: Annotations) -> list[tuple[str, str]]:
    return [(p.text, p.canonical) for p in a.people]


def places(a: Annotations) -> list[str]:
    return [p.text for p in a.places]


def test_version_is_a_positive_int() -> None:
    assert isinstance(ANNOTATOR_VERSION, int) and ANNOTATOR_VERSION >= 1


def test_public_annotate_delegates_to_pipeline() -> None:
    body = "Foreign Minister Maria Costa said Lisbon would help."
    assert annotate(body) == annotate_article(body)


def test_full_name_then_bare_surname_share_one_canonical() -> None:
    a = annotate_article(
        "Russian Foreign Minister Sergey Lavrov arrived on Monday. Lavrov met officials, "
        "and later Sergei Lavrov spoke again."
    )
    assert people(a) == [
        ("Sergey Lavrov", "Sergey Lavrov"),
        ("Lavrov", "Sergey Lavrov"),
        ("Sergei Lavrov", "Sergey Lavrov"),
    ]


def test_title_the_and_possessive_stay_outside_the_span() -> None:
    a = annotate_article("The talks followed President Bashar al-Assad's speech. Assad left.")
    assert people(a) == [("Bashar al-Assad", "Bashar al-Assad"), ("Assad", "Bashar al-Assad")]


def test_person_without_cue_word_from_name_shape() -> None:
    a = annotate_article("The plan was drafted by Kanat Tumysh and approved in Astana.")
    assert ("Kanat Tumysh", "Kanat Tumysh") in people(a)
    assert places(a) == ["Astana"]


@pytest.mark.parametrize(
    "body",
    [
        "Sputnik reported the meeting, citing TASS and Reuters.",
        "The minister said the Turks were ready, the spokesman added.",
        "The Russian Foreign Ministry and the Kremlin said nothing.",
    ],
)
def test_outlets_groups_and_roles_are_not_people(body: str) -> None:
    assert annotate_article(body).people == ()


def test_places_used_for_governments_and_hyphen_pairs() -> None:
    a = annotate_article("Ankara and Damascus agreed to restore Ankara-Damascus ties.")
    assert places(a) == ["Ankara", "Damascus", "Ankara", "Damascus"]
    assert {p.country for p in a.places} == {"Turkey", "Syria"}


def test_demonyms_are_not_places_but_tag_countries() -> None:
    a = annotate_article("Kazakh and Russian officials met. Russian diplomats left.")
    assert a.places == ()
    assert "Russia" in a.countries


def test_person_names_that_look_like_places() -> None:
    a = annotate_article("Michael Jordan and Paris Hilton visited Jordan last week.")
    assert [p.text for p in a.people] == ["Michael Jordan", "Paris Hilton"]
    assert places(a) == ["Jordan"]


def test_common_words_and_clubs_are_not_places() -> None:
    a = annotate_article(
        "Of the fans, most came by bus. Real Madrid beat Manchester United in Madrid."
    )
    assert places(a) == ["Madrid"]


def test_country_aliases_resolve_to_short_names() -> None:
    a = annotate_article(
        "Türkiye, the Syrian Arab Republic, the Russian Federation and the U.S. met."
    )
    assert [p.country for p in a.places] == ["Turkey", "Syria", "Russia", "United States"]


def test_straight_and_curly_quotes_with_speakers() -> None:
    body = (
        'Mayor Ana Ruiz opened the bridge. "It took ten years," Ruiz said.\n\n'
        "“We are proud of it,” said engineer Tom Hale."
    )
    a = annotate_article(body)
    assert [(q.text, q.speaker) for q in a.quotes] == [
        ('"It took ten years,"', "Ana Ruiz"),
        ("“We are proud of it,”", "Tom Hale"),
    ]


def test_quote_across_paragraphs_is_one_span() -> None:
    body = 'Nora Field said:\n\n"The first part goes on.\n\n"And it ends here."\n\nShe left.'
    (quote,) = annotate_article(body).quotes
    assert quote.text == '"The first part goes on.\n\n"And it ends here."'
    assert quote.speaker == "Nora Field"


def test_titles_and_scare_quotes_are_not_quotes() -> None:
    body = 'He told the daily "Hurriyet" that the "roadmap" was a "rough draft".'
    assert annotate_article(body).quotes == ()


def test_pronoun_role_and_continuation_speakers() -> None:
    body = (
        "Envoy Omar Haddad met the press.\n\n"
        '"We are close," he said.\n\n'
        '"The text is nearly ready."\n\n'
        '"Talks resume next week," the diplomat added.'
    )
    speakers = [q.speaker for q in annotate_article(body).quotes]
    assert speakers == ["Omar Haddad"] * 3


def test_according_to_and_colon_intro() -> None:
    body = (
        '"Prices will fall," according to economist Lena Berg.\n\n'
        'Berg told reporters: "Not this year, though."'
    )
    assert [q.speaker for q in annotate_article(body).quotes] == ["Lena Berg", "Lena Berg"]


def test_organisation_speaker_is_named_as_written() -> None:
    body = 'The deal was "a step toward peace for the region," Moscow said in a statement.'
    (quote,) = annotate_article(body).quotes
    assert quote.speaker == "Moscow"


def test_unattributed_quote_has_no_speaker() -> None:
    (quote,) = annotate_article('"Nobody knows what comes next."').quotes
    assert quote.speaker is None


def test_countries_are_what_the_article_is_about() -> None:
    body = (
        "Syria and Turkey held talks in Ankara on border security. Syrian and Turkish "
        "officials said Damascus wanted a timetable. A delegate who once lived in Brazil "
        "attended."
    )
    a = annotate_article(body, title="Syria-Turkey border talks")
    assert set(a.countries) == {"Syria", "Turkey"}


def test_page_tags_and_title_count() -> None:
    a = annotate_article("Officials met on Monday.", title="Talks in Tehran", tags=["Iran"])
    assert a.countries == ("Iran",)


def test_empty_body_gives_empty_annotations() -> None:
    assert annotate_article("") == Annotations()


def test_name_confirmed_by_a_cued_surname_elsewhere() -> None:
    body = 'The ruling came from Judge Okonkwo Adeyemi-Baird. "It stands," Adeyemi-Baird said.'
    a = annotate_article(body)
    assert [p.canonical for p in a.people] == ["Okonkwo Adeyemi-Baird"] * 2


def test_particles_initials_and_nicknames() -> None:
    body = (
        "Ursula von der Leyen spoke first; von der Leyen then left. "
        "The chairman, S. Somanath, and Lewis A. Kaplan listened. Samuel Novak agreed; Sam said so."
    )
    names = [(p.text, p.canonical) for p in annotate_article(body).people]
    assert ("von der Leyen", "Ursula von der Leyen") in names
    assert ("S. Somanath", "S. Somanath") in names
    assert ("Lewis A. Kaplan", "Lewis A. Kaplan") in names
    assert ("Sam", "Samuel Novak") in names


def test_a_party_in_the_lead_after_a_short_standfirst_is_tagged() -> None:
    body = (
        "A draft plan is being prepared.\n\n"
        "Syria, Turkey and Iran have agreed to a plan put forward by Russia, an envoy said.\n\n"
        "Officials in Ankara and Damascus will study the draft. Turkish and Syrian officials "
        "met again on Friday. The Iranian side has a copy."
    )
    assert set(annotate_article(body).countries) == {"Syria", "Turkey", "Iran", "Russia"}


def test_one_late_background_mention_is_not_tagged() -> None:
    body = (
        "Farmers in Kenya say the rains came a month late.\n\n"
        "Maize prices in Nairobi have doubled since March, traders said.\n\n"
        "A similar drought hit Ethiopia in 2017."
    )
    assert annotate_article(body).countries == ("Kenya",)


def test_towns_in_passing_and_process_names_do_not_tag() -> None:
    body = (
        "Two ferry firms will merge, creating routes from Copenhagen to Oslo, Gdansk and "
        "Rotterdam, the companies said on Monday in Copenhagen.\n\n"
        "Danish and Norwegian unions welcomed it. The Astana format was not discussed."
    )
    assert set(annotate_article(body).countries) == {"Denmark", "Norway"}


def test_a_match_report_naming_only_towns_is_tagged_by_them() -> None:
    body = (
        "The visitors scored twice late on to win 2-1.\n\n"
        "Their coach said the team had deserved it.\n\n"
        "They travel to Leeds on Saturday and host a side from Manchester next week."
    )
    assert annotate_article(body).countries == ("United Kingdom",)


def test_the_netherlands_is_named_netherlands() -> None:
    assert annotate_article("Researchers in the Netherlands said so.").countries == ("Netherlands",)


def test_she_skips_a_man_named_in_between() -> None:
    body = (
        "Parent Helen Ortiz spoke in favour after coach Greg Pollard objected. "
        '"My kid is a zombie until ten," she said.'
    )
    (quote,) = annotate_article(body).quotes
    assert quote.speaker == "Helen Ortiz"


def test_he_skips_a_woman_named_by_honorific() -> None:
    body = (
        "Tomasz Wrona, the mayor, met Ms. Okafor on Monday. "
        '"The budget is closed," he said after Okafor left.'
    )
    (quote,) = annotate_article(body).quotes
    assert quote.speaker == "Tomasz Wrona"


def test_pronoun_with_nobody_of_that_gender_keeps_the_nearest() -> None:
    body = 'Judge Robert Hale ruled on Friday. "The ruling stands as written," she said.'
    (quote,) = annotate_article(body).quotes
    assert quote.speaker == "Robert Hale"


@pytest.mark.parametrize(
    "body",
    [
        "The company said Gemini Ultra would ship in May, said Sundar Pichai.",
        "Amazon said Alexa Plus would reach Britain next year, said Sundar Pichai.",
        "Reviewers said the Galaxy Fold felt sturdier than before, said Sundar Pichai.",
    ],
)
def test_product_models_are_not_people(body: str) -> None:
    assert [p.text for p in annotate_article(body).people] == ["Sundar Pichai"]


def test_given_name_alone_after_the_full_name_even_after_an_adverb() -> None:
    body = "Coach Marcus Oduya praised the team. Later Marcus admitted the defence had struggled."
    assert people(annotate_article(body)) == [
        ("Marcus Oduya", "Marcus Oduya"),
        ("Marcus", "Marcus Oduya"),
    ]


def test_initials_modal_given_name_river_prefix_and_colon_dateline() -> None:
    a = annotate_article(
        "MUMBAI: Industries Minister T.R.B. Rajaa and their new manager, Will Venable, walked "
        "along the River Severn. Chief executive C.C. Wei joined them."
    )
    assert [p.text for p in a.people] == ["T.R.B. Rajaa", "Will Venable", "C.C. Wei"]
    assert places(a) == ["MUMBAI", "River Severn"]
    assert a.countries == ("India",)


def test_races_companies_roles_and_nationality_nouns() -> None:
    body = (
        "Tadej Pogacar won a stage of the Tour de France in the Pyrenees. Shipping line Maersk "
        "said ships were late. Geophysicist Magnus Tumi Gudmundsson watched. Jonas Vingegaard "
        'conceded. "He is just stronger than me right now," the Dane said.'
    )
    a = annotate_article(body)
    assert [p.text for p in a.people] == [
        "Tadej Pogacar",
        "Magnus Tumi Gudmundsson",
        "Jonas Vingegaard",
    ]
    assert places(a) == ["Pyrenees"]
    assert [q.speaker for q in a.quotes] == ["Jonas Vingegaard"]


def test_state_abbreviation_korean_names_cricket_tests_and_place_before_a_cue() -> None:
    body = (
        "TAMPA, Fla. (AP) — Analyst Park Soo-yeon watched the second Ashes Test. Maria Gonzalez, "
        "who lives in St. Petersburg, said the wind was loud."
    )
    a = annotate_article(body)
    assert [p.text for p in a.people] == ["Park Soo-yeon", "Maria Gonzalez"]
    assert places(a) == ["TAMPA", "Fla.", "St. Petersburg"]


def test_event_names_demonym_names_ages_roles_and_provinces() -> None:
    body = (
        "Ruth Chepngetich won the Chicago Marathon. Ethiopian Sutume Kebede was second. "
        "Farhan al-Qadi, 52, was freed. Real Madrid signed Brazilian striker Endrick. "
        "Alsu Kurmasheva's lawyers appealed. A library in Gananoque, Ontario, stays open. "
        "Floods hit Rio Grande do Sul. Russian Railways said trains were late."
    )
    a = annotate_article(body)
    assert [p.text for p in a.people] == [
        "Ruth Chepngetich",
        "Sutume Kebede",
        "Farhan al-Qadi",
        "Endrick",
        "Alsu Kurmasheva",
    ]
    assert [(p.text, p.country) for p in a.places if p.text != "Chicago"] == [
        ("Ontario", "Canada"),
        ("Rio Grande do Sul", "Brazil"),
    ]


def test_alliances_institutions_given_names_and_japanese_she() -> None:
    body = (
        "The vaccine alliance Gavi said supply was short. Physicist Michele Dougherty works at "
        "Imperial College London. His wife, the novelist Siri Hustvedt, wrote a book. Regular Ken "
        "Hughes came too. Prime Minister Shigeru Ishiba beat Sanae Takaichi. "
        '"I will win back trust," she said.'
    )
    a = annotate_article(body)
    assert [p.text for p in a.people] == [
        "Michele Dougherty",
        "Siri Hustvedt",
        "Ken Hughes",
        "Shigeru Ishiba",
        "Sanae Takaichi",
    ]
    assert places(a) == []
    assert [q.speaker for q in a.quotes] == ["Sanae Takaichi"]


def test_find_quotes_takes_the_body_and_the_people_only() -> None:
    # Places never decide a speaker: the parameter that took them was unused.
    assert list(inspect.signature(find_quotes).parameters) == ["body", "people"]


def test_any_name_particle_prefix_links_the_bare_surname() -> None:
    # "ed-" and "ibn-" are particles like "al-": the bare surname is the same person.
    body = (
        "Historian Karim ed-Dahabi opened the archive. Dahabi said it held maps. "
        "Imam Yusuf ibn-Marzan came later, and Marzan said little."
    )
    assert people(annotate_article(body)) == [
        ("Karim ed-Dahabi", "Karim ed-Dahabi"),
        ("Dahabi", "Karim ed-Dahabi"),
        ("Yusuf ibn-Marzan", "Yusuf ibn-Marzan"),
        ("Marzan", "Yusuf ibn-Marzan"),
    ]


@pytest.mark.parametrize(
    "body",
    [
        "Talks stalled, The Guardian said on Monday.",
        "Late on Friday, The Telegraph said the deal was off.",
        "Officials told The Hill that the vote would wait, and The Hill said so.",
    ],
)
def test_outlets_whose_name_starts_with_the_are_not_people(body: str) -> None:
    assert annotate_article(body).people == ()


@pytest.mark.parametrize(
    "body",
    [
        "Residents of nearby Orlen Brask were moved on Sunday.",
        "The crew kept the standby Trevane Halloway ready.",
    ],
)
def test_a_word_ending_in_by_is_no_speech_cue(body: str) -> None:
    # "by" cues a speaker ("written by ..."); "nearby" and "standby" only end with it.
    assert annotate_article(body).people == ()


@pytest.mark.parametrize(
    "body",
    [
        "Diners ordered Crème Brûlée, and Crème Brûlée sold out; the plain crème brûlée was not.",
        "Locals love the corner café, and the Café said prices would hold.",
    ],
)
def test_accented_words_seen_in_lower_case_are_ordinary_words(body: str) -> None:
    assert annotate_article(body).people == ()


@pytest.mark.parametrize(
    "body",
    [
        "Shares fell after Bank Vardela said profits had dropped.",
        "Prices rose, and Agency Brixo said it would appeal.",
    ],
)
def test_a_capitalised_company_word_before_a_name_makes_it_a_company(body: str) -> None:
    assert annotate_article(body).people == ()


@pytest.mark.parametrize(
    ("body", "places"),
    [
        ("The plan was first reported by The Times of India on Monday.", []),
        ("Voice of America said the vote in Lima was delayed.", ["Lima"]),
        ("Speaking to Radio Free Europe, the minister said talks would resume.", []),
        ("In Lima, the Times of Israel reported the delay.", ["Lima"]),
        # Outside an outlet's name, the same words are places as ever.
        ("Troops from India and Israel met in Lima.", ["India", "Israel", "Lima"]),
    ],
)
def test_a_place_in_an_outlets_name_is_no_place(body: str, places: list[str]) -> None:
    found = annotate_article(body)
    assert [place.text for place in found.places] == places
    assert found.people == ()


def test_a_word_of_an_outlets_name_is_no_speaker() -> None:
    found = annotate_article('"We will stay," the Globe and Mail said of the plan in Kyiv.')
    assert found.people == ()
    assert [quote.speaker for quote in found.quotes] == [None]
    assert found.countries == ("Ukraine",)
