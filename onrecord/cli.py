"""The ``onrecord`` command line. Each command parses options and calls a library function."""

from __future__ import annotations

import dataclasses
import functools
import json
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import click

from onrecord import export as exporting
from onrecord import speakers as speaker_registry
from onrecord.citations.engine import CitationEngineError
from onrecord.index import IndexError_, current_generation
from onrecord.records import Quote
from onrecord.search import (
    QueryError,
    SearchRequest,
    all_records,
    record_by_id,
    request_from_params,
    search,
    speaker_statements,
    statements_per_speaker,
)
from onrecord.speakers import CurationError, SpeakerNotFound
from onrecord.topics import TaxonomyError, topic_labels

DEFAULT_ARCHIVE = Path("archive")


def default_index() -> Path:
    return Path(os.environ.get("ONRECORD_INDEX", "index"))


def user_errors(func: Callable[..., Any]) -> Callable[..., Any]:
    """Turn the errors a user can fix into one line on stderr and exit status 1."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except (
            IndexError_,
            QueryError,
            exporting.UnknownFormat,
            CurationError,
            TaxonomyError,
            SpeakerNotFound,
            CitationEngineError,
            ValueError,  # bad option values from library functions (UnknownStyle, ...)
        ) as exc:
            raise click.ClickException(str(exc)) from None

    return wrapper


index_option = click.option(
    "--index",
    "index_dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=default_index,
    show_default="index/ or $ONRECORD_INDEX",
    help="Index directory.",
)


def filter_options(func: Callable[..., Any]) -> Callable[..., Any]:
    """The search filters, shared by ``search`` and ``export``."""
    options = [
        click.option(
            "--speaker", "speakers", multiple=True, help="Speaker id or name (repeatable)."
        ),
        click.option("--topic", "topics", multiple=True, help="Topic key (repeatable)."),
        click.option("--source", "sources", multiple=True, help="Outlet (repeatable)."),
        click.option("--kind", "kinds", multiple=True, type=click.Choice(["direct", "indirect"])),
        click.option("--role", "roles", multiple=True, help="Role as facets show it (repeatable)."),
        click.option("--year", "years", multiple=True, help="Year, YYYY (repeatable)."),
        click.option("--month", "months", multiple=True, help="Month, YYYY-MM (repeatable)."),
        click.option("--since", help="Earliest statement date, YYYY[-MM[-DD]]."),
        click.option("--until", help="Latest statement date, YYYY[-MM[-DD]]."),
        click.option(
            "--exact", is_flag=True, help="Words find only themselves, not the topic they name."
        ),
        click.option(
            "--all-occurrences",
            is_flag=True,
            help="List a statement once per article carrying it, not once in all.",
        ),
    ]
    for option in reversed(options):
        func = option(func)
    return func


def make_request(query: str, index_dir: Path, **filters: Any) -> SearchRequest:
    """The CLI's options read exactly as the web's URL parameters (``request_from_params``);
    speaker names are resolved through the registry, strictly: a typo is an error with a
    "did you mean"."""
    params = {
        "q": query,
        "topic": filters.get("topics", ()),
        "source": filters.get("sources", ()),
        "kind": filters.get("kinds", ()),
        "role": filters.get("roles", ()),
        "year": filters.get("years", ()),
        "month": filters.get("months", ()),
        "since": filters.get("since"),
        "until": filters.get("until"),
        "sort": filters.get("sort"),
    }
    request = request_from_params({k: v for k, v in params.items() if v})
    names = filters.get("speakers", ())
    registry = speaker_registry.registry_in(str(current_generation(index_dir).path))
    notices: list[str] = []
    request.speakers = speaker_registry.speaker_ids(registry, names, strict=True, notices=notices)
    for notice in notices:  # an alias, a reference or a corrected typo is never silent
        click.echo(f"note: {notice}", err=True)
    request.page = filters.get("page", 1)
    request.per_page = filters.get("limit", 20)
    request.collapse = not filters.get("all_occurrences", False)
    request.exact = filters.get("exact", False)
    request.facets = False
    return request


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="onrecord")
def cli() -> None:
    """onrecord: an archive of who said what, when, where, and in what role."""


@cli.command()
@click.argument(
    "archive",
    required=False,
    default=DEFAULT_ARCHIVE,
    type=click.Path(file_okay=False, path_type=Path),
)
@index_option
@click.option("--full", is_flag=True, help="Re-read every file and rebuild from nothing.")
@click.option(
    "--workers",
    type=click.IntRange(1),
    default=1,
    show_default=True,
    help="Read and extract articles in this many local processes.",
)
@click.option(
    "--scheduler",
    metavar="tcp://HOST:PORT",
    help="Run the extraction on an existing Dask cluster (pip install 'onrecord[scale]').",
)
@user_errors
def ingest(archive: Path, index_dir: Path, full: bool, workers: int, scheduler: str | None) -> None:
    """Bring the index up to date with ARCHIVE (default archive/).

    New and changed files are read, deleted ones removed; the new index replaces the old in
    one atomic step, so a crash or a bad file never leaves it half-written.
    """
    from onrecord.ingest import ingest as run_ingest
    from onrecord.progress import bars

    with bars(reading="article", indexing="record") as progress:
        report = run_ingest(
            archive,
            index_dir,
            progress=progress["reading"],
            index_progress=progress["indexing"],
            full=full,
            workers=workers,
            scheduler=scheduler,
        )
    click.echo(
        f"Ingested {report.articles} articles: {report.quotes} statements by "
        f"{report.speakers} speakers in {report.seconds:.1f}s -> {index_dir}"
    )
    click.echo(
        f"  {report.mode}: {report.read} file(s) read, {report.removed} removed, "
        f"{report.records_written} record(s) written, {report.records_removed} deleted"
    )
    for warning in report.warnings:
        click.echo(f"  warning: {warning}", err=True)
    for failure in report.failures:
        click.echo(f"  failed: {failure.path}: {failure.reason}", err=True)
    if report.failures:
        click.echo(f"{len(report.failures)} file(s) could not be read (listed above).", err=True)


@cli.command("add")
@click.argument("sources", nargs=-1, metavar="[URL|WARC]...")
@click.option("--feed", "feeds", multiple=True, metavar="URL", help="RSS/Atom feed (repeatable).")
@click.option("--sitemap", "sitemaps", multiple=True, metavar="URL", help="Sitemap (repeatable).")
@click.option(
    "--archive",
    type=click.Path(file_okay=False, path_type=Path),
    default=DEFAULT_ARCHIVE,
    show_default=True,
    help="Save pages under ARCHIVE/web/HOST/.",
)
@click.option("--limit", type=click.IntRange(1), help="At most N pages from each feed or sitemap.")
@click.option("--timeout", type=click.FloatRange(0.1), default=20.0, show_default=True)
@click.option(
    "--delay",
    type=click.FloatRange(0),
    default=1.0,
    show_default=True,
    help="Seconds between requests to one host (robots.txt's Crawl-delay if longer).",
)
@click.option("--ingest", "then_ingest", is_flag=True, help="Then bring the index up to date.")
@index_option
@click.pass_context
def add_command(
    ctx: click.Context,
    sources: tuple[str, ...],
    feeds: tuple[str, ...],
    sitemaps: tuple[str, ...],
    archive: Path,
    limit: int | None,
    timeout: float,
    delay: float,
    then_ingest: bool,
    index_dir: Path,
) -> None:
    """Fetch web pages (or read a WARC file) into the archive, with their metadata.

    Each page is fetched politely (robots.txt, timeouts, retries), saved as raw HTML with a
    NAME.meta.json sidecar, and skipped if the archive already holds its URL. See
    docs/webpages.md.
    """
    from tqdm import tqdm

    from onrecord.fetch.add import Adder, Outcome
    from onrecord.fetch.client import Settings

    if not (sources or feeds or sitemaps):
        raise click.UsageError("give a URL, a WARC file, --feed URL or --sitemap URL")

    def report(outcome: Outcome) -> None:
        line = f"{outcome.status}: {outcome.url}: {outcome.detail}"
        tqdm.write(line, file=sys.stderr if outcome.status == "failed" else sys.stdout)

    settings = Settings(timeout=timeout, delay=delay)
    result = Adder(archive, settings, report, limit).run(sources, feeds, sitemaps)
    added, skipped, failed = (len(result.of(s)) for s in ("added", "skipped", "failed"))
    other = result.warc_other.other
    if other:
        kinds = ", ".join(f"{count} {kind}" for kind, count in other.most_common())
        click.echo(f"Not pages, left out of the WARC import: {kinds}")
    click.echo(f"Added {added} page(s) to {archive}/; {skipped} already held, {failed} failed.")
    if then_ingest and added:
        ctx.invoke(ingest, archive=archive, index_dir=index_dir)
    elif added:
        click.echo(f"Next: onrecord ingest {archive} --index {index_dir}")
    if failed:
        sys.exit(1)


@cli.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True, path_type=Path))
@click.option("--format", "fmt", type=click.Choice(["jsonl", "json"]), default="jsonl")
@click.option(
    "--archive",
    type=click.Path(file_okay=False, path_type=Path),
    help="Apply this archive's speakers.toml and topics.toml, as ingest does.",
)
@user_errors
def extract(paths: tuple[Path, ...], fmt: str, archive: Path | None) -> None:
    """Print the records of article files or folders, without touching any index."""
    from onrecord.ingest import extract_paths

    quotes, failures, warnings = extract_paths(paths, archive)
    records = [quote.to_dict() for quote in quotes]
    if fmt == "json":
        click.echo(json.dumps(records, ensure_ascii=False, indent=2))
    else:
        for record in records:
            click.echo(json.dumps(record, ensure_ascii=False))
    for warning in warnings:
        click.echo(f"warning: {warning}", err=True)
    for failure in failures:
        click.echo(f"failed: {failure.path}: {failure.reason}", err=True)
    if failures:
        sys.exit(1)


@cli.group("topics")
def topics_group() -> None:
    """The topic tagger on its own."""


@topics_group.command("tag")
@click.option(
    "--archive",
    type=click.Path(file_okay=False, path_type=Path),
    help="Use this archive's topics.toml over the default taxonomy.",
)
@click.option("--terms-only", is_flag=True, help="Tag by the term lists alone, without the model.")
@user_errors
def topics_tag(archive: Path | None, terms_only: bool) -> None:
    """JSON lines {"text", "context"} on stdin; one {"topics", "why"} line each on stdout."""
    from onrecord.topics.taxonomy import load_taxonomy, tag_lines

    taxonomy = load_taxonomy(archive, model=not terms_only)
    stdin = sys.stdin
    for line, problem in tag_lines(stdin, taxonomy):
        click.echo(line)
        if problem:
            click.echo(f"error: {problem}", err=True)


@cli.command("search")
@click.argument("query", default="")
@filter_options
@click.option("--sort", type=click.Choice(["relevance", "date", "-date"]), default="relevance")
@click.option("--limit", type=click.IntRange(1, 1000), default=20, show_default=True)
@click.option("--page", type=click.IntRange(1), default=1, show_default=True)
@click.option("--format", "fmt", type=click.Choice(["text", "json", "jsonl"]), default="text")
@index_option
@user_errors
def search_command(query: str, index_dir: Path, fmt: str, **filters: Any) -> None:
    """Search the archive: words, "exact phrases", AND/OR/NOT, field:value.

    A word that names a topic (money, housing, ...) also finds the topic's statements.
    """
    result = search(current_generation(index_dir), make_request(query, index_dir, **filters))
    records = [hit.record for hit in result.hits]
    for notice in result.notices:  # how the query was read; filters that match nothing
        click.echo(f"note: {notice}", err=True)
    if fmt == "json":
        payload = {
            "total": result.total, "suggestion": result.suggestion, "notices": result.notices,
            "records": records,
        }
        click.echo(json.dumps(payload, ensure_ascii=False, indent=2))
        return
    if fmt == "jsonl":
        for record in records:
            click.echo(json.dumps(record, ensure_ascii=False))
        return
    first = (result.request.page - 1) * result.request.per_page
    shown = f", showing {first + 1}-{first + len(records)}" if records else ""
    click.echo(f"{result.total} statement(s){shown}")
    if result.suggestion:
        click.echo(f"Did you mean: {result.suggestion}")
    for hit in result.hits:
        click.echo("\n" + describe(hit.record, hit.duplicates, hit.why))


def describe(record: dict[str, Any], duplicates: int = 0, why: str = "") -> str:
    """A record as a reader sees it in a terminal: who, in what role, where, and the words."""
    who = record.get("speaker") or "(unattributed)"
    role = f", {record['role']}" if record.get("role") else ""
    where = ", ".join(filter(None, [record.get("source"), record.get("date")]))
    mark = ("“", "”") if record.get("kind") == "direct" else ("", "")
    lines = [f"{who}{role} ({where}):", f"  {mark[0]}{record['text']}{mark[1]}"]
    notes = [f"also in {duplicates} other article(s)" if duplicates else "", why]
    if any(notes):
        lines.append("  [" + "; ".join(n for n in notes if n) + "]")
    return "\n".join(lines)


@cli.command("export")
@click.argument("query", default="")
@filter_options
@click.option(
    "--format",
    "fmt",
    default="jsonl",
    show_default=True,
    help=f"One of: {', '.join(exporting.FORMATS)}.",
)
@click.option(
    "--output",
    type=click.Choice(["text", "html", "markdown"]),
    default="text",
    show_default=True,
    help="Markup for the formatted citation styles (chicago, apa, mla, csl).",
)
@click.option("--style", help="For --format csl: a CSL style id or a .csl file.")
@click.option(
    "--sort",
    type=click.Choice(["date", "-date", "relevance"]),
    default="date",
    show_default=True,
    help="Row order: oldest first, newest first, or best match.",
)
@click.option("--output-file", "-o", type=click.File("w", encoding="utf-8"), default="-")
@click.option(
    "--output-dir",
    type=click.Path(file_okay=False, path_type=Path),
    help="For --format opensearch: write mapping.json and bulk.ndjson here.",
)
@index_option
@user_errors
def export_command(
    query: str,
    index_dir: Path,
    fmt: str,
    output: str,
    style: str | None,
    output_file: Any,
    output_dir: Path | None,
    **filters: Any,
) -> None:
    """Export the records matching QUERY and filters (all records without them)."""
    exporting.get_format(fmt)
    if output_dir and fmt != "opensearch":
        raise click.UsageError("--output-dir is for --format opensearch")
    request = make_request(query, index_dir, **filters)
    notices: list[str] = []
    records = all_records(current_generation(index_dir), request, notices=notices)
    for notice in notices:
        click.echo(f"note: {notice}", err=True)
    if output_dir:
        from onrecord.scale.opensearch import write_bundle

        for path in write_bundle(records, output_dir):
            click.echo(f"wrote {path}")
        return
    output_file.write(exporting.export(records, fmt, output=output, style=style))


archive_option = click.option(
    "--archive",
    "archive",
    default=DEFAULT_ARCHIVE,
    show_default=True,
    type=click.Path(file_okay=False, path_type=Path),
    help="Archive folder (holds speakers.toml).",
)


def load_registry(index_dir: Path) -> speaker_registry.Registry:
    registry = speaker_registry.registry_in(str(current_generation(index_dir).path))
    if registry is None:
        raise IndexError_(f"{index_dir} has no speaker registry; re-run onrecord ingest")
    return registry


@cli.command("speaker")
@click.argument("name")
@click.option("--format", "fmt", type=click.Choice(["text", "json", "jsonl"]), default="text")
@index_option
@user_errors
def speaker_command(name: str, fmt: str, index_dir: Path) -> None:
    """A speaker's card and every statement in chronological order.

    NAME is an id (exactly that speaker), or a name matched case-insensitively, by alias, by
    surname when only one speaker has it, by a reference the archive links ("the mayor"), or
    through a small typo, with a note saying what matched; when it is ambiguous the error
    lists who you may have meant.
    """
    registry = load_registry(index_dir)
    match = speaker_registry.resolve_speaker(registry, name)
    speaker = match.speaker
    if match.notice:
        click.echo(f"note: {match.notice}", err=True)
    generation = current_generation(index_dir)
    counted = speaker_statements(generation, speaker.id)  # as the speaker page counts
    speaker = dataclasses.replace(
        speaker, statements=counted.total, topics=counted.topics, years=counted.years
    )
    records = all_records(generation, SearchRequest(speakers=[speaker.id]))  # one a statement
    quotes = [Quote.from_dict(r) for r in records]
    statements = speaker_registry.chronology(speaker, quotes, collapse=False)
    labels = topic_labels(generation.path)  # the taxonomy the generation was tagged with
    click.echo(speaker_registry.render_speaker(speaker, statements, fmt, labels), nl=False)


@cli.group("speakers", invoke_without_command=True)
@click.option("--top", type=click.IntRange(1), help="Only the N most quoted.")
@click.option("--kind", type=click.Choice(["person", "organisation", "group"]))
@index_option
@click.pass_context
@user_errors
def speakers_group(ctx: click.Context, top: int | None, kind: str | None, index_dir: Path) -> None:
    """All speakers with their counts; subcommands edit archive/speakers.toml."""
    if ctx.invoked_subcommand:
        return
    counts = statements_per_speaker(current_generation(index_dir))  # as search and web count
    registry = load_registry(index_dir)
    for speaker in speaker_registry.list_speakers(registry, top=top, kind=kind, counts=counts):
        role = speaker.roles[-1].role if speaker.roles else ""
        count = counts.get(speaker.id, 0)
        click.echo(f"{count:5d}  {speaker.name}  [{speaker.kind}]  {role}".rstrip())


@speakers_group.command("suggest")
@index_option
@user_errors
def speakers_suggest(index_dir: Path) -> None:
    """Possible merges for you to decide, with the evidence."""
    suggestions = speaker_registry.suggest(load_registry(index_dir))
    if not suggestions:
        click.echo("No merge suggestions.")
    for suggestion in suggestions:
        click.echo(suggestion.describe())
        click.echo(f'  accept: onrecord speakers merge "{suggestion.a_name}" "{suggestion.b_name}"')


@speakers_group.command("merge")
@click.argument("names", nargs=-1, required=True)
@click.option("--name", help="The canonical name to use for the merged speaker.")
@archive_option
@user_errors
def speakers_merge(names: tuple[str, ...], name: str | None, archive: Path) -> None:
    """Record in speakers.toml that NAMES are one speaker."""
    curation = archive / speaker_registry.CURATION_FILE
    click.echo(speaker_registry.merge(curation, *names, name=name))


@speakers_group.command("rename")
@click.argument("speaker")
@click.argument("new_name")
@archive_option
@user_errors
def speakers_rename(speaker: str, new_name: str, archive: Path) -> None:
    """Give SPEAKER the canonical name NEW_NAME."""
    curation = archive / speaker_registry.CURATION_FILE
    click.echo(speaker_registry.rename(curation, speaker, new_name))


@speakers_group.command("hide")
@click.argument("speaker")
@archive_option
@user_errors
def speakers_hide(speaker: str, archive: Path) -> None:
    """Hide a false speaker; its statements stay, without a speaker."""
    click.echo(speaker_registry.hide(archive / speaker_registry.CURATION_FILE, speaker))


@speakers_group.command("distinct")
@click.argument("names", nargs=-1, required=True)
@archive_option
@user_errors
def speakers_distinct(names: tuple[str, ...], archive: Path) -> None:
    """Record that NAMES are different people (never merged or suggested again)."""
    click.echo(speaker_registry.distinct(archive / speaker_registry.CURATION_FILE, *names))


@speakers_group.command("split")
@click.argument("alias")
@click.option("--from", "from_", help="The speaker the alias was wrongly joined to.")
@click.option("--to", help="The speaker the alias belongs to (default: one of its own).")
@click.option("--article", "articles", multiple=True, help="Only in these articles.")
@archive_option
@user_errors
def speakers_split(
    alias: str, from_: str | None, to: str | None, articles: tuple[str, ...], archive: Path
) -> None:
    """Take the mentions written as ALIAS out of a wrongly merged speaker."""
    curation = archive / speaker_registry.CURATION_FILE
    click.echo(speaker_registry.split(curation, alias, from_=from_, to=to, articles=articles))


@speakers_group.command("role")
@click.argument("speaker")
@click.argument("role")
@click.option("--organisation", help="The organisation the role is held in.")
@click.option("--from", "first", help="First day in the role, YYYY-MM-DD.")
@click.option("--to", "last", help="Last day in the role, YYYY-MM-DD.")
@archive_option
@user_errors
def speakers_role(
    speaker: str,
    role: str,
    organisation: str | None,
    first: str | None,
    last: str | None,
    archive: Path,
) -> None:
    """Add a ROLE that SPEAKER held, with dates."""
    curation = archive / speaker_registry.CURATION_FILE
    message = speaker_registry.add_role(
        curation, speaker, role, organisation=organisation, first=first, last=last
    )
    click.echo(message)


@cli.group("quote")
def quote_group() -> None:
    """Fix one quote."""


@quote_group.command("reassign")
@click.argument("quote_id")
@click.argument("name")
@archive_option
@index_option
@user_errors
def quote_reassign(quote_id: str, name: str, archive: Path, index_dir: Path) -> None:
    """Attribute quote QUOTE_ID to NAME ("" for no speaker).

    The quote's article and words are recorded too, so the fix still finds the quote after a
    re-extraction that changes its id.
    """
    try:
        record = record_by_id(current_generation(index_dir), quote_id) or {}
    except IndexError_:
        record = {}
    article, text = record.get("article"), record.get("text")
    curation = archive / speaker_registry.CURATION_FILE
    click.echo(speaker_registry.reassign(curation, quote_id, name, article=article, text=text))


@cli.command()
@click.option("--host", default="127.0.0.1", show_default=True, help="Interface to bind.")
@click.option("--port", default=5000, show_default=True, type=int)
@click.option(
    "--archive",
    "archive",
    default=DEFAULT_ARCHIVE,
    show_default=True,
    type=click.Path(file_okay=False, path_type=Path),
)
@index_option
@click.option("--threads", default=4, show_default=True, type=int)
def serve(host: str, port: int, archive: Path, index_dir: Path, threads: int) -> None:
    """Serve the archive's web pages and JSON API with waitress."""
    import waitress

    from onrecord.webapp import create_app

    app = create_app({"INDEX_DIR": str(index_dir), "ARCHIVE_DIR": str(archive)})
    try:  # bind before saying "Serving": a busy port is one line, not a traceback
        server = waitress.create_server(
            app, host=host, port=port, threads=threads, ident="onrecord"
        )
    except OSError as exc:
        reason = exc.strerror or str(exc)
        raise click.ClickException(
            f"cannot serve on {host}:{port}: {reason} (is another server running? try --port)"
        ) from None
    click.echo(f"Serving {index_dir} on http://{host}:{port}/ (Ctrl+C to stop)")
    try:
        server.run()
    except KeyboardInterrupt:
        pass
    finally:
        server.close()


if __name__ == "__main__":  # pragma: no cover
    cli()
