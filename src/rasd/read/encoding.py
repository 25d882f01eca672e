"""Turn a file's bytes into text, detecting the encoding instead of assuming UTF-8.

Arabic news text still turns up in legacy code pages (Windows-1256, ISO-8859-6)
and in UTF-16 exported from Windows tools, so every reader decodes through here.

Decision order:

1. Empty input is rejected.
2. A byte-order mark (UTF-8, UTF-16 LE/BE, UTF-32 LE/BE) decides outright.
3. UTF-16 without a BOM is recognised by its byte pattern: in one of the two byte
   parities nearly every byte is 0x00 (ASCII) or 0x06 (Arabic block U+06xx).
   This runs before the UTF-8 check because such data is often valid UTF-8 too.
4. Any other NUL byte means binary data.
5. Strict UTF-8. If it fails only because the last 1-3 bytes are a cut multibyte
   sequence, the partial character is dropped: the file was cut short, and the
   rest of it is what the user wants. If it fails elsewhere but most non-ASCII
   bytes do form valid UTF-8, the file is damaged UTF-8 and is rejected with the
   byte offset, rather than being misread as a legacy code page.
6. Otherwise Windows-1256 vs ISO-8859-6: each must decode strictly, and the one
   yields the more Arabic-looking text wins: Arabic letters (the commonest ones
   count double), plus a bonus for the article "ال", minus a penalty for control
   characters and Latin-1 letters. On a tie Windows-1256,
   the far more common of the two.

Whatever path is taken, text with NUL characters or a high share of control
characters is rejected as binary.
"""
from __future__ import annotations

import codecs
import re

from .base import ReadError

# How much of a large input the statistical checks look at; enough to decide.
_SAMPLE_BYTES = 1 << 20
_SAMPLE_CHARS = 1 << 16

# Control characters that do not occur in text (tab, newlines, form feed are fine).
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f]")
_ARABIC_LETTER = re.compile(r"[\u0621-\u064a\u0671-\u06d3]")
_COMMON_LETTER = re.compile("[اليمونرت]")  # the 8 commonest in news text, half of all letters
_LATIN_NOISE = re.compile(r"[\xac\xc0-\xff]")
_HIGH_BYTE = re.compile(rb"[\x80-\xff]")

# Longest BOMs first: the UTF-32 LE BOM starts with the UTF-16 LE one.
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)


def decode(data: bytes, path: str) -> str:
    """Decode ``data`` (the contents of ``path``) to str, or raise ReadError."""
    if not data:
        raise ReadError(path, "empty file")
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return _checked(_decode_declared(data[len(bom):], encoding, len(bom), path), path)
    utf16 = _sniff_utf16(data)
    if utf16:
        return _checked(_decode_declared(data, utf16, 0, path), path)
    if b"\x00" in data:
        raise ReadError(path, "binary file, not text")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as err:
        text = _damaged_utf8(data, err, path)
        if text is None:
            text = _decode_legacy_arabic(data)
    return _checked(text, path)


def _decode_declared(data: bytes, encoding: str, offset: int, path: str) -> str:
    """Decode data whose encoding is known (from a BOM or the UTF-16 pattern)."""
    if encoding.startswith("utf-8"):
        try:
            return data.decode("utf-8")
        except UnicodeDecodeError as err:
            if _cut_at_end(data, err):
                return data[: err.start].decode("utf-8")
            raise ReadError(path, f"invalid UTF-8 at byte {offset + err.start}") from None
    # A file cut short can end in half a code unit; drop it like a cut UTF-8 char.
    unit = 4 if encoding.startswith("utf-32") else 2
    data = data[: len(data) - len(data) % unit]
    name = encoding[:6].upper()
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as err:
        if encoding.startswith("utf-16") and err.start >= len(data) - 2:
            return data[: err.start].decode(encoding)  # a surrogate pair cut in half
        raise ReadError(path, f"invalid {name} at byte {offset + err.start}") from None


def _sniff_utf16(data: bytes) -> str | None:
    """Return "utf-16-le"/"utf-16-be" if data looks like BOM-less UTF-16, else None."""
    sample = data[:_SAMPLE_BYTES]
    sample = sample[: len(sample) - len(sample) % 2]
    if len(sample) < 2:
        return None
    even, odd = sample[0::2], sample[1::2]

    def high_share(half: bytes) -> float:
        # High bytes of U+00xx and U+06xx: ASCII and Arabic text.
        return (half.count(0) + half.count(6)) / len(half)

    if high_share(odd) >= 0.5 and high_share(even) < 0.1:
        return "utf-16-le"
    if high_share(even) >= 0.5 and high_share(odd) < 0.1:
        return "utf-16-be"
    return None


def _cut_at_end(data: bytes, err: UnicodeDecodeError) -> bool:
    """True if the only UTF-8 error is a multibyte sequence cut off at the end."""
    return err.reason == "unexpected end of data" and err.end == len(data) and len(data) - err.start <= 3


def _damaged_utf8(data: bytes, err: UnicodeDecodeError, path: str) -> str | None:
    """Handle a strict UTF-8 failure: text, ReadError, or None for "not UTF-8"."""
    head = data[: err.start]
    looks_utf8 = _HIGH_BYTE.search(head, max(0, len(head) - _SAMPLE_BYTES)) is not None
    if _cut_at_end(data, err) and looks_utf8:
        return head.decode("utf-8")
    # Most non-ASCII bytes forming valid sequences means UTF-8 with damage; a
    # legacy Arabic code page fails on nearly every letter instead.
    sample = data[:_SAMPLE_BYTES].decode("utf-8", "replace")
    bad = sample.count("\ufffd") - data[:_SAMPLE_BYTES].count(b"\xef\xbf\xbd")
    non_ascii = len(sample) - len(sample.encode("ascii", "ignore"))
    good = non_ascii - sample.count("\ufffd")
    if good >= 2 and bad * 4 < good:
        raise ReadError(path, f"invalid UTF-8 at byte {err.start}")
    return None


def _decode_legacy_arabic(data: bytes) -> str:
    """Pick Windows-1256 or ISO-8859-6 by which gives the more Arabic-looking text."""
    best: tuple[int, str] | None = None
    for encoding in ("cp1256", "iso8859_6"):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue  # ISO-8859-6 leaves many bytes unassigned
        sample = text[: 4 * _SAMPLE_CHARS]
        # Read as the other code page, common letters turn into rare ones or
        # Latin, and the article "ال" (the commonest bigram) into "ان" or "اف".
        # ISO-8859-6 read as Windows-1256 also shows Latin letters (ç, ê, ×).
        letters = len(_ARABIC_LETTER.findall(sample)) + len(_COMMON_LETTER.findall(sample))
        noise = len(_CONTROL.findall(sample)) + len(_LATIN_NOISE.findall(sample))
        score = letters + 3 * sample.count("ال") - 4 * noise
        if best is None or score > best[0]:
            best = (score, text)
    assert best is not None  # cp1256 assigns all 256 bytes
    return best[1]


def _checked(text: str, path: str) -> str:
    """Reject decoded text that is really binary data."""
    if "\x00" in text:
        raise ReadError(path, "binary file, not text")
    sample = text[:_SAMPLE_CHARS]
    if sample and len(_CONTROL.findall(sample)) > 0.1 * len(sample):
        raise ReadError(path, "binary file, not text")
    return text
