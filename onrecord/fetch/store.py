"""Fetched pages into the archive: raw HTML plus a ``.meta.json`` sidecar, under a stable name.

The archive stays the source of truth: a page is saved once, as ``web/HOST/DATE-SLUG.html``
(the date the page states, the slug from its URL or title), beside a sidecar recording what was
fetched (URL, fetch time, the metadata found). The sidecar comes first in onrecord's metadata
precedence, so a user can correct it. A page is held when any sidecar in the archive names its
URL, its address after redirects or its canonical URL.
"""

from __future__ import annotations

import json
import os
import re
import unicodedata
from pathlib import Path
from urllib.parse import unquote, urlsplit, urlunsplit

from courlan import normalize_url

from onrecord.readers.metadata import Meta

WEB_FOLDER = "web"
_URL_FIELDS = ("url", "fetched_url", "final_url")
_NOT_SLUG = re.compile(r"[^a-z0-9]+")
_NOT_HOST = re.compile(r"[^a-z0-9.-]+|\.{2,}")
_PAGE_SUFFIX = re.compile(r"\.(?:s?html?|php\d?|aspx?|jsp|cfm)$", re.IGNORECASE)
MAX_SLUG = 80


def url_key(url: str) -> str:
    """The same page's addresses compare equal: scheme, fragment, tracking parameters, a
    trailing slash and the host's case do not matter."""
    try:
        normal = normalize_url(url.strip(), strict=False, trailing_slash=False)
    except (ValueError, TypeError):
        normal = url.strip()
    parts = urlsplit(normal)
    return urlunsplit(
        ("", parts.netloc.lower().removeprefix("www."), parts.path.rstrip("/"), parts.query, "")
    )


def held_urls(archive: Path) -> dict[str, str]:
    """Every URL the archive's sidecars name, by :func:`url_key`, to the article's path."""
    held: dict[str, str] = {}
    if not archive.is_dir():
        return held
    for folder, dirs, files in os.walk(archive):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            if not name.endswith(".meta.json"):
                continue
            sidecar = Path(folder) / name
            try:
                data = json.loads(sidecar.read_text(encoding="utf-8"))
            except (OSError, UnicodeDecodeError, json.JSONDecodeError):
                continue  # ingest reports a bad sidecar; here it just holds no URL
            if not isinstance(data, dict):
                continue
            article = sidecar.relative_to(archive).as_posix().removesuffix(".meta.json")
            for field in _URL_FIELDS:
                if isinstance(data.get(field), str) and data[field].strip():
                    held.setdefault(url_key(data[field]), article)
    return held


def slugify(text: str) -> str:
    """``Teachers' strike: day 4`` -> ``teachers-strike-day-4`` (ASCII, at most MAX_SLUG)."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    slug = _NOT_SLUG.sub("-", ascii_text.lower()).strip("-")
    if len(slug) > MAX_SLUG:
        slug = slug[:MAX_SLUG].rsplit("-", 1)[0]
    return slug


def page_slug(url: str, title: str | None) -> str:
    """The URL's last path segment when it reads as words, else the title, else the host."""
    parts = urlsplit(url)
    segments = [s for s in unquote(parts.path).split("/") if s]
    if segments:
        slug = slugify(_PAGE_SUFFIX.sub("", segments[-1]))
        if len(slug) >= 8 and not slug.replace("-", "").isdigit() and slug != "index":
            return slug
    if title and slugify(title):
        return slugify(title)
    return slugify(parts.hostname or "") or "page"


def page_path(archive: Path, url: str, meta: Meta) -> Path:
    """A new file for this page: ``web/HOST/DATE-SLUG.html``, numbered if the name is taken."""
    hostname = (urlsplit(url).hostname or "").lower().removeprefix("www.")
    host = _NOT_HOST.sub("-", hostname).strip(".-") or "unknown"
    stem = page_slug(url, meta.get("title"))
    if meta.get("date"):
        stem = f"{meta['date']}-{stem}"
    folder = archive / WEB_FOLDER / host
    candidate = folder / f"{stem}.html"
    number = 2
    while candidate.exists() or candidate.with_name(f"{candidate.stem}.meta.json").exists():
        candidate = folder / f"{stem}-{number}.html"
        number += 1
    return candidate


def save_page(archive: Path, html: str, sidecar: dict[str, str]) -> Path:
    """Write the page and its sidecar (sidecar first, each through a temporary file)."""
    path = page_path(archive, sidecar["url"], sidecar)
    path.parent.mkdir(parents=True, exist_ok=True)
    _write(
        path.with_name(f"{path.stem}.meta.json"),
        json.dumps(sidecar, indent=2, ensure_ascii=False) + "\n",
    )
    _write(path, html)
    return path


def _write(path: Path, text: str) -> None:
    temporary = path.with_name(f".{path.name}.part")
    temporary.write_text(text, encoding="utf-8")
    temporary.replace(path)
