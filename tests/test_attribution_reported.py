"""Reported statements (kind "indirect"): the frames of news text, each on a sentence written
here."""

from __future__ import annotations

import pytest

from onrecord.attribution import extract
from onrecord.records import Article


def run(body: str) -> list:
    return extract(Article(id="t", body=body, date="2016-03-10"))


def statements(body: str) -> list[tuple[str, str | None]]:
    return [(q.text, q.speaker) for q in run(body) if q.kind == "indirect"]


def statements_written(body: str) -> list[tuple[str, str | None]]:
    """As :func:`statements`, with the speaker as written where none is named: a poll figure
    ("22 percent said") names no one (round 9), but which phrase spoke is still checked."""
    return [
        (q.text, q.speaker if q.speaker is not None else q.speaker_as_written)
        for q in run(body)
        if q.kind == "indirect"
    ]


# --------------------------------------------------------------------------- plain subjects


@pytest.mark.parametrize(
    ("sentence", "speaker", "text"),
    [
        (
            "About 9 percent said they had no preference.",
            "About 9 percent",
            "they had no preference",
        ),
        (
            "Nearly half said they prefer someone with experience in politics.",
            "Nearly half",
            "they prefer someone with experience in politics",
        ),
        (
            "Each side said the other would be responsible for the shutdown.",
            "Each side",
            "the other would be responsible for the shutdown",
        ),
        (
            "But most of them said they had loved working for the company.",
            "most of them",
            "they had loved working for the company",
        ),
        (
            "By 58%-33%, those surveyed said the program should not be cut.",
            "those surveyed",
            "the program should not be cut",
        ),
        (
            "Several supporters of reform said it is more realistic to keep the system.",
            "Several supporters of reform",
            "it is more realistic to keep the system",
        ),
        (
            "The admiral's remarks had two goals, the newspaper said.",
            "newspaper",
            "The admiral's remarks had two goals",
        ),
        (
            "Sen. Tom Walsh on Thursday evening said the party was not in a crisis.",
            "Tom Walsh",
            "the party was not in a crisis",
        ),
    ],
)
def test_a_plain_noun_phrase_speaks(sentence: str, speaker: str, text: str) -> None:
    assert statements_written(sentence) == [(text, speaker)]


@pytest.mark.parametrize(
    "sentence",
    [
        # a cue word used as a noun has no plain subject
        "Trump won the primary in his home state, and Rubio left the race.",
        "Turnout in the state, which Trump won, fell by a third.",
        # a determiner or a verb before the cue is no subject
        "The alleged shooter is likely to appear in court on Wednesday.",
        "He declined to say whether the deal would survive the vote.",
    ],
)
def test_no_plain_subject(sentence: str) -> None:
    assert statements(sentence) == []


@pytest.mark.parametrize(
    ("body", "speaker"),
    [
        ("Romney's associates said he is not planning to offer an endorsement.", "Romney"),
        (
            "Tom Walsh spoke in Ohio on Monday. His remarks suggested that the plan was dead.",
            "Tom Walsh",
        ),
        ("RT and its defenders say the network is no more biased than any other.", "RT"),
        (
            "World leaders and diplomats almost universally said the test was a provocation.",
            "World leaders and diplomats",
        ),
    ],
)
def test_the_speaker_of_a_plain_noun_phrase(body: str, speaker: str) -> None:
    said = statements(body)
    assert len(said) == 1
    assert said[0][1] == speaker


def test_a_passive_participle_has_no_plain_subject() -> None:
    body = "It was a practice criticized by Miller and some civil rights advocates as unfair."
    assert statements(body) == []


# --------------------------------------------------------------------------- participles


def test_a_participle_after_a_quotation_attribution() -> None:
    body = (
        "“We feel great about every one of those states,” Rubio said, adding that he "
        "does not want to offer specific predictions."
    )
    assert statements(body) == [("he does not want to offer specific predictions", "Rubio")]


def test_a_participle_after_a_quotation_that_opens_a_quotation_stays_direct() -> None:
    body = "“We will win,” Graham said on MSNBC, adding, “This is the best thing we can do.”"
    assert statements(body) == []


