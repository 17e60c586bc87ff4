"""Turn a quote record into the bibliographic item every citation format starts from.

A record cites a news article (``title``, ``source`` = the outlet, ``author`` = the byline,
``published``, ``url``); the quote, its speaker and role ride along as a note. The item is CSL-JSON
(``article-newspaper``), the data model the CSL styles, Zotero and pandoc share; the BibTeX and
RIS writers read the same fields so every format says the same thing.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from onrecord.index import role_key

Record = dict[str, Any]

# Lower-case name particles kept with the family name ("Miguel del Valle" -> "del Valle").
PARTICLES = frozenset({
    "al", "bin", "da", "dal", "das", "de", "degli", "dei", "del", "della", "der", "des", "di",
    "dos", "du", "el", "la", "le", "lo", "ten", "ter", "van", "von", "zu",
})
NAME_SUFFIXES = frozenset({"jr", "jr.", "sr", "sr.", "ii", "iii", "iv"})
# Words that mark a byline as an organisation, which CSL must print as written (a literal name).
_ORGANISATION_WORDS = re.compile(
    r"\b(staff|press|news|newsroom|desk|wire|reuters|agency|team|editors?|editorial|board|"
    r"bureau|service|reports?|reporters)\b",
    re.IGNORECASE,
)
_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")
# Where a headline's main title ends and its subtitle starts: a colon, a spaced dash or a bar.
_SUBTITLE = re.compile(r"\s*(?::\s|\s[-–—|]\s)")
SHORT_TITLE_WORDS = 4
_LEADING_ARTICLE = re.compile(r"^(?:a|an|the)\s+(?=\S)", re.IGNORECASE)
# Words a shortened title should not end on ("Strike Heads into" -> "Strike Heads").
_DANGLING = frozenset({
    "a", "an", "and", "as", "at", "but", "by", "for", "from", "in", "into", "nor", "of", "on",
    "or", "over", "the", "to", "with", "after", "before", "amid", "than", "that", "which", "who",
    "while", "if", "when", "says", "said", "is", "are", "was", "were", "be", "been", "has",
    "have", "had", "will", "would", "can", "could", "should", "may", "might", "must", "not",
})


def date_parts(value: str | None) -> list[int] | None:
    """``"2019-10-21"`` -> ``[2019, 10, 21]``; ``"2019"`` -> ``[2019]``; junk or None -> None."""
    if not value:
        return None
    match = _DATE.match(str(value).strip())
    if not match:
        return None
    parts = [int(part) for part in match.groups() if part is not None]
    if len(parts) > 1 and not 1 <= parts[1] <= 12:
        return parts[:1]
    if len(parts) > 2 and not 1 <= parts[2] <= 31:
        return parts[:2]
    return parts


def title_short(title: str | None) -> str:
    """The short title in-text citations use when a work is cited by its title.

    The main title (the headline before a colon, a spaced dash or a bar), and if that is longer
    than four words its first four (up to a comma), without an initial article and without a
    dangling preposition, conjunction or verb at the end: "Chicago Teachers Strike Heads into Fourth
    Day as Mayor Says …" -> "Chicago Teachers Strike Heads". This follows CMOS 18 (a short title
    of the main title's key words, no more than four, initial article dropped), MLA 9 (the
    title's opening words, starting with the word it is alphabetised by) and APA 7 (the first
    few words of a long title). "" when the title is empty.
    """
    title = " ".join((title or "").split())
    if not title:
        return ""
    main = _SUBTITLE.split(title, maxsplit=1)[0].strip() or title
    words = main.split(" ")
    if len(words) <= SHORT_TITLE_WORDS:
        return main
    words = []
    for word in _LEADING_ARTICLE.sub("", main).split(" ")[:SHORT_TITLE_WORDS]:
        words.append(word)
        if word.endswith((",", ";")):  # a clause ends: "Budget vote delayed, council says"
            break
    while len(words) > 1 and words[-1].lower().strip(",;.") in _DANGLING:
        words.pop()
    return " ".join(words).rstrip(",;:")


def split_name(name: str) -> dict[str, str]:
    """Split a person's name as written into CSL name parts.

    "Miguel del Valle" -> given "Miguel", non-dropping-particle "del", family "Valle";
    "Martin Luther King Jr." keeps "Jr." as suffix; a single name is a family name alone.
    An inverted "Family, Given" (one comma) is honoured.
    """
    name = " ".join(name.split())
    if name.count(",") == 1:
        family, given = (part.strip() for part in name.split(","))
        if given.lower() in NAME_SUFFIXES:
            name, suffix = family, given
            parts = split_name(name)
            return {**parts, "suffix": suffix}
        return {"family": family, "given": given} if given else {"family": family}
    tokens = name.split(" ")
    suffix = ""
    if len(tokens) > 1 and tokens[-1].lower() in NAME_SUFFIXES:
        suffix = tokens.pop()
    if len(tokens) == 1:
        parts = {"family": tokens[0]}
    else:
        start = len(tokens) - 1
        while start > 1 and tokens[start - 1] in PARTICLES:
            start -= 1
        parts = {"given": " ".join(tokens[:start]), "family": tokens[-1]}
        if start < len(tokens) - 1:
            parts["non-dropping-particle"] = " ".join(tokens[start:-1])
    if suffix:
        parts["suffix"] = suffix
    return parts


def surname(name: str) -> str:
    """The family name with its particles, as APA's parenthetical citations print it."""
    parts = split_name(name)
    return " ".join(p for p in (parts.get("non-dropping-particle"), parts["family"]) if p)


