"""Is this token a well-formed Vietnamese syllable? The evidence behind legacy detection.

Why: a TCVN3 or VNI line read as Latin-1 is full of tokens that no Vietnamese writer
could produce ("ViÖt", "Vieät"), and converting it gives well-formed syllables ("Việt").
Real Unicode Vietnamese, English or French text goes the other way. Counting well-formed
syllables before and after a candidate conversion is therefore a cheap, robust signal
that needs no dictionary: Vietnamese orthography is a closed system of onsets, rhymes and
five tone marks with a few placement rules.

The check is phonotactic, not lexical: "sè" passes although it is rare. It accepts both
the old ("hoà", "thuỷ") and the new ("hòa", "thủy") tone placement, and requires sắc or nặng on a
syllable closed by a stop (c, ch, p, t).
"""
from __future__ import annotations

import unicodedata
from functools import lru_cache

# The five tone marks as combining characters (NFD).
TONE_MARKS = frozenset("\u0300\u0301\u0303\u0309\u0323")
_STOP_TONES = frozenset("\u0301\u0323")  # sắc, nặng: the only tones a stop-final syllable takes

_ONSETS = ("ngh", "ng", "nh", "ch", "gh", "gi", "kh", "ph", "qu", "th", "tr",
           "b", "c", "d", "đ", "g", "h", "k", "l", "m", "n", "p", "r", "s", "t", "v", "x", "")

# Rhymes in orthographic form, without tone. Grouped by their first vowel.
_RHYMES = frozenset("""
a ac ach ai am an ang anh ao ap at au ay
ăc ăm ăn ăng ăp ăt
âc âm ân âng âp ât âu ây
e ec em en eng eo ep et
ê êch êm ên ênh êp êt êu
i ia ich iêc iêm iên iêng iêp iêt iêu im in inh ip it iu
o oa oac oach oai oam oan oang oanh oao oap oat oay oăc oăm oăn oăng oăt
oc oe oen oeo oet oi om on ong ooc oong op ot
ô ôc ôi ôm ôn ông ôp ôt
ơ ơi ơm ơn ơp ơt
u ua uân uâng uât uây uc uê uêch uênh uêt ui um un ung uơ uôc uôi uôm uôn uông uôp uôt
up ut uy uya uych uyên uyêt uynh uyt uyu uyp
ư ưa ưc ưi ưm ưn ưng ươc ươi ươm ươn ương ươp ươt ươu ưt ưu
y yêm yên yêng yêt yêu
""".split())

_SHAPED = frozenset("ăâêôơư")
_VOWELS = frozenset("aăâeêioôơuưy")
_FRONT = frozenset("eêiy")
_ALPHABET = frozenset("abcdđeghiklmnopqrstuvxy") | _SHAPED
_STOP_CODAS = ("ch", "c", "p", "t")


@lru_cache(maxsize=65536)
def is_vietnamese_syllable(token: str) -> bool:
    """True when ``token`` (any case, NFC or NFD) is a well-formed Vietnamese syllable.

    Cached: a document repeats a few thousand distinct syllables, so after warm-up the
    check is a dictionary lookup.
    """
    if not token or len(token) > 8:
        return False
    decomposed = unicodedata.normalize("NFD", token.lower())
    tone = None
    tone_at = -1  # index (in the toneless string) of the letter carrying the tone
    chars: list[str] = []
    for ch in decomposed:
        if ch in TONE_MARKS:
            if tone is not None or not chars:
                return False
            tone, tone_at = ch, len(chars) - 1
        elif unicodedata.combining(ch):
            if not chars:
                return False
            chars[-1] = unicodedata.normalize("NFC", chars[-1] + ch)
        else:
            chars.append(ch)
    if any(len(c) != 1 or c not in _ALPHABET for c in chars):
        return False
    bare = "".join(chars)
    if tone is not None and bare[tone_at] not in _VOWELS:
        return False
    return any(_fits(bare, onset, tone, tone_at) for onset in _split_onsets(bare))


def _split_onsets(bare: str) -> list[str]:
    """Every onset ``bare`` may start with: "giếng" is gi + rhyme, "gìn" is g + "in"."""
    return [o for o in _ONSETS if bare.startswith(o) and len(bare) > len(o)]


def _fits(bare: str, onset: str, tone: str | None, tone_at: int) -> bool:
    rhyme = bare[len(onset):]
    if onset == "gi" and rhyme[:1] == "ê":  # giếng = gi + (i)êng
        rhyme = "i" + rhyme
    elif onset == "qu" and rhyme[:1] == "u":
        return False
    if rhyme not in _RHYMES:
        return False
    first = rhyme[0]
    if onset in ("k", "gh", "ngh") and first not in _FRONT:
        return False
    if onset in ("c", "ng") and first in _FRONT:
        return False
    if onset == "g" and first in "eê":
        return False
    if rhyme.endswith(_STOP_CODAS) and tone not in _STOP_TONES:
        return False
    return tone is None or _tone_well_placed(bare, len(onset), tone_at)


def _tone_well_placed(bare: str, rhyme_start: int, tone_at: int) -> bool:
    """The tone sits on the main vowel: the shaped vowel if there is one, else an early vowel.

    Old and new placement both pass ("hoà"/"hòa"); a tone on the glide of qu/gi, on a plain
    vowel beside a shaped one ("tiến" not "tíên"), or on the last of three vowels does not.
    In "ươ" the tone goes on ơ ("người").
    """
    if tone_at < rhyme_start:
        return False
    vowels = [i for i in range(rhyme_start, len(bare)) if bare[i] in _VOWELS]
    shaped = [i for i in vowels if bare[i] in _SHAPED]
    if shaped:
        return tone_at == shaped[-1]
    return tone_at in vowels[:2]
