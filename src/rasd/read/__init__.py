"""Input readers: files and directories in, RawDocuments (or ReadErrors) out.

``read_paths`` walks the inputs, decides each file's format (content first,
extension second) and hands it to the matching reader. A reader's failure is a
ReadError for that file and never stops the run.
"""
from __future__ import annotations

import json
import os
import re
import zlib
from collections.abc import Callable, Iterable, Iterator

from .base import RawDocument, ReadError
from .feed import read_feed
from .html import read_html
from .jsonl import read_json, read_jsonl
from .text import read_text
from .trec import read_trec
from .warc import read_warc

__all__ = ["RawDocument", "ReadError", "read_paths", "read_file", "sniff"]

MAX_FILE_BYTES = 200 * 1024 * 1024
_HEAD_BYTES = 4096
_HTML_START = re.compile(r"<!doctype html|<html|<head\b|<body\b")

# Readers given the whole file; jsonl and warc open the file themselves to stream it.
_WHOLE_FILE_READERS: dict[str, Callable[[str, bytes], Iterator[RawDocument | ReadError]]] = {
    "json": read_json,
    "feed": read_feed,
    "trec": read_trec,
    "html": read_html,
    "text": read_text,
}


def read_paths(paths: Iterable[str]) -> Iterator[RawDocument | ReadError]:
    """Documents from files and directories (walked recursively, sorted, hidden entries skipped)."""
    if isinstance(paths, (str, os.PathLike)):
        paths = [paths]  # a lone path, not an iterable of one-letter paths
    for path in map(os.fspath, paths):
        if os.path.isdir(path):
            for item in _walk(path):
                if isinstance(item, ReadError):
                    yield item
                else:
                    yield from read_file(item)
        elif os.path.lexists(path):
            yield from read_file(path)
        else:
            yield ReadError(path, "no such file or directory")


def read_file(path: str) -> Iterator[RawDocument | ReadError]:
    """Documents from one file; any failure inside becomes a one-line ReadError."""
    try:
        if not os.path.isfile(path):
            # Broken links, FIFOs, devices: opening a FIFO would block forever.
            reason = "no such file or directory" if not os.path.exists(path) else "not a regular file"
            raise ReadError(path, reason)
        size = os.path.getsize(path)
        if size == 0:
            raise ReadError(path, "empty file")
        with open(path, "rb") as stream:
            head = stream.read(_HEAD_BYTES)
        kind = sniff(path, head)
        if kind == "jsonl":
            yield from read_jsonl(path)
        elif kind == "warc":
            yield from read_warc(path)
        elif size > MAX_FILE_BYTES:
            # Only formats read whole are limited; JSON Lines and WARC stream.
            limit = MAX_FILE_BYTES / 2**20
            raise ReadError(path, f"file too large ({size / 2**20:.0f} MB; the limit is {limit:.0f} MB)")
        else:
            with open(path, "rb") as stream:
                data = stream.read()
            yield from _WHOLE_FILE_READERS[kind](path, data)
    except ReadError as err:
        yield err
    except OSError as err:
        yield ReadError(path, (err.strerror or str(err)).lower())
    except Exception as err:  # a bug or a library failure: report it, go on with the next file
        message = " ".join(str(err).split())[:200]
        yield ReadError(path, f"unexpected error: {type(err).__name__}: {message}".rstrip(": "))


def sniff(path: str, head: bytes) -> str:
    """The format of a file from its first bytes, else its extension.

    One of "warc", "feed", "trec", "html", "json", "jsonl", "text".
    """
    name = path.lower()
    if head.startswith(b"WARC/") or _gzipped_warc(head):
        return "warc"
    start = _head_text(head)
    if start.startswith("<?xml"):
        if re.search(r"<(rss|feed|rdf:rdf)\b", start):
            return "feed"
        if re.search(r"<doc>", start):
            return "trec"
        if "<html" in start:
            return "html"
    if re.match(r"<(rss|feed|rdf:rdf)\b", start):
        return "feed"
    if start.startswith("<doc>"):
        return "trec"
    if _HTML_START.match(start):
        return "html"
    if start.startswith("{"):
        # One complete object on the first line is JSON Lines, even in a ".json"
        # file; so is a first line longer than the head that starts like one.
        first_line, newline, _ = start.partition("\n")
        if _is_json_object(first_line) or (not newline and re.match(r'\{\s*"', start)):
            return "jsonl"
        if name.endswith(".json") or first_line.strip() == "{":
            return "json"
    # "[" alone could start an Arabic headline like "[عاجل]"; "[{" cannot.
    if re.match(r"\[\s*\{", start) or (start.startswith("[") and name.endswith(".json")):
        return "json"
    # Nothing in the content decides it: go by the extension.
    for extensions, kind in (
        ((".jsonl", ".ndjson"), "jsonl"),
        ((".json",), "json"),
        ((".warc", ".warc.gz"), "warc"),
        ((".xml", ".rss", ".atom"), "feed"),
        ((".html", ".htm", ".xhtml"), "html"),
    ):
        if name.endswith(extensions):
            return kind
    return "text"


def _head_text(head: bytes) -> str:
    """The file's first bytes as lower-case text, good enough to spot markup."""
    for bom, encoding in ((b"\xef\xbb\xbf", "utf-8"), (b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be")):
        if head.startswith(bom):
            return head[len(bom):].decode(encoding, "ignore").lstrip().lower()
    # Dropping NULs makes the ASCII markup of BOM-less UTF-16 readable; Latin-1
    # maps every byte, so no decoding error can hide the markup.
    return head.replace(b"\x00", b"").decode("latin-1").lstrip().lower()


def _gzipped_warc(head: bytes) -> bool:
    if not head.startswith(b"\x1f\x8b"):
        return False
    try:
        return zlib.decompressobj(wbits=31).decompress(head, 16).startswith(b"WARC/")
    except zlib.error:
        return False


def _is_json_object(line: str) -> bool:
    try:
        return isinstance(json.loads(line), dict)
    except ValueError:
        return False


def _walk(folder: str) -> Iterator[str | ReadError]:
    """Files under ``folder`` in path order, skipping hidden files and directories.

    Links to directories are not followed: they could loop.
    """
    try:
        entries = sorted(os.scandir(folder), key=lambda entry: entry.name)
    except OSError as err:
        yield ReadError(folder, (err.strerror or str(err)).lower())
        return
    for entry in entries:
        if entry.name.startswith("."):
            continue
        if entry.is_dir(follow_symlinks=False):
            yield from _walk(entry.path)
        elif entry.is_symlink() and entry.is_dir():
            yield ReadError(entry.path, "link to a directory, not followed")
        else:
            yield entry.path
