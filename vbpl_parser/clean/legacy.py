"""Legacy Vietnamese 8-bit encodings (TCVN3/ABC and VNI) detected from content.

Why content and not fonts: many Unicode files still list .VnTime or VNI-Times in their font
table, and a reader may not see fonts at all (plain text, PDF text layers). The evidence
is the text itself: a legacy line read as Latin-1 is full of tokens no Vietnamese writer
produces ("B¸o c¸o", "Baùo caùo"), and converting it yields well-formed syllables.

How, per line and per encoding: every token the conversion would change is checked with
:func:`~vbpl_parser.lexicon.syllable_shape.is_vietnamese_syllable` before and after. A line is converted when the
conversion gains well-formed syllables, the converted line reads as Vietnamese, and the
gain outweighs any genuine Unicode Vietnamese on the line. Unicode Vietnamese, English,
French or German text never gains (its words are already well-formed, or become
ill-formed), so it is left alone. Lines too short to prove anything ("Sè:") are converted
in a second pass, only inside a document that clearly uses an encoding, with the encoding
of the nearest converted line: one document may mix TCVN3 and VNI passages. Inside a
converted line each token is settled on its own evidence and its neighbours'
(:func:`convert_line_detail`), because a font change can mix both on one line.

Cost: lines that are pure ASCII, or that hold Unicode-only Vietnamese letters (ạ..ỹ) and no
character legacy text is made of, are skipped by C-level checks, so clean documents pay
almost nothing. Token analyses are cached: documents repeat a few thousand tokens.
"""
from __future__ import annotations

import bisect
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from ..lexicon.syllable_shape import TONE_MARKS
from ..lexicon.syllables import KNOWN, syllable_weight
from .legacy_codec import ENCODINGS, convert_token
from .legacy_tables import BYTE_OF, TCVN3, TCVN3_UPPER, VNI_LETTERS, VNI_MARKS

__all__ = ["ENCODINGS", "convert_legacy_lines", "convert_line", "convert_line_detail", "convert_token",
           "score_line"]

# Characters legacy text is made of (any view of a mapped byte) ...
_TCVN3_CHARS = {c for c, b in BYTE_OF.items() if b in TCVN3 or b in TCVN3_UPPER}
_VNI_CHARS = {c for c, b in BYTE_OF.items() if b in VNI_LETTERS or b in VNI_MARKS}
# ... of which these are punctuation in Windows text ("–", "“", "…"): letters only inside a word.
_WEAK = {c for c in _TCVN3_CHARS if unicodedata.category(c)[0] in "PSZ" and BYTE_OF[c] in TCVN3_UPPER}
# Latin-1 letters that Unicode Vietnamese uses itself: no evidence of a legacy encoding.
_VN_LATIN1 = set("àáâãèéêìíòóôõùúýÀÁÂÃÈÉÊÌÍÒÓÔÕÙÚÝ")
_STRONG = (_TCVN3_CHARS | _VNI_CHARS) - _VN_LATIN1 - _WEAK - set("ĂăĐđƠơƯư") - TONE_MARKS


def _char_class(chars: set[str]) -> str:
    return "".join(re.escape(c) for c in sorted(chars))


_EXTRA = _TCVN3_CHARS | _VNI_CHARS | TONE_MARKS
_LETTER = rf"[^\W\d_]|[{_char_class(_EXTRA - _WEAK)}]"
_TOKEN = re.compile(rf"(?:{_LETTER}|(?<={_LETTER})[{_char_class(_WEAK)}](?={_LETTER}))+")
_ANY_LEGACY = re.compile(f"[{_char_class(_EXTRA)}]")
_STRONG_RE = re.compile(f"[{_char_class(_STRONG)}]")
_UNICODE_VN = re.compile("[\u1ea0-\u1ef9]")  # toned Vietnamese letters no legacy view produces
# Letters only the cp1258 view produces ("Đ" for 0xD0): genuine Unicode unless the line shows
# characters only legacy text has (the plain-text reader decodes 8-bit files as cp1258).
_CP1252_VIEW = set(bytes(range(0x80, 0xA0)).decode("cp1252", errors="ignore"))
_CP1258_ONLY = re.compile(f"[{_char_class({c for c in BYTE_OF if ord(c) > 0xFF and c not in _CP1252_VIEW} - {'₫'})}]")
_ACRONYM = re.compile(r"[A-Z]+$|[A-Za-z]$")  # "CNTT", "MB", "a": no evidence either way

