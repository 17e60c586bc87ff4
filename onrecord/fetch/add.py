"""``onrecord add``: web pages, feeds, sitemaps and WARC files into the archive.

Each page is fetched politely (:mod:`onrecord.fetch.client`), decoded, read with the same HTML
reader ingest uses (so a page with no article text is refused now, not at ingest), and saved
with its sidecar (:mod:`onrecord.fetch.store`). A page the archive already holds, by its URL,
its address after redirects or its canonical URL, is skipped. Every page ends as one
:class:`Outcome`, reported as it happens; nothing stops the others.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal
from urllib.parse import urljoin, urlsplit

from bs4 import UnicodeDammit
from tqdm import tqdm

from onrecord.fetch.client import Fetcher, FetchError, Page, Settings
from onrecord.fetch.lists import FEED_TYPES, SITEMAP_TYPES, ListError, feed_links, sitemap_links
from onrecord.fetch.store import held_urls, save_page, url_key
from onrecord.fetch.warc import WarcTally, is_warc, warc_pages
from onrecord.readers.decode import ReadError
from onrecord.readers.html import read_html

MAX_SITEMAP_DEPTH = 3  # a sitemap index of sitemap indexes of sitemaps


@dataclass(frozen=True)
class Outcome:
    url: str
    status: Literal["added", "skipped", "failed"]
    detail: str  # the saved path, or why it was skipped or failed


@dataclass
class AddReport:
    outcomes: list[Outcome] = field(default_factory=list)
    warc_other: WarcTally = field(default_factory=WarcTally)

    def of(self, status: str) -> list[Outcome]:
        return [o for o in self.outcomes if o.status == status]


@dataclass
class Adder:
    """One ``add`` run into ``archive``; ``report`` is called with each outcome."""

    archive: Path
    settings: Settings = field(default_factory=Settings)
    report: Callable[[Outcome], None] = lambda outcome: None
    limit: int | None = None  # at most this many pages from each feed or sitemap
    progress: bool | None = None  # a progress bar: None = when stderr is a terminal
    result: AddReport = field(default_factory=AddReport)

    def __post_init__(self) -> None:
        self.fetcher = Fetcher(self.settings)
        self.held = held_urls(self.archive)

    def run(
        self, sources: Sequence[str], feeds: Sequence[str] = (), sitemaps: Sequence[str] = ()
    ) -> AddReport:
        """Add the pages of ``sources`` (URLs or WARC files), ``feeds`` and ``sitemaps``."""
        urls: list[str] = []
        warcs: list[Path] = []
        for source in sources:
            if is_warc(source):
                warcs.append(Path(source))
            else:
                urls.append(source)
        for feed in feeds:
            urls += self._listed(feed, FEED_TYPES, feed_links)
        for sitemap in sitemaps:
            urls += self._sitemap(sitemap)
        urls = _unique(urls)
        try:
            for url in self._bar(urls, len(urls), "Fetching pages", "page"):
                self._add_url(url)
            for path in warcs:
                self._add_warc(path)
        finally:
            self.fetcher.close()
        return self.result

    def _add_url(self, url: str) -> None:
        if self._skip_if_held(url, [url]):
            return
        try:
            page = self.fetcher.page(url)
        except FetchError as exc:
            self._record(Outcome(url, "failed", exc.reason))
            return
        self._save(page, {})

    def _add_warc(self, path: Path) -> None:
        if not path.is_file():
            self._record(Outcome(str(path), "failed", "no such WARC file"))
            return
        tally = self.result.warc_other
        pages = warc_pages(path, self.settings.max_bytes, tally)
        try:
            for url, page in self._bar(pages, None, f"Reading {path.name}", "page"):
                if isinstance(page, FetchError):
                    self._record(Outcome(url, "failed", page.reason))
                elif not self._skip_if_held(url, [url]):
                    self._save(page, {"warc": path.name})
        except FetchError as exc:
            self._record(Outcome(str(path), "failed", exc.reason))

    def _save(self, page: Page, extra: dict[str, str]) -> None:
        try:
            html, charset = decode_page(page)
            meta, body, _ = read_html(html)
        except (ReadError, RecursionError, ValueError) as exc:
            reason = exc.reason if isinstance(exc, ReadError) else f"cannot read the page: {exc}"
            self._record(Outcome(page.url, "failed", reason))
            return
        if not body.strip():
            self._record(Outcome(page.url, "failed", "no article text found on the page"))
            return
        canonical = _canonical(page.final_url, meta.get("url"))
        if self._skip_if_held(page.url, [page.final_url, canonical]):
            return
        sidecar = {"url": canonical or page.final_url}
        sidecar |= {k: meta[k] for k in ("title", "source", "author", "date") if meta.get(k)}
        sidecar |= {"fetched_url": page.url, "fetched_at": page.fetched_at}
        if page.final_url != page.url:
            sidecar["final_url"] = page.final_url
        sidecar |= {"content_type": page.content_type, "charset": charset} | extra
        try:
            path = save_page(self.archive, html, sidecar)
        except OSError as exc:
            reason = f"cannot write to the archive: {exc.strerror or exc}"
            self._record(Outcome(page.url, "failed", reason))
            return
        relative = path.relative_to(self.archive).as_posix()
        for address in (page.url, page.final_url, canonical):
            if address:
                self.held.setdefault(url_key(address), relative.removesuffix(".html"))
        self._record(Outcome(page.url, "added", relative))

    def _skip_if_held(self, url: str, addresses: Iterable[str | None]) -> bool:
        for address in addresses:
            held = self.held.get(url_key(address)) if address else None
            if held:
                self._record(Outcome(url, "skipped", f"already in the archive as {held}"))
                return True
        return False

    def _listed(
        self, url: str, accept: tuple[str, ...], links: Callable[[bytes, str], list[str]]
    ) -> list[str]:
        try:
            page = self.fetcher.page(url, accept)
            found = links(page.body, page.final_url)
        except (FetchError, ListError) as exc:
            reason = exc.reason if isinstance(exc, FetchError) else str(exc)
            self._record(Outcome(url, "failed", reason))
            return []
        if not found:
            self._record(Outcome(url, "failed", "lists no pages"))
        return found[: self.limit] if self.limit else found

    def _sitemap(self, url: str) -> list[str]:
        pages: list[str] = []
        pending = [(url, 0)]
        seen = {url_key(url)}
        while pending and not (self.limit and len(pages) >= self.limit):
            current, depth = pending.pop(0)
            try:
                found, nested = sitemap_links(self.fetcher.page(current, SITEMAP_TYPES).body)
            except (FetchError, ListError) as exc:
                reason = exc.reason if isinstance(exc, FetchError) else str(exc)
                self._record(Outcome(current, "failed", reason))
                continue
            pages += found
            for child in nested:
                if depth + 1 > MAX_SITEMAP_DEPTH:
                    self._record(Outcome(child, "failed", "sitemap nested too deeply"))
                elif url_key(child) not in seen:
                    seen.add(url_key(child))
                    pending.append((child, depth + 1))
        if not pages:
            self._record(Outcome(url, "failed", "lists no pages"))
        return pages[: self.limit] if self.limit else pages

    def _record(self, outcome: Outcome) -> None:
        self.result.outcomes.append(outcome)
        self.report(outcome)

    def _bar(self, items: Iterable, total: int | None, label: str, unit: str) -> Iterator:
        disable = not sys.stderr.isatty() if self.progress is None else not self.progress
        if total is not None and total < 2 and self.progress is None:
            disable = True
        yield from tqdm(items, total=total, desc=label, unit=unit, disable=disable, leave=False)


def decode_page(page: Page) -> tuple[str, str]:
    """The page as text, and the encoding it was in: the HTTP charset when it decodes the
    bytes, else what the page declares or its bytes suggest (BeautifulSoup's UnicodeDammit)."""
    known = [page.charset] if page.charset else []
    dammit = UnicodeDammit(page.body, known_definite_encodings=known, is_html=True)
    if dammit.unicode_markup is None:
        raise ReadError("unknown text encoding")
    return dammit.unicode_markup, dammit.original_encoding or "utf-8"


def _canonical(final_url: str, declared: str | None) -> str | None:
    """The page's canonical URL, made absolute; ignored when it names the site's home page
    for an article (a common misconfiguration that would make every page look held)."""
    if not declared:
        return None
    canonical = urljoin(final_url, declared.strip())
    if urlsplit(canonical).path.strip("/") == "" and urlsplit(final_url).path.strip("/"):
        return None
    return canonical


def _unique(urls: list[str]) -> list[str]:
    seen: set[str] = set()
    unique = []
    for url in urls:
        key = url_key(url)
        if key not in seen:
            seen.add(key)
            unique.append(url.strip())
    return unique
