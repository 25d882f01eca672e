"""Arabic text helpers: folding for matching and search, digits, tokens.

Stored text is never folded; these functions make *comparison keys* only.
"""
from __future__ import annotations

import re
from functools import lru_cache
from typing import NamedTuple

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
# A number keeps its decimal or thousands separators ("1.8", "2,500", "٣٫٥"): the point
# inside a number is no sentence end.
_TOKEN = re.compile(r"\d+(?:[.,٫٬]\d+)+|[\w\u0610-\u061a\u064b-\u065f\u0670\u0640]+|[^\w\s]", re.UNICODE)
_NON_WORD = re.compile(r"[\W_]+", re.UNICODE)
_NO_UNDERSCORE = re.compile("[^_]+")

PROCLITICS = ("و", "ف", "ب", "ل", "ك")


# One table does it all: letters folded, digits made Western, diacritics and tatweel dropped.
_FOLD_ALL = {**_FOLD, **_DIGITS, **{c: None for c in [*range(0x0610, 0x061B), *range(0x064B, 0x0660),
                                                       0x0670, *range(0x06D6, 0x06EE), 0x0640]}}


def fold(text: str) -> str:
    """Comparison key: no diacritics/tatweel, one alef, ى→ي, ة→ه, Western digits."""
    return text.translate(_FOLD_ALL)


_FOLDED: dict[str, str] = {}  # word -> folded key, shared by every article


@lru_cache(maxsize=200_000)
def fold_word(word: str) -> str:
    """``fold`` for a single word, cached: news vocabulary repeats a lot."""
    return word.translate(_FOLD_ALL)


def has_tanween(word: str) -> bool:
    """Written with nunation (دوماً، جداً، مجلسٌ): an indefinite noun or an adverb, never a name."""
    return "\u064b" in word or "\u064c" in word or "\u064d" in word


def name_text(text: str) -> str:
    """A name as a reader writes it: a hashtag's underscores are spaces ("مروان_خوري" → "مروان خوري")."""
    return " ".join(text.replace("_", " ").replace("#", " ").split()) if "_" in text or "#" in text else text


def search_key(text: str) -> str:
    """Folded, lower-cased words separated by single spaces (for FTS and matching)."""
    return " ".join(_NON_WORD.sub(" ", fold(text).lower()).split())


class Token(NamedTuple):
    """A word or punctuation mark with its offsets; ``key`` is its folded form.

    A NamedTuple, not a dataclass: articles have thousands of tokens and this is
    several times cheaper to create."""

    start: int
    end: int
    text: str
    key: str


def tokenize(text: str, start: int = 0, end: int | None = None) -> list[Token]:
    """Word and punctuation tokens with offsets into ``text``."""
    folded = _FOLDED
    make = tuple.__new__  # a NamedTuple built without its __new__ wrapper: a hot path
    out = []
    for m in _TOKEN.finditer(text, start, len(text) if end is None else end):
        word = m.group()
        if word == "#" and text[m.end():m.end() + 1].isalnum():
            continue  # a hashtag's sign is markup, not punctuation: "في حلف #شمال_الأطلسي"
        if "_" in word:  # a hashtag's words ("#تامر_حسني") are words; "_" between them is a space
            out.extend(_underscore_split(m.start(), word))
            continue
        key = folded.get(word)
        if key is None:
            key = word.translate(_FOLD_ALL)
            if len(folded) < 500_000:  # bounded: an endless stream of new words must not grow it forever
                folded[word] = key
        s, e = m.span()
        out.append(make(Token, (s, e, word, key)))
    return out


def _underscore_split(start: int, word: str) -> list[Token]:
    return [Token(start + m.start(), start + m.end(), m.group(), m.group().translate(_FOLD_ALL))
            for m in _NO_UNDERSCORE.finditer(word)]


_LAST: list = [None, None]  # [text, tokens] of the last whole text tokenized by text_tokens


def text_tokens(text: str) -> list[Token]:
    """``tokenize(text)`` of a whole article, shared by the stages that run over the same text
    one after another (the last result is kept; callers must not modify the list)."""
    if _LAST[0] is not text:
        _LAST[1] = tokenize(text)
        _LAST[0] = text
    return _LAST[1]


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


def is_definite_reading(reading: str) -> bool:
    """A folded word that carries the article: ال plus a stem of at least two letters
    (so that peeling و and ك off "وكالة" does not leave a false "اله")."""
    return reading.startswith("ال") and len(reading) > 3
