"""Local sources: expanding paths, reading safely, typing by content, feed files."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from reader.errors import NotAnArticleError, SourceError
from reader.models import SourceKind
from reader.sources.files import expand_paths, load_file, read_file_bytes

ARTICLE = """Harbour news

  • Home
  • Town

Night buses return to the harbour district

  • 4 Mar 2024 10:15

The night bus service between the station and the harbour district starts again on Friday after a
two-year pause, the transport office said in a statement on Monday morning.

Buses will run every half hour from midnight until five, stopping at the hospital and the old market
on the way, according to the timetable published by the office.

"People who work late shifts have asked for this for a long time," said the office's director.
"""

FEED = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <title>Harbour Notes</title>
  <link href="https://harbour.example/"/>
  <id>urn:harbour-notes</id>
  <updated>2024-05-02T10:00:00Z</updated>
  <entry>
    <title>Lighthouse keeper retires after forty years</title>
    <link href="https://harbour.example/lighthouse"/>
    <id>urn:harbour-notes:1</id>
    <updated>2024-05-01T08:00:00Z</updated>
    <author><name>Mina Hart</name></author>
    <category term="Harbour"/>
    <content type="html">&lt;p&gt;The keeper of the north lighthouse retired on Tuesday after forty
    years of service, handing the keys to the port authority in a short ceremony on the pier.&lt;/p&gt;
    &lt;p&gt;"I have seen every storm this coast can make," she told the crowd that gathered to see her
    off, before walking down the steps for the last time.&lt;/p&gt;</content>
  </entry>
  <entry>
    <title>Fish market moves indoors for the winter</title>
    <link href="/fish-market"/>
    <id>urn:harbour-notes:2</id>
    <updated>2024-05-02T09:00:00Z</updated>
    <summary type="html">&lt;p&gt;The Saturday fish market will move into the old customs hall from
    November, the council said, after traders asked for shelter from the winter weather on the quay.&lt;/p&gt;</summary>
  </entry>
</feed>
"""


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


# -- expanding paths -------------------------------------------------------------------------


def test_folders_expand_recursively_sorted_without_hidden_files(tmp_path: Path) -> None:
    write(tmp_path / "b.html", "<p>b</p>")
    write(tmp_path / "a.txt", "a")
    write(tmp_path / "sub" / "c.htm", "<p>c</p>")
    write(tmp_path / "sub" / "notes", "extensionless dump")
    write(tmp_path / ".hidden.html", "<p>hidden</p>")
    write(tmp_path / ".git" / "x.html", "<p>in a hidden folder</p>")
    write(tmp_path / "picture.jpg", "not tried when walking a folder")
    found = list(expand_paths([tmp_path]))
    assert [p.relative_to(tmp_path).as_posix() for p in found if isinstance(p, Path)] == [
        "a.txt",
        "b.html",
        "sub/c.htm",
        "sub/notes",
    ]


def test_browser_asset_folders_beside_a_saved_page_are_skipped(tmp_path: Path) -> None:
    write(tmp_path / "Story.html", "<p>story</p>")
    write(tmp_path / "Story_files" / "ad-frame.html", "<p>an advert</p>")
    found = [p.name for p in expand_paths([tmp_path]) if isinstance(p, Path)]
    assert found == ["Story.html"]


def test_symlink_loops_are_walked_once(tmp_path: Path) -> None:
    write(tmp_path / "top" / "one.txt", "one")
    (tmp_path / "top" / "loop").symlink_to(tmp_path / "top", target_is_directory=True)
    found = [p for p in expand_paths([tmp_path / "top"]) if isinstance(p, Path)]
    assert [p.name for p in found] == ["one.txt"]


def test_the_same_file_named_twice_is_expanded_once(tmp_path: Path) -> None:
    page = write(tmp_path / "page.html", "<p>x</p>")
    found = list(expand_paths([page, tmp_path, str(page)]))
    assert found == [page]


