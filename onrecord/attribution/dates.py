"""Stage 5: the date a statement was made, from the words around its cue.

"said Monday afternoon", "on Tuesday", "Oct. 17" are resolved against the article date: a
weekday is the most recent such day on or before it; a month and day without a year takes the
article's year, or the year before when that would put it months after the article (a date a
few weeks ahead is an event, not the statement). Anything else falls back to the article
date.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

_WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
_MONTHS = {
    "jan": 1,
    "feb": 2,
    "mar": 3,
    "apr": 4,
    "may": 5,
    "jun": 6,
    "jul": 7,
    "aug": 8,
    "sep": 9,
    "oct": 10,
    "nov": 11,
    "dec": 12,
}
_WEEKDAY = re.compile(r"\b(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b")
_MONTH_DAY = re.compile(
    r"\b(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)[a-z]*\.?\s+(\d{1,2})\b(?!,?\s*\d{4})"
)
_RELATIVE = re.compile(r"\b(yesterday|today|tonight)\b", re.IGNORECASE)


def parse_iso(value: str | None) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


def statement_date(phrase: str, article_date: str | None) -> str | None:
    """Resolve the date words in ``phrase`` (the cue and its adjuncts) against ``article_date``.

    >>> statement_date("said Monday afternoon", "2019-10-21")
    '2019-10-21'
    >>> statement_date("on Thursday", "2019-10-21")
    '2019-10-17'
    """
    anchor = parse_iso(article_date)
    if anchor is None:
        return article_date
    match = _WEEKDAY.search(phrase)
    if match:
        target = _WEEKDAYS.index(match.group(1).lower())
        return (anchor - timedelta(days=(anchor.weekday() - target) % 7)).isoformat()
    match = _MONTH_DAY.search(phrase)
    if match:
        month = _MONTHS[match.group(1)[:3].lower()]
        day = int(match.group(2))
        try:
            found = date(anchor.year, month, day)
        except ValueError:
            return anchor.isoformat()
        if found > anchor + timedelta(days=60):
            try:
                found = date(anchor.year - 1, month, day)  # "Dec. 30" in early January
            except ValueError:
                return anchor.isoformat()
        elif found > anchor:
            return anchor.isoformat()  # "walk out October 22": an event ahead, not the statement
        return found.isoformat()
    match = _RELATIVE.search(phrase)
    if match and match.group(1).lower() == "yesterday":
        return (anchor - timedelta(days=1)).isoformat()
    return anchor.isoformat()
