"""What every reader yields: a RawDocument, or a ReadError for input it rejects."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(slots=True)
class RawDocument:
    """One article as found in the input, before cleaning.

    ``text`` is plain text (a reader of HTML has already extracted the main text);
    metadata fields are None when the input does not state them.
    """

    path: str  # where it came from: file path, plus "#n" or "#url" for a member of a container
    doc: str  # name used in output: file base name, or the id the input gives
    text: str
    title: str | None = None
    published: str | None = None  # ISO 8601
    source: str | None = None
    url: str | None = None
    id: str | None = None
    has_title_line: bool = False  # plain text whose first line may be the headline


class ReadError(Exception):
    """Input that cannot be read; ``str()`` is one line naming the file and the reason."""

    def __init__(self, path: str, reason: str):
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.reason = reason