def test_a_participle_after_a_reported_statement_keeps_its_speaker() -> None:
    body = (
        "Many liberal Democrats have also warned the Fed not to act this year, noting "
        "limited gains in take-home pay and continued risks from terrorism."
    )
    assert statements(body) == [
        ("the Fed not to act this year", "Democrats"),
        ("limited gains in take-home pay and continued risks from terrorism", "Democrats"),
    ]


def test_a_participle_after_a_sentence_led_by_a_role() -> None:
    body = (
        "A spokeswoman for Janney also declined to comment, saying that nobody involved "
        "remains at the firm today."
    )
    assert statements(body)[0][0] == "nobody involved remains at the firm today"


# --------------------------------------------------------------------------- according to


@pytest.mark.parametrize(
    ("body", "text", "speaker"),
    [
        (
            "But according to reports in the news media, he could not convince the family.",
            "he could not convince the family",
            None,
        ),
        (
            "Clinton is now well ahead of Trump 46 percent to 39 percent according to a CBS "
            "poll released Monday.",
            "Clinton is now well ahead of Trump 46 percent to 39 percent",
            "a CBS poll",
        ),
        (
            "The two are nearing an agreement on an endorsement, according to Democrats "
            "involved in the negotiations.",
            "The two are nearing an agreement on an endorsement",
            "Democrats involved in the negotiations",
        ),
        (
            "The group spent $3 million on ads in March, according to FEC filings.",
            "The group spent $3 million on ads in March",
            "FEC",
        ),
    ],
)
def test_according_to(body: str, text: str, speaker: str | None) -> None:
    assert statements(body) == [(text, speaker)]


@pytest.mark.parametrize(
    ("body", "text"),
    [
        (
            "Her husband was free and would soon be coming home, the president told her.",
            "Her husband was free and would soon be coming home",
        ),
        (
            "The pilot was kind and responsible, an airport official told The New York Times.",
            "The pilot was kind and responsible",
        ),
    ],
)
def test_a_trailing_attribution_with_an_object(body: str, text: str) -> None:
    assert [t for t, _ in statements(body)] == [text]


def test_an_opening_phrase_is_no_statement_of_the_speaker_after_it() -> None:
    body = "Kicking off the day in Salem, Trump accused Cruz, the senator, of being weak."
    assert [t for t, _ in statements(body)] != ["Kicking off the day in Salem"]


# --------------------------------------------------------------------------- questions


@pytest.mark.parametrize(
    ("body", "text", "speaker"),
    [
        (
            "Asked if her email practices were illegal, 46 percent of voters said yes.",
            "if her email practices were illegal",
            None,
        ),
        (
            "When asked why, Sembler replied in a text message: “Trump will be the nominee.”",
            "why",
            None,
        ),
        (
            "Asked by Stephanopoulos to respond to the criticism, Carson said, “What does "
            "it say about people who attack?”",
            "to respond to the criticism",
            "Stephanopoulos",
        ),
    ],
)
def test_a_question_before_the_answer(body: str, text: str, speaker: str | None) -> None:
    assert (text, speaker) in statements(body)


def test_the_question_after_asked_keeps_its_question_word() -> None:
    body = "Clinton caused a stir when an Iowa voter asked if she might appoint Obama."
    assert statements(body) == [("if she might appoint Obama", "an Iowa voter")]


def test_the_object_before_an_infinitive_is_part_of_the_statement() -> None:
    body = "Texas asked a federal judge to block the rules in time for this school year."
    assert statements(body) == [
        ("a federal judge to block the rules in time for this school year", "Texas")
    ]


# --------------------------------------------------------------------------- clause ends


def test_a_second_plain_subject_ends_the_first_statement() -> None:
    body = (
        "Among Trump voters, 74 percent said they are set on voting for him, while "
        "22 percent said they might change their mind."
    )
    assert statements_written(body) == [
        ("they are set on voting for him", "74 percent"),
        ("they might change their mind", "22 percent"),
    ]


def test_a_dash_and_a_second_speaker_end_the_first_statement() -> None:
    body = (
        "Ms. Clinton explained that Comey meant only her interviews with the FBI - but she "
        "also insisted that her other statements have been consistent."
    )
    assert [t for t, _ in statements(body)] == [
        "Comey meant only her interviews with the FBI",
        "her other statements have been consistent",
    ]


