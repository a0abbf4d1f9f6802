"""Fetching pages and feeds over HTTP with good manners.

One :class:`Fetcher` serves one run: it sends newswire's user agent, honours robots.txt (read once per
host and cached) and its Crawl-delay, waits ``settings.host_delay`` seconds between two requests to one
host (or the Crawl-delay, when longer), sends conditional requests when asked (a 304 comes back as it is), gives up on a response past the size limit without reading the rest, stops a
request that takes longer than the timeout, and retries 5xx answers, timeouts and dropped
connections with exponential back-off — never 4xx answers, which will not change by asking again.
Failures raise :class:`~newswire.model.InputError` with one line saying why.
"""

from __future__ import annotations

import time
import urllib.robotparser
from collections.abc import Mapping
from dataclasses import dataclass, field
from email.message import Message
from urllib.parse import urljoin, urlsplit

import requests
from requests.structures import CaseInsensitiveDict

from newswire.config import DEFAULT, Settings
from newswire.model import InputError

_MAX_RETRY_AFTER = 60.0  # seconds; a server asking for more is treated as down
_CHUNK = 64 * 1024


def is_url(name: str) -> bool:
    return name.lower().startswith(("http://", "https://"))


@dataclass
class Response:
    """What a fetch gives: the final URL (after redirects), the body bytes and the declared charset."""

    url: str
    data: bytes
    status: int
    content_type: str = ""  # media type only, lower case: "text/html"
    charset: str | None = None  # as declared in the Content-Type header
    headers: Mapping[str, str] = field(default_factory=dict)  # case-insensitive for a fetched response


def parse_content_type(header: str | None) -> tuple[str, str | None]:
    """("text/html", "iso-8859-1") from "text/html; charset=ISO-8859-1"."""
    if not header:
        return "", None
    msg = Message()
    msg["content-type"] = header
    return msg.get_content_type().lower(), msg.get_content_charset()


class _Retryable(Exception):
    def __init__(self, reason: str, wait: float | None = None):
        super().__init__(reason)
        self.wait = wait


