"""HTML articles: the main text without page furniture, and the page's own metadata.

Real pages carry related-story teasers, captions, comment threads and newsletter boxes, all
with quotation marks and names that would become false statements. trafilatura (lxml, with
htmldate for dates) finds the main text and the metadata; its XML tree keeps the paragraphs,
which the attribution engine needs. A small page (a fragment, a hand-made file), or one it
finds too little text in, is read with BeautifulSoup: ``<article>``/``<main>``/``<body>``
minus furniture tags.
``docs/webpages.md`` has the measurements behind the options.
"""

from __future__ import annotations

import logging
import re
import warnings
from typing import TYPE_CHECKING, Any

from bs4 import BeautifulSoup, Tag

from onrecord.readers.decode import ReadError
from onrecord.readers.guard import close_unclosed_tags
from onrecord.readers.metadata import Meta, clean_meta

if TYPE_CHECKING:
    from lxml.etree import _Element

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
_HOST = re.compile(r"https?://(?:www\.|w[0-9]+\.)?([^/:]+)", re.IGNORECASE)
_SITE_SUFFIX = re.compile(r"^(.+\S)\s+[|\-\u2013\u2014\u00b7:»]\s+([^|\u2013\u2014\u00b7»]+)$")
MAX_DEPTH = 400  # deeper nesting than this is broken markup; its text is still read flat


def parse(markup: str) -> BeautifulSoup:
    return BeautifulSoup(markup, "html.parser")


def body_text(soup: BeautifulSoup) -> str:
    """Paragraphs of the article body, one per line pair, whitespace tidied.

    Prefers ``<article>``, then ``<main>``, then ``<body>``: the same order trafilatura and
    readability try first, without their scoring.
    """
    # One walk of the tree each, by tag name, where BeautifulSoup's find_all and find_parent
    # built a matcher per call and ran it on every element and every ancestor: three
    # quarters of reading a rendered Markdown file. The same elements (a property test
    # compares with those calls).
    for element in _named(soup, _FURNITURE_NAMES):
        if not element.decomposed:  # not inside furniture already taken out
            element.decompose()
    for br in _named(soup, _BR):
        br.replace_with("\n")
    root = soup.find("article") or soup.find("main") or soup.body or soup
    paragraphs: list[str] = []
    blocks = [] if _in_block(root) else _outer_blocks(root)
    if not blocks:
        blocks = [root]
    for block in blocks:
        text = _tidy(block.get_text())
        if text:
            paragraphs.append(text)
    return "\n\n".join(paragraphs)


_FURNITURE_NAMES = frozenset(_FURNITURE)
_BLOCK_NAMES = frozenset(_BLOCKS)
_BR = frozenset({"br"})


def _named(root: Tag, names: frozenset[str]) -> list[Tag]:
    """The descendants of ``root`` with one of ``names``, in document order (``find_all``)."""
    return [e for e in root.descendants if e.name in names]  # a string's name is None


def _in_block(tag: Tag) -> bool:
    """Some ancestor of ``tag`` is a block (``find_parent(_BLOCKS)``)."""
    parent = tag.parent
    while parent is not None:
        if parent.name in _BLOCK_NAMES:
            return True
        parent = parent.parent
    return False


def _outer_blocks(root: Tag) -> list[Tag]:
    """The blocks inside ``root`` that no other block holds, in document order."""
    found: list[Tag] = []
    stack = [child for child in reversed(root.contents) if isinstance(child, Tag)]
    while stack:
        tag = stack.pop()
        if tag.name in _BLOCK_NAMES:
            found.append(tag)
        else:
            stack.extend(child for child in reversed(tag.contents) if isinstance(child, Tag))
    return found


def _tidy(text: str) -> str:
    lines = (_SPACES.sub(" ", line).strip() for line in text.split("\n"))
    return " ".join(line for line in lines if line)


# trafilatura logs every page it finds too little text in; the fallback below handles those.
logging.getLogger("trafilatura").setLevel(logging.CRITICAL)

# Markup-only dates: htmldate's extensive search guesses from the running text (and loads
# dateparser's every locale, ~10 s); onrecord takes a date from the text only by its own rule.
DATE_PARAMS: dict[str, Any] = {"extensive_search": False, "original_date": True}
# Measured on the webpages dev set (docs/webpages.md): tables hold text on some pages;
# comments are never the article.
EXTRACT_OPTIONS: dict[str, Any] = {
    "include_comments": False,
    "include_tables": True,
    "include_images": False,
    "include_links": False,
    "with_metadata": True,
    "date_extraction_params": DATE_PARAMS,
}
# Under this many characters of HTML a page is a fragment or a hand-made file (real pages on
# the webpages dev set are 15 KB and up, bar one of 2 KB, read the same either way).
SMALL_PAGE = 4096
# trafilatura's MIN_EXTRACTED_SIZE: below it, its main extractor has not found an article.
MIN_MAIN_TEXT = 250
# Site notices (see without_notices): at the start of a paragraph, a call to subscribe, sign
# up or follow the site; anywhere, a copyright line.
_NOTICE = re.compile(
    r"^(?:subscribe\b|sign up\b|follow (?:us\b|(?:\S+ ){1,4}on (?:twitter|facebook|instagram)\b))"
    r"|^(?:©|copyright\b)|\ball rights reserved\b",
    re.IGNORECASE,
)
_QUOTE_MARKS = re.compile("[\"\u201c\u201d\u00ab\u00bb]")
MAX_NOTICE = 300  # characters; a notice is a line or two
# trafilatura's output elements that make one paragraph each (``lb`` is a line break inside).
_TREE_BLOCKS = frozenset(
    {"p", "head", "item", "quote", "cell", "code", "list", "table", "row", "div", "body"}
)


