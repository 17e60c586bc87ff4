"""Attribution: find quotes and reported statements in an article and who made them.

``extract(article) -> list[Quote]`` is the one entry point the rest of onrecord uses. It runs
small rule-based stages, each a module with one job and testable alone:

1. :mod:`.segment` cuts the body into paragraphs and sentences (offsets kept);
2. :mod:`.quotes` finds quotation spans by their marks and masks them out of the frame text;
3. :mod:`.cues` finds reporting verbs from the lexicon ``lexicons/reporting_verbs.en.txt``;
4. :mod:`.mentions` reads the speaker phrase next to a cue, and :mod:`.registry` resolves it
   (names, surnames, typos, acronyms, nominals like "the mayor", pronouns) within the article;
5. :mod:`.dates` resolves the statement date ("said Monday") against the article date;
6. :mod:`.frames` reads the attribution around a quotation or cue, :mod:`.reported` the clause
   a cue reports, and :mod:`.assemble` drives them over the article and builds the records.

No statistical model: the whole path is plain Python and fast enough to run at ingest time.
"""

from .assemble import extract
from .cues import Cue, find_cues
from .dates import statement_date
from .lexicons import load_lexicon
from .mentions import Mention, subject_after, subject_before
from .quotes import Quotation, find_quotations, mask
from .registry import Registry
from .segment import Span, paragraphs, sentences

__all__ = [
    "Cue",
    "Mention",
    "Quotation",
    "Registry",
    "Span",
    "extract",
    "find_cues",
    "find_quotations",
    "load_lexicon",
    "mask",
    "paragraphs",
    "sentences",
    "statement_date",
    "subject_after",
    "subject_before",
]
