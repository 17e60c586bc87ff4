"""End-to-end behaviour of ``onrecord.attribution.extract`` on short articles written here."""

from __future__ import annotations

import pytest

from onrecord.attribution import extract
from onrecord.attribution.joining import join_parts
from onrecord.records import Article, quote_id


def run(body: str, date: str | None = "2019-10-21", **meta: str) -> list:
    return extract(Article(id="a1", body=body, date=date, **meta))


def only(body: str, **kw):
    quotes = run(body, **kw)
    assert len(quotes) == 1, [q.text for q in quotes]
    return quotes[0]


@pytest.mark.parametrize(
    ("body", "text", "speaker"),
    [
        ('"We will win," Jane Doe said.', "We will win", "Jane Doe"),
        ("“We will win,” said Jane Doe.", "We will win", "Jane Doe"),
        ("Jane Doe said: “We will win.”", "We will win.", "Jane Doe"),
        ("Jane Doe has said, “We will win.”", "We will win.", "Jane Doe"),
        ("“We will win.” — Sen. Jane Doe", "We will win.", "Jane Doe"),
        ("«We will win», said Jane Doe.", "We will win", "Jane Doe"),
        ("''We will win,'' said Jane Doe.", "We will win", "Jane Doe"),
    ],
)
def test_direct_quote_marks_and_positions(body: str, text: str, speaker: str) -> None:
    quote = run(body)[0]
    assert quote.kind == "direct"
    assert quote.text == text
    assert quote.speaker == speaker
    assert body[quote.start : quote.end] == text


def test_record_fields_are_filled_from_the_article() -> None:
    body = "Mayor Lori Lightfoot spoke on Monday.\n\n“There is no more money,” Lightfoot said."
    quote = only(body, title="Strike", source="CBS 2", author="A. Writer", url="http://x")
    assert quote.id == quote_id("a1", quote.start, quote.end, quote.text)
    assert (quote.title, quote.source, quote.author, quote.url) == (
        "Strike",
        "CBS 2",
        "A. Writer",
        "http://x",
    )
    assert quote.published == "2019-10-21"
    assert quote.article == "a1"
    assert quote.speaker == "Lori Lightfoot"
    assert quote.speaker_as_written == "Lightfoot"
    assert quote.role == "Mayor"
    assert quote.cue == "said"
    assert quote.context == "“There is no more money,” Lightfoot said."
    assert quote.topics == []
    assert 0.5 < quote.confidence <= 1


def test_split_quote_is_one_record() -> None:
    body = (
        "“That’s not going to happen,” said teacher Alison Eichhorn. “We have gotten more deals.”"
    )
    quote = only(body)
    # the comma that closed the first sentence before "said" is not carried into the next one
    assert quote.text == "That’s not going to happen. We have gotten more deals."
    assert quote.speaker == "Alison Eichhorn"
    assert quote.role == "teacher"
    assert body[quote.start : quote.end].startswith("That’s")
    assert body[quote.start : quote.end].endswith("deals.")
    # every part keeps its own span of the article's characters
    assert [body[a:b] for a, b in quote.parts] == [
        "That’s not going to happen,",
        "We have gotten more deals.",
    ]


def test_split_quote_around_mid_sentence_attribution() -> None:
    body = "“First,” Jane Doe said, “second.”"
    quote = only(body)
    assert quote.text == "First, second."  # one sentence: joined as written
    assert [body[a:b] for a, b in quote.parts] == ["First,", "second."]


def test_one_piece_quote_has_one_part() -> None:
    body = "“We are ready,” said Jane Doe."
    quote = only(body)
    assert quote.parts == [[quote.start, quote.end]]
    assert body[quote.start : quote.end] == quote.text


def test_closing_mark_without_opening_mark() -> None:
    body = (
        "“We lost so much in the last strike,” said teacher Ann Bramlett. Sometimes you have to"
        " sacrifice, and the kids need this.”"
    )
    quote = only(body)
    assert quote.speaker == "Ann Bramlett"
    assert quote.text.endswith("Sometimes you have to sacrifice, and the kids need this.")


def test_multi_paragraph_quote_is_one_record() -> None:
    body = (
        "“We started early,” Jane Doe said. “We kept going.\n\n"
        "“And we finished the job.”\n\nThe meeting ended."
    )
    quote = only(body)
    assert quote.text == "We started early. We kept going. And we finished the job."
    assert len(quote.parts) == 3


def test_floating_quote_gets_the_previous_speaker() -> None:
    body = "“We will win,” said Jane Doe.\n\n“Nobody can stop us now, not even the weather.”"
    first, second = run(body)
    assert second.speaker == "Jane Doe"
    assert second.confidence < first.confidence


def test_floating_quote_needs_nothing_in_between() -> None:
    body = (
        "“We will win,” said Jane Doe.\n\nThe crowd cheered for an hour afterwards.\n\n"
        "“Nobody can stop us now, not even the weather.”"
    )
    quotes = run(body)
    last = quotes[-1]
    assert last.speaker is None
    assert last.confidence < 0.5


def test_scare_quotes_and_titles_get_no_speaker() -> None:
    body = (
        "Union members called Jesse Jackson “an honest broker” on Monday.\n\n"
        "The film “Selma” opened in theaters across the country."
    )
    for quote in run(body):
        assert quote.speaker is None or quote.kind == "direct" and "honest broker" in quote.text
    assert not any(q.text == "Selma" for q in run(body))


