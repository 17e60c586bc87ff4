"""Polite HTTP fetching: one page (or feed, sitemap) at a time, as a well-behaved crawler does.

Every request names onrecord in its User-Agent, asks the host's robots.txt first, waits between
requests to one host (robots.txt's Crawl-delay when longer), gives up after a timeout, retries
a failed connection or a 429/5xx answer a few times with a growing pause, follows at most a few
redirects (each checked against robots.txt), and stops reading past a size limit. A page that
cannot be had raises :class:`FetchError` with a reason a user can act on.
"""

from __future__ import annotations

import datetime as dt
import time
from dataclasses import dataclass, field
from urllib.parse import SplitResult, urljoin, urlsplit

import urllib3
from protego import Protego
from urllib3.exceptions import HTTPError, MaxRetryError, TimeoutError
from urllib3.util.retry import Retry

from onrecord import __version__

USER_AGENT = f"onrecord/{__version__} (quote archive; fetches only pages its user asked for)"
ROBOTS_AGENT = "onrecord"
HTML_TYPES = ("text/html", "application/xhtml+xml")
_REDIRECTS = frozenset({301, 302, 303, 307, 308})


class FetchError(Exception):
    """A URL that could not be fetched; ``reason`` is shown to the user beside the URL."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


@dataclass(frozen=True)
class Page:
    """What one fetch brought back."""

    url: str  # as asked for
    final_url: str  # after redirects
    body: bytes
    content_type: str  # media type only, lower case: "text/html"
    charset: str | None  # from the Content-Type header, if it named one
    fetched_at: str  # ISO 8601, UTC


@dataclass
class Settings:
    """How politely to fetch; the defaults suit fetching a user's list of news pages."""

    timeout: float = 20.0  # seconds to connect, and between bytes of the answer
    deadline: float = 60.0  # seconds for a whole answer, however slowly it trickles in
    retries: int = 2  # further tries after a failed connection or a 429/5xx answer
    backoff: float = 1.0  # seconds before the first retry; doubled for each further one
    max_bytes: int = 10 * 2**20  # a larger answer is refused
    delay: float = 1.0  # seconds between two requests to the same host
    max_redirects: int = 5
    user_agent: str = USER_AGENT


def now_iso() -> str:
    return dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z")


def media_type(header: str | None) -> tuple[str, str | None]:
    """``text/html; charset=ISO-8859-1`` -> (``text/html``, ``iso-8859-1``)."""
    if not header:
        return "", None
    kind, _, params = header.partition(";")
    charset = None
    for param in params.split(";"):
        name, _, value = param.partition("=")
        if name.strip().lower() == "charset" and value.strip():
            charset = value.strip().strip("\"'").lower()
    return kind.strip().lower(), charset


