"""WARC archives (.warc, .warc.gz): one article per HTML or plain-text response."""
from __future__ import annotations

import re
import zlib
from collections.abc import Iterator

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed
from warcio.limitreader import LimitReader

from .base import RawDocument, ReadError
from .encoding import decode
from .html import html_document

_HTML_TYPES = ("text/html", "application/xhtml+xml")
_CHARSET = re.compile(r"charset\s*=\s*[\"']?([\w.:-]+)", re.I)


class _QuietIterator(ArchiveIterator):
    # warcio writes this warning to stderr itself; we count it (err_count) and
    # report it as a ReadError instead.
    INC_RECORD = ""


def read_warc(path: str) -> Iterator[RawDocument | ReadError]:
    """One RawDocument per HTML/text response ("path#n", n counting all records).

    warcio is lenient: a cut-off archive just gives short records. So each
    record's length is checked against its Content-Length, and the first sign of
    damage ends the file with one ReadError; the documents before it stand.
    """
    with open(path, "rb") as stream:
        records = _QuietIterator(stream)
        number = 0
        try:
            for record in records:
                number += 1
                if records.err_count:
                    yield ReadError(path, f"corrupt WARC: record {number - 1} is longer or shorter than its Content-Length")
                    return
                if record.rec_type is None:
                    yield ReadError(path, f"corrupt WARC: record {number} has no WARC header")
                    return
                length = record.rec_headers.get_header("Content-Length") if record.format.startswith("warc") else "0"
                if not (length or "").strip().isdigit():
                    # warcio reads a header cut off at the end of the file as a whole one
                    yield ReadError(path, f"truncated WARC: record {number} has no valid Content-Length")
                    return
                kind = ""
                if record.rec_type == "response" and record.http_headers:
                    kind = (record.http_headers.get_header("Content-Type") or "").lower()
                is_html = kind.startswith(_HTML_TYPES)
                wanted = is_html or kind.startswith("text/plain")
                payload = record.content_stream().read() if wanted else b""
                # Checked for every record: a cut can fall in headers that then look
                # like a record we would skip.
                if _cut_short(record):
                    yield ReadError(path, f"truncated WARC: record {number} ends before its Content-Length")
                    return
                if wanted:
                    yield _document(record, payload, kind, is_html, f"{path}#{number}")
            if records.err_count:
                yield ReadError(path, f"corrupt WARC: record {number} is longer or shorter than its Content-Length")
                return
            if _unparsed_tail(stream, records.offset):
                yield ReadError(path, f"truncated WARC: incomplete record after record {number}")
                return
        except Exception as err:  # warcio/zlib errors on damaged data
            yield ReadError(path, f"corrupt WARC after record {number}: {_one_line(err)}")
            return
    if number == 0:
        yield ReadError(path, "no WARC records found")
    # warcio ends quietly where a gzipped archive is cut inside a record.
    elif not _gzip_complete(path):
        yield ReadError(path, f"truncated WARC: the compressed data ends inside a record after record {number}")


def _document(record, payload: bytes, kind: str, is_html: bool, where: str) -> RawDocument | ReadError:
    url = record.rec_headers.get_header("WARC-Target-URI")
    try:
        text = _decode_payload(payload, kind, where)
        if is_html:
            return html_document(text, where, url or where, url=url)
    except ReadError as err:
        return err
    if not text.strip():
        return ReadError(where, "empty text/plain response")
    return RawDocument(path=where, doc=url or where, text=text, url=url, has_title_line=True)


def _decode_payload(payload: bytes, kind: str, where: str) -> str:
    """Use the HTTP charset when it decodes cleanly; otherwise detect, as for files."""
    match = _CHARSET.search(kind)
    if match and payload:
        try:
            text = payload.decode(match.group(1))
            if "\x00" not in text:
                return text
        except (LookupError, UnicodeDecodeError):
            pass  # servers often declare the wrong charset
    return decode(payload, where)


def _cut_short(record) -> bool:
    """True if the archive ended before the record's declared length."""
    raw = record.raw_stream
    while raw.read(1 << 16):
        pass
    return isinstance(raw, LimitReader) and raw.limit > 0


def _unparsed_tail(stream, offset: int) -> bool:
    """True if an uncompressed archive has data past the last record warcio parsed.

    warcio stops without a word when a record's header is cut off at the end.
    """
    stream.seek(0)
    if stream.read(2) == b"\x1f\x8b":
        return False  # offsets count compressed bytes; _gzip_complete covers these
    stream.seek(offset)
    return bool(stream.read(256).strip())


def _gzip_complete(path: str) -> bool:
    """False if the file is gzip data that stops in the middle of a member."""
    with open(path, "rb") as stream:
        if stream.read(2) != b"\x1f\x8b":
            return True
        stream.seek(0)
        inflater = zlib.decompressobj(wbits=31)
        started = False
        while chunk := stream.read(1 << 20):
            while chunk:
                if inflater.eof:  # next member of a multi-member file
                    inflater = zlib.decompressobj(wbits=31)
                try:
                    while chunk:  # limit the output held at once: it is only checked, not kept
                        inflater.decompress(chunk, 1 << 20)
                        chunk = inflater.unconsumed_tail
                except zlib.error:
                    return False
                started = True
                chunk = inflater.unused_data
        if started and not inflater.eof:
            try:
                inflater.flush()  # output held back by the limit may hide the end of the stream
            except zlib.error:
                return False
    return inflater.eof or not started


def _one_line(err: Exception) -> str:
    """An exception as one short printable line (warcio quotes raw binary data)."""
    if isinstance(err, zlib.error):
        return "damaged compressed data"
    if not isinstance(err, (ArchiveLoadFailed, EOFError, OSError, ValueError)):
        # AttributeError and the like from inside warcio, on a mangled header
        return f"unreadable record header ({type(err).__name__})"
    text = " ".join(str(err).split()) or type(err).__name__
    text = text.split(", first line:")[0]
    text = "".join(ch if ch.isprintable() else "?" for ch in text)
    return text[:120]
