"""Gender evidence for identity: honorifics, pronouns and given names.

Only used to keep people apart ("Mr. Clinton" is not Hillary Clinton; "she" in an article
is not Bill Clinton), never to join them. Given names come from ``gender_guesser``'s bundled
list of about 40,000 first names (no download); anything it is unsure of is no evidence.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from functools import lru_cache

from .names import fold, tokens

MALE, FEMALE = "m", "f"
_HONORIFICS = {"mr": MALE, "mrs": FEMALE, "ms": FEMALE, "miss": FEMALE, "madam": FEMALE,
               "sir": MALE, "lord": MALE, "lady": FEMALE, "dame": FEMALE}
_PRONOUNS = {"he": MALE, "him": MALE, "his": MALE, "himself": MALE,
             "she": FEMALE, "her": FEMALE, "hers": FEMALE, "herself": FEMALE}
# Words that say the gender of whoever they describe ("the congresswoman", "the first lady").
_WORDS = {"congresswoman": FEMALE, "congressman": MALE, "spokeswoman": FEMALE,
          "spokesman": MALE, "chairwoman": FEMALE, "chairman": MALE, "businesswoman": FEMALE,
          "businessman": MALE, "councilwoman": FEMALE, "councilman": MALE, "wife": FEMALE,
          "husband": MALE, "mother": FEMALE, "father": MALE, "son": MALE, "daughter": FEMALE}


@lru_cache(maxsize=1)
def _detector():
    """The library's detector, with its name list read in one piece: the library reads its
    48,000 lines one at a time through a ``codecs`` stream reader, which took half a second
    of every command that meets a speaker. The same lines, split the same way (tested)."""
    import gender_guesser.detector as detector

    class Detector(detector.Detector):
        def _parse(self, filename: str) -> None:
            self.names = {}
            with open(filename, encoding="utf-8") as f:
                for line in f.read().splitlines():
                    self._eat_name_line(line.strip())

    return Detector(case_sensitive=False)


def load_given_names() -> None:
    """Read the given-name list now (0.1 CPU s once per process), e.g. while waiting on
    workers, so the first speaker that needs it does not pay for it."""
    _detector()


@lru_cache(maxsize=65536)
def given_name_gender(name: str) -> str | None:
    """"m"/"f" for a given name its list is sure of ("hillary" -> "f"), else None."""
    if len(name) < 2:
        return None
    found = _detector().get_gender(name)
    return {"male": MALE, "female": FEMALE}.get(found)


@lru_cache(maxsize=65536)
def is_given_name(word: str) -> bool:
    """Whether a single word is a known first name ("bob", "bernie"), in any gender."""
    return len(word) > 1 and _detector().get_gender(word) != "unknown"


@lru_cache(maxsize=65536)
def written_gender(text: str | None) -> str | None:
    """The gender a way of writing someone says: "Mr. Trump", "she", "the congresswoman"."""
    words = [fold(w).rstrip(".") for w in tokens(text or "")]
    if not words:
        return None
    if words[0] in _HONORIFICS:
        return _HONORIFICS[words[0]]
    if len(words) == 1 and words[0] in _PRONOUNS:
        return _PRONOUNS[words[0]]
    if words[0] in {"the", "a"}:
        for word in words[1:]:
            if word in _WORDS:
                return _WORDS[word]
    return None


def consensus(votes: Iterable[str | None], *, share: float = 0.8) -> str | None:
    """The gender most votes give, when at least ``share`` of the votes give it."""
    counts = Counter(v for v in votes if v)
    if not counts:
        return None
    best, n = counts.most_common(1)[0]
    return best if n >= share * sum(counts.values()) else None


@lru_cache(maxsize=65536)
def is_pronoun(text: str | None) -> bool:
    """Whether the words are a pronoun alone ("he", "She")."""
    words = [fold(w) for w in tokens(text or "")]
    return len(words) == 1 and words[0] in _PRONOUNS


def group_gender(written: list[str], genders: list[str | None]) -> str | None:
    """The gender one article's mentions of a name say, written forms first.

    "Mr."/"Mrs." and "the congresswoman" are the writer's own words and always count; a
    pronoun is a coreference step's guess (attribution's or an annotator's), so pronouns count
    only when they are at least half the mentions: one stray "he" among six "Clinton"s does
    not make Hillary Clinton a man.
    """
    strong = [g for w, g in zip(written, genders, strict=True) if g and not is_pronoun(w)]
    if strong:
        return consensus(strong)
    weak = [g for g in genders if g]
    return consensus(weak) if 2 * len(weak) >= len(genders) else None
