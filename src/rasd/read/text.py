"""Plain text files: the whole file is one article."""
from __future__ import annotations

import os
from collections.abc import Iterator

from .base import RawDocument, ReadError
from .encoding import decode


def read_text(path: str, data: bytes) -> Iterator[RawDocument]:
    """One RawDocument for a plain text file whose first line may be the headline."""
    text = decode(data, path)
    # Windows and old Mac line ends would otherwise leave stray \r in every line.
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise ReadError(path, "no text in file")
    yield RawDocument(path=path, doc=os.path.basename(path), text=text, has_title_line=True)
