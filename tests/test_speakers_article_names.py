"""Short speaker names resolved from the full names their article writes, descriptions given as
names, short organisation names (docs/speakers.md, "Matching rules", steps 3 and 3b)."""

from __future__ import annotations

from onrecord.records import Quote, quote_id
from onrecord.speakers import build_registry
from onrecord.speakers.article_names import name_candidates, short_name
from onrecord.speakers.names import given_compatible
from tests.speaker_fixtures import q


def _many(article: str, name: str, n: int, **kw) -> list[Quote]:
    return [q(article, f"Statement number {i} by {name} here.", name, **kw) for i in range(n)]


def _article(article: str, body: str, said: list[tuple[str, str, str]], **kw) -> list[Quote]:
    """Quotes of ``body`` (text, speaker, as written) at their offsets, with the names the
    per-article stage passes (``name_candidates``)."""
    quotes = []
    for text, speaker, written in said:
        start = body.index(text)
        quotes.append(Quote(
            id=quote_id(article, start, start + len(text), text), text=text, kind="direct",
            article=article, speaker=speaker, speaker_as_written=written,
            speaker_kind=kw.get("speaker_kind", "person"), start=start,
            end=start + len(text), date=kw.get("date"), published=kw.get("date"),
        ))
    name_candidates(body, quotes)
    return quotes


MCDONOUGH = (
    "White House chief of staff Denis McDonough met senators on Tuesday.\n\n"
    "\u201cWe will not wait for Congress,\u201d Mr. McDonough said.\n\n"
    "\u201cThe president has been clear,\u201d McDonough said."
)


def test_short_names_and_the_full_names_an_article_writes():
    assert short_name("Mr. McDonough") == "mcdonough"
    assert short_name("The Post") == "post"
    assert short_name("Denis McDonough") is None
    assert short_name("CTU") is None  # an acronym has its own rule
    said = [("We will not wait for Congress,", "McDonough", "Mr. McDonough")]
    quotes = _article("a1", MCDONOUGH, said)
    assert quotes[0].name_candidates == ["Denis McDonough"]


def test_names_inside_quotations_and_headlines_are_not_candidates():
    body = (
        "Trump Jr. Defends His Father At Rally\n\n"
        "Donald Trump Jr. spoke first. Later, Donald J. Trump took the stage.\n\n"
        "\u201cMy son Eric Trump agrees,\u201d Mr. Trump said.\n\n"
        "\u201cThe polls are wrong,\u201d Trump said."
    )
    said = [("My son Eric Trump agrees,", "Trump", "Mr. Trump"),
            ("The polls are wrong,", "Trump", "Trump")]
    quotes = _article("a1", body, said)
    # the latest full name written before the quote first; "Eric Trump" is inside a quotation
    assert quotes[0].name_candidates == ["Donald J. Trump", "Donald Trump Jr."]
    assert all("Eric" not in name for name in quotes[1].name_candidates)


def test_a_surname_joins_the_full_name_its_article_writes_but_never_quotes():
    # The archive quotes two McDonoughs equally: only the article can tell.
    said = [("We will not wait for Congress,", "McDonough", "Mr. McDonough"),
            ("The president has been clear,", "McDonough", "McDonough")]
    quotes = [
        *_many("a2", "Robert McDonough", 3, date="2016-03-01"),
        *_many("a3", "Denis McDonough", 3, date="2016-03-02"),
        *_article("a1", MCDONOUGH, said, date="2016-03-03"),
    ]
    _, out = build_registry(quotes)
    assert [quote.speaker for quote in out[6:]] == ["Denis McDonough", "Denis McDonough"]
    for quote in quotes[6:]:
        quote.name_candidates = []  # as before the per-article stage passed names
    _, out = build_registry(quotes)
    assert out[6].speaker != "Denis McDonough"


