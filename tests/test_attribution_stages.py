"""Each attribution stage on its own: lexicons, segmentation, quotation marks, cues, dates."""

from __future__ import annotations

from importlib import resources

import pytest

from onrecord.attribution import (
    find_cues,
    find_quotations,
    load_lexicon,
    mask,
    paragraphs,
    sentences,
    statement_date,
)
from onrecord.attribution.cues import inflections
from onrecord.attribution.quotes import MASK

LEXICONS = [
    "reporting_verbs",
    "role_nouns",
    "group_nouns",
    "org_words",
    "male_names",
    "female_names",
]


@pytest.mark.parametrize("name", LEXICONS)
def test_lexicon_files_are_lowercase_sorted_unique(name: str) -> None:
    path = resources.files("onrecord.attribution") / "lexicons" / f"{name}.en.txt"
    entries = [
        line
        for line in path.read_text(encoding="utf-8").splitlines()
        if line and not line.startswith("#")
    ]
    assert entries == sorted(entries)
    assert len(entries) == len(set(entries))
    assert all(entry == entry.lower() == entry.strip() for entry in entries)


def test_reporting_verbs_cover_the_common_cues() -> None:
    verbs = load_lexicon("reporting_verbs")
    assert len(verbs) >= 100
    assert {"say", "tell", "add", "according to", "call on", "write"} <= verbs


def test_unknown_language_lists_the_available_ones() -> None:
    with pytest.raises(ValueError, match="available: \\['en'\\]"):
        load_lexicon("reporting_verbs", "xx")


def test_inflections() -> None:
    assert inflections("say") == ["say", "says", "said", "saying"]
    assert inflections("argue") == ["argue", "argues", "argued", "arguing"]
    assert inflections("deny") == ["deny", "denies", "denied", "denying"]
    assert inflections("call on") == ["call on", "calls on", "called on", "calling on"]


def test_find_cues_with_lemmas_and_offsets() -> None:
    text = "She said, according to aides, that he told them and called for calm."
    cues = list(find_cues(text))
    assert [(c.text, c.lemma) for c in cues] == [
        ("said", "say"),
        ("according to", "according to"),
        ("told", "tell"),
        ("called for", "call for"),
    ]
    assert all(text[c.start : c.end] == c.text for c in cues)


def test_paragraphs_and_sentences_keep_offsets() -> None:
    body = "  First one. Mr. Smith said so.\n\nSecond paragraph, U.S. style! Yes."
    paras = list(paragraphs(body))
    assert [body[p.start : p.end] for p in paras] == [
        "First one. Mr. Smith said so.",
        "Second paragraph, U.S. style! Yes.",
    ]
    sents = [body[s.start : s.end] for s in sentences(body, paras[0].start, paras[0].end)]
    assert sents == ["First one.", "Mr. Smith said so."]
    sents = [body[s.start : s.end] for s in sentences(body, paras[1].start, paras[1].end)]
    assert sents == ["Second paragraph, U.S. style!", "Yes."]


def quotes_of(body: str) -> list[str]:
    paras = list(paragraphs(body))
    return [body[q.content_start : q.content_end] for q in find_quotations(body, paras)]


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ('He said "yes" and "no".', ["yes", "no"]),
        ("He said “yes, the teachers’ strike” today.", ["yes, the teachers’ strike"]),
        ("They said ''it's over'' today.", ["it's over"]),
        ("Il a dit « oui ».", ["oui"]),
        ("“He called it ‘fake,’ ” she said.", ["He called it ‘fake,’"]),
        ("“Outer “inner” outer,” she said.", ["Outer “inner” outer,"]),
        ("said Ann. Sometimes you sacrifice.” Then more.", ["Sometimes you sacrifice."]),
        ("Don’t say the teachers’ union won’t win.", []),
        # marks turned the wrong way by an editor's autocorrect
        ("” … the train has left,” wrote Time.", ["… the train has left,"]),
        ("He says, ” there are a lot of people.”", ["there are a lot of people."]),
        ("“It's unusual,“ said Larry Noble.", ["It's unusual,"]),
    ],
)
def test_quotation_marks(body: str, expected: list[str]) -> None:
    assert quotes_of(body) == expected


def test_single_marks_in_headline_only() -> None:
    body = "Pence: Trump Was ‘Mocking’ Clinton\n\nThe ‘90s were different, he said."
    assert quotes_of(body) == ["Mocking"]


def test_quotation_over_paragraphs() -> None:
    body = "“One,” she said. “Two.\n\n“Three.”"
    paras = list(paragraphs(body))
    found = find_quotations(body, paras)
    assert [q.continued for q in found] == [False, True, False]


def test_mask_keeps_offsets() -> None:
    body = "A “b c” d"
    masked = mask(body, find_quotations(body, list(paragraphs(body))))
    assert len(masked) == len(body)
    assert masked == "A " + MASK * 5 + " d"


@pytest.mark.parametrize(
    ("phrase", "article_date", "expected"),
    [
        ("said Monday afternoon", "2019-10-21", "2019-10-21"),
        ("said on Thursday", "2019-10-21", "2019-10-17"),
        ("told reporters Oct. 17", "2019-10-21", "2019-10-17"),
        ("said Dec. 30", "2020-01-02", "2019-12-30"),
        ("said yesterday", "2019-10-21", "2019-10-20"),
        ("said in a statement", "2019-10-21", "2019-10-21"),
        ("said Monday", None, None),
    ],
)
def test_statement_date(phrase: str, article_date: str | None, expected: str | None) -> None:
    assert statement_date(phrase, article_date) == expected


def test_an_unclosed_mark_before_punctuation_alone_is_no_quotation() -> None:
    # found by the property test: "« ," at a paragraph's end ran on into the next paragraph's
    # quotation, and its lone comma became a part of that record
    body = "“Maria Lopez” said Maria Lopez. « ,\n\n“Maria Lopez” said Maria Lopez. "
    quotations = find_quotations(body, paragraphs(body))
    assert [body[q.content_start:q.content_end] for q in quotations] == ["Maria Lopez"] * 2
    assert not any(q.continued for q in quotations)