def test_a_relative_attribution_inside_a_statement() -> None:
    body = (
        "Mr. Siljander said he worked for a charity in Sudan that prosecutors said was "
        "suspected of funding terrorism."
    )
    assert ("was suspected of funding terrorism", "prosecutors") in statements(body)


def test_a_plea_is_no_statement() -> None:
    body = "Mr. Siljander pleaded guilty in 2010 to illegal lobbying for a charity in Sudan."
    assert statements(body) == []


def test_an_opening_adjunct_then_the_attribution_then_the_clause() -> None:
    body = "In the end, Mr. Rosenthal said, union voters almost always vote for Democrats."
    assert statements(body) == [
        ("In the end union voters almost always vote for Democrats", "Rosenthal")
    ]


def test_a_that_clause_after_the_cue_is_no_trailing_attribution() -> None:
    body = (
        "Days before its earnings report, the social media company said on Friday that it "
        "had suspended 125,000 accounts."
    )
    assert [t for t, _ in statements(body)] == ["it had suspended 125,000 accounts"]


def test_a_sentence_opening_quantifier_speaks() -> None:
    body = "Some said they have cringed as Trump likened the talks to real estate deals."
    assert [t for t, _ in statements(body)] == [
        "they have cringed as Trump likened the talks to real estate deals"
    ]


def test_an_object_pronoun_ends_a_plain_subject() -> None:
    body = "Cruz will rethink how he approaches his colleagues, a source close to him said."
    assert statements(body) == [
        ("Cruz will rethink how he approaches his colleagues", "a source close to him")
    ]


def test_an_adjunct_before_a_second_speaker_ends_the_first_statement() -> None:
    body = (
        "In September Ms. Clinton said the private account was a mistake, at the town hall "
        "this week she said she did not believe it."
    )
    assert [t for t, _ in statements(body)] == [
        "the private account was a mistake",
        "she did not believe it",
    ]


@pytest.mark.parametrize(
    ("body", "text", "speaker"),
    [
        (
            "At a town hall this month, Clinton was asked about securing the border.",
            "about securing the border",
            None,
        ),
        (
            "Huckabee was asked by a caller why young men are coming to the U.S. as refugees.",
            "why young men are coming to the U.S. as refugees",
            "a caller",
        ),
        (
            "When Mook was asked during a luncheon if Clinton would hold a press conference, "
            "he laughed.",
            "if Clinton would hold a press conference",
            None,
        ),
    ],
)
def test_a_passive_question(body: str, text: str, speaker: str | None) -> None:
    assert (text, speaker) in statements(body)


def test_a_trailing_told_with_an_object_and_a_time() -> None:
    body = "The union will likely sit out the election, Phil Smith told POLITICO this week."
    assert statements(body) == [("The union will likely sit out the election", "Phil Smith")]


@pytest.mark.parametrize(
    ("body", "text"),
    [
        (
            "In April, Twitter reported disappointingly flat user growth and lower revenue.",
            "disappointingly flat user growth and lower revenue",
        ),
        (
            "Trump reports investments in Ford Motor Credit Co. worth up to $1 million.",
            "investments in Ford Motor Credit Co. worth up to $1 million",
        ),
    ],
)
def test_reported_with_an_object(body: str, text: str) -> None:
    assert [t for t, _ in statements(body)] == [text]


@pytest.mark.parametrize(
    "body",
    [
        "Boyle reported from every debate this cycle and from Iowa and New Hampshire.",
        "The jobs report gives Democrats a lift before the election in November.",
    ],
)
def test_report_without_what_was_reported(body: str) -> None:
    assert statements(body) == []


@pytest.mark.parametrize(
    ("body", "text"),
    [
        ("In a fiery speech, Sen. Bernie Sanders called him divisive.", "him divisive"),
        ("Advocates in the transgender community called for his dismissal.", "his dismissal"),
    ],
)
def test_two_words_after_a_cue_that_takes_an_object(body: str, text: str) -> None:
    assert [t for t, _ in statements(body)] == [text]


@pytest.mark.parametrize(
    "body",
    [
        "Trump said Tuesday.",
        "The Tulsa protest remained peaceful on Monday night.",
    ],
)
def test_two_words_are_too_few(body: str) -> None:
    assert statements(body) == []


