"""archive/speakers.toml: validated with line numbers, written without losing comments, and
applied on every rebuild so a user's fix survives re-ingesting."""

from __future__ import annotations

import pytest

from onrecord.speakers import (
    CurationError,
    add_role,
    build_registry,
    distinct,
    find_speaker,
    hide,
    load_curation,
    merge,
    parse_curation,
    reassign,
    rename,
    split,
    suggest,
)
from tests.speaker_fixtures import q


def strike_quotes():
    return [
        q("wls", "We have a mayor who is dangling pay in front of us.", "Jesse Starkey",
          role="CTU President", date="2019-10-10"),
        q("cbs", "We welcome his participation in these negotiations.", "Sharkey",
          role="president of the Chicago Teachers Union", date="2019-10-21"),
        q("cbs", "There is no more money.", "Lori Lightfoot", role="Mayor", date="2019-10-21"),
        q("cbs", "That is not going to happen.", "Lori Lightfoot", date="2019-10-21"),
        q("cbs", "We lost so much in the last strike.", "Rallying", date="2019-10-21"),
    ]


def test_cli_writers_edit_the_file_and_keep_comments(tmp_path):
    path = tmp_path / "speakers.toml"
    path.write_text("# Our fixes. Keep this comment.\n\n[[hide]]  # a parsing accident\n"
                    'speaker = "Rallying"\n', encoding="utf-8")
    message = merge(path, "Jesse Starkey", "Sharkey", name="Jesse Sharkey")
    assert "onrecord ingest" in message
    rename(path, "Lori Lightfoot", "Lori E. Lightfoot")
    reassign(path, "0123456789ab", "Jesse Sharkey")
    text = path.read_text(encoding="utf-8")
    assert text.startswith("# Our fixes. Keep this comment.\n\n[[hide]]  # a parsing accident\n")
    curation = load_curation(path)
    assert curation.merges[0].names == ("Jesse Starkey", "Sharkey")
    assert curation.merges[0].name == "Jesse Sharkey"
    assert curation.renames[0].name == "Lori E. Lightfoot"
    assert curation.reassigns[0].speaker == "Jesse Sharkey"
    # Writing the same fix again replaces the value in place instead of adding an entry.
    reassign(path, "0123456789ab", "Lori Lightfoot")
    rename(path, "Lori Lightfoot", "Lori Elaine Lightfoot")
    curation = load_curation(path)
    assert [r.speaker for r in curation.reassigns] == ["Lori Lightfoot"]
    assert [r.name for r in curation.renames] == ["Lori Elaine Lightfoot"]
    assert path.read_text(encoding="utf-8").count("[[reassign]]") == 1


def test_new_file_gets_a_documented_header(tmp_path):
    path = tmp_path / "archive" / "speakers.toml"
    distinct(path, "Clinton", "Bill Clinton")
    text = path.read_text(encoding="utf-8")
    assert text.startswith("# Speaker corrections")
    assert load_curation(path).distincts[0].names == ("Clinton", "Bill Clinton")


def test_curation_applies_merge_rename_hide_role_and_survives_rebuild(tmp_path):
    path = tmp_path / "speakers.toml"
    quotes = strike_quotes()
    merge(path, "Jesse Starkey", "Sharkey", name="Jesse Sharkey")
    rename(path, "Lightfoot", "Lori E. Lightfoot")
    hide(path, "Rallying")
    add_role(path, "Jesse Sharkey", "President", organisation="Chicago Teachers Union",
             first="2018-07-01", last="2022-06-30")
    curation = load_curation(path)

    first_registry, first_out = build_registry(quotes, curation)
    # Re-ingest: the same records again (as re-extraction gives them) and the same file.
    registry, out = build_registry([*strike_quotes()], load_curation(path))
    for reg, records in ((first_registry, first_out), (registry, out)):
        sharkey = find_speaker(reg, "Jesse Sharkey")
        assert [r.speaker for r in records[:2]] == ["Jesse Sharkey", "Jesse Sharkey"]
        assert {"Jesse Starkey", "Sharkey"} <= set(sharkey.aliases)
        assert any(r.origin == "curation" and r.first == "2018-07-01" for r in sharkey.roles)
        assert records[3].speaker == "Lori E. Lightfoot"
        assert records[3].speaker_id == "lori-e-lightfoot"
        assert records[4].speaker is None and records[4].speaker_id is None
        assert reg.hidden == ["Rallying"]
        assert not suggest(reg)
        assert reg.warnings == []
    assert [r.speaker_id for r in first_out] == [r.speaker_id for r in out]


