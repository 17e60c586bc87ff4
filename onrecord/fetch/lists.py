"""Lists of pages: the article links of an RSS/Atom feed, the page URLs of a sitemap.

Feeds are parsed by feedparser (every RSS and Atom dialect, relative links resolved); sitemaps
by lxml, with entities and network access off: a ``urlset`` lists pages, a ``sitemapindex``
lists further sitemaps, and a plain-text sitemap lists one URL a line. Gzipped sitemaps are
unpacked up to a size limit.
"""

from __future__ import annotations

import gzip
import zlib
from urllib.parse import urljoin

import feedparser
from lxml import etree

FEED_TYPES = (
    "application/rss+xml",
    "application/atom+xml",
    "application/rdf+xml",
    "application/xml",
    "text/xml",
    "text/html",  # some servers label every answer so; the parser decides
)
SITEMAP_TYPES = (
    "application/xml",
    "text/xml",
    "text/plain",
    "application/gzip",
    "application/x-gzip",
    "application/octet-stream",
)
MAX_UNPACKED = 50 * 2**20  # the sitemap protocol's own limit per file


class ListError(ValueError):
    """A feed or sitemap that lists nothing readable; the message says why."""


def feed_links(data: bytes, base_url: str) -> list[str]:
    """The entries' links, in feed order, made absolute against the feed's URL."""
    parsed = feedparser.parse(data, response_headers={"content-location": base_url})
    if not parsed.get("version") and not parsed.entries:
        problem = parsed.get("bozo_exception")
        raise ListError(f"not an RSS or Atom feed{f' ({problem})' if problem else ''}")
    links: list[str] = []
    for entry in parsed.entries:
        link = entry.get("link")
        if not link:
            alternates = [x.get("href") for x in entry.get("links", []) if x.get("href")]
            link = alternates[0] if alternates else None
        if link:
            links.append(urljoin(base_url, link.strip()))
    return links


def sitemap_links(data: bytes) -> tuple[list[str], list[str]]:
    """(page URLs, further sitemap URLs) of a sitemap or sitemap index."""
    data = _unpack(data)
    if data.lstrip()[:1] != b"<":
        text = data.decode("utf-8", errors="replace")
        urls = [line.strip() for line in text.splitlines() if line.strip().startswith("http")]
        if not urls:
            raise ListError("not a sitemap (neither XML nor a list of URLs)")
        return urls, []
    parser = etree.XMLParser(resolve_entities=False, no_network=True, recover=True)
    try:
        root = etree.fromstring(data, parser=parser)
    except etree.XMLSyntaxError as exc:
        raise ListError(f"not a sitemap: {exc}") from None
    if root is None:
        raise ListError("not a sitemap: empty XML")
    kind = etree.QName(root).localname
    if kind not in ("urlset", "sitemapindex"):
        raise ListError(f"not a sitemap (root element <{kind}>)")
    locs = [
        el.text.strip()
        for el in root.iter("{*}loc")
        if isinstance(el.tag, str) and el.text and el.text.strip()
    ]
    return (locs, []) if kind == "urlset" else ([], locs)


def _unpack(data: bytes) -> bytes:
    if not data.startswith(b"\x1f\x8b"):
        return data
    try:
        unpacker = zlib.decompressobj(16 + zlib.MAX_WBITS)
        unpacked = unpacker.decompress(data, MAX_UNPACKED)
    except (zlib.error, gzip.BadGzipFile) as exc:
        raise ListError(f"broken gzip file: {exc}") from None
    if unpacker.unconsumed_tail:
        raise ListError(f"sitemap unpacks to more than {MAX_UNPACKED // 2**20} MB")
    return unpacked
