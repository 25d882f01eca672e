"""JSON API under ``/api/``: articles, statements, people, entities, search, status.

Lists are paginated with ``limit``/``offset`` and say their ``total``. Ids are stable:
an article's id, a statement's integer id, a person's or entity's folded name.
"""
from __future__ import annotations

from typing import Any, Generic, Optional, TypeVar

from fastapi import APIRouter, Query, Request
from pydantic import BaseModel

from .highlight import snippet_html
from . import queries
from .queries import MARK_CLOSE, MARK_OPEN, Data, Named, check_date, filter_named

router = APIRouter(prefix="/api", tags=["api"])
T = TypeVar("T")

LIMIT = Query(20, ge=1, le=100, description="Items per page (1-100).")
OFFSET = Query(0, ge=0, le=1_000_000, description="Items to skip.")
SINCE = Query(None, description="Published on or after (YYYY, YYYY-MM or YYYY-MM-DD).")
UNTIL = Query(None, description="Published on or before (YYYY, YYYY-MM or YYYY-MM-DD).")


class Page(BaseModel, Generic[T]):
    total: int
    total_is_lower_bound: bool = False  # statement lists count up to 10,000; then total is 10,001
    limit: int
    offset: int
    items: list[T]


class ArticleSummary(BaseModel):
    id: str
    doc: str
    title: Optional[str]
    published: Optional[str]
    published_how: Optional[str]
    source: Optional[str]
    url: Optional[str]
    ingested_at: Optional[str]


class Statement(BaseModel):
    id: int
    article_id: str
    start: int
    end: int
    text: str
    kind: str
    cue: Optional[str]
    cue_start: Optional[int]
    cue_end: Optional[int]
    speaker_name: Optional[str]
    speaker_role: Optional[str]
    speaker_type: Optional[str]
    speaker_start: Optional[int]
    speaker_end: Optional[int]
    resolution: Optional[str]
    fragments: list[list[int]]
    doc: str
    title: Optional[str]
    published: Optional[str]
    source: Optional[str]
    speaker_id: Optional[str] = None
    speaker_entity_type: Optional[str] = None


class DateSpan(BaseModel):
    id: int
    start: int
    end: int
    text: str
    value: Optional[str]
    kind: Optional[str]
    anchor: Optional[str]
    calendar: Optional[str]


class EntityInArticle(BaseModel):
    id: int
    type: str
    name: str
    roles: list[str]
    mentions: int
    aliases: list[str]


class Span(BaseModel):
    start: int
    end: int
    text: str


class Evidence(BaseModel):
    how: Optional[str]
    span: Optional[Span]


class Article(ArticleSummary):
    text: str
    path: Optional[str]
    published_evidence: Optional[Evidence]
    quotes: list[Statement]
    dates: list[DateSpan]
    entities: list[EntityInArticle]


class NamedSummary(BaseModel):
    id: str
    type: str
    name: str
    aliases: list[str]
    articles: int
    quotes: int


class SightingOut(BaseModel):
    article: str
    doc: str
    source: Optional[str]
    published: Optional[str]
    not_before: Optional[str]


class RoleOut(BaseModel):
    role: str
    seen: list[SightingOut]


class Profile(NamedSummary):
    roles: list[RoleOut]
    seen: list[SightingOut]
    months: list[tuple[str, int]]
    undated: int
    limit: int
    offset: int
    statements: list[Statement]


class Facet(BaseModel):
    value: Optional[str]
    n: int
    type: Optional[str] = None


class Hit(ArticleSummary):
    score: float
    snippet: str
    snippet_html: str


class SearchPage(Page[Hit]):
    query: str
    facets: dict[str, list[Facet]]
    facet_window: int


class Status(BaseModel):
    articles: int
    quotes: int
    entities: int
    dates: int
    errors: int
    sources: int
    last_ingest: Optional[str]
    schema_version: int


class ErrorBody(BaseModel):
    status: int
    message: str


class Error(BaseModel):
    error: ErrorBody


ERRORS: dict[int | str, dict[str, Any]] = {400: {"model": Error}, 404: {"model": Error}}


def data_of(request: Request) -> Data:
    return request.app.state.data


def _page(total: int, limit: int, offset: int, items: list, capped: bool = False) -> dict[str, Any]:
    return {"total": total, "total_is_lower_bound": capped and total > queries.COUNT_CAP, "limit": limit,
            "offset": offset, "items": items}


@router.get("/status", response_model=Status, summary="What the database holds")
def status(request: Request):
    return data_of(request).status()


@router.get("/articles", response_model=Page[ArticleSummary], responses=ERRORS, summary="Articles, newest first")
def list_articles(request: Request, limit: int = LIMIT, offset: int = OFFSET,
                  source: Optional[str] = Query(None, description="Outlet, exactly as stored."),
                  since: Optional[str] = SINCE, until: Optional[str] = UNTIL):
    total, items = data_of(request).articles(limit=limit, offset=offset, source=source,
                                             since=check_date(since, "since"), until=check_date(until, "until"))
    return _page(total, limit, offset, items)


@router.get("/articles/{article_id}", response_model=Article, responses=ERRORS,
            summary="One article: text, statements, dates and entities with offsets")
