"""Compile many literal phrases into one fast regular expression.

Python's ``re`` tries the branches of a flat alternation one by one at every position;
factoring common prefixes into a trie ("Sở (?:Tài (?:chính|nguyên ...)|Nội vụ)") makes a
gazetteer of hundreds of names cost about as much as a handful of patterns.
"""
from __future__ import annotations

import re


def trie_pattern(phrases: list[str]) -> str:
    """A regex (no groups) matching exactly the given phrases, longest first at each branch."""
    trie: dict = {}
    for phrase in phrases:
        node = trie
        for ch in phrase:
            node = node.setdefault(ch, {})
        node[""] = True
    return _emit(trie)


def _emit(node: dict) -> str:
    end = "" in node
    branches = []
    for ch in sorted(k for k in node if k):
        sub = _emit(node[ch])
        branches.append(re.escape(ch) + sub)
    if not branches:
        return ""
    if len(branches) == 1 and not end:
        return branches[0]
    body = "(?:" + "|".join(branches) + ")"
    return body + "?" if end else body
