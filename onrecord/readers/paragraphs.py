"""Markdown that holds no markup, read straight into paragraphs without rendering it.

Most news articles saved as Markdown are plain paragraphs: no emphasis, links, lists, headings
or HTML. For them, rendering to HTML with Python-Markdown and parsing the HTML again only to
take the paragraphs' text back costs two thirds of reading the file. :func:`plain_paragraphs`
gives the same text directly, and declines (returns None) as soon as anything in the text
could be markup, so the full renderer still reads every file that needs it.

"The same text" is exact: the property tests in ``tests/test_readers_fast.py`` compare this
path with the rendering one on generated text full of near-markup, and
``scripts/snapshot_records.py`` compares every record of whole archives.
"""

from __future__ import annotations

import re
from html.entities import html5

# Anything Python-Markdown (with no extensions) could read as markup, or that its HTML
# round trip would change:
# - inline: code spans, escapes, emphasis, raw HTML and autolinks (``<``), quote and
#   blockquote marks (``>``); links ``[a](b)``, references ``[a]: b`` and images ``![a]``
#   (a lone ``[sic]`` is text, since no reference can be defined without ``]:``);
# - character references, which the HTML parser decodes (``&amp;``, ``&#65`` and the
#   legacy names that need no ``;``, such as ``&copy``);
# - control characters, which Python-Markdown uses as placeholders or the parser may drop.
_LEGACY = sorted((name for name in html5 if not name.endswith(";")), key=len, reverse=True)
_INLINE = re.compile(
    r"[`\\*_<>\x00-\x08\x0b-\x1f\x7f]|\]\s*[(\[:]|!\[|&(?:#|[A-Za-z0-9]+;|"
    + "|".join(map(re.escape, _LEGACY))
    + ")"
)
# A line that could open a block: indentation (code, list continuation), headings, rules and
# setext underlines, list items, numbered items. Lines of spaces and tabs alone are blank
# lines; indentation before any other character, a no-break space too, is a code block.
_BLOCK = re.compile(r"^(?:[ \t]+[^ \t\n]|[#=+\-]|\d+[.)])", re.MULTILINE)
# (Both written to start with a literal character or a short class, so the regex engine skips
# ahead to candidates instead of trying each position: a tenth of the time.)
_BLANK_SPACES = re.compile(r"\n +(?=\n)")  # a line of spaces alone, emptied
# a run of spaces, tabs and no-break spaces other than one space alone: made one space
_SPACES = re.compile(r"(?: [ \t\u00a0]|[\t\u00a0])[ \t\u00a0]*")


def plain_paragraphs(body: str) -> str | None:
    """The paragraphs of Markdown with no markup, as the renderer would give them (one per
    blank-line-separated block, whitespace tidied, joined by blank lines); None when the text
    might hold markup and must be rendered."""
    if _INLINE.search(body) or _BLOCK.search(body):
        return None
    # Python-Markdown's whitespace normalisation: tabs to 4 columns, lines of spaces emptied.
    source = _BLANK_SPACES.sub("\n", (body + "\n\n").expandtabs(4))
    # Then each paragraph's lines as one line, as the HTML reader tidies a ``<p>``: runs of
    # spaces, tabs and no-break spaces made one space (in one pass over the whole text: the
    # runs never hold a newline), each line stripped, empty lines dropped.
    if "  " in source or "\u00a0" in source:  # (no tab is left)
        source = _SPACES.sub(" ", source)
    paragraphs = (_tidy(block) for block in source.split("\n\n"))
    return "\n\n".join(p for p in paragraphs if p)


def _tidy(block: str) -> str:
    if "\n" not in block:  # most paragraphs are one line
        return block.strip()
    return " ".join(line for line in (part.strip() for part in block.split("\n")) if line)
