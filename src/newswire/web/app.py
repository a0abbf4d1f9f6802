"""The dashboard and JSON API over a newswire database.

Security model: the server binds to 127.0.0.1 unless told otherwise (see ``serve``), answers only
requests whose ``Host`` is a name it serves (so a page on another site cannot read the API through DNS
rebinding), sends a Content-Security-Policy that runs only its own script files (no inline script, no
other origin) with nosniff, no-framing and no-referrer headers, opens the database read-only (once per
request, and closes it after, so ``ingest`` and ``watch`` can write between requests), runs
only parameterised SQL (the query layer in :mod:`newswire.store.queries`; search text is matched
literally, ``%`` and ``_`` included), escapes all article text (Jinja2 autoescaping; chart data is
embedded as JSON with ``<`` escaped), serves static files from a fixed list (no paths from the request
reach the file system), caps page sizes and offsets, and bounds the length of search strings.

Charts use plotly.js as shipped inside the ``plotly`` Python package, served locally: no CDN.
"""

from __future__ import annotations

import json
import re
from contextvars import ContextVar
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from fastapi import FastAPI, HTTPException, Query, Request
from fastapi.responses import FileResponse, HTMLResponse, JSONResponse, RedirectResponse, Response
from fastapi.templating import Jinja2Templates
from starlette.middleware.trustedhost import TrustedHostMiddleware
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from newswire import __version__
from newswire.model import InputError
from newswire.store import Store, browse
from newswire.store import queries as q
from newswire.store.db import READ_WAIT, connect

MAX_PAGE = 200  # the largest page any list returns
MAX_OFFSET = 100_000  # deeper pages are refused: narrow the filters instead
MAX_TEXT = 200  # longest search string accepted
_KEY = re.compile(r"^[0-9a-f]{8,64}$")
# codes, countries, names, and names no dictionary holds in quotes ('"JUDGE ALEJANDRO RIVERA"')
_ACTOR = re.compile(r"^[\w .'\"(),&\-]{1,80}$")

_HERE = Path(__file__).resolve().parent

LOCAL_HOSTS = ("localhost", "127.0.0.1", "::1")
# plotly.js writes <style> elements and style attributes, hence 'unsafe-inline' for styles (styles
# cannot run code); scripts come only from /static, and nothing is loaded from another origin
CSP = ("default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
       "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'")
SECURITY_HEADERS = [(k.encode(), v.encode()) for k, v in (
    ("Content-Security-Policy", CSP), ("X-Content-Type-Options", "nosniff"), ("X-Frame-Options", "DENY"),
    ("Referrer-Policy", "no-referrer"))]


@dataclass
class _View:
    """What the query layer needs of a store: a connection (here a per-request cursor)."""

    con: Any


def _plotly_js() -> Path:
    import plotly

    return Path(plotly.__file__).resolve().parent / "package_data" / "plotly.min.js"


STATIC = {  # name → (path, media type); nothing else is served
    "plotly.min.js": (_plotly_js, "application/javascript"),
    "app.css": (lambda: _HERE / "static" / "app.css", "text/css"),
    "app.js": (lambda: _HERE / "static" / "app.js", "application/javascript"),
    "favicon.svg": (lambda: _HERE / "static" / "favicon.svg", "image/svg+xml"),
}


def _cameo_names() -> Any:
    """code → the CAMEO codebook's name of it ("020" → "Appeal, not specified below"), "" when unknown."""
    from newswire.coding.tables import CodeTable

    table = CodeTable()

    def name(code: Any) -> str:
        try:
            return table.info(str(code or "")).name
        except KeyError:
            return ""

    return name


def article_actors(record: dict[str, Any]) -> list[dict[str, Any]]:
    """The actors an article names, each once, most mentioned first: code, name, mentions, the words used."""
    actors: dict[str, dict[str, Any]] = {}
    for e in record.get("entities") or []:
        actor = e.get("actor")
        if not actor or not actor.get("code"):
            continue
        seen = actors.setdefault(actor["code"], {"code": actor["code"], "name": actor.get("name") or e["text"],
                                                 "mentions": 0, "texts": {}})
        seen["mentions"] += 1
        seen["texts"][e["text"]] = None
    return sorted(({**a, "texts": list(a["texts"])} for a in actors.values()),
                  key=lambda a: (-a["mentions"], a["code"]))


