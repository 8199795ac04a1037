"""Regex helpers for speed: prefix-tree alternations, and end-anchored tests run backwards."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field


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