def test_repeated_statement_is_one_record() -> None:
    body = (
        "“There is no more money,” the mayor said Monday.\n\n"
        "Mayor Lori Lightfoot met the union.\n\n“There is no more money,” Lightfoot said."
    )
    quotes = [q for q in run(body) if q.kind == "direct"]
    assert len(quotes) == 1
    assert quotes[0].occurrences == 2


def test_verbatim_direct_text() -> None:
    body = "“Don’t  stop — ever,” said Jane Doe. “We’re ‘close.’”"
    quote = only(body)
    assert quote.text == "Don’t  stop — ever. We’re ‘close.’"
    assert [body[a:b] for a, b in quote.parts] == ["Don’t  stop — ever,", "We’re ‘close.’"]


@pytest.mark.parametrize(
    ("body", "text", "speaker"),
    [
        ("Jane Doe said that the plan would fail.", "the plan would fail", "Jane Doe"),
        ("Jane Doe said the plan would fail.", "the plan would fail", "Jane Doe"),
        ("The plan would fail, Jane Doe said.", "The plan would fail", "Jane Doe"),
        ("The plan would fail, said Jane Doe.", "The plan would fail", "Jane Doe"),
        ("According to Jane Doe, the plan would fail.", "the plan would fail", "Jane Doe"),
        ("Jane Doe told reporters the plan would fail.", "the plan would fail", "Jane Doe"),
        ("Jane Doe says the plan would fail.", "the plan would fail", "Jane Doe"),
        ("Jane Doe added that the plan would fail.", "the plan would fail", "Jane Doe"),
        ("The plan would fail, according to Jane Doe.", "The plan would fail", "Jane Doe"),
    ],
)
def test_reported_statements(body: str, text: str, speaker: str) -> None:
    quote = only(body)
    assert quote.kind == "indirect"
    assert quote.text == text
    assert quote.speaker == speaker


def test_called_on() -> None:
    quote = only("Mayor Lori Lightfoot called on the union to end the strike.")
    assert quote.text == "the union to end the strike"
    assert quote.cue == "called on"


def test_pronoun_resolves_to_same_gender_antecedent() -> None:
    body = (
        "Mayor Lori Lightfoot met Governor John Smith. She spoke first.\n\n"
        "Smith said he was hopeful.\n\n“We are close,” she said."
    )
    quotes = run(body)
    direct = [q for q in quotes if q.kind == "direct"][0]
    assert direct.speaker == "Lori Lightfoot"
    assert direct.speaker_as_written == "she"


def test_surname_nominal_typo_and_acronym_resolution() -> None:
    body = (
        "Board of Education President Miguel del Valle and Mayor Lori Lightfoot met the "
        "Chicago Teachers Union.\n\n"
        "“It was a good session,” Del Valle said.\n\n"
        "“We are far apart,” the mayor said.\n\n"
        "Lighftoot said the offer was final.\n\n"
        "“We want it in writing,” the union said.\n\n"
        "The CTU said it would strike."
    )
    quotes = run(body)
    speakers = [q.speaker for q in quotes]
    assert speakers == [
        "Miguel del Valle",
        "Lori Lightfoot",
        "Lori Lightfoot",
        "Chicago Teachers Union",
        "Chicago Teachers Union",
    ]
    assert quotes[0].role == "Board of Education President"
    assert quotes[3].speaker_kind == "organisation"


def test_role_from_appositive_is_carried_to_later_quotes() -> None:
    body = (
        "“We are ready,” said Carrene Beverly-Bass, a teacher and negotiator for the CTU.\n\n"
        "The talks went on.\n\n“We are still ready,” Beverly-Bass said."
    )
    first, second = run(body)
    assert first.speaker == second.speaker == "Carrene Beverly-Bass"
    assert second.role == "a teacher and negotiator for the CTU"


def test_group_speaker() -> None:
    quote = only("Union members say the city stonewalled for ten months.")
    assert quote.speaker_kind == "group"
    assert quote.speaker == "Union members"


def test_names_with_particles_and_suffixes() -> None:
    body = "“I have a dream,” said Martin Luther King Jr. to the crowd."
    assert run(body)[0].speaker == "Martin Luther King Jr."


def test_statement_date_from_weekday() -> None:
    quote = only("“We are close,” Jane Doe said Thursday.", date="2019-10-21")
    assert quote.date == "2019-10-17"
    assert quote.published == "2019-10-21"


def test_added_in_a_statement() -> None:
    quote = only("“We welcome his help,” Jesse Sharkey added in a statement.")
    assert quote.speaker == "Jesse Sharkey"
    assert quote.cue == "added"


def test_empty_body() -> None:
    assert run("") == []


@pytest.mark.parametrize("body", ["“,” said Maria Lopez.", "« , ” said", '"" said Jane Doe.'])
def test_empty_quotation_marks_give_no_record(body: str) -> None:
    assert run(body) == []


def test_split_quote_after_an_exclamation_keeps_it_alone() -> None:
    body = "“Happy Cinco de Mayo!,” he tweeted, said Jane Doe. “I love tacos!”"
    first, second = body.index("Happy"), body.index("I love")
    spans = [(first, body.index("”")), (second, body.rindex("”"))]
    assert join_parts(body, spans) == "Happy Cinco de Mayo! I love tacos!"