def extract(text: str) -> tuple[str, Meta]:
    """The main text, paragraphs separated by a blank line, and the page's metadata.

    A page under ``SMALL_PAGE`` characters is a fragment or a hand-made file with no furniture
    to find: its body is read with BeautifulSoup, which keeps every paragraph, at a sixth of
    trafilatura's cost on it.
    """
    # Imported here: 0.4 s that an archive of text and Markdown files need not pay. Its
    # downloader (unused: onrecord.fetch fetches) warns that urllib3 lacks SOCKS support.
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message="SOCKS support in urllib3")
        import trafilatura
        from trafilatura.metadata import extract_metadata

    if len(text) < SMALL_PAGE:
        return "", document_meta(extract_metadata(text, date_config=dict(DATE_PARAMS)))
    document = trafilatura.bare_extraction(text, **EXTRACT_OPTIONS)
    body = without_notices(tree_paragraphs(document.body)) if document is not None else ""
    if document is None:
        document = extract_metadata(text, date_config=dict(DATE_PARAMS))
    return body, document_meta(document)


def tree_paragraphs(root: _Element | None) -> str:
    """The text of trafilatura's XML body, one paragraph per block element."""
    paragraphs: list[str] = []
    pieces: list[str] = []

    def flush() -> None:
        text = _tidy("".join(pieces))
        if text:
            paragraphs.append(text)
        pieces.clear()

    def walk(element: _Element) -> None:
        block = element.tag in _TREE_BLOCKS
        if block:
            flush()
        if element.tag == "lb":
            pieces.append("\n")
        if element.text:
            pieces.append(element.text)
        for child in element:
            walk(child)
        if block:
            flush()
        if element.tail:
            pieces.append(element.tail)

    if root is not None:
        walk(root)
        flush()
    return "\n\n".join(paragraphs)


def without_notices(body: str) -> str:
    """The body without the site's own notices that trafilatura leaves inside the article's
    container: copyright lines and calls to subscribe, sign up or follow. Only a short
    paragraph with no quotation mark goes, so no statement can be lost."""
    paragraphs = body.split("\n\n")
    kept = [
        p
        for p in paragraphs
        if len(p) > MAX_NOTICE or _QUOTE_MARKS.search(p) or not _NOTICE.search(p)
    ]
    return "\n\n".join(kept) if len(kept) < len(paragraphs) else body


def document_meta(document: Any) -> Meta:
    """onrecord's fields from trafilatura's metadata: the outlet is the site name, unless
    that is only the host name taken from the URL (a dateline then names the outlet better)."""
    source = document.sitename
    title = _without_site_name(document.title, source)
    host = _HOST.match(document.url or "")
    if source and host and source.casefold() == host.group(1).casefold():
        source = None  # trafilatura's stand-in when the page names no site: the URL's host
    raw = {
        "title": title,
        "source": source,
        "author": document.author,
        "url": document.url,
        "date": document.date,
    }
    try:
        return clean_meta(raw, "HTML metadata")
    except ReadError:  # a page's bad metadata must not cost us its text
        return {k: v for k, v in raw.items() if isinstance(v, str) and v and k != "date"}


def _without_site_name(title: str | None, site: str | None) -> str | None:
    """``Clinic to close | Lakeview Ledger`` -> ``Clinic to close`` when the site is the
    Lakeview Ledger: pages put their name after the headline in ``<title>`` and often in
    ``og:title`` too."""
    if not title or not site:
        return title
    match = _SITE_SUFFIX.match(title)
    if match and match.group(2).strip().casefold() == site.strip().casefold():
        return match.group(1).strip()
    return title


def read_html(text: str) -> tuple[Meta, str, tuple[str, ...]]:
    """The page's metadata and main text; tags that never close are read as text, with a
    warning, since a parser would rescan the rest of the page for each of them.

    Where trafilatura finds under ``MIN_MAIN_TEXT`` characters, its own rescue has dumped the
    whole page as one paragraph; such a page is read with BeautifulSoup, which keeps its
    paragraphs.
    """
    text, warning = close_unclosed_tags(text)
    body, meta = extract(text)
    if len(body) < MIN_MAIN_TEXT:
        body = body_text(parse(text)) or body
    return meta, body, (warning,) if warning else ()
