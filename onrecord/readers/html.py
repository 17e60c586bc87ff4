"""HTML articles: the body text without page furniture, and the page's own metadata."""

from __future__ import annotations

import json
import re
from typing import Any

from bs4 import BeautifulSoup, Tag

from onrecord.readers.guard import close_unclosed_tags
from onrecord.readers.metadata import Meta, clean_meta

# Elements that never hold article text.
_FURNITURE = (
    "script",
    "style",
    "noscript",
    "template",
    "iframe",
    "svg",
    "nav",
    "footer",
    "header",
    "aside",
    "form",
    "button",
    "select",
    "figure",
)
# Elements whose text is one paragraph of the article.
_BLOCKS = ("p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "blockquote", "pre", "td", "dd", "dt")
_SPACES = re.compile(r"[ \t\u00a0]+")
MAX_DEPTH = 400  # deeper nesting than this is broken markup; its text is still read flat


def parse(markup: str) -> BeautifulSoup:
    return BeautifulSoup(markup, "html.parser")


def body_text(soup: BeautifulSoup) -> str:
    """Paragraphs of the article body, one per line pair, whitespace tidied.

    Prefers ``<article>``, then ``<main>``, then ``<body>``: the same order trafilatura and
    readability try first, without their scoring.
    """
    for name in _FURNITURE:
        for element in soup.find_all(name):
            element.decompose()
    for br in soup.find_all("br"):
        br.replace_with("\n")
    root = soup.find("article") or soup.find("main") or soup.body or soup
    paragraphs: list[str] = []
    blocks = [b for b in root.find_all(_BLOCKS) if not b.find_parent(_BLOCKS)]
    if not blocks:
        blocks = [root]
    for block in blocks:
        text = _tidy(block.get_text())
        if text:
            paragraphs.append(text)
    return "\n\n".join(paragraphs)


def _tidy(text: str) -> str:
    lines = (_SPACES.sub(" ", line).strip() for line in text.split("\n"))
    return " ".join(line for line in lines if line)


def page_meta(soup: BeautifulSoup) -> Meta:
    """Metadata the page declares: Open Graph and article meta tags, then JSON-LD."""
    raw: dict[str, Any] = {}

    def meta_content(*names: str) -> str | None:
        for name in names:
            tag = soup.find("meta", attrs={"property": name}) or soup.find(
                "meta", attrs={"name": name}
            )
            if isinstance(tag, Tag) and tag.get("content"):
                return str(tag["content"])
        return None

    raw["title"] = meta_content("og:title", "twitter:title")
    raw["date"] = meta_content("article:published_time", "date", "pubdate", "dc.date")
    raw["source"] = meta_content("og:site_name")
    raw["author"] = meta_content("author", "article:author")
    raw["url"] = meta_content("og:url")
    canonical = soup.find("link", rel="canonical")
    if not raw["url"] and isinstance(canonical, Tag) and canonical.get("href"):
        raw["url"] = str(canonical["href"])
    for key, value in _json_ld_article(soup).items():
        if not raw.get(key):
            raw[key] = value
    if not raw.get("title") and soup.title and soup.title.string:
        raw["title"] = soup.title.string.strip()
    try:
        return clean_meta(raw, "HTML metadata")
    except Exception:  # a page's bad metadata must not cost us its text
        return {k: v for k, v in raw.items() if isinstance(v, str) and k != "date"}


def _json_ld_article(soup: BeautifulSoup) -> dict[str, str]:
    for script in soup.find_all("script", type="application/ld+json"):
        try:
            data = json.loads(script.string or "")
        except (json.JSONDecodeError, TypeError):
            continue
        for item in data if isinstance(data, list) else [data]:
            if not isinstance(item, dict):
                continue
            kind = item.get("@type")
            kinds = kind if isinstance(kind, list) else [kind]
            if not any(k in ("NewsArticle", "Article", "ReportageNewsArticle") for k in kinds):
                continue
            found: dict[str, str] = {}
            if isinstance(item.get("headline"), str):
                found["title"] = item["headline"]
            if isinstance(item.get("datePublished"), str):
                found["date"] = item["datePublished"]
            if isinstance(item.get("url"), str):
                found["url"] = item["url"]
            found.update(_names(item, "publisher", "source"))
            found.update(_names(item, "author", "author"))
            return found
    return {}


def _names(item: dict[str, Any], key: str, field: str) -> dict[str, str]:
    value = item.get(key)
    values = value if isinstance(value, list) else [value]
    names = [v.get("name") if isinstance(v, dict) else v for v in values]
    names = [n for n in names if isinstance(n, str) and n.strip()]
    return {field: ", ".join(names)} if names else {}


def read_html(text: str) -> tuple[Meta, str, tuple[str, ...]]:
    """The page's metadata and body text; tags that never close are read as text, with a
    warning, since the parser would rescan the rest of the page for each of them."""
    text, warning = close_unclosed_tags(text)
    soup = parse(text)
    meta = page_meta(soup)
    return meta, body_text(soup), (warning,) if warning else ()