# A byline's end that is not a name: "ROBERT FRANK. ROBERT FRANK is CNBC's wealth editor".
_BYLINE_SENTENCE = re.compile(r"\b([^\W\d_]{2,})\.\s+(?=\S)")
_ABBREVIATIONS = frozenset({"jr", "sr", "st", "dr", "mr", "mrs", "ms", "rev"})
# A credit after the names: ",Oleg Matsnev and Zachary Wichter contributed research."
_CREDIT = re.compile(r"(?:^|[,;])[^,;]*\bcontribut(?:ed|ing)\b.*$", re.IGNORECASE)
# Where a byline lists names: commas outside parentheses, semicolons, "and", "&".
_BYLINE_SPLIT = re.compile(r",(?![^()]*\))|;|\s+(?:and|&)\s+", re.IGNORECASE)
# Pieces that are about the writers, not writers: handles, mail, "Special for …", places.
_NOT_A_NAME = re.compile(
    r"^@|@\w+\.\w|\b(?:e-?mail|twitter|special for|reporting|research)\b|\(",
    re.IGNORECASE,
)


_ACRONYM = re.compile(r"^[A-Z]{2,5}$")  # an agency's byline: AP, AFP, UPI


def _outlet_key(text: str) -> str:
    return re.sub(r"^the\s+|\W+", "", text.casefold())


def _as_written(name: str) -> str:
    """An all-capitals name in ordinary case ("RICHARD A. OPPEL JR." -> "Richard A. Oppel Jr.");
    a name in mixed case is left as written (McDonald, DePillis)."""
    if any(c.islower() for c in name) or not any(c.isupper() for c in name) or " " not in name:
        return name  # mixed case, or one word in capitals: an acronym (AP, UPI)
    return " ".join(word.title() if len(word) > 1 else word for word in name.split())


def _names_part(text: str) -> str:
    """The byline up to where its names end: before a credit or a sentence about them."""
    text = _CREDIT.sub("", text)
    for match in _BYLINE_SENTENCE.finditer(text):
        if match.group(1).lower() not in _ABBREVIATIONS:
            return text[: match.start(1) + len(match.group(1))]
    return text


def _pieces(text: str) -> list[str]:
    """The listed parts of a byline, a suffix ("Jr.") kept with the name before it."""
    pieces: list[str] = []
    for piece in _BYLINE_SPLIT.split(text):
        piece = piece.strip(" ,")
        if pieces and piece.lower().rstrip(".") in NAME_SUFFIXES:
            pieces[-1] = f"{pieces[-1]} {piece}"
        elif piece:
            pieces.append(piece)
    return pieces


