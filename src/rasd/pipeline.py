"""The whole flow in one place: read → clean → analyse, one article at a time.

    files / feeds / WARC / JSONL ──read──▶ RawDocument ──clean──▶ Article
        ──stages──▶ Article with layers (quotes, entities) ──▶ CLI / store

Each stage is a function ``stage(article) -> None`` that adds one layer of
offset spans to the article and never re-reads the raw input.
"""
from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator

from rasd.analyze.entities import tag_entities
from rasd.analyze.quotes import find_quotes
from rasd.analyze.temporal import date_article
from rasd.clean import clean
from rasd.model import Article
from rasd.read import RawDocument, ReadError, read_paths

Stage = Callable[[Article], None]
STAGES: tuple[Stage, ...] = (date_article, find_quotes, tag_entities)


MAX_ARTICLE_CHARS = 2_000_000  # a news article is a few thousand characters; a book is not one
MAX_LINE_CHARS = 200_000  # no paragraph of prose is this long: a dump, not an article


def not_article_text(text: str) -> str | None:
    """Why a decoded text cannot be one article, or None when it can."""
    if len(text) > MAX_ARTICLE_CHARS:
        return f"{len(text):,} characters: too long for one article (limit {MAX_ARTICLE_CHARS:,})"
    longest = max(map(len, text.split("\n")))
    if longest > MAX_LINE_CHARS:
        return f"a single line of {longest:,} characters: not article text (limit {MAX_LINE_CHARS:,})"
    return None


def analyze_document(raw: RawDocument, stages: Iterable[Stage] = STAGES) -> Article:
    """Clean one raw document and run every analysis stage over it."""
    article = clean(raw)
    for stage in stages:
        stage(article)
    return article


def analyze_paths(paths: Iterable[str], stages: Iterable[Stage] = STAGES) -> Iterator[Article | ReadError]:
    """Articles from every readable input, and a ReadError for each rejected one.

    A failure inside one article's analysis becomes a ReadError for that article
    and the run goes on with the next.
    """
    stages = tuple(stages)
    for item in read_paths(paths):
        if isinstance(item, ReadError):
            yield item
            continue
        if not item.text.strip():
            yield ReadError(item.path, "no text")
            continue
        if problem := not_article_text(item.text):
            yield ReadError(item.path, problem)
            continue
        try:
            yield analyze_document(item, stages)
        except Exception as exc:  # one bad article must not stop the run
            yield ReadError(item.path, f"analysis failed: {type(exc).__name__}: {exc}")