def test_missing_paths_and_empty_folders_become_errors_naming_them(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    results = list(expand_paths([tmp_path / "nope.html", tmp_path / "empty"]))
    assert all(isinstance(r, SourceError) for r in results)
    messages = [str(r) for r in results]
    assert messages[0] == f"{tmp_path / 'nope.html'}: No such file or directory"
    assert messages[1] == f"{tmp_path / 'empty'}: is a directory with no articles"


def test_an_explicit_file_is_tried_whatever_its_suffix(tmp_path: Path) -> None:
    odd = write(tmp_path / "story.download", ARTICLE)
    assert list(expand_paths([odd])) == [odd]


# -- reading ---------------------------------------------------------------------------------


def test_files_over_the_size_cap_are_refused_before_reading(tmp_path: Path) -> None:
    big = tmp_path / "big.html"
    big.write_bytes(b"<p>" + b"x" * 3000 + b"</p>")
    with pytest.raises(SourceError) as caught:
        read_file_bytes(big, limit=1024 * 1024 // 1024)
    assert "too large" in caught.value.message
    assert caught.value.title == str(big)
    assert read_file_bytes(big) == big.read_bytes()


def test_directories_and_pipes_are_not_read(tmp_path: Path) -> None:
    with pytest.raises(SourceError, match="Is a directory"):
        read_file_bytes(tmp_path)
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    with pytest.raises(SourceError, match="not a regular file"):
        read_file_bytes(fifo)  # must not block


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads every file")
def test_unreadable_files_say_permission_denied(tmp_path: Path) -> None:
    secret = write(tmp_path / "secret.html", "<p>x</p>")
    secret.chmod(0)
    with pytest.raises(SourceError, match="Permission denied"):
        read_file_bytes(secret)


# -- typing by content and decoding ----------------------------------------------------------


def test_a_text_dump_is_cleaned_by_the_text_cleaner(tmp_path: Path) -> None:
    (article,) = load_file(write(tmp_path / "dump.txt", ARTICLE))
    assert article.extracted.kind == SourceKind.TEXT
    assert article.extracted.title == "Night buses return to the harbour district"
    assert "Home" not in article.extracted.body.split()
    assert article.source == str((tmp_path / "dump.txt").resolve())


@pytest.mark.parametrize(
    ("name", "expected_title", "body_words"),
    [
        ("good-utf8-bom.txt", "Marl river flood defences", "flood walls"),
        ("good-utf16-bom.html", "school choir wins", "thirty-two singers"),
        ("good-cp1252.txt", "Ferry service across the Marl", "“Passengers will notice"),
        ("good-meta-latin1.html", "Café owners on the quay", "Renée Müller"),
        ("good-meta-windows1251.html", "Оукхейвен принимает", "фестиваль речных судов"),
        ("good-html-saved-as.txt", "library opens a reading room", "parish records"),
        ("good-extensionless", "footbridge over the Marl", "four million euros"),
        ("good-xhtml-with-prolog.xhtml", "Harbour cranes are replaced", "every ninety seconds"),
    ],
)
def test_fixture_pages_decode_and_clean(
    fixtures_dir: Path, name: str, expected_title: str, body_words: str
) -> None:
    (article,) = load_file(fixtures_dir / "sources" / name)
    assert expected_title in article.extracted.title
    assert body_words in article.extracted.body
    assert "\ufffd" not in article.extracted.title


def test_an_html_page_saved_as_txt_goes_through_the_html_cleaner(fixtures_dir: Path) -> None:
    (article,) = load_file(fixtures_dir / "sources" / "good-html-saved-as.txt")
    assert article.extracted.kind == SourceKind.HTML
    assert "<p>" not in article.extracted.body
    assert article.extracted.outlet == "Oakhaven Courier"


def test_undecodable_bytes_never_crash(fixtures_dir: Path) -> None:
    (article,) = load_file(fixtures_dir / "sources" / "good-undecodable-bytes.txt")
    assert "sixty stalls" in article.extracted.body
    assert "\x81" not in article.extracted.body


@pytest.mark.parametrize(
    ("name", "reason"),
    [
        ("bad-pdf.pdf", "PDF"),
        ("bad-pdf-saved-as.html", "PDF"),
        ("bad-image.png", "PNG image"),
        ("bad-empty.txt", "empty file"),
        ("bad-binary.dat", "binary"),
    ],
)
def test_non_articles_fail_with_one_line_naming_the_file(
    fixtures_dir: Path, name: str, reason: str
) -> None:
    path = fixtures_dir / "sources" / name
    with pytest.raises(NotAnArticleError) as caught:
        load_file(path)
    assert caught.value.title == str(path)
    assert reason in caught.value.message
    assert "\n" not in str(caught.value)


# -- feed files ------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["notes.atom", "notes.xml", "notes-without-suffix"])
def test_a_saved_feed_becomes_one_article_per_item(tmp_path: Path, name: str) -> None:
    articles = load_file(write(tmp_path / name, FEED))
    assert [a.extracted.title for a in articles] == [
        "Lighthouse keeper retires after forty years",
        "Fish market moves indoors for the winter",
    ]
    first, second = articles
    assert first.extracted.kind == SourceKind.FEED
    assert first.url == "https://harbour.example/lighthouse"
    assert second.url == "https://harbour.example/fish-market"
    assert first.extracted.byline == "Mina Hart"
    assert first.extracted.outlet == "Harbour Notes"
    assert first.extracted.tags == ["Harbour"]
    assert str(first.extracted.published)[:10] == "2024-05-01"
    assert '"I have seen every storm' in first.extracted.body
    assert "<p>" not in first.extracted.body
    assert "customs hall" in second.extracted.body
    assert first.source != second.source


def test_a_file_named_like_a_feed_that_is_not_one_fails_clearly(tmp_path: Path) -> None:
    path = write(tmp_path / "settings.xml", '<?xml version="1.0"?><settings><a>1</a></settings>')
    with pytest.raises(SourceError) as caught:
        load_file(path)
    assert caught.value.title == str(path)


# A layout common on news sites: headline, standfirst, lead-image caption, then the byline and
# date block, "Listen", share buttons. The caption and the button row must not become the title.
CAPTION_FIRST = """Skip to main content
Support our journalism. Become a member!

Menu Search Sign in

Home | News | Politics | Business | Opinion

Night ferries return to the island after a winter pause

The service had been suspended since November while the pier was rebuilt.

Passengers board the first evening ferry at the harbour (Courier)

By Lena Park
Published 4 Mar 2024 10:15
Listen to this article · 3 min

Share  Tweet  Email

Night ferries between the harbour and the island started running again on Monday, four months
after the service was stopped so that engineers could rebuild the old wooden pier.

"We missed the last boat home more than once this winter," said one island resident as she
waited on the quay for the first crossing of the evening.

Boats will leave every hour until one in the morning, the operator said in its new timetable.

Sign up for our newsletter
"""


def test_a_caption_between_standfirst_and_byline_is_not_the_title(tmp_path: Path) -> None:
    (article,) = load_file(write(tmp_path / "dump.txt", CAPTION_FIRST))
    assert article.extracted.title == "Night ferries return to the island after a winter pause"
    assert article.extracted.byline == "Lena Park"


def test_feed_items_keep_their_paragraphs() -> None:
    from reader.samples import sample_paths

    feed = next(p for p in sample_paths() if p.suffix == ".xml")
    for article in load_file(feed):
        paragraphs = article.extracted.body.split("\n\n")
        assert len(paragraphs) >= 4, article.extracted.title
        assert all(p.strip() == p and p for p in paragraphs)


def test_the_default_cap_refuses_a_21_mb_file(tmp_path: Path) -> None:
    big = tmp_path / "huge.html"
    with open(big, "wb") as handle:
        handle.truncate(21 * 1024 * 1024)  # sparse: costs no disk
    with pytest.raises(SourceError) as caught:
        load_file(big)
    assert caught.value.message == "file is too large (21.0 MB; the limit is 20 MB)"


def test_os_errors_while_reading_name_the_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import reader.sources.files as files

    page = write(tmp_path / "page.html", "<p>x</p>")

    def denied(*args: object, **kwargs: object) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(files, "open", denied, raising=False)
    with pytest.raises(SourceError) as caught:
        load_file(page)
    assert str(caught.value) == f"{page}: Permission denied"


def test_a_path_with_a_nul_character_is_an_error_and_the_rest_go_on(tmp_path: Path) -> None:
    # `broadsheet add -` reads paths from stdin, where a NUL can arrive; no file has one.
    good = tmp_path / "a.txt"
    good.write_text("text", encoding="utf-8")
    results = list(expand_paths(["bad\x00name.html", str(good)]))
    assert isinstance(results[0], SourceError)
    assert "NUL character" in results[0].message
    assert results[1] == good
