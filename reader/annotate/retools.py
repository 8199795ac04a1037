"""Regex helpers for speed: prefix-tree alternations, and end-anchored tests run backwards."""

from __future__ import annotations

import re
from collections.abc import Iterable
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

    def __init__(self, pattern: re.Pattern[str]) -> None:
        self.pattern = pattern
        self._reversed = re.compile(reverse_pattern(pattern.pattern), pattern.flags)

    def search(self, text: str) -> bool:
        """Whether ``self.pattern.search(text)`` finds a match."""
        return self._reversed.match(text[::-1]) is not None


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
    return "\\n?" + _reverse(alts)


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
