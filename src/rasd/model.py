"""The one data model: an article's cleaned text plus layers of offset spans.

Every extracted fact points back into ``Article.text`` through ``start``/``end``
character offsets, and ``text[start:end]`` is always the span's own text.
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from typing import Any


@dataclass(slots=True)
class Span:
    """A stretch of ``Article.text``: ``text == article.text[start:end]``."""

    start: int
    end: int
    text: str

    @classmethod
    def of(cls, text: str, start: int, end: int) -> "Span":
        return cls(start, end, text[start:end])

    def to_dict(self) -> dict[str, Any]:
        return {"text": self.text, "start": self.start, "end": self.end}


def overlaps(start: int, end: int, spans: list[tuple[int, int]]) -> bool:
    """Whether text[start:end] shares a character with any of the (start, end) spans."""
    return any(s < end and start < e for s, e in spans)


@dataclass(slots=True)
class Speaker:
    """Who a statement is attributed to, and how that was decided."""

    name: str | None
    type: str  # PER, ORG or UNNAMED
    role: str | None = None
    mention: Span | None = None  # the words in this article that name the speaker
    role_span: Span | None = None
    resolution: str = "explicit"  # explicit, title, implicit, relay, participle, anaphor, continuation
    gender: str = ""  # m, f or p as the verbs agreeing with the speaker show; '' when unknown

    def to_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "role": self.role,
            "type": self.type,
            "mention": self.mention.to_dict() if self.mention else None,
            "role_span": self.role_span.to_dict() if self.role_span else None,
            "resolution": self.resolution,
            "gender": self.gender or None,
        }


@dataclass(slots=True)
class Quote:
    """A reported statement: direct, indirect or mixed, with its cue and speaker."""

    span: Span
    kind: str  # direct, indirect, mixed
    cue: Span | None
    speaker: Speaker | None
    fragments: list[Span] = field(default_factory=list)

    @property
    def text(self) -> str:
        return self.span.text

    def to_dict(self) -> dict[str, Any]:
        return {
            "text": self.span.text,
            "start": self.span.start,
            "end": self.span.end,
            "kind": self.kind,
            "cue": self.cue.to_dict() if self.cue else None,
            "speaker": self.speaker.to_dict() if self.speaker else None,
            "fragments": [f.to_dict() for f in self.fragments],
        }


@dataclass(slots=True)
class DateMention:
    """A temporal expression: where it is, what it means, and how that was decided."""

    span: Span
    value: str | None  # YYYY, YYYY-MM or YYYY-MM-DD; None when the text does not fix it
    kind: str  # absolute, relative, weekday, duration
    anchor: str | None = None  # ISO date a relative value was computed from
    calendar: str = "gregorian"  # the calendar the text used: gregorian or hijri

    @property
    def text(self) -> str:
        return self.span.text

    def to_dict(self) -> dict[str, Any]:
        return {"text": self.span.text, "start": self.span.start, "end": self.span.end,
                "value": self.value, "kind": self.kind, "anchor": self.anchor, "calendar": self.calendar}


@dataclass(slots=True)
class Entity:
    """A person, organisation or place named in the article, with its mentions."""

    type: str  # PER, ORG, LOC
    name: str
    mentions: list[Span] = field(default_factory=list)
    roles: list[Span] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "type": self.type,
            "name": self.name,
            "aliases": sorted({m.text for m in self.mentions}),
            "roles": [r.text for r in self.roles],
            "mentions": [m.to_dict() for m in self.mentions],
            "role_spans": [r.to_dict() for r in self.roles],
        }


@dataclass(slots=True)
class Article:
    """Cleaned article text, its metadata, and the analysis layers over it."""

    id: str
    doc: str  # input file base name, or the id given by the input (JSONL id, URL)
    text: str
    title: str | None = None
    published: str | None = None  # ISO 8601 date or datetime, or None when unknown
    source: str | None = None  # publishing outlet or agency
    url: str | None = None
    path: str | None = None
    title_span: Span | None = None
    removed: list[str] = field(default_factory=list)  # furniture lines dropped by cleaning
    published_how: str | None = None  # metadata, date line, dateline, today pattern …
    published_span: Span | None = None  # where the text states the publication date
    quotes: list[Quote] = field(default_factory=list)
    dates: list[DateMention] = field(default_factory=list)
    entities: list[Entity] = field(default_factory=list)

    @property
    def content_hash(self) -> str:
        return content_hash(self.title, self.text)

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "doc": self.doc,
            "title": self.title,
            "published": self.published,
            "source": self.source,
            "url": self.url,
            "path": self.path,
            "content_hash": self.content_hash,
            "text": self.text,
            "published_evidence": {"how": self.published_how,
                                   "span": self.published_span.to_dict() if self.published_span else None}
            if self.published else None,
            "quotes": [q.to_dict() for q in self.quotes],
            "dates": [d.to_dict() for d in self.dates],
            "entities": [e.to_dict() for e in self.entities],
        }


def content_hash(title: str | None, text: str) -> str:
    """Identity of an article's content: same title and text, same hash."""
    h = hashlib.sha256()
    h.update((title or "").encode("utf-8"))
    h.update(b"\x00")
    h.update(text.encode("utf-8"))
    return h.hexdigest()
