"""The fast paths give exactly what the slow ones gave.

Markdown with no markup is read without rendering it (:mod:`onrecord.readers.paragraphs`);
these tests render the same text with Python-Markdown and reduce the HTML as the reader did
before, and require the same paragraphs, on generated text made of near-markup.
"""

from __future__ import annotations

import dataclasses
import json
import re
from dataclasses import asdict

import markdown
import pytest
import yaml
from hypothesis import example, given, settings
from hypothesis import strategies as st

from onrecord.index import record_json
from onrecord.ingest import record_view
from onrecord.readers import _lines_as_paragraphs, metadata, read_markdown
from onrecord.readers.decode import ReadError
from onrecord.readers.html import body_text, parse
from onrecord.readers.paragraphs import plain_paragraphs
from onrecord.records import Quote
from tests.helpers import SEED_ARCHIVE


def rendered(body: str) -> str:
    return body_text(parse(markdown.markdown(body, output_format="html")))


# Mostly prose, with every character and sequence that is (or is close to) Markdown syntax.
TOKENS = [
    "word", "Word", "said", " ", " ", " ", "  ", "\n", "\n", "\n\n", "\n \n", "\t", "\u00a0",
    "\u201c", "\u201d", '"', "'", ".", ",", "1", "12", "1.", "2)", "[", "]", "[sic]", "(",
    ")", ":", "!", "&", "&amp;", "&copy", "&#65", "AT&T", "&T;", ";", "#", "=", "-", "--",
    "+", "*", "_", "`", "\\", "<", ">", "<b>", "http://x.org", "a@b.org", "\u2028", "\x0c",
    "\x02", "    ", "===", "---",
]
texts = st.lists(st.sampled_from(TOKENS), max_size=40).map("".join)


@settings(max_examples=3000, deadline=None)
@given(texts)
@example("AT&T said [in 2012] it would.\n\nSecond  \nline\tand\u00a0more.\n")
@example("word\n   \nword")
@example("word\n\t\nword")
@example("\t\u00a0word\nword")
def test_plain_paragraphs_match_rendering(body: str) -> None:
    plain = plain_paragraphs(body)
    if plain is not None:
        assert plain == rendered(body)


def test_markup_is_left_to_the_renderer() -> None:
    for body in [
        "A *word*.", "A [link](http://x.org).", "[a]: http://x.org\n\n[a]", "# Head",
        "- item", "1. item", "Text\n===", "    code", "> quote", "x &amp; y", "x &#65; y",
        "a <b>b</b>", "A `code` span", "A\\*b", "Title\n---",
    ]:
        assert plain_paragraphs(body) is None, body


def test_news_paragraphs_take_the_fast_path() -> None:
    body = (
        "CHICAGO (AP) -- \u201cWe will not back down,\u201d said Ann Lee, the mayor.\n\n"
        "The vote [on the budget] is Tuesday; AT&T and R&D were not discussed.\n"
    )
    assert plain_paragraphs(body) == rendered(body)
    assert plain_paragraphs(body) is not None


def test_seed_articles_read_the_same_either_way() -> None:
    for path in sorted(SEED_ARCHIVE.rglob("*.md")):
        _, body, _ = read_markdown(path.read_text(encoding="utf-8"))
        text = path.read_text(encoding="utf-8")
        front_end = text.find("\n---", 4) if text.startswith("---\n") else -1
        source = text[text.find("\n", front_end + 4) + 1 :].lstrip("\n") if front_end > 0 else text
        assert body == rendered(_lines_as_paragraphs(source))


FRONT_TOKENS = [
    "title", "date", "source", "id", "author", ":", ": ", " ", "\n", "\t", '"', "'", "-", "- ",
    "2019-02-30", "2015-11-11", "2015-11-11T10:00:00Z", "[", "]", "{", "}", ",", "#", "!", "&",
    "*", "|", ">", "\u201c", "yes", "null", "12", "1.5", "\\", "%", "@", "`", "  ",
]


