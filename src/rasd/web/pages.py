"""HTML pages: landing, search, article, person / entity, statements, people, API docs."""
from __future__ import annotations

import re
from typing import Any, Optional

from fastapi import APIRouter, Query, Request

from rasd import export
from fastapi.responses import HTMLResponse

from .app import entity_url
from .highlight import Mark, find_names, render, snippet_html
from . import queries
from .queries import MARK_CLOSE, MARK_OPEN, BadRequest, Data, Named, check_date, filter_named

router = APIRouter(include_in_schema=False)
PER_PAGE = 20
PAGE = Query(1, ge=1, le=50_000)


def _data(request: Request) -> Data:
    return request.app.state.data


def _render(request: Request, name: str, **ctx: Any) -> HTMLResponse:
    return request.app.state.pages.render(request, name, **ctx)


def _pager(total: int, page: int, per_page: int = PER_PAGE, capped: bool = False) -> dict[str, Any]:
    pages = max(1, -(-total // per_page))
    return {"page": page, "pages": pages, "total": total, "per_page": per_page,
            "more": capped and total > queries.COUNT_CAP,  # counted only this far (queries.COUNT_CAP)
            "first": (page - 1) * per_page + 1 if total else 0, "last": min(total, page * per_page)}


@router.get("/", response_class=HTMLResponse)
def index(request: Request):
    data = _data(request)
    _, recent = data.articles(limit=12)
    cat = data.catalog
    return _render(request, "index.html", status=data.status(), recent=recent,
                   people=[n.summary() for n in cat.people_ranked[:12]],
                   orgs=[n.summary() for n in cat.entities_ranked[:8]],
                   errors=data.recent_errors(5), exports={"whats": export.WHATS, "formats": export.FORMATS})


@router.get("/search", response_class=HTMLResponse)
def search(request: Request, q: Optional[str] = None, scope: str = Query("articles", pattern="^(articles|statements)$"),
           source: Optional[str] = None, speaker: Optional[str] = None, entity: Optional[str] = None,
           since: Optional[str] = None, until: Optional[str] = None, page: int = PAGE):
    data = _data(request)
    ctx: dict[str, Any] = {"q": q, "scope": scope, "source": source, "speaker": speaker, "entity": entity,
                           "since": since, "until": until, "found": None}
    if q is not None:
        filters = dict(source=source or None, speaker=speaker or None, entity=entity or None,
                       since=check_date(since, "since"), until=check_date(until, "until"))
        offset = (page - 1) * PER_PAGE
        if scope == "statements":
            found = data.search_statements(q, limit=PER_PAGE, offset=offset, **filters)
            data.with_speakers(found["items"])
        else:
            found = data.search(q, limit=PER_PAGE, offset=offset, **filters)
        for item in found["items"]:
            item["snippet_html"] = snippet_html(item["snippet"], MARK_OPEN, MARK_CLOSE)
        ctx.update(found=found, pg=_pager(found["total"], page))
    return _render(request, "search.html", **ctx)


def article_marks(art: dict[str, Any], data: Data) -> list[Mark]:
    """Every stored fact of an article as a mark over its text."""
    cat = data.catalog
    aid = art["id"]
    marks: list[Mark] = []
    speakers: set[tuple[int, int]] = set()
    for q in art["quotes"]:
        who = q["speaker_name"] or ""
        marks.append(Mark(q["start"], q["end"], "quote",
                          {"id": f"q{q['id']}", "data-quote-id": str(q["id"]), "data-kind-of-quote": q["kind"],
                           "title": who}))
        if q["cue_start"] is not None and q["cue_end"] is not None:
            marks.append(Mark(q["cue_start"], q["cue_end"], "cue"))
        span = (q["speaker_start"], q["speaker_end"])
        if span[0] is not None and span[1] is not None and span not in speakers:
            speakers.add(span)
            named = cat.who(aid, q["speaker_name"])
            marks.append(Mark(span[0], span[1], "speaker", {"title": who},
                              href=entity_url(named.type, named.key) if named else None))
    evidence = (art.get("published_evidence") or {}).get("span") or {}
    for d in art["dates"]:
        published = (d["start"], d["end"]) == (evidence.get("start"), evidence.get("end"))
        attrs = {"data-value": d["value"] or "", "title": d["value"] or d["kind"] or ""}
        if published:
            attrs["id"] = "published"
        marks.append(Mark(d["start"], d["end"], "published" if published else "date", attrs))
    for e in art["entities"]:
        named = cat.who(aid, e["name"])
        href = e["href"] = entity_url(named.type, named.key) if named else None
        # stored offsets; a database from before migration 5 has none, so look the names up
        spans = e["spans"] or [(s, end) for s, end, _ in find_names(art["text"], [e["name"], *e["aliases"]])]
        for s, end in spans:
            if (s, end) in speakers:
                continue
            marks.append(Mark(s, end, "entity", {"data-entity-type": e["type"], "title": e["name"]}, href=href))
    return marks


def dateline(text: str, evidence: dict[str, Any] | None) -> str | None:
    """The dateline around the publication date ("بغداد 27 أبريل 2021 (شينخوا)"), when there is one."""
    if not evidence or evidence.get("how") != "dateline" or not evidence.get("span"):
        return None
    s, e = evidence["span"]["start"], evidence["span"]["end"]
    line_start = text.rfind("\n", 0, s) + 1
    m = re.match(r"\s*\([^()\n]{1,40}\)", text[e:e + 45])
    end = e + (m.end() if m else 0)
    return text[line_start:end] if s - line_start <= 40 else text[s:end]


@router.get("/article/{article_id}", response_class=HTMLResponse)
def article(request: Request, article_id: str):
    data = _data(request)
    art = data.article(article_id)
    data.with_speakers(art["quotes"])
    body = render(art["text"], article_marks(art, data))
    return _render(request, "article.html", art=art, body=body,
                   dateline=dateline(art["text"], art["published_evidence"]))


def month_chart(months: list[tuple[str, int]], width: int = 720, height: int = 160) -> dict[str, Any]:
    """Bars for statements per month, every month between the first and the last (inline SVG)."""
    if not months:
        return {"bars": [], "width": width, "height": height, "ticks": []}
    first, last = months[0][0], months[-1][0]
    counts = dict(months)
    y, m = int(first[:4]), int(first[5:7])
    series: list[tuple[str, int]] = []
    while True:
        key = f"{y:04d}-{m:02d}"
        series.append((key, counts.get(key, 0)))
        if key >= last or len(series) > 600:
            break
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    top = max(n for _, n in series) or 1
    pad_bottom, pad_top = 22, 14
    slot = (width - 10) / len(series)
    bar_w = max(2.0, min(36.0, slot * 0.8))
    bars, ticks = [], []
    for i, (month, n) in enumerate(series):
        h = (height - pad_bottom - pad_top) * n / top
        x = 5 + i * slot + (slot - bar_w) / 2
        bars.append({"month": month, "n": n, "x": round(x, 1), "w": round(bar_w, 1),
                     "y": round(height - pad_bottom - h, 1), "h": round(h, 1)})
        if month.endswith("-01") or i == 0 or len(series) <= 12:
            label = month if len(series) <= 24 else month[:4]
            if not ticks or ticks[-1]["label"] != label:
                ticks.append({"x": round(x + bar_w / 2, 1), "label": label})
    if len(ticks) > 14:
        step = -(-len(ticks) // 14)
        ticks = ticks[::step]
    return {"bars": bars, "width": width, "height": height, "ticks": ticks, "top": top,
            "base": height - pad_bottom}


STATEMENTS_PER_PAGE = 100


def _profile_page(request: Request, named: Named, page: int) -> HTMLResponse:
    data = _data(request)
    prof = data.profile(named, limit=STATEMENTS_PER_PAGE, offset=(page - 1) * STATEMENTS_PER_PAGE)
    data.with_speakers(prof["statements"])
    return _render(request, "person.html", p=prof, chart=month_chart(prof["months"]),
                   pg=_pager(prof["quotes"], page, STATEMENTS_PER_PAGE))


@router.get("/person/{key}", response_class=HTMLResponse)
def person(request: Request, key: str, page: int = PAGE):
    return _profile_page(request, _data(request).catalog.person(key), page)


@router.get("/entity/{type_}/{key}", response_class=HTMLResponse)
def entity(request: Request, type_: str, key: str, page: int = PAGE):
    return _profile_page(request, _data(request).catalog.entity(type_, key), page)


@router.get("/statements", response_class=HTMLResponse)
def statements(request: Request, speaker: Optional[str] = None, cue: Optional[str] = None,
               kind: Optional[str] = None, source: Optional[str] = None, since: Optional[str] = None,
               until: Optional[str] = None, page: int = PAGE):
    data = _data(request)
    if kind and kind not in ("direct", "indirect", "mixed"):
        raise BadRequest(f"kind: expected direct, indirect or mixed, got {kind!r}")
    total, items = data.quotes(limit=PER_PAGE, offset=(page - 1) * PER_PAGE, speaker=speaker, cue=cue or None,
                               kind=kind or None, source=source or None,
                               since=check_date(since, "since"), until=check_date(until, "until"))
    return _render(request, "statements.html", items=data.with_speakers(items), pg=_pager(total, page, capped=True),
                   f={"speaker": speaker or "", "cue": cue or "", "kind": kind or "", "source": source or "",
                      "since": since or "", "until": until or ""},
                   cues=data.cues(), sources=data.sources())


def _list_page(request: Request, found: list[Named], q: Optional[str], page: int, title: str) -> HTMLResponse:
    found = filter_named(found, q)
    items = [n.summary() for n in found[(page - 1) * PER_PAGE: page * PER_PAGE]]
    return _render(request, "people.html", items=items, pg=_pager(len(found), page), q=q or "", title=title)


@router.get("/people", response_class=HTMLResponse)
def people(request: Request, q: Optional[str] = None, page: int = PAGE):
    return _list_page(request, _data(request).catalog.people_ranked, q, page, "nav_people")


@router.get("/entities", response_class=HTMLResponse)
def entities(request: Request, q: Optional[str] = None, page: int = PAGE):
    return _list_page(request, _data(request).catalog.entities_ranked, q, page, "nav_entities")


@router.get("/docs", response_class=HTMLResponse)
def docs(request: Request):
    """The API, read from the app's own OpenAPI schema (no external assets)."""
    schema = request.app.openapi()
    routes = []
    for path, methods in schema.get("paths", {}).items():
        for method, op in methods.items():
            params = [{"name": p["name"], "in": p["in"], "required": p.get("required", False),
                       "description": p.get("description", "")} for p in op.get("parameters", [])]
            routes.append({"method": method.upper(), "path": path, "summary": op.get("summary", ""),
                           "params": params})
    return _render(request, "docs.html", routes=routes, info=schema.get("info", {}))