# --------------------------------------------------------------------------- noun frames


@pytest.mark.parametrize(
    ("body", "text", "speaker"),
    [
        (
            "She contrasted her respect for the Second Amendment with Mr. Obama's calls for "
            "tighter gun control.",
            "for tighter gun control",
            "Obama",
        ),
        (
            "Sanders dismissed Clinton's claim that he had never supported the bill.",
            "he had never supported the bill",
            "Clinton",
        ),
        (
            "Despite Mr. Trump's claims that his net worth exceeds $10 billion, few believe it.",
            "his net worth exceeds $10 billion",
            "Trump",
        ),
    ],
)
def test_a_statement_noun_with_its_owner(body: str, text: str, speaker: str) -> None:
    assert (text, speaker) in statements(body)


def test_a_statement_noun_before_a_quotation_is_left_to_the_quote() -> None:
    body = "Critics seized on her remark that “we are going to put coal miners out of work.”"
    assert statements(body) == []


@pytest.mark.parametrize(
    ("body", "text"),
    [
        (
            "Clinton says the emails were personal, but for Republicans, it is a smoking gun.",
            "the emails were personal",
        ),
        (
            "Ayotte says she is going to vote for Trump but has withheld her endorsement.",
            "she is going to vote for Trump",
        ),
        (
            "Rubio said the real extremist on abortion is Clinton, and he railed against the "
            "moderators.",
            "the real extremist on abortion is Clinton",
        ),
        (
            "Forbes and Wealth-X say the United States has more billionaires; Wealth-X counts "
            "585 of them.",
            "the United States has more billionaires",
        ),
        (
            "Most voters said the economy is improving, compared with 40 percent last year.",
            "the economy is improving",
        ),
    ],
)
def test_where_a_reported_clause_ends(body: str, text: str) -> None:
    assert [t for t, _ in statements(body)][:1] == [text]


def test_the_clause_resumes_after_a_short_opening() -> None:
    body = "It is his job, he said, to talk to Congress and the public about the threat."
    assert [t for t, _ in statements(body)] == [
        "It is his job to talk to Congress and the public about the threat"
    ]


# --------------------------------------------------------------------------- subjects apart


def test_a_dash_parenthetical_between_the_subject_and_the_cue() -> None:
    body = (
        "Donald Trump - who previously said he would bomb the oil fields - said at a rally "
        "in Texas that the United States should close its borders."
    )
    # the relative after the dash speaks for the name before it, as after a comma
    assert statements(body) == [
        ("he would bomb the oil fields", "Donald Trump"),
        ("the United States should close its borders", "Donald Trump"),
    ]


def test_a_stray_comma_after_a_parenthetical() -> None:
    body = "Sen. Jack Reed (D-R.I.), said after a lunch on Tuesday that he had not read the plan."
    assert statements(body) == [("he had not read the plan", "Jack Reed")]


@pytest.mark.parametrize(
    ("body", "speaker"),
    [
        ("Six in 10 say he is at least somewhat decisive.", "Six in 10"),
        ("Ford itself said the deal with Mexico was on.", "Ford"),
    ],
)
def test_more_plain_subjects(body: str, speaker: str) -> None:
    assert [s for _, s in statements_written(body)] == [speaker]


def test_a_relative_statement_before_the_main_one() -> None:
    body = "Barkley, who said he typically votes Democratic, said he likes Governor Kasich."
    assert statements(body) == [
        ("he typically votes Democratic", "Barkley"),
        ("he likes Governor Kasich", "Barkley"),
    ]


@pytest.mark.parametrize(
    ("body", "texts"),
    [
        (
            "He claimed vast wealth and said it kept him free of special interests.",
            ["vast wealth", "it kept him free of special interests"],
        ),
        (
            "The senator criticized the bill and added that it would cost jobs in Ohio.",
            ["the bill", "it would cost jobs in Ohio"],
        ),
    ],
)
def test_a_second_verb_ends_the_object(body: str, texts: list[str]) -> None:
    assert [t for t, _ in statements(body)] == texts