# Thresholds, checked on the gold transcripts and on the Unicode corpus (no false positive).
MIN_CONVERTED_SHARE = 0.6  # of the changed tokens, share well-formed after conversion
MIN_VIETNAMESE_SHARE = 0.6  # of the line's words, share well-formed after conversion
PRIOR_MIN_LINES = 2  # clearly converted lines a document needs before short lines follow it
PRIOR_MIN_SHARE = 0.1  # ... and their share of the document's candidate lines
AS_IS_IN_LEGACY_LINE = 0.5  # weight factor of "already Unicode" for a token of a converted line


@dataclass(frozen=True, slots=True)
class _TokenInfo:
    """What the detector needs to know about one token, computed once per distinct token."""

    readings: tuple[str, ...]  # conversion per encoding (ENCODINGS order)
    weights: tuple[float, ...]  # syllable weight of each reading (0: ill-formed, see lexicon.syllables)
    as_is: float  # syllable weight of the token as it stands
    unicode: bool  # holds Unicode-only Vietnamese letters
    acronym: bool


@lru_cache(maxsize=1 << 16)
def _info(token: str) -> _TokenInfo:
    readings = tuple(convert_token(token, enc) for enc in ENCODINGS)
    # VNI has real capitals, so a VNI reading in "trƯ" case ("trÖ" is TCVN3 "trệ") is no reading
    weights = tuple(0.0 if enc == "vni" and _odd_case(r) else syllable_weight(r) for enc, r in zip(ENCODINGS, readings))
    return _TokenInfo(readings, weights,
                      syllable_weight(token), bool(_UNICODE_VN.search(token)), bool(_ACRONYM.match(token)))


@dataclass(slots=True)
class LineScore:
    """Evidence for converting one line with one encoding."""

    encoding: str
    changed: int = 0  # tokens the conversion changes
    before: int = 0  # of those, well-formed syllables as they stand
    after: int = 0  # of those, well-formed after conversion
    words: int = 0  # words of the line (ASCII acronyms and single ASCII letters aside)
    vietnamese_after: int = 0  # of those, well-formed after conversion
    unicode_words: int = 0  # tokens holding Unicode-only Vietnamese letters
    strong: bool = False  # the line holds a character only legacy text uses
    before_w: float = 0.0  # ``before`` and ``after`` weighted by how common the syllables are
    after_w: float = 0.0

    @property
    def gain(self) -> int:
        return self.after - self.before

    @property
    def rank(self) -> tuple[float, float]:
        """Orders competing encodings: attested syllables count more than merely well-formed ones."""
        return (self.after_w - self.before_w, self.after_w)

    def clear(self) -> bool:
        """Convincing on its own: more well-formed syllables, and the result reads as Vietnamese."""
        return (self.gain > self.unicode_words
                and self.after >= MIN_CONVERTED_SHARE * self.changed
                and (self.vietnamese_after >= MIN_VIETNAMESE_SHARE * self.words
                     # "Maùy queùt Sanner Color Page": every changed token fixed, none was a word
                     or (self.before == 0 and self.after == self.changed >= 2)))

    def plausible(self) -> bool:
        """Not convincing alone, but harmless and consistent inside a legacy document.

        The converted line must be at least as well-formed and strictly more common
        ("Sè:" -> "Số:"), or hold characters only legacy text has ("N§-CP").
        """
        return (self.changed > 0 and self.unicode_words == 0 and self.after >= self.before
                and (self.after_w > self.before_w or (self.strong and self.before == 0))
                and (self.vietnamese_after >= 0.5 * self.words or (self.strong and self.before == 0)))


def convert_legacy_lines(lines: list[str]) -> tuple[list[str], list[str]]:
    """Return ``lines`` with legacy-encoded ones converted to Unicode, and the encodings found.

    The encodings list holds each encoding converted at least once ("tcvn3", "vni").
    """
    candidates = [i for i, line in enumerate(lines) if _is_candidate(line)]
    if not candidates:
        return lines, []
    chosen: dict[int, str] = {}
    undecided: list[tuple[int, dict[str, LineScore]]] = []
    for i in candidates:
        scores = score_line(lines[i])
        best = _best_clear(scores)
        if best:
            chosen[i] = best
        else:
            undecided.append((i, scores))
    counts = {enc: sum(1 for e in chosen.values() if e == enc) for enc in ENCODINGS}
    priors = {enc for enc, n in counts.items() if n >= PRIOR_MIN_LINES and n >= PRIOR_MIN_SHARE * len(candidates)}
    if priors:
        decided = sorted(chosen)
        for i, scores in undecided:
            first = _nearest_encoding(i, decided, chosen, priors, counts)
            for enc in [first, *sorted(priors - {first})]:
                if scores[enc].plausible():
                    chosen[i] = enc
                    break
    out = list(lines)
    used: set[str] = set()
    for i, enc in chosen.items():
        out[i], encs = convert_line_detail(lines[i], enc)
        used |= encs
    return out, [enc for enc in ENCODINGS if enc in used]


