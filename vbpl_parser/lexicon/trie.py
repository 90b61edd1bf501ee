"""Compile many literal phrases into one fast regular expression.

Python's ``re`` tries the branches of a flat alternation one by one at every position;
factoring common prefixes into a trie ("Sở (?:Tài (?:chính|nguyên ...)|Nội vụ)") makes a
gazetteer of hundreds of names cost about as much as a handful of patterns.
"""
from __future__ import annotations

import re
from typing import Any


def trie_pattern(phrases: list[str], *, word_start: bool = False) -> str:
    """A regex (no groups) matching exactly the given phrases, longest first at each branch.

    ``word_start`` requires each phrase to start a word. The check is placed *after* the
    first character (``S(?<!\\wS)ở``) rather than as a leading ``(?<!\\w)``: a pattern that
    begins with a character set lets ``re`` skip quickly to candidate positions, a leading
    look-behind makes it try every position (measured: 3-6x slower scans).
    """
    trie: dict[str, Any] = {}
    for phrase in phrases:
        node = trie
        for ch in phrase:
            node = node.setdefault(ch, {})
        node[""] = True
    return _emit(trie, word_start)


def word_start_alternation(words: list[str]) -> str:
    """``(?:w1|w2|...)`` where each word must start a word (see :func:`trie_pattern`)."""
    return trie_pattern(sorted(set(words)), word_start=True)


def _emit(node: dict[str, Any], word_start: bool = False) -> str:
    end = "" in node
    branches = []
    for ch in sorted(k for k in node if k):
        sub = _emit(node[ch])
        guard = f"(?<!\\w{re.escape(ch)})" if word_start else ""
        branches.append(re.escape(ch) + guard + sub)
    if not branches:
        return ""
    if len(branches) == 1 and not end:
        return branches[0]
    body = "(?:" + "|".join(branches) + ")"
    return body + "?" if end else body