@pytest.mark.parametrize(
    "body",
    [
        "When the polls in the state closed at 8 p.m. on Tuesday, Clinton said.",
        "In a long interview on Fox News, Trump said: the plan is dead.",
    ],
)
def test_an_opening_clause_is_no_statement(body: str) -> None:
    assert [t for t, _ in statements(body)] in ([], ["the plan is dead"])


@pytest.mark.parametrize(
    ("body", "speaker"),
    [
        (
            "Half wanted an outsider, compared with four in 10 who said they preferred "
            "someone with experience.",
            "four in 10",
        ),
        (
            "Trump greeted a number of attendees who said they supported him.",
            "a number of attendees",
        ),
    ],
)
def test_a_relative_who_speaks_for_the_phrase_before_it(body: str, speaker: str) -> None:
    assert [s for _, s in statements_written(body)] == [speaker]


@pytest.mark.parametrize(
    ("body", "text", "speaker"),
    [
        (
            "The trouble began when Mr. Christie questioned his depth and experience.",
            "his depth and experience",
            "Christie",
        ),
        (
            "Judicial Watch has questioned whether the server broke laws on public records.",
            "whether the server broke laws on public records",
            "Judicial Watch",
        ),
        (
            "Sanders often questions Clinton’s ties to super PACs and has called for reform.",
            "Clinton’s ties to super PACs",
            "Sanders",
        ),
    ],
)
def test_questioned(body: str, text: str, speaker: str) -> None:
    assert statements(body) == [(text, speaker)]


def test_questions_as_a_noun() -> None:
    assert statements("The remarks raised questions about how the plan would work.") == []


@pytest.mark.parametrize(
    ("body", "text", "speaker"),
    [
        (
            "Even after the complaint was filed, Lewandowski continued to say he had never "
            "touched her.",
            "he had never touched her",
            "Lewandowski",
        ),
        (
            "Inside the hotel, Trump on Tuesday dismissed Gov. Scott Walker as an ineffective "
            "leader.",
            "Gov. Scott Walker as an ineffective leader",
            "Trump",
        ),
        (
            "Hillary Clinton is continuing to insist she will release the transcripts later.",
            "she will release the transcripts later",
            "Hillary Clinton",
        ),
    ],
)
def test_verbs_around_the_cue(body: str, text: str, speaker: str) -> None:
    assert statements(body) == [(text, speaker)]


def test_an_opening_preposition_is_no_subordinate_clause() -> None:
    body = (
        "After some challenges, the reclamation work has been meeting the standards, one "
        "state official said."
    )
    assert statements(body) == [
        (
            "After some challenges, the reclamation work has been meeting the standards",
            "one state official",
        )
    ]


def test_called_a_day_for() -> None:
    body = "Roy Cooper called Friday for releasing the police videos from the shooting."
    assert statements(body) == [("releasing the police videos from the shooting", "Roy Cooper")]


def test_a_paragraph_after_a_colon_lead_in() -> None:
    body = (
        "Governor Pat McCrory spoke on the radio.\n\nMcCrory added:\n\nIt is typical of her. "
        "She knows nothing about what happened here.\n\nThe host moved on."
    )
    assert statements(body) == [
        ("It is typical of her. She knows nothing about what happened here", "Pat McCrory")
    ]


def test_a_question_word_alone_is_no_question() -> None:
    assert statements("Asked whether, he laughed.") == []


# --------------------------------------------------------------------------- round 5


def test_a_trailing_attribution_after_an_opening_subordinate_clause() -> None:
    body = "If the states fail to protect students, the department can step in, Wilcox said."
    assert statements(body) == [
        ("If the states fail to protect students, the department can step in", "Wilcox")
    ]


def test_an_opening_subordinate_clause_before_a_leading_cue_is_no_statement() -> None:
    body = "Though he was never a voice on trade, Sanders promised to fight for the workers."
    assert statements(body) == [("to fight for the workers", "Sanders")]


def test_but_before_a_second_cue_keeps_the_speaker() -> None:
    body = (
        "Clinton has disputed both critiques, but says that she would now make a different "
        "decision."
    )
    assert statements(body) == [
        ("both critiques", "Clinton"),
        ("she would now make a different decision", "Clinton"),
    ]


