"""TREC-style news files, as in the ANT corpus: ``<DOC><DOCNO>..</DOCNO>..<TEXT>..</TEXT></DOC>``.

The markup is not well-formed XML (raw ``&``, ``<`` in text, ``<AUTHOR/>``), so the
fields are picked out with regular expressions instead of an XML parser.
"""
from __future__ import annotations

import html
import re
from collections.abc import Iterator

from .base import RawDocument, ReadError
from .dates import to_iso
from .encoding import decode

# A DOC runs to its closing tag, or (in a cut-off file) to the next DOC or the end.
_DOC = re.compile(r"<DOC>(.*?)(?:</DOC>|(?=<DOC>)|\Z)", re.S | re.I)
_FIELDS = ("DOCNO", "URL", "SRC", "TITLE", "TIME", "TEXT")


def read_trec(path: str, data: bytes) -> Iterator[RawDocument | ReadError]:
    """One RawDocument per ``<DOC>``; a DOC without text yields a ReadError."""
    docs = _DOC.findall(decode(data, path))
    if not docs:
        raise ReadError(path, "no <DOC> element found")
    for number, body in enumerate(docs, 1):
        # A file of one DOC (the ANT layout) is named by its path alone.
        where = path if len(docs) == 1 else f"{path}#{number}"
        fields = {name: _field(body, name) for name in _FIELDS}
        if not fields["TEXT"]:
            yield ReadError(where, "no article text in <TEXT>")
            continue
        yield RawDocument(
            path=where,
            doc=fields["DOCNO"] or where,
            text=fields["TEXT"],
            title=fields["TITLE"],
            # ANT writes RFC 2822, ISO 8601, or dd/mm/yyyy (its Tunisian sources).
            published=to_iso(fields["TIME"], day_first=True),
            source=fields["SRC"],
            url=fields["URL"],
            id=fields["DOCNO"],
        )


def _field(body: str, name: str) -> str | None:
    """Stripped content of ``<NAME>..</NAME>`` (to the end of the DOC if unclosed)."""
    match = re.search(rf"<{name}>(.*?)(?:</{name}>|\Z)", body, re.S | re.I)
    if not match:
        return None
    value = html.unescape(match.group(1)).strip()
    return value or None