def byline_names(author: str | None, outlet: str | None = None) -> list[dict[str, str]]:
    """CSL names from a byline: "By Jane Doe and John Roe" -> two names; "AP staff" -> literal.

    What a byline carries besides names is left out, so no style prints it as a name: the
    outlet and other affiliations ("Heidi M. Przybyla, USA TODAY", "Joe Gerth, The (Louisville,
    Ky.) Courier-Journal"), handles, credits ("Oleg Matsnev contributed research") and a
    sentence about the writer after the names. All-capitals names are written in ordinary case.
    """
    if not author or not author.strip():
        return []
    text = re.sub(r"^\s*by\s+", "", " ".join(author.split()), flags=re.IGNORECASE)
    pieces = _pieces(_names_part(text))
    outlet_key = _outlet_key(outlet or "")
    names = [
        p for p in pieces
        if not _NOT_A_NAME.search(p)
        and not (outlet_key and outlet_key in _outlet_key(p))
        and not p.lower().startswith("the ")
    ]
    people = [p for p in names if not _ORGANISATION_WORDS.search(p) and not _ACRONYM.match(p)]
    if not names and outlet_key and all(_outlet_key(p) == outlet_key for p in pieces):
        # the outlet's own name as byline ("Breitbart News" in Breitbart News) signs nothing:
        # cited as unsigned, not "Breitbart News, “Title,” Breitbart News" (CMOS 14.91)
        return []
    if not people:  # an organisation's byline ("CBS 2 Chicago Staff", "AP") as written
        literal = _as_written((names or pieces or [""])[0])
        return [{"literal": literal}] if literal else []
    if len(people) == len(pieces) == 2 and "," in text and _inverted(*people):
        return [split_name(f"{_as_written(people[0])}, {_as_written(people[1])}")]
    return [split_name(_as_written(p)) for p in people]


def _inverted(first: str, second: str) -> bool:
    """ "Doe, Jane": a family name alone before the comma, given names after it."""
    family = [w for w in first.split() if w not in PARTICLES]
    return len(family) == 1 and 1 <= len(second.split()) <= 2 and \
        second.lower().rstrip(".") not in NAME_SUFFIXES


def is_person(record: Record) -> bool:
    kind = (record.get("speaker_kind") or "person").lower()
    return kind == "person"


def to_csl_item(record: Record, *, accessed: dt.date | None = None) -> dict[str, Any]:
    """The CSL-JSON item (``article-newspaper``) for the article a quote record comes from.

    Args:
        record: a dict with the record contract's fields; unknown keys are ignored.
        accessed: the access date for ``accessed`` (only set when the record has a URL).

    The quote, its speaker and role go under ``custom`` (CSL-JSON's place for data it has no
    variable for) and, for tools that ignore ``custom`` such as Zotero, into ``note``.
    """
    item: dict[str, Any] = {"id": str(record.get("id") or ""), "type": "article-newspaper"}
    if record.get("title"):
        item["title"] = str(record["title"])
        short = title_short(item["title"])
        if short and short != " ".join(item["title"].split()):
            item["title-short"] = short
    if record.get("source"):
        item["container-title"] = str(record["source"])
    names = byline_names(record.get("author"), record.get("source"))
    if names:
        item["author"] = names
    issued = date_parts(record.get("published"))
    if issued:
        item["issued"] = {"date-parts": [issued]}
    if record.get("url"):
        item["URL"] = str(record["url"])
        if accessed:
            item["accessed"] = {"date-parts": [[accessed.year, accessed.month, accessed.day]]}
    custom = {
        key: record[key]
        for key in ("text", "speaker", "role", "kind", "date", "speaker_id", "article")
        if record.get(key) not in (None, "", [])
    }
    if custom:
        item["custom"] = {("quote" if k == "text" else k): v for k, v in custom.items()}
    note = quote_note(record)
    if note:
        item["note"] = note
    return item


def quote_note(record: Record) -> str:
    """One line naming who said what: ``Lori Lightfoot (Mayor): “…”``; empty without a quote."""
    text = (record.get("text") or "").strip()
    if not text:
        return ""
    who = speaker_label(record)
    quoted = text if record.get("kind") == "indirect" else f"“{text}”"
    return f"{who}: {quoted}" if who else quoted


def speaker_label(record: Record) -> str:
    """``Lori Lightfoot (Mayor)``, or the name alone, or empty when nobody is named.

    The role is the speaker's normalised role, as the web pages show it ("Senator" for
    "Sen."; none for words that are no role, such as "PM" or "speaking to a veterans group"),
    since this line is read and pasted; ``custom.role`` and the CSV keep the role written.
    """
    speaker = (record.get("speaker") or "").strip()
    role = shown_role(record)
    if speaker and role:
        return f"{speaker} ({role})"
    return speaker


def shown_role(record: Record) -> str:
    """The role a reader is shown: :func:`onrecord.index.role_key`, the one rule for it."""
    return role_key(record)