def _is_candidate(line: str) -> bool:
    """Cheap pre-check: could this line hold legacy-encoded text at all?"""
    if line.isascii() or not _ANY_LEGACY.search(line):
        return False
    return not (_UNICODE_VN.search(line) and not _STRONG_RE.search(line))


def _best_clear(scores: dict[str, LineScore]) -> str | None:
    clear = sorted((s for s in scores.values() if s.clear()), key=lambda s: s.rank, reverse=True)
    if not clear or (len(clear) > 1 and clear[0].rank == clear[1].rank):
        return None  # nothing, or a tie ("Coäng": VNI "Cộng" or TCVN3 "Coọng"): let the neighbours decide
    return clear[0].encoding


def _nearest_encoding(i: int, decided: list[int], chosen: dict[int, str], priors: set[str],
                      counts: dict[str, int]) -> str:
    """Encoding of the closest clearly converted line (mixed documents change per passage)."""
    k = bisect.bisect_left(decided, i)
    near = [decided[j] for j in (k - 1, k) if 0 <= j < len(decided) and chosen[decided[j]] in priors]
    if near:
        return chosen[min(near, key=lambda j: abs(j - i))]
    return max(priors, key=lambda e: counts[e])


def score_line(line: str) -> dict[str, LineScore]:
    """Per encoding, count well-formed syllables among the tokens it would change, before and after."""
    strong = bool(_STRONG_RE.search(line))
    scores = {enc: LineScore(enc, strong=strong) for enc in ENCODINGS}
    for token in _TOKEN.findall(line):
        info = _info(token)
        if all(len(r) < 2 for r in info.readings if r != token):  # "¬", "ˆ": a lone letter proves nothing
            continue
        unicode = info.unicode or (not strong and bool(_CP1258_ONLY.search(token)))
        for enc, reading, weight in zip(ENCODINGS, info.readings, info.weights):
            score = scores[enc]
            score.unicode_words += unicode
            if not info.acronym:
                score.words += 1
                score.vietnamese_after += weight > 0
            if reading != token:
                score.changed += 1
                score.before += info.as_is > 0
                score.after += weight > 0
                score.before_w += info.as_is
                score.after_w += weight
    return scores


def convert_line(line: str, encoding: str) -> str:
    """Convert the legacy tokens of one line (see :func:`convert_line_detail`)."""
    return convert_line_detail(line, encoding)[0]


def convert_line_detail(line: str, encoding: str) -> tuple[str, set[str]]:
    """Convert the legacy tokens of one line; also return the encodings actually used.

    Each token is decided on its own evidence first, then by its neighbours:

    * an attested syllable in exactly one encoding and ill-formed as it stands: that
      encoding. This lets a font change inside a paragraph ("... vµ c¸c SÔÛ, BAN, NGAØNH")
      mix both on one line;
    * well-formed in several readings ("THÒ": TCVN3 "THề", VNI "THỊ"; "Bé": as is, or TCVN3
      "Bộ"): the reading made of an attested syllable (:mod:`vbpl_parser.lexicon.syllables`), else the one of
      the nearest token decided by the first rule, else the line's;
    * well-formed in none: converted with the line's encoding unless it is a genuine
      Unicode word ("N§" -> "NĐ"); the weak VN1 capitals (also Windows punctuation) are
      then left alone.

    TCVN3 capitals are restored as the upper-case font showed them, see :func:`_vntimeh_case`.
    """
    strong = bool(_STRONG_RE.search(line))
    matches = list(_TOKEN.finditer(line))
    fixed = [(k, f) for k, m in enumerate(matches) if (f := _options(m.group(), strong)[2])]
    used: set[str] = set()
    pieces: list[tuple[str, str]] = []  # (token, converted token)
    for match, near in zip(matches, _nearest_fixed(len(matches), fixed)):
        token = match.group()
        new, enc = _decide(token, strong, near or encoding, encoding)
        if enc:
            used.add(enc)
        pieces.append((token, new))
    if "tcvn3" in used:
        pieces = _vntimeh_case(pieces)
    out, pos = [], 0
    for match, (_, new) in zip(matches, pieces):
        out += [line[pos:match.start()], new]
        pos = match.end()
    out.append(line[pos:])
    return "".join(out), used


# (encoding -> (well-formed reading, weight), weight of leaving the token, fixed encoding or None)
_Options = tuple[dict[str, tuple[str, float]], float, "str | None"]