class Fetcher:
    """An HTTP client for one run, with a robots.txt cache per host."""

    def __init__(self, settings: Settings = DEFAULT, session: requests.Session | None = None):
        self.settings = settings
        self.session = session or requests.Session()
        self.session.headers["User-Agent"] = settings.user_agent
        self._robots: dict[str, urllib.robotparser.RobotFileParser | str] = {}
        self._last: dict[str, float] = {}  # origin → when its last request ended (monotonic)

    def close(self) -> None:
        self.session.close()

    def fetch(self, url: str, headers: dict[str, str] | None = None) -> Response:
        """GET ``url`` politely, or raise InputError saying why not.

        ``headers`` adds request headers: ``If-None-Match`` / ``If-Modified-Since`` make a conditional
        request, and an unchanged resource then comes back with status 304 and no data.
        """
        if not is_url(url):
            raise InputError(f"not an http(s) URL: {url}")
        if self.settings.respect_robots:
            self._check_robots(url)
        return self._get(url, headers=headers)

    def delay(self, url: str) -> float:
        """Seconds kept between two requests to ``url``'s host: ours, or robots.txt's Crawl-delay if longer."""
        rules = self._robots.get(_origin(url))
        asked = None
        if rules is not None and not isinstance(rules, str):
            asked = rules.crawl_delay(self.settings.user_agent)
        return max(self.settings.host_delay, float(asked or 0))

    def _wait_turn(self, url: str) -> None:
        last = self._last.get(_origin(url))
        if last is not None:
            wait = last + self.delay(url) - time.monotonic()
            if wait > 0:
                time.sleep(wait)

    # -- robots.txt -------------------------------------------------------------------------------

    def _check_robots(self, url: str) -> None:
        parts = urlsplit(url)
        origin = _origin(url)
        rules = self._robots.get(origin)
        if rules is None:
            rules = self._load_robots(origin)
            self._robots[origin] = rules
        if isinstance(rules, str):  # robots.txt could not be read: RFC 9309 says assume disallow
            raise InputError(f"robots.txt of {origin} is unreachable ({rules}); not fetching")
        if not rules.can_fetch(self.settings.user_agent, url):
            raise InputError(f"robots.txt of {origin} disallows fetching {parts.path or '/'}")

    def _load_robots(self, origin: str) -> urllib.robotparser.RobotFileParser | str:
        parser = urllib.robotparser.RobotFileParser(origin + "/robots.txt")
        try:
            response = self._get(origin + "/robots.txt", accept_status=True)
        except InputError as exc:
            return str(exc)
        if response.status in (401, 403):
            parser.disallow_all = True
        elif response.status >= 400:  # no robots.txt: everything is allowed
            parser.allow_all = True
        else:
            parser.parse(response.data.decode("utf-8", "replace").splitlines())
        return parser

    # -- the request itself ---------------------------------------------------------------------

    def _get(self, url: str, *, accept_status: bool = False, headers: dict[str, str] | None = None) -> Response:
        """GET with retries; ``accept_status`` returns 4xx responses instead of raising."""
        attempts = self.settings.retries + 1
        delay = self.settings.backoff
        for attempt in range(attempts):
            self._wait_turn(url)
            try:
                return self._get_once(url, accept_status=accept_status, headers=headers)
            except _Retryable as exc:
                if attempt == attempts - 1:
                    tries = f" after {attempts} attempts" if attempts > 1 else ""
                    raise InputError(f"{exc}{tries}") from None
                wait = delay if exc.wait is None else max(delay, exc.wait)
                time.sleep(wait)
                delay *= 2
            finally:
                self._last[_origin(url)] = time.monotonic()
        raise AssertionError("unreachable")  # pragma: no cover

    def _get_once(self, url: str, *, accept_status: bool, headers: dict[str, str] | None = None) -> Response:
        s = self.settings
        deadline = time.monotonic() + s.timeout
        try:
            with self.session.get(url, stream=True, timeout=(s.timeout, s.timeout), allow_redirects=True,
                                  headers=headers) as r:
                if r.status_code >= 500:
                    raise _Retryable(f"server error HTTP {r.status_code}", _retry_after(r.headers))
                if r.status_code >= 400 and not accept_status:
                    raise InputError(f"HTTP {r.status_code} {r.reason or ''}".strip())
                declared = r.headers.get("Content-Length")
                if declared and declared.isdigit() and int(declared) > s.max_bytes:
                    raise InputError(f"response is {int(declared):,} bytes, over the {s.max_bytes:,}-byte limit")
                chunks: list[bytes] = []
                size = 0
                for chunk in r.iter_content(_CHUNK):
                    size += len(chunk)
                    if size > s.max_bytes:
                        raise InputError(f"response is over the {s.max_bytes:,}-byte limit")
                    if time.monotonic() > deadline:
                        raise _Retryable(f"timed out after {s.timeout:g} s")
                    chunks.append(chunk)
                media, charset = parse_content_type(r.headers.get("Content-Type"))
                return Response(url=r.url or url, data=b"".join(chunks), status=r.status_code,
                                content_type=media, charset=charset, headers=CaseInsensitiveDict(r.headers))
        except (requests.Timeout, TimeoutError):
            raise _Retryable(f"timed out after {s.timeout:g} s") from None
        except requests.ConnectionError as exc:
            if "timed out" in str(exc).lower():
                raise _Retryable(f"timed out after {s.timeout:g} s") from None
            raise _Retryable(f"connection failed: {_short(exc)}") from None
        except requests.TooManyRedirects:
            raise InputError("too many redirects") from None
        except requests.RequestException as exc:
            raise InputError(f"request failed: {_short(exc)}") from None


def _origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}".lower()


def _retry_after(headers) -> float | None:
    value = headers.get("Retry-After", "")
    if value.strip().isdigit():
        return min(float(value), _MAX_RETRY_AFTER)
    return None


def _short(exc: Exception) -> str:
    """The innermost reason of a requests error, without urllib3's object reprs."""
    text = str(exc)
    for marker in ("Failed to establish a new connection: ", "Caused by "):
        if marker in text:
            text = text.split(marker, 1)[1]
    return text.strip("()'\" ")[:200]


def resolve(link: str, base: str | None) -> str:
    """An item's link made absolute against the feed's own URL."""
    return urljoin(base, link) if base else link
