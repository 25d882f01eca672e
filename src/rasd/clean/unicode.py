"""Unicode hygiene: the text stays as written, only invisible noise goes.

Letters are never folded here (that is for comparison keys, see rasd.arabic).
What changes: line breaks become ``\\n``; NBSP and the other odd spaces become a
plain space; zero-width and bidi control characters, soft hyphens, BOMs and
C0/C1 controls (other than tab and newline) are removed. Cleaning happens
before any offset is taken, so offsets are always into the cleaned text.
"""
from __future__ import annotations

import re

_NEWLINES = re.compile(r"\r\n?|[\u2028\u2029\x0b\x0c\x85]")
# NBSP, Ogham space, en/em and other fixed-width spaces, narrow NBSP, math space, ideographic space.
_ODD_SPACES = re.compile("[\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]")
# Zero-width space/joiners stay out except ZWNJ (meaningful in Persian script words);
# LRM/RLM/ALM, bidi embeddings/isolates, word joiner, soft hyphen, BOM, C0/C1 controls.
_INVISIBLE = re.compile(
    "[\u200b\u200d\u200e\u200f\u061c\u202a-\u202e\u2060-\u2064\u2066-\u2069"
    "\u00ad\ufeff\ufffe\x00-\x08\x0e-\x1f\x7f-\x84\x86-\x9f]"
)
_TRAILING = re.compile(r"[ \t]+$", re.MULTILINE)


def tidy(text: str) -> str:
    """Text with unified newlines, plain spaces and no invisible controls."""
    text = _NEWLINES.sub("\n", text)
    text = _INVISIBLE.sub("", text)
    text = _ODD_SPACES.sub(" ", text)
    return _TRAILING.sub("", text)
