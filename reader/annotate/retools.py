"""Regex helpers for speed: prefix-tree alternations, end-anchored tests run backwards, and
anchored tests at an offset without slicing."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import TypeAlias


@dataclass
class _Node:
    tails: set[str] = field(default_factory=set)
    children: dict[str, _Node] = field(default_factory=dict)

    def pattern(self) -> str:
        alts = sorted(self.tails)
        alts += [re.escape(ch) + self.children[ch].pattern() for ch in sorted(self.children)]
        return alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"


def prefix_tree(items: Iterable[tuple[str, str]]) -> str:
    """An alternation of ``literal + tail`` items with shared prefixes factored out.

    The regex engine tries alternatives one by one; as a tree it reads each letter once. For
    tests of whether any item matches: the order among items sharing a prefix is not kept.
    ``tail`` is a regex fragment that must follow its literal (e.g. ``\\b``).
    """
    root = _Node()
    for literal, tail in items:
        node = root
        for ch in literal:
            node = node.children.setdefault(ch, _Node())
        node.tails.add(tail)
    return root.pattern()


class EndCue:
    """An end-anchored ``pattern.search`` (``\\b(?:said|told)\\s+$``) as one anchored match.

    ``search`` tries the pattern at every start position in the window; the reversed pattern
    on the reversed window needs only ``match`` at position 0, with the same answer.
    """

    def __init__(
        self, pattern: re.Pattern[str], reversed_pattern: re.Pattern[str] | None = None
    ) -> None:
        self.pattern = pattern
        self._reversed = reversed_pattern or re.compile(
            reverse_pattern(pattern.pattern), pattern.flags
        )
        self._match = self._reversed.match

    @classmethod
    def any_of(cls, *cues: EndCue) -> EndCue:
        """A cue that matches where any of ``cues`` does: one regex call instead of several."""

        def scoped(regex: re.Pattern[str]) -> str:
            # Each branch keeps its own case flag; others would not survive the merge.
            if regex.flags & ~(re.IGNORECASE | re.UNICODE):
                raise ValueError(f"only re.IGNORECASE can be merged: {regex.pattern!r}")
            return ("(?i:" if regex.flags & re.IGNORECASE else "(?:") + regex.pattern + ")"

        return cls(
            re.compile("|".join(scoped(cue.pattern) for cue in cues)),
            re.compile("|".join(scoped(cue._reversed) for cue in cues)),
        )

    def search(self, text: str) -> bool:
        """Whether ``self.pattern.search(text)`` finds a match."""
        return self._reversed.match(text[::-1]) is not None

    def ends(self, reversed_text: str, end: int, width: int) -> bool:
        """``search(text[max(0, end - width) : end])``, given ``reversed_text == text[::-1]``.

        The window is a ``pos``/``endpos`` range of the text reversed once, so no slice and
        no reversal per call. ``endpos`` acts as the end of the string, as a slice's end does;
        ``pos`` differs from a slice's start only for a ``\\b`` tested there, before any
        character is read: ``reverse_pattern`` refuses patterns where that can happen.
        """
        pos = len(reversed_text) - end
        return self._match(reversed_text, pos, pos + width) is not None


def at_pos(pattern: re.Pattern[str]) -> Callable[[str, int, int], re.Match[str] | None]:
    """``match`` for a ``^``-anchored pattern, at ``pos`` of the whole text, with ``endpos``.

    ``at_pos(p)(text, pos, endpos)`` answers as ``p.match(text[pos:endpos])``, without the
    slice: the ``^`` is dropped (``match`` anchors anyway, and ``^`` fails at a ``pos`` past
    0). ``endpos`` acts as the end of the string, as a slice's end does; ``pos`` differs from
    a slice's start only for a ``\\b`` opening the pattern or a look-behind, both refused.
    Offsets in the match are into the whole text.
    """
    text = pattern.pattern
    if not text.startswith("^") or text.startswith(("^\\b", "^\\B")) or "(?<" in text:
        raise ValueError(f"not a plain ^-anchored pattern: {text!r}")
    return re.compile(text[1:], pattern.flags).match


def reverse_pattern(pattern: str) -> str:
    """A pattern that matches, at the start of a reversed text, what ``pattern`` matches at
    the end of the text; ``pattern`` must end with ``$``.

    Handles the subset the cue patterns use: literals, escapes, classes, ``(?:...)`` groups,
    ``|`` and greedy ``? * + {m,n}``. A final ``$`` also matches before a final newline.
    """
    if not pattern.endswith("$") or pattern.endswith("\\$"):
        raise ValueError(f"not end-anchored: {pattern!r}")
    alts, end = _parse(pattern, 0)
    if end != len(pattern) - 1 or len(alts) != 1:
        raise ValueError(f"unsupported pattern: {pattern!r}")
    if _assertion_at_end(alts):
        # EndCue.ends matches at a pos inside the text: a \b tested there would see the
        # character before it, where a slice has none.
        raise ValueError(f"\\b or \\B before the final $ in {pattern!r}")
    return "\\n?" + _reverse(alts)


def _assertion_at_end(alts: list[_Seq]) -> bool:
    """Whether a ``\\b`` or ``\\B`` can be tested with nothing matched after it."""
    for seq in alts:
        for atom, quant in reversed(seq):
            if atom in ("\\b", "\\B"):
                return True
            if isinstance(atom, list) and _assertion_at_end(atom):
                return True
            if not _optional(atom, quant):
                break  # this atom takes a character: what comes before it is not at the end
    return False


def _optional(atom: str | list[_Seq], quant: str) -> bool:
    """Whether ``atom + quant`` can match the empty string."""
    if quant in ("?", "*") or quant.startswith(("{0,", "{,", "{0}")):
        return True
    if isinstance(atom, list):
        return any(all(_optional(a, q) for a, q in seq) for seq in atom)
    return atom in ("\\b", "\\B")


#: A parsed sequence: (atom, quantifier) pairs; an atom is regex text or a group's alternatives.
_Seq: TypeAlias = "list[tuple[str | list[_Seq], str]]"


def _reverse(alts: list[_Seq]) -> str:
    if len(alts) > 1 and all(_is_literal(seq) for seq in alts):
        # A word list: its reversed words as a prefix tree.
        return prefix_tree(("".join(str(atom) for atom, _ in seq)[::-1], "") for seq in alts)
    out = []
    for seq in alts:
        parts = []
        for atom, quant in reversed(seq):
            text = atom if isinstance(atom, str) else "(?:" + _reverse(atom) + ")"
            parts.append(text + quant)
        out.append("".join(parts))
    return "|".join(out)


def _is_literal(seq: _Seq) -> bool:
    return all(isinstance(a, str) and len(a) == 1 and not q for a, q in seq)


def _parse(p: str, i: int) -> tuple[list[_Seq], int]:
    """The alternatives in ``p[i:]`` up to a closing ``)`` or the final ``$``, and its index."""
    alts: list[_Seq] = [[]]
    while i < len(p):
        ch = p[i]
        atom: str | list[_Seq]
        if ch == ")" or (ch == "$" and i == len(p) - 1):
            return alts, i
        if ch == "|":
            alts.append([])
            i += 1
            continue
        if p.startswith("(?:", i):
            atom, i = _parse(p, i + 3)
            if i >= len(p) or p[i] != ")":
                raise ValueError(f"unbalanced group in {p!r}")
            i += 1
        elif ch == "[":
            j = i + 2 if p.startswith("[^", i) else i + 1
            if p[j] == "]":
                j += 1  # a "]" right after the opening is a member
            while p[j] != "]":
                j += 2 if p[j] == "\\" else 1
            atom, i = p[i : j + 1], j + 1
        elif ch == "\\":
            if p[i + 1].isalnum() and p[i + 1] not in "bBsSwWdD":
                raise ValueError(f"unsupported escape in {p!r}")  # anchors, backrefs, \x..
            atom, i = p[i : i + 2], i + 2
        elif ch in "()^$?*+{}.":
            raise ValueError(f"unsupported {ch!r} in {p!r}")
        else:
            atom, i = ch, i + 1
        quant = ""
        if i < len(p) and p[i] in "?*+":
            quant, i = p[i], i + 1
        elif i < len(p) and p[i] == "{":
            j = p.index("}", i)
            quant, i = p[i : j + 1], j + 1
        if quant and i < len(p) and p[i] in "?+":
            raise ValueError(f"lazy or possessive quantifier in {p!r}")
        alts[-1].append((atom, quant))
    raise ValueError(f"no final $ in {p!r}")
