"""Terminal control sequences never survive the sanitiser."""

from __future__ import annotations

import pytest

from reader.sanitize import clean_line, strip_controls


@pytest.mark.parametrize(
    ("hostile", "safe"),
    [
        ("title\x1b]2;pwned\x07 end", "title end"),
        ("a\x1b]8;;http://x\x1b\\link\x1b]8;;\x1b\\b", "alinkb"),
        ("clear\x1b[2Jscreen", "clearscreen"),
        ("colour \x1b[31;1mred\x1b[0m", "colour red"),
        ("dcs\x1bPq#0;2;0;0;0\x1b\\done", "dcsdone"),
        ("apc\x1b_Gf=100;AAAA\x1b\\x", "apcx"),
        ("c1 csi \x9b31m here", "c1 csi  here"),
        ("osc unterminated \x1b]2;title", "osc unterminated "),
        ("bell\x07 nul\x00 del\x7f", "bell nul del"),
        ("bidi \u202eevil\u202c text \u2066x\u2069", "bidi evil text x"),
        ("keep\ttab\nand newline", "keep\ttab\nand newline"),
        ("windows\r\nlines\rold mac", "windows\nlines\nold mac"),
        ("lone \ud800 surrogate", "lone  surrogate"),
        ("plain text, untouched", "plain text, untouched"),
    ],
)
def test_strip_controls(hostile: str, safe: str) -> None:
    assert strip_controls(hostile) == safe


def test_clean_line_folds_whitespace() -> None:
    assert clean_line("  A\n title\x1b[2J \t here ") == "A title here"


def test_mostly_utf8_with_a_bad_byte_is_not_mojibake() -> None:
    from reader.sources.sniff import decode_bytes

    data = "• By Courier staff — café on the quay".encode() + b"\xff and more"
    assert decode_bytes(data).startswith("• By Courier staff — café")


def test_legacy_charsets_still_decode() -> None:
    from reader.sources.sniff import decode_bytes

    assert decode_bytes("Привет мир, как дела у вас сегодня".encode("cp1251")).startswith("Привет")
    page = '<meta charset="windows-1252"><p>café au lait, naïve</p>'.encode("cp1252")
    assert "café au lait, naïve" in decode_bytes(page)