@settings(max_examples=2000, deadline=None)
@given(st.lists(st.sampled_from(FRONT_TOKENS), max_size=30).map("".join))
@example('title: "A: b"\ndate: 2019-02-30\n')
@example("title: [a\n")
def test_libyaml_reads_front_matter_as_pure_python_yaml_did(block: str) -> None:
    text = f"---\n{block}\n---\nBody.\n"

    def outcome(loader: object) -> object:
        with pytest.MonkeyPatch.context() as patch:
            patch.setattr(metadata, "_SAFE_LOADER", loader)
            try:
                return metadata.split_front_matter(text)
            except ReadError as exc:
                return ("error", exc.reason)

    assert outcome(yaml.CSafeLoader) == outcome(yaml.SafeLoader)


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=5),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=3), inner),
    max_leaves=8,
)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.text(max_size=8), max_size=4), st.lists(json_values, max_size=3))
def test_quote_to_dict_is_asdict(topics: list[str], also_in: list) -> None:
    quote = Quote(
        id="q1", text="We will.", kind="direct", article="a/b", speaker="Ann Lee",
        topics=topics, also_in=also_in, confidence=0.5, start=3, end=11,
    )
    data = quote.to_dict()
    assert data == asdict(quote)
    assert list(data) == list(asdict(quote))
    assert json.dumps(data) == json.dumps(asdict(quote))
    data["topics"].append("changed")
    assert quote.topics == topics and data["topics"] is not quote.topics


@settings(max_examples=200, deadline=None)
@given(st.lists(st.text(max_size=8), max_size=4), st.lists(json_values, max_size=3))
def test_record_view_is_to_dict_without_copies(topics: list[str], also_in: list) -> None:
    # what the index is given: the same record, field for field and in order, as JSON too
    quote = Quote(
        id="q1", text="We will.", kind="direct", article="a/b", speaker="Ann Lee",
        topics=topics, also_in=also_in, confidence=0.5, start=3, end=11, parts=[[3, 11]],
    )
    view = record_view(quote)
    assert view == quote.to_dict()
    assert list(view) == list(quote.to_dict())
    assert record_json(view) == record_json(quote.to_dict())


def test_given_name_list_is_read_as_the_library_reads_it() -> None:
    import gender_guesser.detector as detector

    from onrecord.speakers import gender

    assert gender._detector().names == detector.Detector(case_sensitive=False).names


def body_text_before(soup) -> str:  # type: ignore[no-untyped-def]
    """``html.body_text`` as it was, with BeautifulSoup's own find_all and find_parent."""
    from onrecord.readers.html import _BLOCKS, _FURNITURE, _tidy

    for name in _FURNITURE:
        for element in soup.find_all(name):
            element.decompose()
    for br in soup.find_all("br"):
        br.replace_with("\n")
    root = soup.find("article") or soup.find("main") or soup.body or soup
    blocks = [b for b in root.find_all(_BLOCKS) if not b.find_parent(_BLOCKS)] or [root]
    return "\n\n".join(t for t in (_tidy(b.get_text()) for b in blocks) if t)


# Tags nested and unclosed at random, furniture inside blocks and blocks inside furniture.
HTML_TOKENS = [
    "<p>", "</p>", "<div>", "</div>", "<article>", "</article>", "<main>", "</main>",
    "<body>", "</body>", "<li>", "</li>", "<ul>", "<td>", "</td>", "<table>", "<blockquote>",
    "</blockquote>", "<h2>", "</h2>", "<pre>", "</pre>", "<script>x</script>", "<style>",
    "</style>", "<nav>", "</nav>", "<aside>", "</aside>", "<figure>", "</figure>", "<br>",
    "<br/>", "<span>", "</span>", "<b>", "</b>", "<!-- c -->", "&amp;", "word", "Word said",
    " ", "\n", "\n\n", "\u201cQuoted,\u201d", "<svg><p>in svg</p></svg>", "<form>", "</form>",
]  # fmt: skip


@settings(max_examples=2000, deadline=None)
@given(st.lists(st.sampled_from(HTML_TOKENS), max_size=40).map("".join))
@example("<td><article><p>a</p><p>b</p></article></td>")
@example("<nav><script>x</script><p>in nav</p></nav><p>kept<br>line</p>")
def test_body_text_walks_as_find_all_did(markup: str) -> None:
    assert body_text(parse(markup)) == body_text_before(parse(markup))


