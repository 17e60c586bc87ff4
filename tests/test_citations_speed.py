"""The fast paths of a formatted export give the text of the plain one, byte for byte.

Three things make a large export fast: a cite that renders like an earlier one (same work, same
"quoted in" prefix) is rendered once; a note style's notes are split into documents of their
own; documents go to several pandoc runs side by side. Each is checked here against the export
made without it, on the seed archive's quotes, as published in two articles and as if the
same reporting had run in other outlets and years (so there are many works, and works that
cite alike).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from onrecord.citations import engine, formatted
from onrecord.export import export
from onrecord.index import current_generation
from onrecord.search import SearchRequest, all_records
from tests.helpers import needs_pandoc

ACCESSED = dt.date(2026, 12, 6)
STYLES = ["chicago", "chicago-author-date", "apa", "mla"]


@pytest.fixture(scope="module")
def records(seed_index: Path) -> list[dict]:
    """The seed quotes, then the same quotes as run again by other outlets in other years."""
    seed = all_records(current_generation(seed_index), SearchRequest(sort="date"))
    assert len(seed) > 20 and len({r["article"] for r in seed}) == 2
    reruns = []
    for copy, (source, year) in enumerate([("CBS 2 Chicago", "2020"), ("WBEZ", "2019"),
                                           ("Sun-Times", "2019"), ("WBEZ", "2019")]):
        for record in seed:
            reruns.append({**record, "id": f"{record['id']}-{copy}", "source": source,
                           "article": f"{record['article']}-{copy}",
                           "published": f"{year}{(record.get('published') or '')[4:]}",
                           "title": f"{record.get('title')} ({copy})" if copy % 2 else
                           record.get("title")})
    return seed + reruns


def plain_export(monkeypatch: pytest.MonkeyPatch, records: list[dict], fmt: str,
                 output: str) -> str:
    """The export as rendered before the fast paths: a cite per record, one item per note,
    one note document, one pandoc run."""
    with monkeypatch.context() as patch:
        patch.setattr(formatted, "_distinct_cites",
                      lambda cites, alike: (cites, list(range(len(cites)))))
        patch.setattr(formatted, "_note_items", lambda items, prefixes: (
            [{**item, "id": f"r{i}"} for i, item in enumerate(items)],
            [f"r{i}" for i in range(len(items))]))
        patch.setattr(formatted, "notes_stand_alone", lambda style, xml: False)
        patch.setenv("ONRECORD_PANDOC_PROCESSES", "1")
        return export(records, fmt, output=output, accessed=ACCESSED)


@pytest.fixture(autouse=True)
def no_notes_remembered():
    """Each test starts without notes rendered by earlier ones (formatted.NOTES)."""
    formatted.NOTES.clear()
    yield
    formatted.NOTES.clear()


@needs_pandoc
@pytest.mark.parametrize("fmt", STYLES)
def test_fast_export_is_the_plain_export(monkeypatch, records, fmt) -> None:
    expected = plain_export(monkeypatch, records, fmt, "text")
    # small documents and a low threshold, so these few records take every fast path
    monkeypatch.setattr(formatted, "BATCH", 12)
    monkeypatch.setattr(engine, "PARALLEL_CITES", 5)
    monkeypatch.setenv("ONRECORD_PANDOC_PROCESSES", "3")
    runs = []
    real_run = engine._run
    monkeypatch.setattr(engine, "_run", lambda pandoc, jobs: runs.append(jobs) or
                        real_run(pandoc, jobs))
    got = export(records, fmt, accessed=ACCESSED)
    assert got == expected
    if fmt != "mla":  # MLA tells works apart across the export: one document, one run
        assert len(runs) >= 2  # the documents went to several pandoc runs
    rendered = sum(len(job.cites) for batch in runs for job in batch)
    assert rendered < 2 * len(records)  # repeated cites were not rendered again


@needs_pandoc
@pytest.mark.parametrize("output", ["html", "markdown"])
def test_fast_export_is_the_plain_export_in_html_and_markdown(monkeypatch, records,
                                                              output) -> None:
    expected = plain_export(monkeypatch, records, "chicago", output)
    monkeypatch.setattr(formatted, "BATCH", 12)
    monkeypatch.setattr(engine, "PARALLEL_CITES", 5)
    monkeypatch.setenv("ONRECORD_PANDOC_PROCESSES", "2")
    assert export(records, "chicago", output=output, accessed=ACCESSED) == expected


@needs_pandoc
def test_notes_rendered_once_serve_the_next_export(monkeypatch, records) -> None:
    """A speaker's download, then a search within it, then one quote: pandoc renders the
    notes the first export did not have, and the text is as if nothing were remembered."""
    # (titles with "(1)" added would make the export drop short titles that shorten alike,
    # which changes the items, and so their notes, rightly)
    records = [r for r in records if not (r.get("title") or "").endswith(")")]
    lightfoot = [r for r in records if r.get("speaker") == "Lori Lightfoot"]
    assert len(lightfoot) > 3
    expected = {name: plain_export(monkeypatch, chosen, "chicago", "html")
                for name, chosen in (("all", records), ("some", lightfoot[1:3]))}
    runs = []
    real_run = engine._run
    monkeypatch.setattr(engine, "_run", lambda pandoc, jobs: runs.append(jobs) or
                        real_run(pandoc, jobs))
    assert export(lightfoot, "chicago", output="html", accessed=ACCESSED) is not None
    first = len(runs)
    assert export(records, "chicago", output="html", accessed=ACCESSED) == expected["all"]
    rendered = [cite for batch in runs[first:] for job in batch for cite in job.cites]
    assert rendered and all("Lightfoot" not in cite["prefix"] for cite in rendered)
    done = len(runs)
    assert export(lightfoot[1:3], "chicago", output="html", accessed=ACCESSED) == \
        expected["some"]
    assert len(runs) == done  # every note was known: no pandoc run at all
    assert export(lightfoot[1:3], "chicago", accessed=ACCESSED) != expected["some"]  # text


def test_repeated_cites_are_rendered_once_in_order_of_first_use() -> None:
    cites = [{"id": "w1", "prefix": "A, quoted in"}, {"id": "w0", "prefix": "B, quoted in"},
             {"id": "w1", "prefix": "A, quoted in"}, {"id": "w1", "prefix": "B, quoted in"}]
    unique, answer_of = formatted._distinct_cites(cites, True)
    assert unique == [cites[0], cites[1], cites[3]]
    assert answer_of == [0, 1, 0, 2]
    assert formatted._distinct_cites(cites, False) == (cites, [0, 1, 2, 3])


def test_a_style_that_may_shorten_a_repeat_keeps_every_cite() -> None:
    from onrecord.citations.styles import resolve_style

    apa = resolve_style("apa")
    assert formatted.repeats_render_alike(apa, apa.path.read_text())
    ibid = '<citation><layout><choose><if position="ibid"><text value="Ibid."/></if>'
    assert not formatted.repeats_render_alike(apa, ibid)


def test_jobs_are_spread_evenly_and_kept_in_order() -> None:
    groups = engine._spread([500, 100, 450, 50, 480], 2)
    assert sorted(i for group in groups for i in group) == [0, 1, 2, 3, 4]
    loads = [sum([500, 100, 450, 50, 480][i] for i in group) for group in groups]
    assert len(groups) == 2 and max(loads) - min(loads) <= 500  # no more than one job apart
    assert all(group == sorted(group) for group in groups)
    assert engine._spread([30, 20], 4) == [[0, 1]]  # too small to be worth a second run