# the database connections a request opened, closed when it has been answered
_OPENED: ContextVar[list[Any] | None] = ContextVar("newswire_opened", default=None)


class _ConnectionPerRequest:
    """ASGI middleware: whatever database connection a request opens is closed once it is answered,
    so the file is free for a writer between requests."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        opened: list[Any] = []
        token = _OPENED.set(opened)
        try:
            await self.app(scope, receive, send)
        finally:
            _OPENED.reset(token)
            for con in opened:
                con.close()


class _Hardening:
    """ASGI middleware: the security headers on every response, and HEAD answered as GET without a body.

    FastAPI routes declared with ``get`` refuse HEAD (405), which breaks link checkers and ``curl -I``.
    """

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        head = scope["method"] == "HEAD"
        if head:  # a copy: the server keeps its own scope, and so still sends no body for HEAD
            scope = {**scope, "method": "GET"}

        async def send_hardened(message: Message) -> None:
            if message["type"] == "http.response.start":
                message = {**message, "headers": [*message.get("headers", []), *SECURITY_HEADERS]}
            elif head and message["type"] == "http.response.body":
                message = {**message, "body": b""}
            await send(message)

        await self.app(scope, receive, send_hardened)


def _host_pattern(host: str) -> str:
    """A host name as the Host header writes it: IPv6 addresses in brackets."""
    host = host.strip().lower()
    return f"[{host}]" if ":" in host and not host.startswith("[") else host


def _json_script(data: Any) -> str:
    """JSON safe to embed in a <script type="application/json"> element."""
    return (json.dumps(data, default=str).replace("<", "\\u003c").replace(">", "\\u003e")
            .replace("&", "\\u0026"))


def create_app(db_path: str | Path, hosts: tuple[str, ...] = ()) -> FastAPI:
    """The app over the database at ``db_path``, opened read-only by each request (a writer holding the
    file makes a request wait for it, up to ``READ_WAIT`` seconds, then answer 503).

    Requests must name this machine (:data:`LOCAL_HOSTS`) or one of ``hosts`` in their ``Host``
    header; others get 400.
    """
    Store(db_path, read_only=True).close()  # StoreError (no such database, not one) goes to the caller
    path = str(db_path)

    def view() -> _View:
        opened = _OPENED.get()
        if opened:
            return _View(opened[0])
        try:
            con = connect(path, read_only=True, wait=READ_WAIT)
        except Exception as exc:
            raise HTTPException(503, f"the database cannot be read now: {str(exc).splitlines()[0]}") from None
        if opened is not None:
            opened.append(con)
        return _View(con)

    app = FastAPI(title="newswire", version=__version__, docs_url=None, redoc_url=None,
                  description="Event data served from a local newswire database. All lists are paginated "
                              f"(limit ≤ {MAX_PAGE}, offset ≤ {MAX_OFFSET}).")
    allowed = dict.fromkeys(_host_pattern(h) for h in (*LOCAL_HOSTS, *hosts))
    app.add_middleware(TrustedHostMiddleware, allowed_hosts=list(allowed), www_redirect=False)
    app.add_middleware(_ConnectionPerRequest)
    app.add_middleware(_Hardening)  # added last, so outermost: a refused Host gets the headers too
    templates = Jinja2Templates(directory=str(_HERE / "templates"))
    templates.env.globals["json_script"] = _json_script
    templates.env.globals["version"] = __version__
    templates.env.filters["cameo_name"] = _cameo_names()

    @app.exception_handler(InputError)
    async def _bad_input(request: Request, exc: InputError) -> JSONResponse:
        return JSONResponse({"detail": str(exc)}, status_code=400)

    # -- static ------------------------------------------------------------------------------
    @app.get("/static/{name}", include_in_schema=False)
    def static(name: str) -> FileResponse:
        if name not in STATIC:
            raise HTTPException(404)
        path, media = STATIC[name]
        return FileResponse(path(), media_type=media)

    @app.get("/favicon.ico", include_in_schema=False)
    def favicon() -> FileResponse:
        return FileResponse(_HERE / "static" / "favicon.svg", media_type="image/svg+xml")

    # -- JSON API ----------------------------------------------------------------------------
    @app.get("/api/stats", summary="Totals: articles, stories, events, mentions, quotes, date span")
    def api_stats() -> dict[str, Any]:
        return q.stats(view())

    @app.get("/api/events", summary="Events, newest first, filtered and paginated; `status` takes one or more "
                                    "statuses, comma-separated (every status when absent)")
    def api_events(source: str | None = None, target: str | None = None, actor: str | None = None,
                   cameo: str | None = None, plover: str | None = None,
                   quad_class: int | None = Query(None, ge=1, le=4), status: str | None = None,
                   since: str | None = None, until: str | None = None,
                   text: str | None = Query(None, max_length=MAX_TEXT),
                   limit: int = Query(50, ge=1, le=MAX_PAGE), offset: int = Query(0, ge=0, le=MAX_OFFSET),
                   ) -> dict[str, Any]:
        rows = q.events(view(), source=source, target=target, actor=actor, cameo=cameo, plover=plover,
                        quad_class=quad_class, status=status, since=since, until=until, text=text,
                        limit=limit, offset=offset)
        return {"limit": limit, "offset": offset, "items": rows}

    @app.get("/api/events/{event_id}", summary="One event with its mentions (the articles that report it)")
    def api_event(event_id: int) -> dict[str, Any]:
        event = browse.event(view(), event_id)
        if event is None:
            raise HTTPException(404, "no such event")
        return event

    @app.get("/api/articles", summary="Articles, newest first; `text` searches titles and bodies")
    def api_articles(text: str | None = Query(None, max_length=MAX_TEXT),
                     limit: int = Query(50, ge=1, le=MAX_PAGE), offset: int = Query(0, ge=0, le=MAX_OFFSET),
                     ) -> dict[str, Any]:
        return {"limit": limit, "offset": offset,
                "items": browse.articles(view(), text=text, limit=limit, offset=offset)}

    @app.get("/api/articles/{key}", summary="The analysis record of one article")
    def api_article(key: str) -> dict[str, Any]:
        record = _record(key)
        return record

    @app.get("/api/actors", summary="Actors seen in events, most active first")
    def api_actors(limit: int = Query(100, ge=1, le=MAX_PAGE), offset: int = Query(0, ge=0, le=MAX_OFFSET),
                   ) -> dict[str, Any]:
        return {"limit": limit, "offset": offset, "items": q.actors(view(), limit=limit, offset=offset)}

    @app.get("/api/dyads", summary="The most reported actor pairs (occurred events unless `status` says "
                                   "otherwise)")
    def api_dyads(limit: int = Query(20, ge=1, le=MAX_PAGE),
                  status: str | None = Query(None, max_length=MAX_TEXT)) -> dict[str, Any]:
        return {"items": q.top_dyads(view(), limit=limit, status=status)}

    @app.get("/api/dyads/{a}/{b}", summary="A dyad's time series: QuadClass counts, Goldstein, net cooperation "
                                         "(occurred events unless `status` says otherwise, e.g. occurred,planned "
                                         "or all); A and B are codes or names")
    def api_dyad(a: str, b: str, by: str = Query("month", pattern="^(day|week|month|year)$"),
                 directed: bool = False, status: str | None = Query(None, max_length=MAX_TEXT)) -> dict[str, Any]:
        _check_actor(a)
        _check_actor(b)
        return q.dyad(view(), a, b, by=by, directed=directed, status=status)

    @app.get("/api/stories", summary="Stories: groups of near-duplicate articles")
    def api_stories(limit: int = Query(50, ge=1, le=MAX_PAGE), offset: int = Query(0, ge=0, le=MAX_OFFSET),
                    ) -> dict[str, Any]:
        return {"limit": limit, "offset": offset, "items": browse.stories(view(), limit=limit, offset=offset)}

    @app.get("/api/quotes", summary="Quotes, filtered by speaker name or text")
    def api_quotes(speaker: str | None = Query(None, max_length=MAX_TEXT),
                   text: str | None = Query(None, max_length=MAX_TEXT),
                   limit: int = Query(50, ge=1, le=MAX_PAGE), offset: int = Query(0, ge=0, le=MAX_OFFSET),
                   ) -> dict[str, Any]:
        return {"limit": limit, "offset": offset,
                "items": browse.quotes(view(), speaker=speaker, text=text, limit=limit, offset=offset)}

    @app.get("/api/search", summary="Search articles, events and quotes for a phrase")
    def api_search(text: str = Query(..., min_length=2, max_length=MAX_TEXT),
                   limit: int = Query(20, ge=1, le=MAX_PAGE)) -> dict[str, Any]:
        v = view()
        return {"text": text,
                "articles": browse.articles(v, text=text, limit=limit),
                "events": q.events(v, text=text, limit=limit),
                "quotes": browse.quotes(v, text=text, limit=limit)}

    def _record(key: str) -> dict[str, Any]:
        if not _KEY.match(key):
            raise HTTPException(404, "no such article")
        record = browse.article_record(view(), key)
        if record is None:
            raise HTTPException(404, "no such article")
        return record

    def _check_actor(value: str) -> None:
        if not _ACTOR.match(value):
            raise HTTPException(400, "an actor is a code, a country, an organisation or a name")

    # -- HTML dashboard ------------------------------------------------------------------------
    def page(request: Request, name: str, **context: Any) -> HTMLResponse:
        return templates.TemplateResponse(request, name, context)

    @app.get("/", response_class=HTMLResponse, include_in_schema=False)
    def overview(request: Request) -> HTMLResponse:
        v = view()
        return page(request, "overview.html", stats=q.stats(v), dyads=q.top_dyads(v, limit=10),
                    series=browse.timeline(v, by="month"), actors=q.actors(v, limit=15))

    @app.get("/dyad", response_class=HTMLResponse, include_in_schema=False)
    def dyad_page(request: Request, a: str, b: str,
                  by: str = Query("month", pattern="^(day|week|month|year)$")) -> HTMLResponse:
        _check_actor(a)
        _check_actor(b)
        v = view()
        try:
            ra, rb = q.resolve_actor(v, a), q.resolve_actor(v, b)
        except InputError as exc:
            raise HTTPException(404, str(exc)) from None
        series = q.dyad(v, ra, rb, by=by)
        events = browse.dyad_events(v, ra, rb, limit=MAX_PAGE)
        return page(request, "dyad.html", a=a, b=b, by=by, dyad=series, events=events)

    @app.get("/events", response_class=HTMLResponse, include_in_schema=False)
    def events_page(request: Request, source: str | None = None, target: str | None = None,
                    actor: str | None = None, cameo: str | None = None, plover: str | None = None,
                    quad_class: str | None = None, status: str | None = None, since: str | None = None,
                    until: str | None = None, text: str | None = Query(None, max_length=MAX_TEXT),
                    offset: int = Query(0, ge=0, le=MAX_OFFSET)) -> HTMLResponse:
        filters = {"source": source, "target": target, "actor": actor, "cameo": cameo, "plover": plover,
                   "quad_class": quad_class, "status": status, "since": since, "until": until, "text": text}
        clean = {k: v.strip() for k, v in filters.items() if v and v.strip()}
        clean.setdefault("status", "occurred")  # occurred events unless the status control says otherwise
        quad = int(clean["quad_class"]) if clean.get("quad_class", "").isdigit() else None
        error, total = None, 0
        try:
            v = view()
            chosen = {**clean, "quad_class": quad}
            rows = q.events(v, **chosen, limit=50, offset=offset)
            total = q.count_events(v, **chosen)
        except InputError as exc:
            rows, error = [], str(exc)
        return page(request, "events.html", rows=rows, filters=clean, offset=offset, error=error, page_size=50,
                    total=total)

    @app.get("/event/{event_id}", include_in_schema=False)
    def event_page(event_id: int) -> Response:
        event = browse.event(view(), event_id)
        if event is None or not event["mentions"]:
            raise HTTPException(404, "no such event")
        first = event["mentions"][0]
        return RedirectResponse(f"/article/{first['article_key']}?event={event_id}#evidence", status_code=303)

    @app.get("/article/{key}", response_class=HTMLResponse, include_in_schema=False)
    def article_page(request: Request, key: str, event: int | None = None) -> HTMLResponse:
        record = _record(key)
        selected = None
        if event is not None:
            ev = browse.event(view(), event)
            if ev is not None:
                selected = next(((m["start_char"], m["end_char"]) for m in ev["mentions"]
                                 if m["article_key"] == key), None)
        return page(request, "article.html", key=key, record=record, actors=article_actors(record),
                    paragraphs=highlight(record, selected), selected=selected)

    @app.get("/actor/{code}", response_class=HTMLResponse, include_in_schema=False)
    def actor_page(request: Request, code: str) -> HTMLResponse:
        _check_actor(code)
        v = view()
        return page(request, "actor.html", code=code, partners=browse.partners(v, code),
                    series=browse.timeline(v, by="month", actor=code), rows=q.events(v, actor=code, limit=100))

    @app.get("/api", response_class=HTMLResponse, include_in_schema=False)
    def api_index(request: Request) -> HTMLResponse:
        return page(request, "api.html", spec=app.openapi())

    return app


# ---------------------------------------------------------------------------------------------------
# Highlighting an article body: entities, quotes, event evidence


@dataclass
class Segment:
    text: str
    classes: tuple[str, ...]
    title: str | None = None
    anchor: bool = False


def highlight(record: dict[str, Any], selected: tuple[int, int] | None) -> list[list[Segment]]:
    """The body cut into paragraphs of segments, each with the layers that cover it.

    Layers may overlap (an entity inside a quote inside an evidence sentence), so the body is cut at
    every span boundary and each piece carries every layer over it. The text stays plain: the
    template escapes it.
    """
    body: str = record.get("body") or ""
    spans: list[tuple[int, int, str, str | None]] = []
    for e in record.get("entities") or []:
        actor = e.get("actor")
        spans.append((e["start"], e["end"], "ent", f"{e['label']}: {actor['code']}" if actor else e["label"]))
    for qt in record.get("quotes") or []:
        spans.append((qt["start"], qt["end"], "quote", f"{qt['kind']} quote: {qt.get('speaker') or 'unknown'}"))
    for ev in record.get("events") or []:
        tgt = (ev.get("target") or {}).get("code") or "-"
        spans.append((ev["start"], ev["end"], "evidence",
                      f"{ev['source']['code']} → {ev['cameo']} {ev['plover']} → {tgt}"))
    if selected:
        spans.append((selected[0], selected[1], "selected", "the event you chose"))
    cuts = sorted({0, len(body), *(s for s, *_ in spans), *(e for _, e, *_ in spans)}
                  | {m.start() for m in re.finditer(r"\n(?=\n)", body)})
    # a sweep over the cuts keeps the spans open at each cut, rather than testing every span at every cut
    # (quadratic on a long article); a span covers a piece when it is open at the piece's start
    live = [k for k, (s, e, *_) in enumerate(spans) if s < e]
    opening = sorted(live, key=lambda k: spans[k][0])
    closing = sorted(live, key=lambda k: spans[k][1])
    now_open: set[int] = set()
    opened = closed = 0
    paragraphs: list[list[Segment]] = [[]]
    anchored = False
    for lo, hi in zip(cuts, cuts[1:], strict=False):
        while opened < len(opening) and spans[opening[opened]][0] <= lo:
            now_open.add(opening[opened])
            opened += 1
        while closed < len(closing) and spans[closing[closed]][1] <= lo:
            now_open.discard(closing[closed])
            closed += 1
        piece = body[lo:hi]
        if not piece:
            continue
        if piece.startswith("\n\n"):
            paragraphs.append([])
            piece = piece.lstrip("\n")
            lo = hi - len(piece)
            if not piece:
                continue
        over = [spans[k][2:] for k in sorted(now_open)]
        classes = tuple(sorted({c for c, _ in over}))
        title = "; ".join(dict.fromkeys(t for _, t in over if t)) or None
        anchor = "selected" in classes and not anchored
        anchored = anchored or anchor
        paragraphs[-1].append(Segment(piece, classes, title, anchor))
    return [p for p in paragraphs if p]


def serve(db_path: str | Path, host: str = "127.0.0.1", port: int = 8000,
          allowed_hosts: tuple[str, ...] = ()) -> None:
    """Run the app with uvicorn until interrupted (Ctrl-C); it answers to ``host`` and ``allowed_hosts``."""
    import uvicorn

    uvicorn.run(create_app(db_path, hosts=(host, *allowed_hosts)), host=host, port=port, log_level="warning")
