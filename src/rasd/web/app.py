"""The rasd web app: ``create_app(db_path)`` → a FastAPI app serving pages and a JSON API.

Pages are Arabic and right-to-left by default; ``?lang=en`` (remembered in a cookie)
switches the interface labels to English. Every response carries a Content-Security-Policy
that allows only this server's own scripts, styles and images. Errors never show a
traceback: unknown ids are 404, malformed queries and parameters 400, anything else a
plain 500 page; as JSON under ``/api/`` and as a page elsewhere.
"""
from __future__ import annotations

import logging
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlencode

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from jinja2 import Environment, FileSystemLoader, select_autoescape
from starlette.exceptions import HTTPException as StarletteHTTPException

from rasd import __version__
from rasd.store import Store
from rasd.store.searchtext import SearchError

from .queries import BadRequest, Data, NotFound

HERE = Path(__file__).parent
log = logging.getLogger("rasd.web")

CSP = ("default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
       "font-src 'self'; connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'")
LANGS = ("ar", "en")


def load_labels(path: Path = HERE / "labels.tsv") -> dict[str, dict[str, str]]:
    """``{lang: {key: label}}`` from the TSV (key, Arabic, English)."""
    out: dict[str, dict[str, str]] = {"ar": {}, "en": {}}
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        key, ar, en = line.split("\t")
        out["ar"][key], out["en"][key] = ar, en
    return out


LABELS = load_labels()


def seg(value: Any) -> str:
    """One URL path segment (any text, percent-encoded)."""
    return quote(str(value), safe="")


def article_url(article_id: str, quote_id: int | None = None) -> str:
    return f"/article/{seg(article_id)}" + (f"#q{quote_id}" if quote_id is not None else "")


def person_url(key: str) -> str:
    return f"/person/{seg(key)}"


def entity_url(type_: str, key: str) -> str:
    return person_url(key) if type_ == "PER" else f"/entity/{seg(type_)}/{seg(key)}"


def make_env() -> Environment:
    env = Environment(loader=FileSystemLoader(HERE / "templates"),
                      autoescape=select_autoescape(default=True, default_for_string=True),
                      trim_blocks=True, lstrip_blocks=True)
    env.globals.update(article_url=article_url, person_url=person_url, entity_url=entity_url,
                       version=__version__)
    env.filters["seg"] = seg
    return env


class Pages:
    """Template rendering with the request's language."""

    def __init__(self) -> None:
        self.env = make_env()

    def lang(self, request: Request) -> str:
        lang = request.query_params.get("lang") or request.cookies.get("lang")
        return lang if lang in LANGS else "ar"

    def render(self, request: Request, name: str, http_status: int = 200, **ctx: Any) -> HTMLResponse:
        lang = self.lang(request)
        labels = LABELS[lang]

        def t(key: str, *args: Any) -> str:
            label = labels.get(key, key)
            return label % args if args else label

        def qs(**changes: Any) -> str:
            """The current query string with some parameters changed (None removes one)."""
            params = {k: v for k, v in request.query_params.items() if k != "lang"}
            for k, v in changes.items():
                if v is None or v == "":
                    params.pop(k, None)
                else:
                    params[k] = str(v)
            return "?" + urlencode(params) if params else request.url.path

        other = "en" if lang == "ar" else "ar"
        switch = str(request.url.include_query_params(lang=other).replace(scheme="", netloc=""))
        html = self.env.get_template(name).render(
            request=request, lang=lang, t=t, qs=qs, switch_url=switch, path=request.url.path, **ctx)
        resp = HTMLResponse(html, status_code=http_status)
        if request.query_params.get("lang") in LANGS:
            resp.set_cookie("lang", lang, max_age=365 * 86400, samesite="lax", httponly=True)
        return resp


def wants_json(request: Request) -> bool:
    return request.url.path.startswith("/api/") or request.url.path == "/openapi.json"


def create_app(db_path: str, *, warm: bool = True) -> FastAPI:
    """The app over the database at ``db_path`` (created and migrated if needed)."""
    with Store(db_path):  # creates / migrates; fails early on a database of a newer rasd
        pass
    data = Data(str(db_path))
    if warm:
        data.warm()
    pages = Pages()
    app = FastAPI(title="rasd", version=__version__, docs_url=None, redoc_url=None,
                  description="Who said what, in which role, when: articles, statements, people and "
                              "entities extracted from Arabic news, with character offsets into the text.")
    app.state.data = data
    app.state.pages = pages

    @app.middleware("http")
    async def security_headers(request: Request, call_next):
        response: Response = await call_next(request)
        response.headers["Content-Security-Policy"] = CSP
        response.headers["X-Content-Type-Options"] = "nosniff"
        response.headers["Referrer-Policy"] = "no-referrer"
        response.headers["X-Frame-Options"] = "DENY"
        return response

    def error(request: Request, status: int, message: str) -> Response:
        if wants_json(request):
            return JSONResponse({"error": {"status": status, "message": message}}, status_code=status)
        return pages.render(request, "error.html", http_status=status, status_code=status, message=message)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException):
        message = exc.detail if isinstance(exc.detail, str) else "error"
        if exc.status_code == 404 and message == "Not Found":
            message = f"no page at {request.url.path}"
        return error(request, exc.status_code, message)

    @app.exception_handler(RequestValidationError)
    async def bad_params(request: Request, exc: RequestValidationError):
        parts = []
        for e in exc.errors():
            where = ".".join(str(x) for x in e.get("loc", ()) if x not in ("query", "path"))
            parts.append(f"{where}: {e.get('msg', 'invalid')}")
        return error(request, 400, "; ".join(parts) or "invalid parameters")

    @app.exception_handler(SearchError)
    async def bad_query(request: Request, exc: SearchError):
        return error(request, 400, str(exc))

    @app.exception_handler(NotFound)
    async def not_found(request: Request, exc: NotFound):
        return error(request, 404, str(exc))

    @app.exception_handler(BadRequest)
    async def bad_value(request: Request, exc: BadRequest):
        return error(request, 400, str(exc))

    @app.exception_handler(Exception)
    async def internal(request: Request, exc: Exception):
        log.exception("error serving %s", request.url.path)
        return error(request, 500, "internal error")

    from . import api, feeds, pages as page_routes

    app.include_router(api.router)
    app.include_router(feeds.api_router)
    app.include_router(page_routes.router)
    app.include_router(feeds.router)
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")
    return app