def get_article(request: Request, article_id: str):
    data = data_of(request)
    art = data.article(article_id)
    data.with_speakers(art["quotes"])
    return art


@router.get("/quotes", response_model=Page[Statement], responses=ERRORS, summary="Statements, newest first")
def list_quotes(request: Request, limit: int = LIMIT, offset: int = OFFSET,
                speaker: Optional[str] = Query(None, description="Part of the speaker's name or role, any spelling."),
                cue: Optional[str] = Query(None, description="Speech verb, exactly as written (قال، وأضاف …)."),
                kind: Optional[str] = Query(None, pattern="^(direct|indirect|mixed)$"),
                source: Optional[str] = None, article: Optional[str] = None,
                since: Optional[str] = SINCE, until: Optional[str] = UNTIL):
    data = data_of(request)
    total, items = data.quotes(limit=limit, offset=offset, speaker=speaker, cue=cue, kind=kind, source=source,
                               article=article, since=check_date(since, "since"), until=check_date(until, "until"))
    return _page(total, limit, offset, data.with_speakers(items), capped=True)


@router.get("/quotes/{quote_id}", response_model=Statement, responses=ERRORS, summary="One statement")
def get_quote(request: Request, quote_id: int):
    data = data_of(request)
    return data.with_speakers([data.quote(quote_id)])[0]


def _named_page(found: list[Named], q: Optional[str], limit: int, offset: int) -> dict[str, Any]:
    found = filter_named(found, q)
    return _page(len(found), limit, offset, [n.summary() for n in found[offset:offset + limit]])


@router.get("/people", response_model=Page[NamedSummary], responses=ERRORS,
            summary="People across articles, most quoted first")
def list_people(request: Request, limit: int = LIMIT, offset: int = OFFSET,
                q: Optional[str] = Query(None, description="Part of a name or alias, any spelling.")):
    return _named_page(data_of(request).catalog.people_ranked, q, limit, offset)


@router.get("/people/{person_id}", response_model=Profile, responses=ERRORS,
            summary="One person: aliases, roles over time, statements per month, a page of statements "
                    "(limit/offset; `quotes` is the total)")
def get_person(request: Request, person_id: str, limit: int = LIMIT, offset: int = OFFSET):
    data = data_of(request)
    return _profile(data, data.catalog.person(person_id), limit, offset)


@router.get("/entities", response_model=Page[NamedSummary], responses=ERRORS,
            summary="Organisations, places and other entities across articles")
def list_entities(request: Request, limit: int = LIMIT, offset: int = OFFSET,
                  type: Optional[str] = Query(None, description="ORG, LOC, … (PER: see /api/people)."),
                  q: Optional[str] = None):
    found = data_of(request).catalog.entities_ranked
    if type:
        found = [n for n in found if n.type == type]
    return _named_page(found, q, limit, offset)


@router.get("/entities/{entity_type}/{entity_id}", response_model=Profile, responses=ERRORS,
            summary="One entity: aliases, roles, statements per month, statements")
def get_entity(request: Request, entity_type: str, entity_id: str, limit: int = LIMIT, offset: int = OFFSET):
    data = data_of(request)
    return _profile(data, data.catalog.entity(entity_type, entity_id), limit, offset)


def _profile(data: Data, named: Named, limit: int, offset: int) -> dict[str, Any]:
    prof = data.profile(named, limit=limit, offset=offset)
    data.with_speakers(prof["statements"])
    prof.pop("by_outlet")
    return prof


@router.get("/search", response_model=SearchPage, responses=ERRORS,
            summary="Full-text search over articles (Arabic folding and stemming), with facets")
def search(request: Request, q: str = Query(..., description='Words (all required), "phrases", OR.'),
           limit: int = LIMIT, offset: int = OFFSET, source: Optional[str] = None,
           speaker: Optional[str] = None, entity: Optional[str] = None,
           since: Optional[str] = SINCE, until: Optional[str] = UNTIL):
    found = data_of(request).search(q, limit=limit, offset=offset, source=source, speaker=speaker, entity=entity,
                                    since=check_date(since, "since"), until=check_date(until, "until"))
    for h in found["items"]:
        h["snippet_html"] = str(snippet_html(h["snippet"], MARK_OPEN, MARK_CLOSE))
        h["snippet"] = h["snippet"].replace(MARK_OPEN, "").replace(MARK_CLOSE, "")
    found.pop("parsed")
    return {**found, "limit": limit, "offset": offset}


@router.get("/search/statements", response_model=Page[Statement], responses=ERRORS,
            summary="Statements whose own text matches the query (in the 200 best-matching articles)")
def search_statements(request: Request, q: str = Query(...), limit: int = LIMIT, offset: int = OFFSET,
                      source: Optional[str] = None, speaker: Optional[str] = None,
                      entity: Optional[str] = None, since: Optional[str] = SINCE, until: Optional[str] = UNTIL):
    data = data_of(request)
    found = data.search_statements(q, limit=limit, offset=offset, source=source, speaker=speaker, entity=entity,
                                   since=check_date(since, "since"), until=check_date(until, "until"))
    return _page(found["total"], limit, offset, data.with_speakers(found["items"]))
