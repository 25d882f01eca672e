"""Arabic text helpers: folding for matching and search, digits, tokens.

Stored text is never folded; these functions make *comparison keys* only.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

# Harakat, Quranic marks, superscript alef and tatweel: dropped from keys.
DIACRITICS = re.compile("[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640]")
_FOLD = str.maketrans({
    "أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ٲ": "ا", "ٳ": "ا",
    "ى": "ي", "ی": "ي", "ئ": "ي",
    "ؤ": "و",
    "ة": "ه",
    "ک": "ك",
})
_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "01234567890123456789")

# A word: letters, marks and digits of any script, plus tatweel. Everything else
# (punctuation, quote marks, dashes) is its own one-character token.
_TOKEN = re.compile(r"[\w\u0610-\u061a\u064b-\u065f\u0670\u0640]+|[^\w\s]", re.UNICODE)
_NON_WORD = re.compile(r"[^\w]+", re.UNICODE)

PROCLITICS = ("و", "ف", "ب", "ل", "ك")


def fold(text: str) -> str:
    """Comparison key: no diacritics/tatweel, one alef, ى→ي, ة→ه, Western digits."""
    return DIACRITICS.sub("", text).translate(_FOLD).translate(_DIGITS)


def search_key(text: str) -> str:
    """Folded, lower-cased words separated by single spaces (for FTS and matching)."""
    return " ".join(_NON_WORD.sub(" ", fold(text).lower()).split())


def western_digits(text: str) -> str:
    return text.translate(_DIGITS)


@dataclass(slots=True, frozen=True)
class Token:
    start: int
    end: int
    text: str
    key: str  # folded form

    @property
    def is_word(self) -> bool:
        return self.key[:1].isalnum() or self.key[:1] == "_"


def tokenize(text: str, start: int = 0, end: int | None = None) -> list[Token]:
    """Word and punctuation tokens with offsets into ``text``."""
    out = []
    for m in _TOKEN.finditer(text, start, len(text) if end is None else end):
        out.append(Token(m.start(), m.end(), m.group(), fold(m.group())))
    return out


@lru_cache(maxsize=65536)
def strip_proclitic(key: str) -> tuple[str, ...]:
    """Readings of a folded word with و/ف (and one of ب/ل/ك) peeled off, longest first."""
    readings = [key]
    if len(key) > 3 and key[0] in "وف":
        readings.append(key[1:])
        key = key[1:]
    if len(key) > 3 and key.startswith("لل"):
        readings.append("ا" + key[1:])  # ل + ال written لل: للصحفيين → الصحفيين
    elif len(key) > 3 and key[0] in "بلك":
        readings.append(key[1:])
    return tuple(readings)
