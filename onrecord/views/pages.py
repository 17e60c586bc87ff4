"""The HTML pages: search, speakers, one speaker, one quote, one article, export downloads.

Each view is a few lines: read the URL, call :mod:`onrecord.search` or :mod:`.queries`,
render one template. Bad queries re-render the page with the message and status 400.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import PurePosixPath
from typing import Any

from flask import Blueprint, abort, g, render_template, request, url_for

from onrecord.index import read_article_row, role_key
from onrecord.search import (
    QueryError,
    SearchResult,
    all_records,
    request_from_params,
    search,
)
from onrecord.views import queries
from onrecord.views.charts import timeline_svg
from onrecord.views.common import (
    checked_format,
    cite,
    export_download,
    export_formats,
    export_response,
    format_label,
    generation,
    int_arg,
    search_request,
    topic_label,
)
from onrecord.views.text import mark_spans, paragraph_bounds, quoted_html, spans_of
from onrecord.views.urls import url_params, url_remove

bp = Blueprint("pages", __name__)

SPEAKERS_PER_PAGE = 50
SPEAKER_STATEMENTS_PER_PAGE = 50
KIND_LABELS = {"direct": "Direct quote", "indirect": "Reported statement"}


@bp.app_template_global()
def kind_label(kind: str | None) -> str:
    return KIND_LABELS.get(kind or "", kind or "Statement")


@bp.app_template_filter()
def web_url(url: str | None) -> str | None:
    """An article's link only when it is http(s); never a ``javascript:`` or ``data:`` URL."""
    if url and url.strip().lower().startswith(("http://", "https://")):
        return url.strip()
    return None


@bp.app_template_filter()
def sentence(text: str) -> str:
    """A notice as a sentence: its first letter in capitals, the rest as written (names,
    quoted values), and a full stop unless it already ends in one, a "?" or a "!"."""
    text = text.strip()
    end = "" if text.endswith((".", "?", "!")) else "."
    return text[:1].upper() + text[1:] + end


@bp.app_template_global()
def role_of(record: dict[str, Any]) -> str:
    """The role a card shows: the speaker's normalised role ("Senator" for "Sen."; none for
    junk such as "PM" or "board saw"), as the role facet counts it (issue 14); a record the
    speaker registry never saw keeps the role written."""
    return role_key(record)


@bp.app_template_global()
def also_in(record: dict[str, Any]) -> int:
    return queries.also_in_count(record)


@dataclass
class Chip:
    name: str
    label: str
    remove: str
    param: str = ""  # the URL parameter and value the chip stands for
    value: str = ""


bp.add_app_template_global(format_label)
bp.add_app_template_global(quoted_html)
bp.add_app_template_global(topic_label)
bp.add_app_template_filter(topic_label)


@bp.app_template_global()
def range_label(result: SearchResult) -> str:
    """``21–40 of 90 statements`` on a later page, ``90 statements`` when all fit on one."""
    total, req = result.total, result.request
    noun = "statement" if total == 1 else "statements"
    first = (req.page - 1) * req.per_page + 1
    if total <= req.per_page or first > total:
        return f"{total:,} {noun}"
    last = min(total, first + req.per_page - 1)
    return f"{first:,}–{last:,} of {total:,} {noun}"


def exact_words(result: SearchResult | None) -> bool:
    """Whether the search was for the words alone (``exact=1``, ``true``, ``on``...), as the
    search read it, so the "Exact words only" box shows what the results are."""
    if result is not None:
        return result.request.exact
    try:
        return request_from_params(request.args.to_dict(flat=False)).exact
    except QueryError:
        return False


CHIP_NAMES = {
    "q": "Query", "speaker": "Speaker", "topic": "Topic", "source": "Outlet", "role": "Role",
    "kind": "Kind", "year": "Year", "month": "Month", "since": "Since", "until": "Until",
}


def chips(result: SearchResult | None, names: tuple[str, ...]) -> list[Chip]:
    """The active filters as removable chips; speakers show their names, not their ids."""
    labels = {}
    if result:
        labels = {v.value: v.label for v in result.facets.get("speaker", [])}
    out = []
    for name in names:
        for value in url_params().get(name, []):
            if not value.strip():
                continue
            label = labels.get(value, value) if name == "speaker" else value
            label = topic_label(value) if name == "topic" else label
            label = KIND_LABELS.get(value, value) if name == "kind" else label
            out.append(Chip(CHIP_NAMES[name], label, url_remove(name, value), name, value))
    return out


