"""Cheap checks that keep reading bounded on input the parsers handle super-linearly.

Python-Markdown and the standard library's HTML parser are quick on articles but slow down
quadratically, or recurse out, on some degenerate input: thousands of unclosed ``[`` or
``<a``, a paragraph made of thousands of rules or hard line breaks, nesting hundreds of levels
deep. A wall-clock limit would need threads or signals, which worker processes and Dask
workers do not allow freely; instead each check estimates, in one linear pass, the work the
parser would do, and the reader falls back when an estimate is over its budget (a Markdown
file is read as plain text, an HTML tag that never closes is read as text). The same file
always gets the same answer. ``scripts/bench_readers.py`` measures the parsers on each case.
"""

from __future__ import annotations

import re

# Deeper than this, Python-Markdown's recursion per list or quote level costs seconds per
# thousand lines and ends in RecursionError; articles nest two or three levels.
MAX_NESTING = 50  # levels: one per ``>``, list marker or 4 columns of indentation
# Python-Markdown scans from every ``[`` to its matching ``]`` (and from every ``](`` to its
# ``)``) character by character in Python, several times over: ~0.3 s per million steps.
MAX_BRACKET_STEPS = 1_000_000
# The standard library's HTML parser scans from every ``<`` + letter to the tag's end; a tag
# that never closes is rescanned up to the next ``>`` for every ``<`` inside it: ~50 ns a step.
MAX_TAG_STEPS = 10_000_000
# Python-Markdown re-slices a paragraph for each inline element and re-tests it for each
# block element it splits off (rules, setext underlines), so the cost is about elements x
# paragraph length; ~1 ns a step with the weights below.
MAX_SPLICE_STEPS = 500_000_000

_BLOCKS = re.compile(r"\n[ \t]*\n")
_NESTING = re.compile(r"^(?:[ \t]|>|(?:[*+-]|\d{1,9}[.)])(?=[ \t]))+", re.MULTILINE)
_MARKER = re.compile(r"(?:[*+-]|\d{1,9}[.)])(?=[ \t])")
_INLINE = re.compile(r"[*_`&<\\!\[]")
_HARD_BREAK = re.compile(r"  \n")
_SPLIT_LINE = re.compile(r"^[ ]{0,3}[-*_=][-*_= \t]*$", re.MULTILINE)  # rules, setext lines
_BRACKET = re.compile(r"\\.|[\[\]]", re.DOTALL)
_PAREN = re.compile(r"\\.|\]\(|[()'\"]", re.DOTALL)
_TAG = re.compile(r"<[A-Za-z]|>")
_UNCLOSED_TAG = re.compile(r"<(?=[A-Za-z][^<>]*(?:<|\Z))")


def nesting_depth(text: str) -> int:
    """The deepest line's container levels: quote marks, list markers, indentation / 4.

    Indentation counts only on a line that opens a list item or a quote: an indented code
    block is one level however far it is indented.
    """
    deepest = 0
    for match in _NESTING.finditer(text):
        prefix = match.group()
        levels = prefix.count(">") + len(_MARKER.findall(prefix))
        if levels:
            indent = len(prefix) - len(prefix.lstrip(" \t"))
            deepest = max(deepest, levels + len(prefix[:indent].expandtabs(4)) // 4)
    return deepest


def bracket_steps(block: str) -> int:
    """Characters Python-Markdown scans looking for the ends of link texts and targets."""
    if "[" not in block:
        return 0
    unclosed = block.count("[") - block.count("\\[") - block.count("]")
    if unclosed * (unclosed - 1) // 2 > MAX_BRACKET_STEPS:
        return unclosed * (unclosed - 1) // 2  # a lower bound, already over: skip the count
    steps = 0
    opened: list[int] = []
    for match in _BRACKET.finditer(block):
        if match.group() == "[":
            opened.append(match.start())
        elif match.group() == "]" and opened:
            steps += match.start() - opened.pop()
    steps += sum(len(block) - start for start in opened)
    marks = [(m.start(), m.group()) for m in _PAREN.finditer(block) if len(m.group()) == 1]
    marks.append((len(block), ")"))
    target = 0
    for match in _PAREN.finditer(block):
        if match.group() != "](":
            continue
        while marks[target][0] <= match.start() + 1:
            target += 1
        steps += _link_end(marks[target : target + 3], len(block)) - match.start()
    return steps


def _link_end(marks: list[tuple[int, str]], end: int) -> int:
    """Where the scan of a link target stops, given the ``(``, ``)`` and quotes after ``](``.

    The usual shapes end at their ``)``: ``(url)``, ``(url_(x))``, ``(url "title")``; any
    other may run on to the end of the paragraph, so it is counted that far.
    """
    shape = "".join(mark for _, mark in marks)
    if shape.startswith(")"):
        return marks[0][0]
    if shape in ("())", '"")', "'')"):
        return marks[2][0]
    return end


def tag_steps(text: str) -> int:
    """Characters the HTML parser scans from each ``<`` + letter to the next ``>``."""
    bound = text.count("<") * len(text)
    if bound <= MAX_TAG_STEPS:
        return bound  # already within the budget: skip the exact count
    steps = 0
    pending: list[int] = []
    for match in _TAG.finditer(text):
        if match.group() == ">":
            steps += sum(match.start() - start for start in pending)
            pending.clear()
        else:
            pending.append(match.start())
    return steps + sum(len(text) - start for start in pending)


def splice_steps(block: str) -> int:
    """Elements times paragraph length: Python-Markdown's re-slicing of one paragraph."""
    elements = (
        len(_INLINE.findall(block))
        + 4 * len(_HARD_BREAK.findall(block))
        + 20 * len(_SPLIT_LINE.findall(block))
    )
    return elements * len(block)


def markdown_hazard(text: str) -> str | None:
    """Why Python-Markdown would take too long on ``text`` (or recurse out), else ``None``."""
    depth = nesting_depth(text)
    if depth > MAX_NESTING:
        return f"lists or quotes nested {depth} levels deep (limit {MAX_NESTING})"
    if tag_steps(text) > MAX_TAG_STEPS:
        return f"{_count_unclosed(text):,} HTML tags that never close"
    if "[" not in text and splice_steps(text) <= MAX_SPLICE_STEPS:
        # the whole text's elements times its length bounds the sum over its paragraphs,
        # and no bracket means no bracket steps: an article needs no count per paragraph
        return None
    brackets = splice = 0
    for block in _BLOCKS.split(text):
        brackets += bracket_steps(block)
        splice += splice_steps(block)
    if brackets > MAX_BRACKET_STEPS:
        return f"{text.count('['):,} link brackets '[', nested too deeply or never closed"
    if splice > MAX_SPLICE_STEPS:
        return "paragraphs packed with thousands of Markdown elements"
    return None


def close_unclosed_tags(html: str) -> tuple[str, str | None]:
    """``html`` with every tag that never closes turned into text, and why, when needed.

    A ``<`` + letter whose ``>`` comes after another ``<`` (or never) is written ``&lt;``;
    that is all the HTML parser rescans, so parsing becomes linear. Well-formed pages are
    returned unchanged.
    """
    if tag_steps(html) <= MAX_TAG_STEPS:
        return html, None
    count = _count_unclosed(html)
    return _UNCLOSED_TAG.sub("&lt;", html), f"{count:,} HTML tags that never close, read as text"


def _count_unclosed(text: str) -> int:
    return len(_UNCLOSED_TAG.findall(text))
