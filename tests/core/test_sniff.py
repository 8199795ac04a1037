"""Content, not the file name, decides what a blob is."""

from __future__ import annotations

import pytest

from reader.errors import NotAnArticleError
from reader.sources.sniff import check_article_bytes, sniff_text

DUMP_WITH_PIXEL = (
    '<div><img src="https://stats.example/p.gif" width="0" height="0" alt="" /></div>\n'
    "  • Home\n  • World\n  • Sport\n\n"
    "Harbour ferry returns after storm repairs\n\n"
    "The ferry between the two quays ran again on Monday after a week of repairs.\n"
    "Crews replaced the ramp and the council said the timetable is back to normal.\n"
)


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("<!DOCTYPE html><html><body><p>x</p></body></html>", "html"),
        ("<!-- saved --><html><p>x</p></html>", "html"),
        ("<p>First paragraph.</p>\n<p>Second paragraph.</p>\n<p>Third.</p>", "html"),
        ('<?xml version="1.0"?><rss version="2.0"><channel></channel></rss>', "feed"),
        ('<feed xmlns="http://www.w3.org/2005/Atom"></feed>', "feed"),
        ("A headline\n\nA plain paragraph about <angle brackets> in text.\n", "text"),
        (DUMP_WITH_PIXEL, "text"),
    ],
)
def test_sniff_text(text: str, kind: str) -> None:
    assert sniff_text(text) == kind


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"", "empty file"),
        (b"   \n\t ", "white space"),
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3 rest", "PDF"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "PNG"),
        (bytes(range(256)) * 4, "binary"),
    ],
)
def test_not_an_article(data: bytes, reason: str) -> None:
    with pytest.raises(NotAnArticleError) as caught:
        check_article_bytes(data, "in/page.html")
    assert reason in caught.value.message
    assert caught.value.title == "in/page.html"
