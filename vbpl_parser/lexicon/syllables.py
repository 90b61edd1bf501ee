"""How common a Vietnamese syllable is: the tie-breaker of legacy-encoding detection.

Why: phonotactics alone cannot choose between two well-formed readings of the same bytes.
"Coäng" is VNI "Cộng" or TCVN3 "Coọng"; "cuûa" is VNI "của" or TCVN3 "cuỷa"; "cã" is
TCVN3 "có" or already-Unicode "cã". Real text uses a few thousand syllables, so a reading
made of attested syllables is far likelier than one made of merely well-formed ones.

The list ``vbpl_parser/lexicon/syllables.txt`` (one lower-case NFC syllable per line, most
frequent first) is built from Unicode documents of the project corpus with
``python -m vbpl_parser.lexicon.syllables OUT FILE...`` (.txt/.md/.docx inputs; other formats
are first turned into text by the readers). It never decides on its own: a syllable missing
from it is still well-formed, only weaker evidence.
"""
from __future__ import annotations

import re
import sys
import unicodedata
import zipfile
from collections import Counter
from functools import lru_cache
from importlib import resources
from pathlib import Path

from .syllable_shape import is_vietnamese_syllable

KNOWN = 1.0  # weight of a syllable attested in the corpus
UNATTESTED = 0.5  # weight of a well-formed syllable the corpus never showed
MIN_COUNT = 2  # occurrences needed to enter the list (one-offs are often typos)
_WORD = re.compile(r"[^\W\d_]+")
_UNICODE_VN = re.compile("[\u1ea0-\u1ef9]")


@lru_cache(maxsize=1)
def known_syllables() -> frozenset[str]:
    """The attested syllables (empty if the data file is missing: everything weighs the same)."""
    try:
        text = resources.files(__package__).joinpath("syllables.txt").read_text(encoding="utf-8")
    except (FileNotFoundError, ModuleNotFoundError):
        return frozenset()
    return frozenset(line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#"))


@lru_cache(maxsize=1 << 16)
def syllable_weight(token: str) -> float:
    """0 for ill-formed tokens, :data:`UNATTESTED` for well-formed ones, :data:`KNOWN` if attested."""
    if not is_vietnamese_syllable(token):
        return 0.0
    return KNOWN if unicodedata.normalize("NFC", token.lower()) in known_syllables() else UNATTESTED


def count_syllables(texts: list[str]) -> Counter[str]:
    """Well-formed syllables (lower-case NFC) of ``texts`` with their counts.

    Only lines holding Unicode-only Vietnamese letters (ạ..ỹ) count, so that legacy-encoded
    passages read as Latin-1 ("Bé tµi chÝnh") cannot teach their accidents ("bé").
    """
    counts: Counter[str] = Counter()
    for text in texts:
        for line in unicodedata.normalize("NFC", text).splitlines():
            if not _UNICODE_VN.search(line):
                continue
            counts.update(w.lower() for w in _WORD.findall(line) if is_vietnamese_syllable(w))
    return counts


def _read(path: Path) -> str:
    if path.suffix.lower() == ".docx":
        with zipfile.ZipFile(path) as zf:
            xml = zf.read("word/document.xml").decode("utf-8", "replace")
        return " ".join(re.findall(r"<w:t(?: [^>]*)?>([^<]*)</w:t>", xml))
    return path.read_text(encoding="utf-8", errors="replace")


def main(argv: list[str]) -> int:
    """Build the list: ``OUT FILE...``."""
    if len(argv) < 2:
        print("usage: python -m vbpl_parser.lexicon.syllables OUT FILE...", file=sys.stderr)
        return 2
    out, files = Path(argv[0]), [Path(a) for a in argv[1:]]
    counts = count_syllables([_read(p) for p in files])
    kept = [s for s, n in counts.most_common() if n >= MIN_COUNT]
    header = (f"# Vietnamese syllables attested at least {MIN_COUNT} times in {len(files)} Unicode documents,\n"
              "# most frequent first. Built by vbpl_parser/lexicon/syllables.py; see its docstring.\n")
    out.write_text(header + "\n".join(kept) + "\n", encoding="utf-8")
    print(f"{len(kept)} syllables from {sum(counts.values())} tokens -> {out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
