"""Pair up quotation marks the way the writer meant them.

Real pages mix every style: “…” «…» "…" ‘…’ „…“, reversed pairs (”…“), a
closer typed the wrong way (“ used to close) and quotes opened but never
closed. The glyph alone does not say whether a mark opens or closes, so a
mark's role is read from its neighbours first:

* a mark followed by a space, punctuation or the end of the line closes;
* a mark followed by a letter, after a space, punctuation or a clitic, opens;
* otherwise (letters on both sides) it closes an open quote or opens a new one.

Pairs never cross a paragraph (a line). An opener with no closer is reported
with ``closed=False``; the caller decides where the writer meant it to end.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

QUOTE_MARKS = frozenset("\"“”«»„‟‘’‹›＂")
# Marks that open a quote *inside* an open quote of another family (nesting).
_NEST = {"«": frozenset("“”\"‘’„"), "“": frozenset("‘’"), "”": frozenset("‘’"), "\"": frozenset("‘’«»")}
_OPENING_GLYPHS = frozenset("“«„‘‹")
_MARK = re.compile("[" + re.escape("".join(sorted(QUOTE_MARKS))) + "]")
_CLITIC_BEFORE = frozenset("ـ")  # tatweel after a proclitic: بـ"الكارثة"


@dataclass(frozen=True, slots=True)
class QuotePair:
    open: int  # offset of the opening mark
    close: int | None  # offset of the closing mark, None when never closed
    line_end: int  # end of the paragraph the opener is in

    @property
    def closed(self) -> bool:
        return self.close is not None

    @property
    def content_start(self) -> int:
        return self.open + 1


def _role(text: str, i: int, is_open: bool) -> str:
    prev = text[i - 1] if i > 0 else "\n"
    nxt = text[i + 1] if i + 1 < len(text) else "\n"
    if nxt == " " and not is_open and not prev.isalnum() and i + 2 < len(text) and text[i + 2].isalpha():
        return "open"  # 'وأضافت " بعد مرور ...': a space inside the opening mark
    if nxt in ".…" and not is_open and not prev.isalnum():
        k = i + 1
        while k < len(text) and text[k] in ".…":
            k += 1
        if k < len(text) and text[k].isalpha():
            return "open"  # '"..مع مرور الوقت': an ellipsis opens the quotation
    if not (nxt.isalnum() or nxt in QUOTE_MARKS or nxt == "("):
        return "close"
    if not prev.isalnum() or prev in _CLITIC_BEFORE:
        return "open"
    # A single-letter proclitic written apart from its word: ب"الكلمة".
    if i >= 2 and text[i - 2].isspace() and prev in "بلكو":
        return "open"
    return "close" if is_open else "open"


_LAST: list = [None, None]  # [text, pairs] of the last whole text paired by text_pairs


def text_pairs(text: str) -> list[QuotePair]:
    """``find_pairs(text)`` of a whole article, shared by the stages that read the same text one
    after another (the quote stage, then the entity stage); callers must not modify the list."""
    if _LAST[0] is not text:
        _LAST[1] = find_pairs(text)
        _LAST[0] = text
    return _LAST[1]


def find_pairs(text: str) -> list[QuotePair]:
    """All quotations in ``text`` in order of their opening marks."""
    pairs: list[QuotePair] = []
    line_start = 0
    while line_start <= len(text):
        line_end = text.find("\n", line_start)
        if line_end < 0:
            line_end = len(text)
        pairs.extend(_pairs_in_line(text, line_start, line_end))
        line_start = line_end + 1
    return pairs


def _pairs_in_line(text: str, start: int, end: int) -> list[QuotePair]:
    out: list[QuotePair] = []
    opener: int | None = None
    inner: int | None = None  # a nested quote inside the open one
    for m in _MARK.finditer(text, start, end):
        i = m.start()
        ch = text[i]
        role = _role(text, i, opener is not None)
        if opener is None:
            if role == "open" or ch in _OPENING_GLYPHS:
                opener = i
            continue  # a stray closer with no opener: nothing to pair
        outer = text[opener]
        if inner is not None:
            if role == "close":
                inner = None
            continue
        if role == "open":
            if ch in _NEST.get(outer, ()):
                inner = i
            else:  # a new quote opens: the previous one was never closed
                out.append(QuotePair(opener, None, end))
                opener = i
        else:
            out.append(QuotePair(opener, i, end))
            opener = None
    if opener is not None:
        out.append(QuotePair(opener, None, end))
    return out
