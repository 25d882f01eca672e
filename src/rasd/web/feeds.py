"""Downloads (rasd.export) and watchlists with their Atom feeds (rasd.watch), in the browser.

    GET  /export/{what}.{fmt}            articles|quotes|people|entities as jsonl|csv|parquet
    GET  /watchlists                     the saved watchlists, and a form to add one
    POST /watchlists                     add one (name, person, term, entity)
    GET  /watchlists/{id}                its matches (new since it was made; ?all=1: all)
    POST /watchlists/{id}/delete         remove it
    GET  /watchlists/{id}/feed.atom      Atom feed of its new matches
    GET  /api/watchlists, /api/watchlists/{id}

Writes open the database through ``Store`` for the one request; a form posted from
another site (an ``Origin`` that is not this server) is refused.
"""
from __future__ import annotations

import os
import tempfile
from typing import Any
from urllib.parse import parse_qs

from fastapi import APIRouter, Request
from fastapi.responses import FileResponse, HTMLResponse, RedirectResponse, Response
from starlette.background import BackgroundTask
from starlette.exceptions import HTTPException

from rasd import export, watch
from rasd.store import Store

from .app import article_url
from .queries import BadRequest, NotFound

router = APIRouter(include_in_schema=False)
api_router = APIRouter(prefix="/api", tags=["api"])

MEDIA = {"jsonl": "application/x-ndjson; charset=utf-8", "csv": "text/csv; charset=utf-8",
         "parquet": "application/vnd.apache.parquet"}


def _path(request: Request) -> str:
    return request.app.state.data.path


@router.get("/export/{name}")
def download(request: Request, name: str):
    what, _, fmt = name.partition(".")
    if what not in export.WHATS or fmt not in export.FORMATS:
        raise NotFound(f"no export {name!r}: choose {'|'.join(export.WHATS)}.{'|'.join(export.FORMATS)}")
    fd, tmp = tempfile.mkstemp(prefix="rasd-export-", suffix="." + fmt)
    try:
        with os.fdopen(fd, "wb") as out:
            export.write(request.app.state.data.conn, what, fmt, out, excel=fmt == "csv")
    except BaseException:
        os.unlink(tmp)
        raise
    return FileResponse(tmp, media_type=MEDIA[fmt], filename=f"rasd-{what}.{fmt}",
                        background=BackgroundTask(os.unlink, tmp))


def _watchlist(store: Any, wid: str) -> watch.Watchlist:
    try:
        return watch.get(store, wid)  # type: ignore[arg-type]
    except watch.WatchlistNotFound as exc:
        raise NotFound(str(exc)) from None


def _same_origin(request: Request) -> None:
    origin = request.headers.get("origin")
    if origin and origin != "null" and origin.split("://", 1)[-1] != request.headers.get("host"):
        raise HTTPException(403, "forms are accepted from this server only")


def _matches(store: Store, wl: watch.Watchlist, everything: bool, limit: int = 100) -> list[dict[str, Any]]:
    return watch.matches(store, wl, since=None if everything else wl.after_run, limit=limit)


@router.get("/watchlists", response_class=HTMLResponse)
def watchlists(request: Request):
    with Store(_path(request)) as store:
        items = watch.list_all(store)
    return request.app.state.pages.render(request, "watchlists.html", items=items, form={})


@router.post("/watchlists")
async def add_watchlist(request: Request):
    _same_origin(request)
    form = {k: v[0] for k, v in parse_qs((await request.body()).decode("utf-8", "replace")).items()}
    with Store(_path(request)) as store:
        try:
            wl = watch.add(store, form.get("name", ""), person=form.get("person"), term=form.get("term"),
                           entity=form.get("entity"))
        except watch.WatchlistError as exc:
            raise BadRequest(str(exc)) from None
    return RedirectResponse(f"/watchlists/{wl.id}", status_code=303)


@router.get("/watchlists/{wid}", response_class=HTMLResponse)
def show_watchlist(request: Request, wid: str, all: int = 0):
    with Store(_path(request)) as store:
        wl = _watchlist(store, wid)
        items = _matches(store, wl, bool(all))
    return request.app.state.pages.render(request, "watchlist.html", wl=wl, items=items, everything=bool(all))


@router.post("/watchlists/{wid}/delete")
def delete_watchlist(request: Request, wid: str):
    _same_origin(request)
    with Store(_path(request)) as store:
        _watchlist(store, wid)
        watch.delete(store, wid)  # type: ignore[arg-type]
    return RedirectResponse("/watchlists", status_code=303)


@router.get("/watchlists/{wid}/feed.atom")
def feed(request: Request, wid: str):
    base = str(request.base_url).rstrip("/")
    with Store(_path(request)) as store:
        wl = _watchlist(store, wid)
        xml = watch.atom(store, wl, base, article_url=lambda it: base + article_url(it["article_id"], it["quote_id"]))
    return Response(xml, media_type="application/atom+xml; charset=utf-8")


@api_router.get("/watchlists", summary="Saved watchlists")
def api_watchlists(request: Request) -> list[dict[str, Any]]:
    with Store(_path(request)) as store:
        return [wl.to_dict() for wl in watch.list_all(store)]


@api_router.get("/watchlists/{wid}", summary="A watchlist and its matches (new since it was made; all=1: all)")
def api_watchlist(request: Request, wid: str, all: int = 0) -> dict[str, Any]:
    with Store(_path(request)) as store:
        wl = _watchlist(store, wid)
        return {**wl.to_dict(), "matches": _matches(store, wl, bool(all))}
