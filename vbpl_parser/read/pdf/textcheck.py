"""Is a PDF text layer usable Vietnamese, or garbage that only OCR can recover?

Why: some PDFs carry a text layer that looks like text but is not. Fonts without a usable
Unicode map give "?? N??", private-use or control characters; a cheap OCR layer laid under
a scan gives 'TINH trY LAM DONG ... s6' (no diacritics, mixed case, digits inside words);
a phone-scan app with a broken font map gives "CØNG HOÀ XÃ HØI". A Vietnamese page is
made of syllables with a very regular shape (onset + vowel cluster + coda), most of them
carrying a diacritic, so the share of well-formed syllables and of syllables with a
Vietnamese letter tells the two apart without a dictionary.

Legacy TCVN3 text ("B¸o c¸o" = "Báo cáo") is not garbage: the cleaning stage converts it.
It is recognised here by scoring a TCVN3-decoded copy too (the table below is used only for
scoring; conversion belongs to :mod:`vbpl_parser.clean.legacy`).
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

# Tone marks (grave, acute, tilde, hook above, dot below); the other combining marks
# (circumflex, breve, horn) are part of the vowel letter and stay.
_TONES = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}
_ONSET = r"(?:ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdđghklmnprstvx])?"
_NUCLEUS = r"[aăâeêioôơuưy]{1,3}"
_CODA = r"(?:ch|ng|nh|[cmnpt])?"
_SYLLABLE = re.compile(rf"{_ONSET}{_NUCLEUS}{_CODA}")
_VI_LETTERS = set("ăâêôơưđ")
_PUNCT_STRIP = "()[]{}\"'“”‘’«»,.;:!?…*•–—-/\\|<>"
_BAD_CHARS = re.compile(r"[?\ufffd\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ue000-\uf8ff]")
_ABBREV = re.compile(r"[A-ZĐ]{1,6}[A-Za-zĐđ]{0,2}")

# TCVN3 (ABC) code points as they come out of a PDF text layer (Latin-1 characters).
_TCVN3 = dict(zip(
    "¡¢£¤¥¦§¨©ª«¬\xad®µ¶·¸¹»¼½¾ÆÇÈÉÊËÌÎÏÐÑÒÓÔÕÖ×ØÜÝÞßáâãäåæçèéêëìíîïñòóôõö÷øùúûüýþ",
    "ĂÂÊÔƠƯĐăâêôơưđàảãáạằẳẵắặầẩẫấậèẻẽéẹềểễếệìỉĩíịòỏõóọồổỗốộờởỡớợùủũúụừửữứựỳỷỹýỵ",
))
_TCVN3_TABLE = {ord(k): v for k, v in _TCVN3.items()}
_TCVN3_HINT = set("¸µ¶·¹¨©ª«¬®×ÖÕ")


@dataclass(slots=True)
class TextScore:
    """Counts behind the verdict (kept so that messages can say why)."""

    syllables: int = 0  # well-formed Vietnamese syllables
    bad: int = 0  # tokens that cannot be Vietnamese words or numbers
    marked: int = 0  # syllables with a Vietnamese letter or a tone mark
    bad_chars: int = 0  # '?', U+FFFD, control and private-use characters

    @property
    def words(self) -> int:
        return self.syllables + self.bad

    @property
    def valid_ratio(self) -> float:
        return self.syllables / self.words if self.words else 0.0

    @property
    def marked_ratio(self) -> float:
        return self.marked / self.syllables if self.syllables else 0.0


def _syllable_shape(word: str) -> tuple[bool, bool]:
    """(is a well-formed syllable, carries a Vietnamese letter or tone)."""
    low = word.lower()
    decomposed = unicodedata.normalize("NFD", low)
    toned = any(c in _TONES for c in decomposed)
    base = unicodedata.normalize("NFC", "".join(c for c in decomposed if c not in _TONES))
    ok = _SYLLABLE.fullmatch(base) is not None
    return ok, ok and (toned or any(c in _VI_LETTERS for c in base))


def score_text(text: str) -> TextScore:
    """Score ``text`` token by token; numbers and upper-case abbreviations are neutral."""
    s = TextScore()
    s.bad_chars = len(_BAD_CHARS.findall(text))
    for token in text.split():
        if _BAD_CHARS.search(token):
            s.bad += 1
            continue
        for part in re.split(r"[-/.,;:()]+", token.strip(_PUNCT_STRIP)):
            part = part.strip(_PUNCT_STRIP)
            if not part or not any(c.isalpha() for c in part):
                continue  # numbers, dates, bullets
            if not part.isalpha():
                s.bad += 1  # letters glued to digits or symbols: "s6", "SÑg8"
                continue
            if any(c.islower() for c in part[:-1]) and any(c.isupper() for c in part[1:]) and not part[0].isupper():
                s.bad += 1  # "trY": lower then upper inside a word
                continue
            ok, marked = _syllable_shape(part)
            if ok:
                s.syllables += 1
                s.marked += marked
            elif _ABBREV.fullmatch(part):
                continue  # UBND, HĐND, TTr, CCHC: neutral
            else:
                s.bad += 1
    return s


def decode_tcvn3_for_scoring(text: str) -> str:
    """Map TCVN3 code points to the letters they stand for (only used to score a layer)."""
    return text.translate(_TCVN3_TABLE)


def looks_tcvn3(text: str) -> bool:
    """Cheap hint: the characters TCVN3 uses most for 'á', 'ì', 'ệ', 'ă', 'ê'..."""
    return sum(1 for c in text if c in _TCVN3_HINT) >= max(3, len(text) // 200)


@dataclass(slots=True)
class LayerVerdict:
    usable: bool
    reason: str  # "" when usable; else a short tag for fallbacks/warnings
    score: TextScore
    legacy: bool = False  # usable because it is TCVN3 text


MIN_WORDS = 12  # below this a page says too little to be judged on its own
MIN_VALID = 0.72
MIN_MARKED = 0.25
MAX_BAD_CHARS = 0.05


def judge_layer(text: str, map_errors: int = 0, chars: int | None = None) -> LayerVerdict:
    """Decide whether a page's text layer is worth keeping.

    ``map_errors`` is pdfium's count of characters whose font has no Unicode mapping.
    Short texts (under ``MIN_WORDS`` tokens) are judged only on bad characters.
    """
    chars = chars if chars is not None else len(text)
    s = score_text(text)
    nonspace = max(1, sum(1 for c in text if not c.isspace()))
    if (s.bad_chars + map_errors) / nonspace > MAX_BAD_CHARS and s.bad_chars + map_errors >= 5:
        return LayerVerdict(False, "garbage-text-layer", s)
    if s.words < MIN_WORDS:
        return LayerVerdict(True, "", s)
    if s.valid_ratio >= MIN_VALID and s.marked_ratio >= MIN_MARKED:
        return LayerVerdict(True, "", s)
    if looks_tcvn3(text):
        t = score_text(decode_tcvn3_for_scoring(text))
        if t.valid_ratio >= MIN_VALID and t.marked_ratio >= MIN_MARKED:
            return LayerVerdict(True, "", t, legacy=True)
    if s.valid_ratio >= MIN_VALID and s.marked_ratio < MIN_MARKED:
        return LayerVerdict(False, "garbage-text-layer", s)  # Vietnamese without diacritics: a bad OCR layer
    return LayerVerdict(False, "garbage-text-layer", s)


def quality(text: str) -> float:
    """One number to compare two readings of the same page (text layer vs OCR)."""
    s = score_text(text)
    if not s.words:
        return 0.0
    return s.valid_ratio * (0.5 + 0.5 * min(1.0, s.marked_ratio / 0.5)) * min(1.0, s.words / 30)