def test_quote_replaced_is_dataclasses_replace() -> None:
    quote = Quote(id="q1", text="We will.", kind="direct", article="a/b", topics=["economy"])
    copy_ = quote.replaced(topics=list(quote.topics), also_in=[])
    assert copy_ == dataclasses.replace(quote, topics=list(quote.topics), also_in=[])
    assert copy_ is not quote and copy_.topics is not quote.topics
    copy_.speaker = "Ann Lee"
    assert quote.speaker is None


def test_statement_form_drops_accents_as_before() -> None:
    import unicodedata

    from onrecord.speakers.statements import normalise

    def before(text: str) -> str:
        if not text.isascii():
            text = unicodedata.normalize("NFKD", text)
            text = "".join(c for c in text if not unicodedata.combining(c))
        text = text.casefold().replace("’", "'").replace("'", "")
        return " ".join(re.sub(r"[^\w\s]|_", " ", text).split())

    for text in ["José said “no.”", "Ça va — très bien", "plain", "ﬁne ½ Ångström’s", "e\u0301"]:
        assert normalise(text) == before(text)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.text(max_size=8), max_size=4), st.lists(json_values, max_size=3))
def test_quote_from_dict_is_the_constructor(topics: list[str], also_in: list) -> None:
    quote = Quote(
        id="q1", text="We will.", kind="direct", article="a/b", speaker="Ann Lee",
        topics=topics, also_in=also_in, confidence=0.5, start=3, end=11,
    )
    data = json.loads(json.dumps(quote.to_dict()))
    made = Quote.from_dict(data)
    slow = Quote(**data)
    assert made == slow and list(made.to_dict().items()) == list(slow.to_dict().items())
    # a dict that is not every field in order (older stores, extra keys) still goes through
    # the constructor, defaults and all
    short = {"id": "q2", "text": "No.", "kind": "direct", "article": "a/c", "stray": 1}
    assert Quote.from_dict(short) == Quote(id="q2", text="No.", kind="direct", article="a/c")
    reordered = dict(reversed(list(data.items())))
    assert Quote.from_dict(reordered) == slow


@settings(max_examples=200, deadline=None)
@given(
    st.dictionaries(st.text(max_size=6), st.integers(0, 9), max_size=3),
    st.lists(st.tuples(st.text(max_size=6), st.lists(st.text(max_size=4), max_size=2)),
             max_size=3),
)
def test_speaker_to_dict_is_asdict(aliases: dict[str, int], roles: list) -> None:
    from onrecord.speakers import RoleSpan, Speaker

    speaker = Speaker(
        id="ann-lee", name="Ann Lee", aliases=aliases, articles=["a/b"], topics={"x": 1},
        roles=[RoleSpan(role, articles=articles, count=2) for role, articles in roles],
    )
    data = speaker.to_dict()
    assert data == asdict(speaker)
    assert json.dumps(data) == json.dumps(asdict(speaker))
    data["aliases"]["new"] = 1
    if speaker.roles:
        data["roles"][0]["articles"].append("changed")
    assert speaker.to_dict() == asdict(speaker) and "new" not in speaker.aliases


def test_registry_file_is_written_as_json_dump_wrote_it(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from onrecord.speakers import Registry, RoleSpan, Speaker, save_registry

    speaker = Speaker(id="jose", name="José Díaz", aliases={"Díaz": 2},
                      roles=[RoleSpan("mayor", articles=["a/b"])])
    registry = Registry({speaker.id: speaker}, warnings=["line 3: “x” matches nothing"])
    save_registry(registry, tmp_path / "speakers.json")
    data = {
        "version": 1,
        "speakers": [asdict(speaker)],
        "suggestions": [],
        "hidden": [],
        "warnings": registry.warnings,
    }
    expected = json.dumps(data, ensure_ascii=False, indent=1) + "\n"
    assert (tmp_path / "speakers.json").read_text(encoding="utf-8") == expected


def test_word_vectors_load_without_importing_their_package() -> None:
    import subprocess
    import sys

    code = (
        "import sys; from onrecord.topics import load_taxonomy; "
        "t = load_taxonomy(); print(t.tag('We will cut taxes for working families.'), "
        "'wordllama' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip().endswith("False")
