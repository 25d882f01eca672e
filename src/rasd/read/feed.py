"""RSS and Atom feeds: one article per entry, via feedparser."""
from __future__ import annotations

import html
import os
import re
from collections.abc import Iterator

import feedparser
import lxml.html

from .base import RawDocument, ReadError
from .dates import to_iso
from .encoding import decode

# Elements whose end is a line break in the text.
_BLOCKS = ("p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "tr", "section", "article")
_SPACES = re.compile(r"[ \t\u00a0]+")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def read_feed(path: str, data: bytes) -> Iterator[RawDocument | ReadError]:
    """One RawDocument per entry ("path#n"); an entry without text yields a ReadError.

    feedparser gets the bytes: it honours the encoding the XML declaration names.
    """
    try:
        parsed = feedparser.parse(data)
    except (UnicodeError, LookupError):
        # feedparser chokes on a garbled encoding name in the XML declaration;
        # our own detection still reads the feed.
        parsed = feedparser.parse(decode(data, path))
    if not parsed.entries:
        if parsed.bozo:
            reason = " ".join(str(parsed.get("bozo_exception", "")).split())
            raise ReadError(path, f"not a readable feed: {reason or 'parse error'}")
        raise ReadError(path, "feed has no entries")
    source = parsed.feed.get("title") or None
    base = os.path.basename(path)
    for number, entry in enumerate(parsed.entries, 1):
        where = f"{path}#{number}"
        text = _entry_text(entry)
        if not text:
            yield ReadError(where, "feed entry has no text")
            continue
        link = entry.get("link") or None
        ident = entry.get("id") or None
        yield RawDocument(
            path=where,
            doc=ident or link or f"{base}#{number}",
            text=text,
            title=entry.get("title") or None,
            # Atom requires <updated> and makes <published> optional.
            published=to_iso(entry.get("published")) or to_iso(entry.get("updated")),
            source=source,
            url=link,
            id=ident,
        )


def _entry_text(entry) -> str:
    """The entry's full content if given, else its summary, as plain text."""
    parts = [(c.get("value") or "", c.get("type") or "") for c in entry.get("content") or []]
    if not any(value.strip() for value, _ in parts):
        detail = entry.get("summary_detail") or {}
        parts = [(entry.get("summary") or "", detail.get("type") or "text/html")]
    value, kind = max(parts, key=lambda part: len(part[0]))
    if kind == "text/plain":
        return _tidy(_CONTROL.sub("", value))
    return html_to_text(value)


def html_to_text(fragment: str) -> str:
    """Plain text of an HTML fragment: one line per paragraph/block, no markup."""
    if "<" not in fragment:
        return _tidy(html.unescape(fragment))
    # lxml refuses control characters, and a feed may carry them.
    fragment = _CONTROL.sub("", fragment)
    try:
        root = lxml.html.fragment_fromstring(fragment, create_parent="div")
    except Exception:  # lxml rejects some fragments (e.g. only a comment)
        return ""
    for element in list(root.iter("script", "style")):
        element.drop_tree()
    for element in root.iter(*_BLOCKS):
        element.tail = "\n" + (element.tail or "")
    return _tidy(root.text_content())


def _tidy(text: str) -> str:
    lines = (_SPACES.sub(" ", line).strip() for line in text.splitlines())
    return "\n".join(line for line in lines if line)
