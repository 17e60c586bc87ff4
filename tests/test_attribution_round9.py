"""Round 9: defects a reviewer found with all of PolNeAR train+dev in one archive."""

from __future__ import annotations

from onrecord.attribution import extract
from onrecord.records import Article


def run(body: str, title: str | None = None) -> list:
    return extract(Article(id="r9", body=body, date="2016-07-02", title=title))


def test_a_bare_poll_figure_is_no_speaker() -> None:
    # a share of respondents says something, but "22 percent" names no one: taken as written
    # it made one archive speaker of every poll's 22 percent
    quotes = run(
        "A recent Bloomberg poll showed that only a bit more than half of Sanders supporters "
        "said they were planning to back Clinton. Some 22 percent said they would back Trump. "
        "Among Trump voters, 74 percent said they are set on voting for him, while 61 percent "
        "said they might change their mind."
    )
    by_text = {q.text: q for q in quotes}
    for text in ("they would back Trump", "they might change their mind"):
        assert text in by_text, list(by_text)
        assert by_text[text].speaker is None
    assert by_text["they were planning to back Clinton"].speaker == "Sanders supporters"


def test_a_headline_preposition_opens_no_name() -> None:
    # "Beneath Clinton's wins" in the headline made an entity "Beneath Clinton", which the
    # body's "Mrs. Clinton" and "she" then resolved to
    body = (
        "Beneath Clinton's wins, signs of trouble; \n"
        "Drop in primary turnout hints that she has yet to rally core voter groups.\n\n"
        "Mrs. Clinton has won most of the primaries so far. But turnout has fallen.\n\n"
        "The challenge for Mrs. Clinton is, in a sense, reversed from 2008, when she sought to "
        "counter Mr. Obama's appeal to young, liberal and African-American voters. This year, "
        "she has sought to portray herself as Mr. Obama's successor."
    )
    quotes = [q for q in run(body) if q.text.startswith(("Mr. Obama's appeal", "herself"))]
    assert len(quotes) == 2, [q.text for q in run(body)]
    assert {q.speaker for q in quotes} == {"Clinton"}


def test_a_role_is_not_cut_before_its_object() -> None:
    # the appositive stops at the quoted book title; "author of" alone is a broken role
    body = (
        "William A. Birdthistle, author of ''Empire of the Fund,'' a lively new book critical "
        "of our flawed system of saving, first pointed out Mr. Rubio's interest to me. He "
        "wondered, as I do, why the senator didn't have much to say about it."
    )
    quotes = [q for q in run(body) if q.speaker == "William A. Birdthistle"]
    assert quotes, [(q.text, q.speaker) for q in run(body)]
    for q in quotes:
        assert q.role is None or not q.role.rstrip().endswith((" of", " at", " for")), q.role


def test_no_speaker_across_a_semicolon_of_the_headline() -> None:
    # PolNeAR bodies open with the headline; the comma chain before "vows" went back past
    # the semicolons to "Clinton", the subject of another clause
    body = (
        "Clinton takes Pa., Md. and Del.; most delegates locked up; Sanders wins R.I., vows to "
        "press on to next primary.\n\n"
        "Hillary Clinton was declared the winner in the Pennsylvania, Maryland and Delaware "
        "primaries early Tuesday night."
    )
    for q in run(body):
        if q.text.startswith("to press on"):
            assert q.speaker in (None, "Sanders", "Bernie Sanders"), q.speaker


def test_the_object_of_a_role_is_not_the_speaker() -> None:
    # "Fans of" was read as Bradley Cooper's role, and Cooper as the speaker
    body = (
        "Bradley Cooper attended the Democratic convention on Thursday. Fans of Bradley "
        "Cooper said they were upset that he went."
    )
    quotes = [q for q in run(body) if q.text.startswith("they were upset")]
    assert len(quotes) == 1, [(q.text, q.speaker) for q in run(body)]
    assert quotes[0].speaker == "Fans of Bradley Cooper"


def test_a_name_after_of_takes_no_role_from_before_it() -> None:
    body = (
        "Fans of Bradley Cooper were upset on Thursday that the actor attended the Democratic "
        "convention. Cooper said he was proud to have gone."
    )
    quotes = [q for q in run(body) if q.text.startswith("he was proud")]
    assert len(quotes) == 1, [(q.text, q.speaker) for q in run(body)]
    assert quotes[0].speaker == "Bradley Cooper"
    assert quotes[0].role != "Fans of"
