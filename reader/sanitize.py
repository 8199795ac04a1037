"""Make hostile text safe for a terminal: strip control sequences and bidi overrides.

Applied at ingest to every stored string, and again at render. Removes ESC sequences
(CSI, OSC, DCS, SOS, PM, APC, with BEL or ST terminators, and their 8-bit C1 forms), every
other C0 control except tab and newline, every C1 control, lone surrogates, and the bidi
embedding/override/isolate characters that can reorder what a reader sees.
"""

from __future__ import annotations

import re

# String-type sequences: OSC (ESC ]), DCS (ESC P), SOS (ESC X), PM (ESC ^), APC (ESC _) and
# their C1 forms, ended by BEL or ST (ESC \ or 0x9c), or by the end of the text when the
# terminator never comes (a truncated title must not leave a half-sequence behind).
_STRING_SEQ = r"(?:\x1b[\]PX^_]|[\x90\x98\x9d\x9e\x9f])[^\x07\x1b\x9c]*(?:\x07|\x1b\\|\x9c|$)"
# CSI: ESC [ or 0x9b, parameter bytes, intermediate bytes, one final byte.
_CSI_SEQ = r"(?:\x1b\[|\x9b)[\x30-\x3f]*[\x20-\x2f]*[\x40-\x7e]?"
# Any other ESC sequence: ESC, intermediates, one final byte.
_ESC_SEQ = r"\x1b[\x20-\x2f]*[\x30-\x7e]?"
_SEQUENCES = re.compile(f"{_STRING_SEQ}|{_CSI_SEQ}|{_ESC_SEQ}")

# Remaining single characters: C0 (not \t \n), DEL, C1, bidi controls, lone surrogates.
_CONTROL_CHARS = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f\x80-\x9f\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c\ud800-\udfff]"
)


def strip_controls(text: str) -> str:
    """Return ``text`` without terminal control sequences, control characters or bidi overrides.

    Carriage returns become newlines (``\\r\\n`` becomes one newline) so that Windows text
    keeps its line breaks.
    """
    # Every sequence starts with a character of this set: clean text is returned as it is.
    if not _CONTROL_CHARS.search(text):
        return text
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = _SEQUENCES.sub("", text)
    return _CONTROL_CHARS.sub("", text)


def clean_line(text: str) -> str:
    """Like :func:`strip_controls`, and fold all whitespace to single spaces (titles, names)."""
    return " ".join(strip_controls(text).split())
