"""Citation formats for quote records: the article cited, the quotation as its note.

Stages, each a module with one job:

* ``items`` — a record becomes a CSL-JSON item (``article-newspaper``), the data every writer
  reads;
* ``styles`` — pinned CSL styles, lookup by id or file, the per-style "quoted in" prefix;
* ``engine`` — one ``pandoc lua`` subprocess renders a whole batch with pandoc's citeproc;
* ``formatted`` — quotation + citation + bibliography entry, as text, HTML or Markdown;
* ``bibtex``, ``ris``, ``csljson`` — the reference-manager formats, written directly.

:mod:`onrecord.export` registers them all as export formats.
"""

from onrecord.citations.bibtex import to_biblatex, to_bibtex
from onrecord.citations.csljson import to_csl_json
from onrecord.citations.engine import CitationEngineError
from onrecord.citations.formatted import (
    Citation,
    format_citations,
    format_in_styles,
    render_formatted,
    render_in_styles,
)
from onrecord.citations.items import to_csl_item
from onrecord.citations.ris import to_ris
from onrecord.citations.styles import UnknownStyle, pinned_styles, resolve_style

__all__ = [
    "Citation",
    "CitationEngineError",
    "UnknownStyle",
    "format_citations",
    "format_in_styles",
    "pinned_styles",
    "render_formatted",
    "render_in_styles",
    "resolve_style",
    "to_biblatex",
    "to_bibtex",
    "to_csl_item",
    "to_csl_json",
    "to_ris",
]