def test_the_sentence_subject_speaks_after_then() -> None:
    body = "Tom Walsh offered the man a job in his office, then says he would welcome advice."
    assert statements(body) == [("he would welcome advice", "Tom Walsh")]


def test_put_it_with_a_place_is_no_statement() -> None:
    body = "The mayor was doing everyone a favor by putting it to rest at last."
    assert statements(body) == []


def test_a_statement_after_the_end_of_another() -> None:
    body = (
        "Most voters say they have a favorable view of Clinton, compared with 44 percent "
        "who say the same of Sanders."
    )
    assert statements_written(body) == [
        ("they have a favorable view of Clinton", "Most voters"),
        ("the same of Sanders", "44 percent"),
    ]


def test_with_a_phrase_saying() -> None:
    body = "Graham comes in second, with 22 percent saying they would never support him."
    assert statements_written(body) == [("they would never support him", "22 percent")]


@pytest.mark.parametrize(
    "body",
    [
        "Even with all precincts reporting, the race remained too close to call.",
        "The party replaced it with softer language calling for more assistance.",
    ],
)
def test_with_a_phrase_and_another_participle_speaks_for_nobody(body: str) -> None:
    assert all(speaker is None for _, speaker in statements(body))


def test_a_trailing_attribution_after_another_statement_ends() -> None:
    body = "Trump said the plan was dead; the deal is still alive, his aides said."
    assert statements(body) == [
        ("the plan was dead", "Trump"),
        ("the deal is still alive", "his aides"),
    ]


@pytest.mark.parametrize(
    ("body", "text", "speaker"),
    [
        (
            "The professor was flying to Cairo for a conference, the Guardian reported.",
            "The professor was flying to Cairo for a conference",
            "Guardian",
        ),
        (
            "The deficits will grow again this year, the nonpartisan Congressional Budget "
            "Office said on Tuesday.",
            "The deficits will grow again this year",
            "Congressional Budget Office",
        ),
        (
            "The plan will cost more than the state can pay, Walsh added.",
            "The plan will cost more than the state can pay",
            "Walsh",
        ),
    ],
)
def test_a_trailing_name_after_an_article_or_a_bare_cue(body: str, text: str, speaker: str) -> None:
    assert statements(body) == [(text, speaker)]


def test_a_bare_verb_that_needs_a_clause_is_no_trailing_cue() -> None:
    assert statements("But even after the growth cooled, the borrowing continued.") == []


@pytest.mark.parametrize(
    ("body", "text"),
    [
        ("Clinton thanked Nevadans for their support.", "Nevadans for their support"),
        (
            "Obama hailed the nomination of the first Muslim judge.",
            "the nomination of the first Muslim judge",
        ),
        (
            "Tom Walsh speculated that the men could be part of the group.",
            "the men could be part of the group",
        ),
    ],
)
def test_thank_hail_speculate(body: str, text: str) -> None:
    assert [t for t, _ in statements(body)] == [text]


@pytest.mark.parametrize(
    "body",
    [
        "The state did well thanks to surging energy prices.",
        "As the crowd waited for her in the ballroom, Clinton took to Twitter to say thanks.",
    ],
)
def test_thanks_as_a_noun(body: str) -> None:
    assert statements(body) == []


def test_a_question_after_the_answer_frame() -> None:
    body = "“You bet I would,” Christie said when asked whether he would close the border."
    assert statements(body) == [("whether he would close the border", None)]


@pytest.mark.parametrize(
    ("body", "text"),
    [
        ("The fund has grown since Walsh announced his candidacy in June 2015.", "his candidacy"),
        ("Walsh denied the charges through his lawyer.", "the charges"),
        ("Walsh praised the new governor in an interview on Sunday.", "the new governor"),
        ("Walsh claimed the victory and was sworn in on Monday.", "the victory"),
        (
            "Walsh criticized the governor's email use, which the audit found careless.",
            "the governor's email use",
        ),
    ],
)
def test_an_object_ends_before_its_adjuncts(body: str, text: str) -> None:
    assert [t for t, _ in statements(body)] == [text]


