"""The attribution rules added for the language of news, each on a sentence written here."""

from __future__ import annotations

import pytest

from onrecord.attribution import Registry, extract, mask, paragraphs, subject_before
from onrecord.attribution.mentions import tokenize
from onrecord.records import Article


def run(body: str, date: str | None = "2016-09-23") -> list:
    return extract(Article(id="t", body=body, date=date))


def only(body: str):
    quotes = run(body)
    assert len(quotes) == 1, [(q.text, q.speaker) for q in quotes]
    return quotes[0]


@pytest.mark.parametrize(
    ("sentence", "speaker", "role"),
    [
        (
            "Scott Pruitt, the attorney general of Oklahoma, one of the states suing, said so.",
            "Scott Pruitt",
            "the attorney general of Oklahoma",
        ),
        ("Apple's chief executive, Tim Cook, said so.", "Tim Cook", None),
        (
            "Rep. Jim Jordan (R-Ohio), an oversight panel member, said so.",
            "Jim Jordan",
            "an oversight panel member",
        ),
        ("Mr. Grassley and Mr. Leahy say so.", "Grassley", None),
        (
            "Donald Trump, her opponent, bemoaned the unrest and said so.",
            "Donald Trump",
            "her opponent",
        ),
    ],
)
def test_subject_phrases(sentence: str, speaker: str, role: str | None) -> None:
    masked = mask(sentence, [])
    masked = masked.replace("(R-Ohio)", " " * len("(R-Ohio)"))
    tokens = tokenize(masked, 0, len(masked))
    cue = max(i for i, t in enumerate(tokens) if t.lower in ("said", "say"))
    mention = subject_before(masked, tokens, cue)
    assert mention is not None
    assert mention.text == speaker
    if role is not None:
        assert mention.role == role


def test_attribution_in_the_middle_of_a_reported_statement() -> None:
    quote = only("The latest test, North Korea said, was its biggest yet.")
    assert quote.text == "The latest test was its biggest yet"
    assert quote.kind == "indirect"
    assert quote.speaker == "North Korea"


def test_participle_continues_the_speaker() -> None:
    quotes = run("Sen. Mary Smith visited the plant Monday, adding that it would pass easily.")
    assert [(q.text, q.speaker) for q in quotes] == [("it would pass easily", "Mary Smith")]


def test_second_attribution_ends_the_first_statement() -> None:
    quotes = run(
        "Donald Trump has vowed to bring back mining jobs, and Hillary Clinton is promising to "
        "help mining towns move on."
    )
    assert [q.speaker for q in quotes] == ["Donald Trump", "Hillary Clinton"]
    assert quotes[0].text == "to bring back mining jobs"


def test_attribution_in_the_next_sentence_after_a_question() -> None:
    quote = only("“Why would we give in now?” Barbara Trinh said.")
    assert quote.speaker == "Barbara Trinh"
    assert quote.text == "Why would we give in now?"


def test_quoted_title_before_a_clause_is_no_quote_of_the_speaker() -> None:
    quotes = run(
        "On the broadcast of “Fox News Sunday,” Gov. Mike Pence said the tweet was only meant "
        "“to mock” his rival."
    )
    assert len(quotes) == 1
    assert quotes[0].speaker == "Mike Pence"
    assert quotes[0].text.startswith("the tweet was only meant")
    assert quotes[0].kind == "direct"  # it holds a quotation


def test_negated_and_future_cues_are_not_statements() -> None:
    assert run("Clinton has not mentioned the pageant winner since the debate.") == []
    assert run("Trump will insist on being Trump, whatever happens at the debate.") == []


def test_capitalised_cue_words_inside_names_are_not_cues() -> None:
    quotes = run(
        "About 9.9 million single mothers live in the United States, according to "
        "federal statistics."
    )
    assert all(q.speaker != "United" for q in quotes)


def test_transcript_lines() -> None:
    body = (
        "Chris Wallace interviewed Gov. Mike Pence.\n\n"
        "WALLACE: Do you really see those two as equivalent?\n\n"
        "PENCE: Well, look, the truth is that the tweet was a joke."
    )
    quotes = run(body)
    assert [(q.speaker, q.text) for q in quotes] == [
        ("Chris Wallace", "Do you really see those two as equivalent?"),
        ("Mike Pence", "Well, look, the truth is that the tweet was a joke."),
    ]


def test_headline_speaker() -> None:
    quote = run("Sanders: Clinton needs to get away from personality stuff\n\nBody text.")[0]
    assert quote.speaker == "Sanders"
    assert quote.text == "Clinton needs to get away from personality stuff"


def test_navigation_lines_are_skipped() -> None:
    assert run("RELATED: Chicago Teachers Union calls attention to class size") == []


def test_places_are_not_pronoun_antecedents() -> None:
    body = (
        "Barack Obama spoke about the climate.\n\n"
        "Shifting monsoon patterns in South Asia could affect a billion people, Obama said.\n\n"
        "“It is a crisis,” he said."
    )
    direct = [q for q in run(body) if q.kind == "direct"]
    assert direct[0].speaker == "Barack Obama"


def test_gender_is_learned_from_the_article() -> None:
    body = (
        "Quinta Adebayo and Toma Ferreira met on Monday. Adebayo said she was pleased. "
        "Ferreira said he was not.\n\n“We will see,” she said."
    )
    direct = [q for q in run(body) if q.kind == "direct"]
    assert direct[0].speaker == "Quinta Adebayo"


def test_registry_acronyms_and_surnames() -> None:
    text = "The Chicago Teachers Union met Mayor Lori Lightfoot. CTU leaders and Lightfoot spoke."
    registry = Registry(text)
    names = {entity.name: entity for entity in registry.entities}
    assert names["Lori Lightfoot"].role == "Mayor"
    assert names["Lori Lightfoot"].gender == "f"
    assert names["Chicago Teachers Union"].kind == "organisation"
    assert len(list(paragraphs(text))) == 1


def test_markup_attributes_are_not_quotes() -> None:
    assert run('<tweet tweet-id="783499116076687360"><tweet/>.') == []


def test_confidence_is_lower_without_a_speaker() -> None:
    body = "The report was long.\n\n“Nobody knew what the numbers meant for the city budget.”"
    assert run(body)[0].confidence < 0.5
