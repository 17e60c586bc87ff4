"""Pages out of a WARC (or ARC) file, as a crawler such as wget or Heritrix saved them.

warcio reads the records, gzipped or not, and undoes the HTTP transfer and content encodings.
Only ``response`` records of HTML pages answered 200 are pages; everything else a crawl holds
(images, scripts, redirects, robots.txt) is counted, not reported one by one.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed
from warcio.recordloader import ArcWarcRecord

from onrecord.fetch.client import HTML_TYPES, FetchError, Page, media_type

WARC_SUFFIXES = (".warc", ".warc.gz", ".arc", ".arc.gz")


def is_warc(name: str) -> bool:
    return name.lower().endswith(WARC_SUFFIXES)


@dataclass
class WarcTally:
    """What a WARC held besides pages: reason -> count."""

    other: Counter[str] = field(default_factory=Counter)


def warc_pages(
    path: Path, max_bytes: int, tally: WarcTally
) -> Iterator[tuple[str, Page | FetchError]]:
    """Each HTML page in the file by its URL, or a FetchError for a page that is too large.

    A file that is not a WARC, or breaks off, raises FetchError after the pages before it.
    """
    try:
        with path.open("rb") as stream:
            for record in ArchiveIterator(stream, arc2warc=True):
                page = _page(record, max_bytes, tally)
                if page is not None:
                    yield page
    except ArchiveLoadFailed as exc:
        raise FetchError(f"not a readable WARC file: {exc.msg}") from None
    except (OSError, EOFError, ValueError) as exc:
        raise FetchError(f"WARC file broken: {exc}") from None


def _page(
    record: ArcWarcRecord, max_bytes: int, tally: WarcTally
) -> tuple[str, Page | FetchError] | None:
    if record.rec_type != "response":
        tally.other[f"{record.rec_type} records"] += 1
        return None
    headers = record.rec_headers
    url = headers.get_header("WARC-Target-URI") or ""
    http = record.http_headers
    if http is None:
        tally.other["responses without HTTP headers"] += 1
        return None
    status = http.get_statuscode()
    if status != "200":
        tally.other[f"HTTP {status} responses"] += 1
        return None
    kind, charset = media_type(http.get_header("Content-Type"))
    if kind not in HTML_TYPES:
        tally.other[f"{kind or 'untyped'} responses"] += 1
        return None
    body = record.content_stream().read(max_bytes + 1)
    if len(body) > max_bytes:
        return url, FetchError(f"too large (over {max_bytes / 2**20:.1f} MB)")
    fetched_at = headers.get_header("WARC-Date") or ""
    return url, Page(url, url, body, kind, charset, fetched_at)