@pytest.mark.parametrize(
    ("body", "text"),
    [
        (
            "Steyer announced plans this week to give another $15 million to the group.",
            "plans this week to give another $15 million to the group",
        ),
        (
            "Kaine criticized fellow Democrats in 2011 for seeking a higher tax rate.",
            "fellow Democrats in 2011 for seeking a higher tax rate",
        ),
        (
            "Walsh confirmed that the meeting took place in June 2015.",
            "the meeting took place in June 2015",
        ),
    ],
)
def test_an_object_that_goes_on_keeps_its_words(body: str, text: str) -> None:
    assert [t for t, _ in statements(body)] == [text]


def test_that_as_a_determiner_before_an_object() -> None:
    body = "Justice Frank Nervo rejected that argument in a ruling released Thursday."
    assert [t for t, _ in statements(body)] == ["that argument"]


def test_a_clause_after_an_object_cue_ends_before_a_participle() -> None:
    body = (
        "Ryan acknowledged that the party may have to disavow Mr. Trump, employing an old "
        "maxim about judges."
    )
    assert [t for t, _ in statements(body)] == ["the party may have to disavow Mr. Trump"]


@pytest.mark.parametrize(
    ("body", "text", "speaker"),
    [
        (
            "In the 1980s, Andropov planted newspaper articles alleging that the United States "
            "had invented the virus.",
            "the United States had invented the virus",
            "Andropov",
        ),
        (
            "Noting that only one senator voted with Democrats, Tester added that the vote "
            "would fail.",
            "only one senator voted with Democrats",
            "Tester",
        ),
        (
            "Barclays ended its meeting on Friday by announcing it would buy more bonds.",
            "it would buy more bonds",
            "Barclays",
        ),
    ],
)
def test_a_participle_without_a_comma(body: str, text: str, speaker: str) -> None:
    said = statements(body)
    assert (text, speaker) in said


def test_a_relative_clause_closes_before_the_main_verb() -> None:
    body = (
        "Mr. Walsh, who said last week that the judge was biased against him, issued a "
        "statement Tuesday."
    )
    assert statements(body) == [("the judge was biased against him", "Walsh")]


@pytest.mark.parametrize(
    "body",
    [
        "From a microphone in the back of a truck, speakers took turns urging the crowd on.",
        "He is willing to face hostility, slurs, shouting or violence.",
        "The press is called on it, and it is then denounced by Trump for its bias.",
    ],
)
def test_no_speaker_far_from_the_cue(body: str) -> None:
    assert [t for t, _ in statements(body) if t.startswith(("From", "or", "by"))] == []


def test_an_opening_noun_phrase_speaks_on_after_but() -> None:
    body = (
        "The spokesman refused to answer questions on the deal but said there was no plan to "
        "sell the bank."
    )
    assert [t for t, _ in statements(body)] == ["there was no plan to sell the bank"]


def test_a_relative_cue_after_a_quotation_attribution() -> None:
    body = (
        "“We chase every absentee request,” said Borges, who predicted that a third of the "
        "vote will be cast early."
    )
    assert statements(body) == [("a third of the vote will be cast early", "Borges")]