def test_a_son_quoted_beside_his_father_written_leaves_mr_trump_to_the_archive():
    # PolNeAR train nyt_2016-07-21: "Mr. Trump" in an article that quotes Donald Trump Jr.
    body = (
        "Donald J. Trump accepted the nomination. His son Donald Trump Jr. spoke on Tuesday.\n\n"
        "\u201cWe are going to win,\u201d Mr. Trump said."
    )
    quotes = [
        *_many("a2", "Donald J. Trump", 10, date="2016-07-01"),
        q("a1", "My father is a fighter.", "Donald Trump Jr.", date="2016-07-21"),
        *_article("a1", body, [("We are going to win,", "Trump", "Mr. Trump")],
                  date="2016-07-21"),
    ]
    _, out = build_registry(quotes)
    assert out[11].speaker == "Donald J. Trump"
    assert out[10].speaker == "Donald Trump Jr."


def test_mr_ban_is_the_family_name_first():
    body = (
        "Secretary General Ban Ki-moon spoke to the General Assembly.\n\n"
        "\u201cThe world is watching,\u201d Mr. Ban said."
    )
    quotes = _article("a1", body, [("The world is watching,", "Ban", "Mr. Ban")])
    _, out = build_registry(quotes)
    assert out[0].speaker == "Ban Ki-moon"


def test_a_first_name_is_not_a_middle_initial_but_a_second_given_name_may_be():
    assert not given_compatible(("ann",), ("james", "a"))
    assert given_compatible(("guajardo",), ("ildefonso", "guajardo"))
    quotes = [
        q("a1", "She has always been resilient.", "Ann Lewis", date="2016-06-08"),
        *_many("a2", "James A. Lewis", 3, date="2016-06-01"),
    ]
    _, out = build_registry(quotes)
    assert out[0].speaker == "Ann Lewis"


def test_a_definite_description_is_the_one_person_of_its_article_with_that_role():
    # As the annotators wrote PolNeAR dev breitbart_2016-10-03: "The Republican nominee".
    quotes = [
        q("a1", "We will make America great.", "Donald Trump",
          written="Republican presidential nominee Donald Trump", date="2016-09-01"),
        q("a2", "It was a rigged debate.", "Donald Trump", date="2016-10-03"),
        q("a2", "He is unfit.", "Hillary Clinton",
          written="Democratic nominee Hillary Clinton", date="2016-10-03"),
        q("a2", "I paid what the law requires.", "The Republican nominee", speaker_kind=None,
          date="2016-10-03"),
        q("a3", "Taxes are too high.", "The Republican nominee", speaker_kind=None,
          date="2016-10-04"),
    ]
    _, out = build_registry(quotes)
    assert out[3].speaker == "Donald Trump"
    assert out[4].speaker != "Donald Trump"  # nobody in its article has that role


def test_a_short_organisation_name_is_the_one_its_article_names():
    body = (
        "A report by The Washington Post found the charity gave little.\n\n"
        "\u201cThe foundation did not respond,\u201d the Post reported.\n\n"
        "The New York Times and the Tampa Bay Times disagreed.\n\n"
        "\u201cThe numbers are wrong,\u201d the Times said."
    )
    said = [("The foundation did not respond,", "Post", "the Post"),
            ("The numbers are wrong,", "Times", "the Times")]
    quotes = [
        q("a2", "The race is close.", "Washington Post", speaker_kind="organisation"),
        *_article("a1", body, said, speaker_kind="organisation"),
    ]
    _, out = build_registry(quotes)
    assert out[1].speaker_id == out[0].speaker_id
    assert out[2].speaker == "Times"  # two Timeses in the article: left as written


def test_a_given_name_alone_says_which_article_it_is_from():
    quotes = [
        q("a1", "So much of this information has been wrong.", "Bob",
          source="The Washington Post", date="2016-01-16"),
        q("a2", "I never said that.", "Bob", source="Politico", date="2016-02-01"),
    ]
    registry, out = build_registry(quotes)
    assert registry.speakers[out[0].speaker_id].name == "Bob (The Washington Post, 2016-01-16)"
    assert out[0].speaker_id != out[1].speaker_id
    # the records (exports, citations) name him as the article does
    assert out[0].speaker == out[1].speaker == "Bob"