@bp.get("/")
def index() -> Any:
    gen = generation()
    error = result = None
    try:
        result = search(gen, search_request())
        # a speaker matched by alias, reference or a corrected typo is said with the rest
        result.notices[:0] = g.get("speaker_notices", [])
    except QueryError as exc:
        error = str(exc)
    active = chips(result, tuple(CHIP_NAMES))
    return (
        render_template(
            "search.html",
            result=result,
            error=error,
            empty_state=not active,
            chips=active,
            exact=exact_words(result),
            clear_url=url_for("pages.index"),
            manifest=gen.manifest(),
            export_formats=export_formats(),
        ),
        400 if error else 200,
    )


@bp.get("/help")
def help_page() -> Any:
    return render_template("help.html")


@bp.get("/speakers")
def speakers() -> Any:
    gen = generation()
    sort = request.args.get("sort", "count")
    if sort not in ("count", "name"):
        abort(400, description="sort must be count or name")
    try:
        page = int_arg("page", 1)
        kind = speaker_kind_arg()
    except QueryError as exc:
        abort(400, description=str(exc))
    rows = queries.list_speakers(gen, q=request.args.get("q", ""), sort=sort, kind=kind)
    pages = max(1, -(-len(rows) // SPEAKERS_PER_PAGE))
    start = (page - 1) * SPEAKERS_PER_PAGE
    return render_template(
        "speakers.html",
        rows=rows[start : start + SPEAKERS_PER_PAGE],
        total=len(rows),
        page=page,
        pages=pages,
        sort=sort,
        start=start,
        misspelt=bool(rows) and rows[0].matched == queries.CLOSE_SPELLING,
        kind=kind,
    )


def speaker_kind_arg() -> str:
    """``?kind=`` of the speakers list: person, organisation, group, or empty for all."""
    kind = request.args.get("kind", "")
    if kind and kind not in queries.SPEAKER_KINDS:
        raise QueryError(f"kind must be one of {', '.join(queries.SPEAKER_KINDS)}")
    return kind


@bp.get("/speakers/<speaker_id>")
def speaker(speaker_id: str) -> Any:
    gen = generation()
    profile = queries.speaker_profile(gen, speaker_id)
    if profile is None:
        return unknown_speaker(speaker_id)
    error = result = None
    try:
        req = search_request(  # topic counts come from the profile: no facets needed
            speakers=[speaker_id], sort="date", per_page=SPEAKER_STATEMENTS_PER_PAGE, facets=False
        )
        result = search(gen, req)
    except QueryError as exc:
        error = str(exc)
    chart = timeline_svg(profile.months, label=f"Statements by {profile.name} per month")
    return (
        render_template(
            "speaker.html",
            profile=profile,
            result=result,
            error=error,
            chart=chart,
            chips=chips(result, tuple(n for n in CHIP_NAMES if n != "speaker")),
            exact=exact_words(result),
            clear_url=url_for("pages.speaker", speaker_id=speaker_id),
            export_formats=export_formats(),
        ),
        400 if error else 200,
    )


def unknown_speaker(typed: str) -> tuple[str, int]:
    """A 404 for a speaker address typed or kept from an older archive (``/speakers/trump``,
    ``/speakers/Hilary Clinton``) that names the speakers it may mean, as the finder does."""
    words = " ".join(typed.replace("-", " ").split())
    rows = queries.list_speakers(generation(), q=words)[:5] if words else []
    return render_template(
        "error.html", code=404, title="Not Found",
        message=f"No speaker with id {typed!r} in this archive.",
        suggestions=[(url_for("pages.speaker", speaker_id=r.id), r.name) for r in rows],
        finder=url_for("pages.speakers", q=words) if words else None,
    ), 404


def _quote_or_404(quote_id: str) -> dict[str, Any]:
    record = queries.record_by_id(generation(), quote_id)
    if record is None:
        abort(404, description=f"No quote with id {quote_id!r} in this archive.")
    return record


def same_statement(record: dict[str, Any]) -> list[dict[str, Any]]:
    """Other articles carrying this statement: from the index when it has statement ids,
    else from the record's own ``also_in`` list."""
    others: list[dict[str, Any]] = []
    if record.get("statement_id"):
        others = [
            r
            for r in queries.records_by_statement(generation(), record["statement_id"])
            if r["id"] != record["id"] and r.get("article") != record.get("article")
        ]
    if not others:
        others = [
            {
                "id": o.get("quote"),
                "article": o.get("article"),
                "source": o.get("source"),
                "date": o.get("date"),
                "title": o.get("title"),
            }
            for o in record.get("also_in") or []
            if isinstance(o, dict) and o.get("article") != record.get("article")
        ]
    return others


def quote_context(record: dict[str, Any]) -> tuple[dict[str, Any] | None, Any]:
    """The article row and the paragraph around the quote, with the quote marked."""
    article = read_article_row(generation(), record["article"]) if record.get("article") else None
    if not article or not article.get("body"):
        return article, None
    body = article["body"]
    spans = spans_of(body, record)
    if not spans:
        return article, None
    left, right = paragraph_bounds(body, spans[0].start, spans[-1].end)
    return article, mark_spans(body[left:right], spans, offset=left, links=False)


@bp.get("/quotes/<quote_id>")
def quote(quote_id: str) -> Any:
    record = _quote_or_404(quote_id)
    article, paragraph = quote_context(record)
    formats = export_formats()
    chosen = request.args.get("cite") or (formats[0] if formats else "")
    if chosen not in formats:
        abort(400, description=f"unknown citation format {chosen!r}; use one of {formats}")
    return render_template(
        "quote.html",
        record=record,
        article=article,
        paragraph=paragraph,
        others=same_statement(record),
        formats=formats,
        citation=cite(record, chosen),
    )


@bp.get("/quotes/<quote_id>/cite.<fmt>")
def quote_download(quote_id: str, fmt: str) -> Any:
    record = _quote_or_404(quote_id)
    return export_response([record], fmt, f"quote-{quote_id}")


def article_markup(article: dict[str, Any], records: list[dict[str, Any]]) -> Any:
    body = article.get("body") or ""
    spans = []
    for record in records:
        href = url_for("pages.quote", quote_id=record["id"])
        spans += spans_of(body, record, href, record.get("speaker") or "unattributed")
    return mark_spans(body, spans)


# Article metadata every citation style needs, in the order the page lists what is missing
# (a byline and a link are often absent from news and the styles do without them).
CITED_FIELDS = {"title": "title", "source": "outlet", "date": "date"}


@dataclass
class MissingMeta:
    """What an article page says about metadata the archive lacks, and where to add it."""

    fields: list[str]  # readable names ("title", "outlet", ...)
    example: str  # a sidecar holding the missing fields, as JSON
    sidecar: str  # the sidecar's path in the archive
    path: str  # the article file's path in the archive

    @property
    def names(self) -> str:
        """``title``, ``title or date``, ``title, outlet or date``."""
        return " or ".join([", ".join(self.fields[:-1]), self.fields[-1]] if len(self.fields) > 1
                           else self.fields)


def missing_meta(article: dict[str, Any]) -> MissingMeta | None:
    missing = [name for name in CITED_FIELDS if not (article.get(name) or "").strip()]
    if not missing:
        return None
    path = PurePosixPath(article.get("path") or f"{article['id']}.txt")
    placeholders = {"title": "Headline as published", "source": "Outlet name",
                    "date": "YYYY-MM-DD"}
    example = json.dumps({name: placeholders[name] for name in missing}, ensure_ascii=False)
    return MissingMeta(
        [CITED_FIELDS[name] for name in missing],
        example,
        str(path.with_name(path.stem + ".meta.json")),
        str(path),
    )


@bp.get("/articles/<path:article_id>")
def article(article_id: str) -> Any:
    gen = generation()
    row = read_article_row(gen, article_id)
    if row is None:
        abort(404, description=f"No article with id {article_id!r} in this archive.")
    records = queries.records_of_article(gen, article_id)
    return render_template(
        "article.html",
        article=row,
        records=records,
        body=article_markup(row, records),
        missing=missing_meta(row),
    )


@bp.get("/export.<fmt>")
def export_results(fmt: str) -> Any:
    checked_format(fmt)
    try:
        req = search_request()
        records = all_records(generation(), req)
    except QueryError as exc:
        abort(400, description=str(exc))
    return export_download(records, fmt, req)