def test_who_spoke_on_condition_of_anonymity_is_no_statement() -> None:
    body = "“It is over,” said the official, who spoke on the condition of anonymity."
    assert statements(body) == []


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (
            "Asked about the plan, 75 percent of Democrats said yes, but 55 percent of all "
            "voters say it will fail.",
            [("yes", "Democrats"), ("it will fail", "all voters")],
        ),
        ("Six in 10 back him now, after half said so in the earlier poll.", [("so", "half")]),
        ("Last month, 26 percent said the same.", [("the same", "26 percent")]),
    ],
)
def test_a_short_answer_is_a_statement(body: str, expected: list) -> None:
    assert [s for s in statements_written(body) if s[0] != "about the plan"] == expected


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (
            "Protest groups say the restrictions are less about safety than about visibility.",
            ("the restrictions are less about safety than about visibility", "Protest groups"),
        ),
        (
            "The two admit that, given the partisan divide, these goals will not be easy.",
            ("given the partisan divide, these goals will not be easy", "two"),
        ),
        (
            "She met with lawyers; one suggested she marry an American to solve the problem.",
            ("she marry an American to solve the problem", "one"),
        ),
    ],
)
def test_plain_subjects_with_nouns_and_numbers(body: str, expected: tuple) -> None:
    assert statements(body) == [expected]


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("Putin praised Trump at a news conference.", [("Trump", "Putin")]),
        (
            "Sanders claimed momentum and argued he is a stronger candidate than Clinton.",
            [("momentum", "Sanders"), ("he is a stronger candidate than Clinton", "Sanders")],
        ),
        ("The board met on Monday and Walsh praised it.", []),
    ],
)
def test_a_one_word_object(body: str, expected: list) -> None:
    assert statements(body) == expected


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (
            "The group quietly disbanded after the 2008 election, Politico reported in 2014.",
            [("The group quietly disbanded after the 2008 election", "Politico")],
        ),
        (
            "The plan includes a special force to assist the Kurds, Ash Carter told a Senate "
            "panel Wednesday.",
            [("The plan includes a special force to assist the Kurds", "Ash Carter")],
        ),
        (
            "The state was only doing what 40 states already do, Walsh told the court in his "
            "filing.",
            [("The state was only doing what 40 states already do", "Walsh")],
        ),
        (
            "Trump will give a speech on foreign policy this month, Manafort said, adding that "
            "he would hold similar events.",
            [
                ("Trump will give a speech on foreign policy this month", "Manafort"),
                ("he would hold similar events", "Manafort"),
            ],
        ),
        (
            "When McBride took the stage, she became the first transgender person to speak at "
            "a convention, Isaac Stanley-Becker reports.",
            [
                (
                    "When McBride took the stage, she became the first transgender person to "
                    "speak at a convention",
                    "Isaac Stanley-Becker",
                )
            ],
        ),
    ],
)
def test_more_trailing_attributions(body: str, expected: list) -> None:
    assert statements(body) == expected


def test_told_a_joke_is_no_trailing_attribution() -> None:
    body = "On Friday, the third day of his swing through the state, Johnson told a joke."
    assert statements(body) == []


def test_a_question_after_a_comma_and_when() -> None:
    body = "“It is about me,” she said, when asked whether she wanted Cruz to campaign for her."
    assert statements(body) == [("whether she wanted Cruz to campaign for her", None)]


def test_a_statement_in_an_opening_subordinate_clause_ends_before_the_main_clause() -> None:
    body = (
        "While Ramos said that journalists cannot have any political affiliation, he appears "
        "uneasy about it."
    )
    assert statements(body) == [("journalists cannot have any political affiliation", "Ramos")]


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (
            "Some say they hear echoes of a painful past in his comments.",
            [("they hear echoes of a painful past in his comments", None)],
        ),
        (
            "By 80%-10%, those surveyed say the country should move to clean energy by 2030.",
            [("the country should move to clean energy by 2030", "those surveyed")],
        ),
        (
            "Those over 60 say they feel that way by 2-1.",
            [("they feel that way by 2-1", "Those over 60")],
        ),
        (
            "While 86 percent liked Clinton, 43 said the same for Sanders.",
            [("the same for Sanders", "43")],
        ),
        (
            "The priority is whether she can play someone voters trust, people close to "
            "Clinton say.",
            [
                (
                    "The priority is whether she can play someone voters trust",
                    "people close to Clinton",
                )
            ],
        ),
        ("The funding fell to just 75,000 pledged for this year.", []),
    ],
)
def test_plural_subjects_of_a_bare_say(body: str, expected: list) -> None:
    assert statements(body) == expected


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (
            "Even the organizer of a pro-Trump rally said the rules made violence more likely.",
            [("the rules made violence more likely", "organizer of a pro-Trump rally")],
        ),
        (
            "Nearly nine out of 10 say they will need to learn new skills.",
            [("they will need to learn new skills", "Nearly nine out of 10")],
        ),
    ],
)
def test_a_noun_in_ly_and_a_count_out_of_ten(body: str, expected: list) -> None:
    assert statements(body) == expected


def test_a_dash_parenthetical_inside_a_clause_does_not_end_it() -> None:
    body = (
        "Sanders said closed primaries -- those open only to registered Democrats -- deny "
        "many independents the right to vote."
    )
    assert [t for t, _ in statements(body)] == [
        "closed primaries -- those open only to registered Democrats -- deny many "
        "independents the right to vote"
    ]
