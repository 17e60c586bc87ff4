"""One quotation from the parts its attribution split: “A,” she said. “B.” reads as "A. B."

A comma that closed a quoted sentence before "she said" belongs to the attribution, not to the
quotation: kept before a new sentence it makes a run-on the article never printed ("…all there
is, With these efforts…"). It becomes a full stop when the next part opens a sentence (a
capital letter); a part that continues the sentence ("“The city,” she said, “is ready.”") is
joined as written. Each part's own span is kept on the record (``Quote.parts``), so the article
and context views mark the article's characters, never this joined text.
"""

from __future__ import annotations

_OPENERS = "\"'“‘«‹([ \t\n"


def _opens_sentence(part: str) -> bool:
    first = part.lstrip(_OPENERS)[:1]
    return first.isupper()


def join_parts(body: str, spans: list[tuple[int, int]]) -> str:
    """The text of a quotation split into ``spans`` of ``body``, read as one quotation.

    One span is the article's characters as they are; parts are joined with one space.
    """
    pieces = [body[start:end] for start, end in spans]
    for k in range(len(pieces) - 1):
        if pieces[k].endswith(",") and _opens_sentence(pieces[k + 1]):
            closed = pieces[k][:-1].rstrip("\"'”’)").endswith((".", "!", "?", "…"))
            pieces[k] = pieces[k][:-1] + ("" if closed else ".")  # "Mayo!," -> "Mayo!"
    return " ".join(pieces)
