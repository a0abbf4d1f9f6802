"""The dashboard and JSON API over a newswire database.

Security model: the server binds to 127.0.0.1 unless told otherwise (see ``serve``), answers only
requests whose ``Host`` is a name it serves (so a page on another site cannot read the API through DNS
rebinding), sends a Content-Security-Policy that runs only its own script files (no inline script, no
other origin) with nosniff, no-framing and no-referrer headers, opens the database read-only (once per
request, and closes it after, so ``ingest`` and ``watch`` can write between requests), runs
only parameterised SQL (the query layer in :mod:`newswire.store.queries`; search text is matched
literally, ``%`` and ``_`` included), escapes all article text (Jinja2 autoescaping; chart data is
embedded as JSON with ``<`` escaped), serves static files from a fixed list (no paths from the request
reach the file system), caps page sizes, offsets and downloads, and bounds the length of search strings.

Charts use plotly.js as shipped inside the ``plotly`` Python package, served locally: no CDN. The map's
world outline (Natural Earth, public domain, as TopoJSON) ships in ``static/`` too, and plotly.js is told
to read it from there, not from its CDN.

A time range (``since`` and ``until``, days) chosen on any page filters every chart and list, and every
link the pages make carries it on (``href`` in the templates).
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from contextvars import ContextVar
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import Depends, FastAPI, HTTPException, Query, Request
from fastapi.responses import (
    FileResponse,
    HTMLResponse,
    JSONResponse,
    RedirectResponse,
    Response,
    StreamingResponse,
)
from fastapi.templating import Jinja2Templates
from starlette.middleware.trustedhost import TrustedHostMiddleware
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from newswire import __version__
from newswire.model import InputError
from newswire.store import Store, browse
from newswire.store import queries as q
from newswire.store.db import READ_WAIT, connect
from newswire.store.export import DOWNLOADS, download

MAX_PAGE = 200  # the largest page any list returns
MAX_OFFSET = 100_000  # deeper pages are refused: narrow the filters instead
MAX_TEXT = 200  # longest search string accepted
MAX_DOWNLOAD = 50_000  # the most events one download holds (the newest): narrow the filters for more
MAX_PLACES = 2_000  # the most places the map draws (those with most events)
PAGE = 50  # rows per page of the HTML lists
PERIOD = "^(day|week|month|year)$"
DOWNLOAD_FILES = {  # format → (file name, media type); GDELT's names its events table YYYYMMDDHHMMSS.export.CSV
    "csv": ("newswire-events-{stamp}.csv", "text/csv; charset=utf-8"),
    "jsonl": ("newswire-events-{stamp}.jsonl", "application/x-ndjson; charset=utf-8"),
    "gdelt": ("{stamp}.export.CSV", "text/tab-separated-values; charset=utf-8"),
}
EVENT_FILTERS = ("source", "target", "actor", "cameo", "plover", "quad_class", "status", "since", "until", "text")
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
    # the map's world (plotly.js asks for <topojsonURL>/world_110m.json); its licence beside it
    "world_110m.json": (lambda: _HERE / "static" / "world_110m.json", "application/json"),
    "world_110m.LICENSE.txt": (lambda: _HERE / "static" / "world_110m.LICENSE.txt", "text/plain; charset=utf-8"),
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


def event_filters(source: str | None = Query(None, max_length=MAX_TEXT),
                  target: str | None = Query(None, max_length=MAX_TEXT),
                  actor: str | None = Query(None, max_length=MAX_TEXT),
                  cameo: str | None = Query(None, max_length=MAX_TEXT),
                  plover: str | None = Query(None, max_length=MAX_TEXT),
                  quad_class: int | None = Query(None, ge=1, le=4),
                  status: str | None = Query(None, max_length=MAX_TEXT),
                  since: str | None = Query(None, max_length=MAX_TEXT),
                  until: str | None = Query(None, max_length=MAX_TEXT),
                  text: str | None = Query(None, max_length=MAX_TEXT)) -> dict[str, Any]:
    """The event filters of the API (:func:`newswire.store.queries.event_filter`'s), those given."""
    given = {"source": source, "target": target, "actor": actor, "cameo": cameo, "plover": plover,
             "quad_class": quad_class, "status": status, "since": since, "until": until, "text": text}
    return {k: v for k, v in given.items() if v is not None and v != ""}


EventFilters = Annotated[dict[str, Any], Depends(event_filters)]


def page_filters(request: Request) -> tuple[dict[str, str], dict[str, Any]]:
    """The event filters a page was given (its form's fields, empty ones dropped), status occurred unless
    the status control says otherwise: as shown and linked on, and as the query layer takes them."""
    clean = {k: v.strip()[:MAX_TEXT] for k in EVENT_FILTERS if (v := request.query_params.get(k)) and v.strip()}
    clean.setdefault("status", "occurred")
    quad = clean.get("quad_class", "")
    chosen: dict[str, Any] = {**clean, "quad_class": int(quad) if quad in ("1", "2", "3", "4") else None}
    return clean, chosen


def _span(request: Request) -> dict[str, str]:
    """The time range a page was given: ``since`` and ``until``, those that are days (YYYY-MM-DD)."""
    out = {}
    for key in ("since", "until"):
        value = (request.query_params.get(key) or "").strip()
        try:
            out[key] = date.fromisoformat(value).isoformat() if value else None
        except ValueError:
            out[key] = None
    return {k: v for k, v in out.items() if v}


def _links(request: Request) -> dict[str, Any]:
    """What every template gets: the time range chosen, ``href`` (a link to a page of the dashboard that
    carries the time range on), and the query of this page without the range (its "all dates" link)."""
    span = _span(request)

    def href(path: str, **params: Any) -> str:
        query = {k: v for k, v in {**span, **params}.items() if v is not None and v != ""}
        return path + ("?" + urlencode(query) if query else "")

    kept = [(k, v) for k, v in request.query_params.multi_items() if k not in ("since", "until", "offset") and v]
    return {"span": span, "href": href, "kept": kept,
            "all_dates": request.url.path + ("?" + urlencode(kept) if kept else "")}


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
    templates = Jinja2Templates(directory=str(_HERE / "templates"), context_processors=[_links])
    templates.env.globals["json_script"] = _json_script
    templates.env.globals["version"] = __version__
    templates.env.globals["max_download"] = MAX_DOWNLOAD
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

    @app.get("/api/events", summary="Events, newest first, filtered and paginated, with their number over all "
                                    "pages (`total`); `status` takes one or more statuses, comma-separated (every "
                                    "status when absent); `since` and `until` are days, YYYY-MM-DD")
    def api_events(filters: EventFilters,
                   limit: int = Query(50, ge=1, le=MAX_PAGE), offset: int = Query(0, ge=0, le=MAX_OFFSET),
                   ) -> dict[str, Any]:
        v = view()
        rows = q.events(v, **filters, limit=limit, offset=offset)
        return {"limit": limit, "offset": offset, "total": q.count_events(v, **filters), "items": rows}

    @app.get("/api/export", summary=f"Download the events a filter selects (the filters of /api/events), newest "
                                    f"first, at most {MAX_DOWNLOAD:,}: `format` csv, jsonl (the events table's "
                                    "columns, status included) or gdelt (GDELT 2.0's events table, tab-separated, "
                                    "no header unless `header`; occurred events unless `status` says otherwise)")
    def api_export(filters: EventFilters, format: str = Query(..., pattern=f"^({'|'.join(DOWNLOADS)})$"),
                   header: bool = False,
                   limit: int = Query(MAX_DOWNLOAD, ge=1, le=MAX_DOWNLOAD)) -> StreamingResponse:
        pieces = download(view(), format, filters=filters, limit=limit, header=header)
        name, media = DOWNLOAD_FILES[format]
        name = name.format(stamp=datetime.now(UTC).strftime("%Y%m%d%H%M%S"))
        return StreamingResponse(pieces, media_type=media,
                                 headers={"Content-Disposition": f'attachment; filename="{name}"'})

    @app.get("/api/events/{event_id}", summary="One event with its mentions (the articles that report it)")
    def api_event(event_id: int) -> dict[str, Any]:
        event = browse.event(view(), event_id)
        if event is None:
            raise HTTPException(404, "no such event")
        return event

    @app.get("/api/places", summary="Where the events a filter selects (the filters of /api/events) happened: "
                                    "each place with coordinates once, with its events, most events first")
    def api_places(filters: EventFilters,
                   limit: int = Query(MAX_PLACES, ge=1, le=MAX_PLACES)) -> dict[str, Any]:
        return q.places(view(), **filters, limit=limit)

    @app.get("/api/timeline", summary="Events per period and QuadClass with net cooperation, every period from "
                                      "the first to the last (empty ones as zeros); for one `actor` when given "
                                      "(occurred events unless `status` says otherwise)")
    def api_timeline(by: str = Query("month", pattern=PERIOD), actor: str | None = None,
                     status: str | None = Query(None, max_length=MAX_TEXT), since: str | None = None,
                     until: str | None = None) -> dict[str, Any]:
        if actor:
            _check_actor(actor)
        series = browse.timeline(view(), by=by, actor=actor, status=status, since=since, until=until)
        return {"by": by, "actor": actor, "since": since, "until": until, "series": series}

    @app.get("/api/articles", summary="Articles, newest first, every one (with events or not), with their "
                                      "events and quotes counted; `text` searches titles and bodies; `since` "
                                      "and `until` bound the publication day")
    def api_articles(text: str | None = Query(None, max_length=MAX_TEXT), since: str | None = None,
                     until: str | None = None, limit: int = Query(50, ge=1, le=MAX_PAGE),
                     offset: int = Query(0, ge=0, le=MAX_OFFSET)) -> dict[str, Any]:
        v = view()
        return {"limit": limit, "offset": offset,
                "total": browse.count_articles(v, text=text, since=since, until=until),
                "items": browse.articles(v, text=text, since=since, until=until, limit=limit, offset=offset)}

    @app.get("/api/articles/{key}", summary="The analysis record of one article")
    def api_article(key: str) -> dict[str, Any]:
        record = _record(key)
        return record

    @app.get("/api/actors", summary="Actors seen in events, most active first")
    def api_actors(limit: int = Query(100, ge=1, le=MAX_PAGE), offset: int = Query(0, ge=0, le=MAX_OFFSET),
                   since: str | None = None, until: str | None = None) -> dict[str, Any]:
        return {"limit": limit, "offset": offset,
                "items": q.actors(view(), limit=limit, offset=offset, since=since, until=until)}

    @app.get("/api/dyads", summary="The most reported actor pairs (occurred events unless `status` says "
                                   "otherwise)")
    def api_dyads(limit: int = Query(20, ge=1, le=MAX_PAGE),
                  status: str | None = Query(None, max_length=MAX_TEXT), since: str | None = None,
                  until: str | None = None) -> dict[str, Any]:
        return {"items": q.top_dyads(view(), limit=limit, status=status, since=since, until=until)}

    @app.get("/api/dyads/{a}/{b}", summary="A dyad's time series: QuadClass counts, Goldstein, net cooperation, "
                                         "every period from the first to the last (or over `since` … `until`), "
                                         "empty ones as zeros (occurred events unless `status` says otherwise, "
                                         "e.g. occurred,planned or all); A and B are codes or names")
    def api_dyad(a: str, b: str, by: str = Query("month", pattern=PERIOD),
                 directed: bool = False, status: str | None = Query(None, max_length=MAX_TEXT),
                 since: str | None = None, until: str | None = None) -> dict[str, Any]:
        _check_actor(a)
        _check_actor(b)
        return q.dyad(view(), a, b, by=by, directed=directed, status=status, since=since, until=until)

    @app.get("/api/stories", summary="Stories: groups of near-duplicate articles")
    def api_stories(limit: int = Query(50, ge=1, le=MAX_PAGE), offset: int = Query(0, ge=0, le=MAX_OFFSET),
                    ) -> dict[str, Any]:
        return {"limit": limit, "offset": offset, "items": browse.stories(view(), limit=limit, offset=offset)}

    @app.get("/api/quotes", summary="Quotes, filtered by speaker name or text, with their number over all pages; "
                                    "`since` and `until` bound the article's publication day")
    def api_quotes(speaker: str | None = Query(None, max_length=MAX_TEXT),
                   text: str | None = Query(None, max_length=MAX_TEXT), since: str | None = None,
                   until: str | None = None, limit: int = Query(50, ge=1, le=MAX_PAGE),
                   offset: int = Query(0, ge=0, le=MAX_OFFSET)) -> dict[str, Any]:
        v = view()
        found = {"speaker": speaker, "text": text, "since": since, "until": until}
        return {"limit": limit, "offset": offset, "total": browse.count_quotes(v, **found),
                "items": browse.quotes(v, **found, limit=limit, offset=offset)}

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

    def shown(work: Callable[[], dict[str, Any]]) -> dict[str, Any]:
        """What ``work`` finds for a page, or the page's error (a bad date, an unknown actor) to show."""
        try:
            return {**work(), "error": None}
        except InputError as exc:
            return {"error": str(exc)}

    @app.get("/", response_class=HTMLResponse, include_in_schema=False)
    def overview(request: Request) -> HTMLResponse:
        v = view()
        span = _span(request)

        def work() -> dict[str, Any]:
            return {"dyads": q.top_dyads(v, limit=10, **span), "series": browse.timeline(v, by="month", **span),
                    "actors": q.actors(v, limit=15, **span),
                    "in_range": q.count_events(v, status="occurred", **span) if span else None}

        return page(request, "overview.html", stats=q.stats(v), **{"dyads": [], "series": [], "actors": [],
                                                                    "in_range": None, **shown(work)})

    @app.get("/dyad", response_class=HTMLResponse, include_in_schema=False)
    def dyad_page(request: Request, a: str, b: str, by: str = Query("month", pattern=PERIOD)) -> HTMLResponse:
        _check_actor(a)
        _check_actor(b)
        v = view()
        try:
            ra, rb = q.resolve_actor(v, a), q.resolve_actor(v, b)
        except InputError as exc:
            raise HTTPException(404, str(exc)) from None
        span = _span(request)

        def work() -> dict[str, Any]:
            return {"dyad": q.dyad(v, ra, rb, by=by, **span),
                    "events": browse.dyad_events(v, ra, rb, limit=MAX_PAGE, **span)}

        return page(request, "dyad.html", a=a, b=b, by=by, max_page=MAX_PAGE,
                    **{"dyad": None, "events": [], **shown(work)})

    @app.get("/events", response_class=HTMLResponse, include_in_schema=False)
    def events_page(request: Request, offset: int = Query(0, ge=0, le=MAX_OFFSET)) -> HTMLResponse:
        clean, chosen = page_filters(request)
        v = view()

        def work() -> dict[str, Any]:
            return {"rows": q.events(v, **chosen, limit=PAGE, offset=offset), "total": q.count_events(v, **chosen)}

        return page(request, "events.html", filters=clean, offset=offset, page_size=PAGE,
                    **{"rows": [], "total": 0, **shown(work)})

    @app.get("/map", response_class=HTMLResponse, include_in_schema=False)
    def map_page(request: Request) -> HTMLResponse:
        clean, chosen = page_filters(request)
        v = view()
        found = shown(lambda: q.places(v, **chosen, limit=MAX_PLACES))
        return page(request, "map.html", filters=clean, max_places=MAX_PLACES,
                    **{"events": 0, "located": 0, "places": [], **found})

    @app.get("/articles", response_class=HTMLResponse, include_in_schema=False)
    def articles_page(request: Request, text: str | None = Query(None, max_length=MAX_TEXT),
                      offset: int = Query(0, ge=0, le=MAX_OFFSET)) -> HTMLResponse:
        v = view()
        found = {"text": (text or "").strip() or None, **_span(request)}
        return page(request, "articles.html", text=found["text"], offset=offset, page_size=PAGE,
                    query={k: v for k, v in found.items() if v},
                    total=browse.count_articles(v, **found),
                    rows=browse.articles(v, **found, limit=PAGE, offset=offset))

    @app.get("/quotes", response_class=HTMLResponse, include_in_schema=False)
    def quotes_page(request: Request, text: str | None = Query(None, max_length=MAX_TEXT),
                    speaker: str | None = Query(None, max_length=MAX_TEXT),
                    offset: int = Query(0, ge=0, le=MAX_OFFSET)) -> HTMLResponse:
        v = view()
        found = {"text": (text or "").strip() or None, "speaker": (speaker or "").strip() or None, **_span(request)}
        return page(request, "quotes.html", text=found["text"], speaker=found["speaker"], offset=offset,
                    page_size=PAGE, query={k: v for k, v in found.items() if v}, total=browse.count_quotes(v, **found),
                    rows=browse.quotes(v, **found, limit=PAGE, offset=offset))

    @app.get("/event/{event_id}", include_in_schema=False)
    def event_page(request: Request, event_id: int) -> Response:
        event = browse.event(view(), event_id)
        if event is None or not event["mentions"]:
            raise HTTPException(404, "no such event")
        first = event["mentions"][0]
        query = urlencode({**_span(request), "event": event_id})
        return RedirectResponse(f"/article/{first['article_key']}?{query}#evidence", status_code=303)

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
        span = _span(request)

        def work() -> dict[str, Any]:
            return {"partners": browse.partners(v, code, **span),
                    "series": browse.timeline(v, by="month", actor=code, **span),
                    "rows": q.events(v, actor=code, limit=100, **span)}

        return page(request, "actor.html", code=code, **{"partners": [], "series": [], "rows": [],
                                                          **shown(work)})

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