@dataclass
class Fetcher:
    """One session of polite fetching; robots.txt files and per-host timing are kept."""

    settings: Settings = field(default_factory=Settings)
    _robots: dict[str, Protego | str] = field(default_factory=dict)  # origin -> rules | refusal
    _last: dict[str, float] = field(default_factory=dict)  # origin -> time of last request

    def __post_init__(self) -> None:
        s = self.settings
        self._pool = urllib3.PoolManager(
            headers={"User-Agent": s.user_agent, "Accept-Encoding": "gzip, deflate"},
            timeout=urllib3.Timeout(connect=s.timeout, read=s.timeout),
            retries=Retry(
                total=s.retries,
                read=0,  # a page that stalls once will stall again: no second wait
                redirect=False,
                status_forcelist=(429, 500, 502, 503, 504),
                # urllib3 retries once at once, then after factor * 2 ** (n - 1) seconds:
                # backoff, 2 x backoff, ...
                backoff_factor=s.backoff / 2,
                backoff_max=30.0,
                respect_retry_after_header=False,  # a server's "come back in a day" is a no
                raise_on_status=False,
            ),
        )

    def page(self, url: str, accept: tuple[str, ...] = HTML_TYPES) -> Page:
        """Fetch ``url`` (following redirects) if robots.txt allows; only ``accept`` types."""
        current = url
        for _ in range(self.settings.max_redirects + 1):
            self._check_robots(current)
            response = self._get(current)
            location = _redirect(response)
            if location is None:
                return self._page(url, current, response, accept)
            current = urljoin(current, location)
        raise FetchError(f"more than {self.settings.max_redirects} redirects")

    def _page(
        self, url: str, final: str, response: urllib3.BaseHTTPResponse, accept: tuple[str, ...]
    ) -> Page:
        try:
            if response.status != 200:
                raise FetchError(f"HTTP {response.status} {response.reason or ''}".strip())
            kind, charset = media_type(response.headers.get("Content-Type"))
            if kind and kind not in accept:
                raise FetchError(f"not {_names(accept)} but {kind}")
            length = response.headers.get("Content-Length", "")
            if length.isdigit() and int(length) > self.settings.max_bytes:
                raise FetchError(f"too large ({_size(int(length))}; limit {self._limit()})")
            body = self._read(response)
        except FetchError:
            response.close()  # unread bytes must not reach the next request on this connection
            raise
        response.release_conn()
        if not kind and body.lstrip()[:1] != b"<":
            raise FetchError(f"no content type, and not {_names(accept)}")
        return Page(url, final, body, kind or accept[0], charset, now_iso())

    def _read(self, response: urllib3.BaseHTTPResponse) -> bytes:
        started = time.monotonic()
        chunks: list[bytes] = []
        size = 0
        try:
            # read1: whatever has arrived, so the deadline holds against a server that trickles
            while chunk := response.read1(64 * 1024):
                size += len(chunk)
                if size > self.settings.max_bytes:
                    raise FetchError(f"too large (over {self._limit()})")
                if time.monotonic() - started > self.settings.deadline:
                    raise FetchError(f"timed out (no full answer in {self.settings.deadline:g} s)")
                chunks.append(chunk)
        except TimeoutError:
            raise FetchError(f"timed out (no answer for {self.settings.timeout:g} s)") from None
        except HTTPError as exc:
            raise FetchError(f"connection broken while reading: {exc}") from None
        return b"".join(chunks)

    def _get(self, url: str) -> urllib3.BaseHTTPResponse:
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise FetchError("not an http(s) URL")
        self._wait(parts)
        try:
            return self._pool.request("GET", url, preload_content=False, redirect=False)
        except MaxRetryError as exc:
            raise FetchError(_network_reason(exc.reason, self.settings)) from None
        except TimeoutError as exc:
            raise FetchError(_network_reason(exc, self.settings)) from None
        except HTTPError as exc:
            raise FetchError(f"request failed: {exc}") from None
        except ValueError as exc:  # a URL urllib3 cannot parse
            raise FetchError(f"bad URL: {exc}") from None
        finally:
            self._last[_origin(parts)] = time.monotonic()

    def _wait(self, parts: SplitResult) -> None:
        origin = _origin(parts)
        delay = self.settings.delay
        rules = self._robots.get(origin)
        if isinstance(rules, Protego):
            delay = max(delay, float(rules.crawl_delay(ROBOTS_AGENT) or 0))
        last = self._last.get(origin)
        if last is not None:
            pause = last + delay - time.monotonic()
            if pause > 0:
                time.sleep(pause)

    def _check_robots(self, url: str) -> None:
        parts = urlsplit(url)
        origin = _origin(parts)
        if origin not in self._robots:
            self._robots[origin] = self._load_robots(origin)
        rules = self._robots[origin]
        if isinstance(rules, str):
            raise FetchError(rules)
        if not rules.can_fetch(url, ROBOTS_AGENT):
            raise FetchError("robots.txt disallows it")

    def _load_robots(self, origin: str) -> Protego | str:
        """The host's rules; no robots.txt allows all; an unreachable one (5xx) refuses all,
        as RFC 9309 asks."""
        url = f"{origin}/robots.txt"
        try:
            for _ in range(self.settings.max_redirects + 1):
                response = self._get(url)
                location = _redirect(response)
                if location is None:
                    break
                url = urljoin(url, location)
            else:
                return "robots.txt redirects too often; not fetched"
        except FetchError as exc:
            return f"robots.txt could not be fetched: {exc.reason}"
        if response.status >= 500:
            response.close()
            return f"robots.txt unavailable (HTTP {response.status}); not fetched"
        if response.status != 200:
            response.close()
            return Protego.parse("")
        try:
            text = self._read(response).decode("utf-8", errors="replace")
        except FetchError as exc:
            response.close()
            return f"robots.txt could not be read: {exc.reason}"
        response.release_conn()
        return Protego.parse(text)

    def _limit(self) -> str:
        return _size(self.settings.max_bytes)

    def close(self) -> None:
        self._pool.clear()


def _origin(parts: SplitResult) -> str:
    return f"{parts.scheme}://{parts.netloc}".lower()


def _redirect(response: urllib3.BaseHTTPResponse) -> str | None:
    """The Location of a redirect (the connection is closed), or None for any other answer."""
    if response.status not in _REDIRECTS:
        return None
    response.close()
    location = response.headers.get("Location")
    if not location:
        raise FetchError(f"HTTP {response.status} redirect without a Location")
    return location


def _names(accept: tuple[str, ...]) -> str:
    return "HTML" if accept == HTML_TYPES else " or ".join(accept)


def _size(count: int) -> str:
    return f"{count / 2**20:.1f} MB" if count >= 2**20 else f"{count / 1024:.0f} KB"


def _network_reason(error: BaseException | None, settings: Settings) -> str:
    if isinstance(error, TimeoutError):
        return f"timed out (no answer for {settings.timeout:g} s)"
    text = str(error) if error else "unknown error"
    if "Name or service not known" in text or "nodename nor servname" in text:
        return "host not found"
    if "Connection refused" in text:
        return "connection refused"
    if "too many 429" in text or "too many 5" in text or "ResponseError" in text:
        return f"server kept failing: {text}"
    return f"network error: {text}"