@lru_cache(maxsize=1 << 16)
def _options(token: str, strong: bool) -> _Options:
    """The readings one token allows; cached, as tokens repeat (see :func:`convert_line_detail`)."""
    info = _info(token)
    ok = {e: (r, w) for e, r, w in zip(ENCODINGS, info.readings, info.weights) if w and r != token}
    keep = 1.0 if not strong and _CP1258_ONLY.search(token) else _as_is_weight(token, info)
    fixed = next(iter(ok)) if len(ok) == 1 and not keep and max(w for _, w in ok.values()) >= KNOWN else None
    return ok, keep, fixed


@lru_cache(maxsize=1 << 16)
def _decide(token: str, strong: bool, near: str, line_encoding: str) -> tuple[str, str | None]:
    """(converted token, encoding that changed it or None) for one token of a legacy line."""
    ok, keep, _ = _options(token, strong)
    enc = _pick(ok, keep, near, line_encoding, convert_token(token, near) != token)
    if enc is None:
        return token, None
    new = ok[enc][0] if enc in ok else convert_token(token, enc, extended=enc != "tcvn3")
    return new, (enc if new != token else None)


def _odd_case(text: str) -> bool:
    """A capital right after a small letter ("quÝ"): no typist's Unicode, no VNI typing."""
    return any(a.islower() and b.isupper() for a, b in zip(text, text[1:]))


def _as_is_weight(token: str, info: _TokenInfo) -> float:
    """How much "leave it, it is already Unicode" is worth for a token of a legacy line.

    Half a syllable's weight, since the line is known to be legacy ("Bé" is rather TCVN3
    "Bộ"); nothing for a case pattern Unicode text never has ("quÝ" is TCVN3 "quí"); full
    weight for a genuine Unicode word no legacy reading explains ("Nội").
    """
    if info.unicode and not any(info.weights):
        return 1.0
    if _odd_case(token):
        return 0.0
    return info.as_is * AS_IS_IN_LEGACY_LINE


def _pick(ok: dict[str, tuple[str, float]], keep: float, near: str, line_encoding: str,
          near_changes: bool) -> str | None:
    """The reading for one token (None = leave it as it stands); see :func:`convert_line_detail`.

    The most common well-formed reading wins; equally common ones go to the nearest fixed
    token's encoding, then to the token as it stands, then to the line's encoding. Leaving
    the encoding of the surroundings takes an attested syllable, unless the surroundings'
    encoding would leave the token as it is: "NÑ" in a VNI line is "NĐ", not the TCVN3
    "Nẹ" that is merely well-formed.
    """
    options: dict[str | None, float] = {e: w for e, (_, w) in ok.items()}
    if keep:
        options[None] = keep
    if not options:
        return line_encoding
    best = max(options.values())
    for choice in (near, None, line_encoding):
        if options.get(choice, -1.0) == best:
            return choice
    other = next(e for e in ok if options[e] == best)
    return other if best >= KNOWN or not near_changes else near


def _nearest_fixed(n: int, fixed: list[tuple[int, str]]) -> list[str | None]:
    """For each of ``n`` token positions, the encoding of the closest fixed token (ties: left).

    ``fixed`` is sorted by position; one sweep with a pointer keeps long lines linear.
    """
    if not fixed:
        return [None] * n
    out: list[str | None] = []
    j = 0
    for k in range(n):
        while j + 1 < len(fixed) and abs(fixed[j + 1][0] - k) < abs(fixed[j][0] - k):
            j += 1
        out.append(fixed[j][1])
    return out


def _caps(token: str, new: str) -> int:
    """Capitals of converted ``new``, or 0 when ``token`` was typed with ASCII lower case."""
    if any("a" <= ch <= "z" for ch in token):
        return 0
    return sum(1 for ch in new if ch.isupper())


def _vntimeh_case(pieces: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """Upper-case the tokens a capitals-only font drew as capitals.

    TCVN3 has no upper-case toned letters in its common (VN3) form: headings use the
    .VnTimeH font, which draws lower-case code points as capitals, so the bytes of "PHẦN"
    read "PHÇN". A token typed with capitals around such letters was meant in capitals when
    it has two or more capitals ("PHÇN", "TØNH"), or one ("Vµ", "§å" in "S¥ §å QUAN HÖ")
    on a line typed without any ASCII lower-case letter where some converted word shows two
    capitals. Tokens typed entirely in lower case give no clue and stay as they are.
    """
    caps = [_caps(token, new) for token, new in pieces]
    caps_line = (max(caps, default=0) >= 2
                 and not any("a" <= ch <= "z" for token, _ in pieces for ch in token))
    return [(token, new.upper() if n >= 2 or (n and caps_line) else new)
            for (token, new), n in zip(pieces, caps)]