def test_reassign_fixes_one_quote_by_id_and_warns_when_the_id_is_gone(tmp_path):
    path = tmp_path / "speakers.toml"
    quotes = strike_quotes()
    reassign(path, quotes[3].id, "Alison Eichhorn")
    reassign(path, "ffffffffffff", "Nobody")
    registry, out = build_registry(quotes, load_curation(path))
    assert out[3].speaker == "Alison Eichhorn"
    assert out[2].speaker == "Lori Lightfoot"
    assert find_speaker(registry, "Eichhorn").quotes == 1
    assert any("ffffffffffff" in w for w in registry.warnings)


def test_split_takes_an_alias_out_of_a_wrong_merge(tmp_path):
    quotes = [
        q("a1", "We will win this election.", "Hillary Clinton", role="Democratic nominee",
          date="2016-09-01"),
        q("a2", "I still play the saxophone.", "Clinton", role="Democratic nominee",
          date="2016-09-03"),
    ]
    registry, out = build_registry(quotes)
    assert out[1].speaker == "Hillary Clinton"  # joined automatically: same role, same month
    path = tmp_path / "speakers.toml"
    split(path, "Clinton", from_="Hillary Clinton", to="Bill Clinton", articles=["a2"])
    registry, out = build_registry(quotes, load_curation(path))
    assert [r.speaker for r in out] == ["Hillary Clinton", "Bill Clinton"]
    path.unlink()
    split(path, "Clinton", from_="Hillary Clinton")
    registry, out = build_registry(quotes, load_curation(path))
    assert out[1].speaker == "Clinton"
    assert not suggest(registry)  # the split also keeps them from being suggested


def test_distinct_silences_a_suggestion(tmp_path):
    quotes = [
        q("a1", "We have a mayor who is dangling pay.", "Jesse Starkey", date="2019-10-10"),
        q("a2", "We welcome his participation.", "Jesse Sharkey", date="2019-10-21"),
    ]
    registry, _ = build_registry(quotes)
    assert len(suggest(registry)) == 1
    path = tmp_path / "speakers.toml"
    distinct(path, "Jesse Starkey", "Jesse Sharkey")
    registry, _ = build_registry(quotes, load_curation(path))
    assert suggest(registry) == []


@pytest.mark.parametrize(
    ("text", "line", "fragment"),
    [
        ('[[merge]]\nnames = ["A"]\n', 2, "at least 2"),
        ('# ok\n[[rename]]\nspeaker = "A"\n', 2, "needs 'name'"),
        ('[[hide]]\nspeaker = "A"\ncolour = "red"\n', 3, "unknown key 'colour'"),
        ('[[role]]\nspeaker = "A"\nrole = "Mayor"\nfrom = "last May"\n', 4, "date"),
        ('[[role]]\nspeaker = "A"\nrole = "M"\nfrom = 2020-01-01\nto = 2019-01-01\n', 5, "before"),
        ('[[merge]]\nnames = ["A", "B"\n', 2, "unclosed"),
        ('[[merge]]\nnames = ["A" "B"]\n', 2, "not valid TOML"),
        ('\n\n[[merger]]\nnames = ["A", "B"]\n', 3, "unknown section 'merger'"),
        ('[merge]\nnames = ["A", "B"]\n', 1, "[[merge]]"),
        ('[[reassign]]\nquote = "x"\nspeaker = "A"\n\n[[reassign]]\nquote = "x"\n'
         'speaker = "B"\n', 5, "twice"),
    ],
)
def test_bad_file_gives_a_clear_error_naming_the_line(text, line, fragment):
    with pytest.raises(CurationError) as error:
        parse_curation(text, "archive/speakers.toml")
    assert error.value.line == line
    assert fragment in str(error.value)
    assert str(error.value).startswith(f"archive/speakers.toml, line {line}: ")


def test_writer_refuses_to_touch_a_broken_file(tmp_path):
    path = tmp_path / "speakers.toml"
    broken = '# mine\n[[hide]]\nspeaker = \n'
    path.write_text(broken, encoding="utf-8")
    with pytest.raises(CurationError):
        merge(path, "A", "B")
    assert path.read_text(encoding="utf-8") == broken


def test_missing_file_is_an_empty_curation(tmp_path):
    curation = load_curation(tmp_path / "speakers.toml")
    assert not curation


def test_reassign_survives_re_extraction_that_moves_the_quote(tmp_path):
    path = tmp_path / "speakers.toml"
    text = "We lost so much in the last strike that we are trying to recover some of that."
    first = [q("cbs", text, "Rallying", date="2019-10-21", start=500)]
    reassign(path, first[0].id, "Ann Bramlett", article="cbs", text=text)
    # Re-extraction finds the quote with its closing words cut and at another offset.
    again = [q("cbs", text[:-9] + ".", "Rallying", date="2019-10-21", start=480)]
    assert again[0].id != first[0].id
    registry, out = build_registry(again, load_curation(path))
    assert out[0].speaker == "Ann Bramlett"
    assert registry.warnings == []
