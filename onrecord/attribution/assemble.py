"""Stage 6: put quotations, cues and speaker mentions together into :class:`Quote` records.

Per sentence of the masked body (quotations blanked, see :mod:`.quotes`):

1. each quotation looks for its attribution right after it (``“…,” Del Valle said`` /
   ``“…,” said teacher Ann Bramlett``), by dash (``“…” — Sen. X``), or right before it
   (``X said: “…”``, ``Lightfoot has said, “…”``), or in a colon lead-in sentence before;
2. a quotation with no attribution of its own joins the record before it when only that
   record's attribution stands between them (``“A,” said X. “B.”``), continues a quotation
   that ran over a paragraph break, or floats: a fully quoted paragraph right after an
   attributed one is given the same speaker;
3. cues not used by a quotation give reported statements (kind ``indirect``):
   ``X said (that) …``, ``…, X said.``, ``according to X, …``;
4. mentions are resolved to canonical names in the article registry, roles carried to every
   record of a speaker, dates resolved, repeats merged (``occurrences``), confidence set.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..records import Article, Quote, quote_id
from .cues import cue_heads
from .dates import statement_date
from .frames import (
    NAVIGATION,
    WORD_CHAR,
    Attribution,
    Draft,
    after_attribution,
    before_attribution,
    colon_lead,
    colon_name,
    cue_at,
    is_punct,
    tok_text,
)
from .joining import join_parts
from .lexicons import words
from .mentions import (
    Mention,
    Token,
    sentence_subject,
    subject_before,
    tokenize,
)
from .quotes import MASK, Quotation, find_quotations, mask
from .registry import Registry, Resolved
from .reported import (
    noun_statements,
    participles_after_quotes,
    reported_statements,
)
from .segment import Span, paragraphs, sentences

# --------------------------------------------------------------------------- driver


def extract(article: Article) -> list[Quote]:
    """Find the quotes and reported statements of ``article`` (see the module docstring)."""
    body = article.body
    paras = list(paragraphs(body))
    quotations = find_quotations(body, paras)
    masked = _PARENTHETICAL.sub(lambda m: " " * len(m.group()), mask(body, quotations))
    masked = _DATELINE.sub(lambda m: " " * len(m.group()), masked)
    para_sentences = [list(sentences(masked, p.start, p.end)) for p in paras]
    registry = Registry(masked, [s.start for ss in para_sentences for s in ss])
    state = _State(body, masked, paras, {q.start: q for q in quotations})
    for p_index, para in enumerate(paras):
        if NAVIGATION.match(body, para.start):
            continue
        if _speaker_line(state, p_index, para):
            state.previous_speaker = None
            continue
        _block_after_colon(state, p_index, para)
        # only sentences with a quotation or a cue need tokens
        sents = [
            (sent, tokenize(masked, sent.start, sent.end) if _relevant(masked, sent) else [])
            for sent in para_sentences[p_index]
        ]
        consumed: set[int] = set()
        for s_index, (sent, tokens) in enumerate(sents):
            if s_index in consumed or not tokens:
                if not tokens:
                    state.previous_speaker = None
                    if _quotation_follows(masked, sent.end):
                        # "…, she plans to vote. “All she went through …”": who the
                        # quotation after this sentence floats to
                        tokens = tokenize(masked, sent.start, sent.end)
                state.previous_sentence = tokens
                continue
            following = sents[s_index + 1][1] if s_index + 1 < len(sents) else None
            used: set[int] = set()
            before = len(state.drafts)
            state.joined = None
            if _direct_in_sentence(state, p_index, tokens, used, following):
                consumed.add(s_index + 1)
            if len(state.drafts) > before:
                for spans, att in participles_after_quotes(tokens, state.drafts[before:]):
                    offsets = [(tokens[i].start, tokens[e - 1].end) for i, e in spans]
                    state.add_statement(offsets, att, p_index)
            for spans, att in reported_statements(masked, tokens, used):
                offsets = [(tokens[i].start, tokens[e - 1].end) for i, e in spans]
                state.add_statement(offsets, att, p_index)
            for spans, att in noun_statements(masked, tokens, used):
                offsets = [(tokens[i].start, tokens[e - 1].end) for i, e in spans]
                state.add_statement(offsets, att, p_index)
            state.previous_sentence = tokens
            spoken = [d for d in state.drafts[before:] if d.attribution.mention is not None]
            if not spoken and state.joined is not None and state.joined.attribution.mention:
                spoken = [state.joined]  # "“A,” he said. “B.”" then a quote that floats
            # the one who spoke last in the sentence ("Her friends have mocked him, calling
            # him “a buffoon,” Susan said.") is who a quotation after it floats to
            last = max(spoken, key=lambda d: d.attribution.start) if spoken else None
            state.previous_speaker = last.attribution if last else None
    return _records(article, state.drafts, registry)


def _block_after_colon(state: _State, p_index: int, para: Span) -> None:
    """ "The governor added:" closing a paragraph, then a paragraph with no quotation marks:
    that paragraph is the speaker's (a block quotation set off without marks)."""
    lead = state.previous_sentence
    if (
        p_index == 0
        or not lead
        or lead[-1].text != ":"
        or state.paras[p_index - 1].end - lead[-1].end > 2
        or MASK in state.masked[para.start : para.end]
    ):
        return
    att = colon_lead(state.masked, lead)
    if att is None or att.mention is None or att.cue is None:
        return
    end = para.end
    while end > para.start and state.body[end - 1] in " .":
        end -= 1
    if len(state.body[para.start : end].split()) >= 4:
        block = Attribution(att.mention, att.cue, att.start, att.end, "leading")
        state.drafts.append(Draft([(para.start, end)], "indirect", block, p_index))


@dataclass
class _State:
    """What the driver carries from sentence to sentence within one article."""

    body: str
    masked: str
    paras: list[Span]
    by_start: dict[int, Quotation]
    drafts: list[Draft] = field(default_factory=list)
    last_direct: Draft | None = None
    pending: Draft | None = None  # a quotation that continues in the next paragraph
    previous_sentence: list[Token] = field(default_factory=list)
    previous_speaker: Attribution | None = None  # who spoke in the sentence just before
    joined: Draft | None = None  # an earlier record this sentence's quotation continued

    def add_statement(self, parts: list[tuple[int, int]], att: Attribution, p_index: int) -> None:
        s, e = parts[0][0], parts[-1][1]
        mixed = any(MASK in self.masked[a:b] for a, b in parts)
        if mixed:
            # a quotation inside the reported clause is part of this statement, not its own
            self.drafts = [
                d
                for d in self.drafts
                if not (d.attribution.how in _UNSURE and s <= d.parts[0][0] < e)
            ]
            if self.last_direct is not None and self.last_direct not in self.drafts:
                self.last_direct = None
        self.drafts.append(Draft(parts, "direct" if mixed else "indirect", att, p_index))


# drafts that a reported clause around them takes over
_UNSURE = ("none", "partial", "subject")


def _direct_in_sentence(
    state: _State, p_index: int, tokens: list[Token], used: set[int], following: list[Token] | None
) -> bool:
    """Attribute the quotations of one sentence; True when the next sentence was used as the
    attribution (``“Why?” Trinh said.`` split after the question mark)."""
    masked = state.masked
    consumed_next = False
    mask_idx = [i for i, t in enumerate(tokens) if t.text.startswith(MASK)]
    para = state.paras[p_index]
    for pos_in, qi in enumerate(mask_idx):
        quote = state.by_start.get(tokens[qi].start)
        if quote is None or _is_quoted_title(state.body, tokens, qi, quote):
            continue
        nxt = mask_idx[pos_in + 1] if pos_in + 1 < len(mask_idx) else len(tokens)
        prv = mask_idx[pos_in - 1] + 1 if pos_in > 0 else 0
        part = (quote.content_start, quote.content_end)
        if state.pending is not None and quote.start == para.start:
            after = after_attribution(masked, tokens, qi, nxt)
            if _names_another(state.pending, after):
                # “A, … (never closed) / “B,” added Rep. Jim Clyburn: a new speaker's
                # quotation, not the first one going on
                state.pending = None
        if state.pending is not None and quote.start == para.start:
            draft = state.pending
            draft.parts.append(part)
            draft.last_quote = quote
            state.pending = draft if quote.continued else None
            state.last_direct = draft
            if draft.attribution.mention is not None:
                state.joined = draft  # a quotation after this one floats to the same speaker
            if after is not None and after.mention is not None:
                _mark_used(tokens, used, after)  # “… ends here,” Sexton said. “Next …”
            continue
        opens = all(is_punct(t) for t in tokens[:qi]) and state.body[
            quote.content_end - 1 : quote.content_end
        ] in (",", "?", "!")
        att = after_attribution(masked, tokens, qi, nxt, opens)
        closing = state.body[quote.content_end - 1 : quote.content_end]
        if att is None and following and _stands_alone(tokens, qi) and closing in ("?", "!", "."):
            # "“Why would we give in?” Trinh said." is split after the question mark, and
            # "“… missing.” Trump said." after a full stop where a comma belonged; after a
            # full stop only a bare attribution counts ("Trump said Tuesday.")
            att = after_attribution(
                masked,
                [tokens[qi], *following],
                0,
                len(following) + 1,
                opens_sentence=closing != ".",
            )
            if att is not None and att.mention is not None:
                consumed_next = True
            else:
                att = None
        if att is None:
            att = before_attribution(masked, tokens, prv, qi)
            last = state.last_direct
            if att is not None and last is not None and last.attribution.start == att.start:
                last.parts.append(part)
                last.last_quote = quote
                state.joined = last
                _mark_used(tokens, used, att)
                continue
        if att is None and qi > prv:
            att = colon_name(masked, tokens, qi - 1)
        if att is None and prv > 0 and state.last_direct is not None:
            # "“A,” Graham said on MSNBC, adding, “B.”": the participle continues the speaker
            att = _participle_after(tokens, prv, qi, state.last_direct.attribution)
        if att is None and prv == 0 and state.previous_sentence:
            att = colon_lead(masked, state.previous_sentence)
            if att is not None:
                att = Attribution(att.mention, att.cue, att.start, att.end, "colon")
        last = state.last_direct
        if att is not None:
            _mark_used(tokens, used, att)
            draft = Draft([part], "direct", att, p_index, quote.broken, quote.single, quote)
            state.drafts.append(draft)
            state.last_direct = draft
        elif last is not None and _only_attribution_between(masked, last, quote):
            last.parts.append(part)
            last.last_quote = quote
            state.joined = draft = last
        elif _stands_alone(tokens, qi) and state.previous_speaker is not None:
            la = state.previous_speaker
            floating = Attribution(la.mention, la.cue, la.start, la.end, "floating")
            draft = Draft([part], "direct", floating, p_index, quote.broken, quote.single, quote)
            state.drafts.append(draft)
            state.last_direct = draft
        elif (
            _stands_alone(tokens, qi)
            and (led := _led_by(masked, state.previous_sentence)) is not None
        ):
            # "Obama said …. He didn't suggest retaliation. “…”": the person the sentence
            # before was about
            draft = Draft([part], "direct", led, p_index, quote.broken, quote.single, quote)
            state.drafts.append(draft)
            state.last_direct = draft
        elif (partial := _partial_attribution(masked, tokens, qi, quote, state.body)) is not None:
            # "Gingrich dismissed Estonia as being in the “suburbs of St. Petersburg”"
            draft = Draft([part], "direct", partial, p_index, quote.broken, quote.single, quote)
            state.drafts.append(draft)
        else:
            none = Attribution(None, None, quote.start, quote.end, "none")
            draft = Draft([part], "direct", none, p_index, quote.broken, quote.single, quote)
            state.drafts.append(draft)
            if not _is_fragment(state.body, quote):
                state.last_direct = draft
        if quote.continued:
            state.pending = draft
    return consumed_next


# "WALLACE: Let's start with ..." in transcripts; "Sanders: Clinton needs to ..." in headlines
_TRANSCRIPT = re.compile(r"[\"“]?([A-Z][A-Z.'’\- ]{1,30}[A-Z])\s*:\s+(?=\S)")
_HEADLINE = re.compile(r"([A-Z][\w.'’\-]+(?: [A-Z][\w.'’\-]+){0,3})\s*:\s+(?=\S)")
# "Gillibrand on Hillary Releasing Her Speech Transcripts: ‘I Think She Will.’"
# "Clinton to Planned Parenthood: Trump will reverse Roe v. Wade": the words are Clinton's
_HEADLINE_ON = re.compile(
    r"([A-Z][\w.'’\-]+(?: [A-Z][\w.'’\-]+){0,2}) (?:[Oo]n|[Tt]o) [^:\n]{3,80}:\s+(?=\S)"
)
# A quotation mark, not an apostrophe: "I’m Not Interested" holds no quotation
_QUOTE_MARK = re.compile(r"[“”\"‘]|(?<!\w)['’]|['’](?!\w)")
# a headline's "Poll: …", "Report: …" reports a finding, spoken by nobody named
_FINDINGS = words("poll report survey study")
_NOT_SPEAKERS = words(
    """breaking exclusive watch video update updated poll report analysis opinion editorial
    related photos live note editor's correction q a transcript clarification"""
)


def _speaker_line(state: _State, p_index: int, para: Span) -> bool:
    """A paragraph led by a speaker's name and a colon; True when it was read as one."""
    body = state.body
    match = _TRANSCRIPT.match(body, para.start, para.end)
    how = "colon"
    if match is None and p_index == 0:
        match = _HEADLINE.match(body, para.start, para.end) or _HEADLINE_ON.match(
            body, para.start, para.end
        )
        how = "headline"
    documents = how == "headline" and match is not None and match.group(1).lower() in _FINDINGS
    if (
        match is None
        or match.group(1).lower() in _NOT_SPEAKERS
        and not documents
        or (match.group(1).lower().startswith("the "))
    ):
        return False
    start, end = match.end(), para.end
    quoted = _QUOTE_MARK.search(body, start, end) is not None
    while end > start and body[end - 1] in "\"”’' ":
        end -= 1
    if how == "headline":
        while start < end and body[start] in "\"“‘'":
            start += 1  # "…: ‘I Think She Will.’": the words, not the marks
    if how == "headline" and body[end - 1] == ".":
        end -= 1
    if end - start < 8:
        return False
    name = match.group(1)
    mention = (
        None  # "Poll: Trump and Clinton in dead heat": the poll's finding, no person's words
        if documents
        else Mention(
            match.start(1),
            match.end(1),
            name.title() if name.isupper() else name,
            "name",
            written=name,
        )
    )
    att = Attribution(mention, ":", match.start(1), match.end(), how)
    kind = "direct" if how == "colon" or quoted else "indirect"
    state.drafts.append(Draft([(start, end)], kind, att, p_index))
    state.last_direct = None
    state.pending = None
    return True


# "(D-Wis.)", "(R)", "(Vt.)" between a name and its verb; blanked in the frame text only
_PARENTHETICAL = re.compile(r"\([^()\n\uE000]{1,30}\)")


# "WASHINGTON (AP) —", "CHICAGO (WLS) --": a dateline opens a paragraph, it is no speaker
_DATELINE = re.compile(
    r"^(?:[A-Z][A-Z .,'’]{2,40}(?:,?\s*[A-Z][a-z]{2,4}\.?\s+\d{1,2})?\s*"
    r"|[A-Z][a-z]+(?: [A-Z][a-z]+)?\s{4,})(?:—|–|--)",
    re.MULTILINE,
)  # "WASHINGTON —", "PURCHASE, N.Y., April 1 (UPI) —", "Washington (AFP) –" (the agency
#    is masked to spaces before)


def _relevant(masked: str, sent: Span) -> bool:
    """A sentence needs a closer look only when it holds a quotation or a cue word, or leads
    into the next one with a colon ("Clinton released the following statement:")."""
    text = masked[sent.start : sent.end]
    return (
        MASK in text
        or text.rstrip().endswith(":")
        or not cue_heads().isdisjoint(_LETTERS.findall(text.lower()))
    )


_LETTERS = re.compile(r"[a-z]+")


def _mark_used(tokens: list[Token], used: set[int], att: Attribution) -> None:
    for idx, tok in enumerate(tokens):
        if att.start <= tok.start < att.end:
            used.add(idx)


def _only_attribution_between(masked: str, draft: Draft, quote: Quotation) -> bool:
    """``“A,” said X. “B.”``: between the draft's last part and B stands only its attribution."""
    if draft.attribution.how not in ("after", "inverted", "before", "dash"):
        return False
    last = draft.last_quote
    if last is None or last.paragraph != quote.paragraph:
        return False
    gap = masked[max(last.end, draft.attribution.end) : quote.start].replace(MASK, "")
    return (
        not WORD_CHAR.search(gap)
        and MASK not in gap
        and draft.attribution.end >= last.end
        or draft.attribution.how == "before"
        and not WORD_CHAR.search(masked[last.end : quote.start])
    )


def _partial_attribution(
    text: str, tokens: list[Token], qi: int, quote: Quotation, body: str
) -> Attribution | None:
    """A quoted phrase of four words or more inside a sentence whose subject spoke with a cue
    before it: the phrase is that speaker's words (shorter ones are scare quotes or titles)."""
    if len(body[quote.content_start : quote.content_end].split()) < 4:
        return None
    owned = _owned_statement(text, tokens, qi)
    if owned is not None:
        return owned
    for c in range(qi - 1, -1, -1):
        if tokens[c].text.startswith(MASK):
            break  # "… is “a big, big problem” but “…”": the same sentence, the same speaker
        cue = cue_at(tokens, c)
        if cue is None:
            continue
        sp = subject_before(text, tokens, c)
        if sp is not None and sp.kind in ("name", "pronoun", "group"):
            return Attribution(
                sp,
                tok_text(text, tokens, c, c + cue[0]),
                tokens[c].start,
                tokens[c + cue[0] - 1].end,
                "partial",
            )
        break  # "Gingrich cynically dismissed …": no subject next to the cue, read the sentence
    # no cue: "Huckabee is labeling Obama's actions “a blatant abuse of power”", "Moore
    # thanked him for “stepping up …”": the phrase is the words of the sentence's subject
    sp = sentence_subject(text, tokens, qi)
    if sp is None or sp.kind not in ("name", "pronoun"):
        return None
    return Attribution(sp, None, sp.start, sp.end, "subject")


def _owned_statement(text: str, tokens: list[Token], qi: int) -> Attribution | None:
    """ "her remark that “…”", "Trump’s claim that “…”": a statement noun names its owner."""
    k = qi - 1
    if k >= 0 and tokens[k].lower in ("that", ","):
        k -= 1
    if k < 1 or tokens[k].lower not in _STATEMENT_NOUNS:
        return None
    owner = tokens[k - 1]
    if owner.lower in ("his", "her", "their"):
        pronoun = {"his": "he", "her": "she", "their": "they"}[owner.lower]
        sp = Mention(owner.start, owner.end, pronoun, "pronoun", written=owner.text)
    elif owner.text.endswith(("’s", "'s")) and owner.is_cap:
        first = k - 1
        while first > 0 and tokens[first - 1].is_cap and tokens[first - 1].text.isalpha():
            first -= 1
        name = text[tokens[first].start : owner.end - 2]
        sp = Mention(tokens[first].start, owner.end - 2, name, "name", written=name)
    else:
        return None
    return Attribution(sp, tokens[k].text, tokens[k].start, tokens[k].end, "partial")


_STATEMENT_NOUNS = words(
    """remark remarks claim claims statement comment comments assertion warning argument
    promise pledge insistence suggestion words vow boast declaration"""
)


def _participle_after(
    tokens: list[Token], prv: int, qi: int, last: Attribution
) -> Attribution | None:
    """``…, adding, “B.”`` after a quotation this sentence already attributed to ``last``."""
    if last.mention is None or last.how not in ("after", "inverted") or last.end < tokens[0].start:
        return None
    for c in range(prv, qi):
        cue = cue_at(tokens, c)
        if cue is not None and tokens[c].lower.endswith("ing") and tokens[c].start >= last.start:
            end = tokens[c + cue[0] - 1].end
            return Attribution(last.mention, tokens[c].text, tokens[c].start, end, "before")
    return None


def _quotation_follows(masked: str, end: int) -> bool:
    rest = masked[end : end + 8].lstrip()
    return rest.startswith(MASK)


def _led_by(text: str, tokens: list[Token]) -> Attribution | None:
    """The person (a name or a pronoun) a sentence without a quotation is about."""
    if len(tokens) < 3 or any(t.text.startswith(MASK) for t in tokens):
        return None
    sp = sentence_subject(text, tokens, len(tokens) - 1)
    if sp is None or sp.kind not in ("name", "pronoun"):
        return None
    return Attribution(sp, None, sp.start, sp.end, "subject")


# Words after which a short quotation in title case names a work, a programme or a slogan
# ("ABC's ''This Week''", "the television program ''Inside Edition''", "author of ''Hacked
# World Order''", "the ''Make America Great Again'' hat") rather than quoting speech.
_TITLE_LEADS = words(
    """the a an his her their its our my your of on in with for about program programme show
    titled entitled called memoir book novel film movie documentary podcast series column
    newspaper magazine album song slogan"""
)
_TITLE_SMALL_WORDS = words("of the and a an in on for to with at by from or vs vs. de")


def _is_quoted_title(body: str, tokens: list[Token], qi: int, quote: Quotation) -> bool:
    """A quotation that names something: a few title-case words after a possessive or a word
    that introduces a title. Joined to a speaker's quotation it would put "Inside Edition"
    or "This Week." into what they said."""
    if qi == 0 or quote.continued:
        return False
    lead = tokens[qi - 1].text
    if not (lead.endswith(("'s", "’s")) or lead.lower() in _TITLE_LEADS):
        return False
    content = body[quote.content_start : quote.content_end].strip().rstrip(".,")
    title_words = content.split()
    if not 1 <= len(title_words) <= 7 or any(c in content for c in ",;:?!\"“”"):
        return False
    return title_words[0][:1].isupper() and all(
        w[:1].isupper() or w[:1].isdigit() or w.lower() in _TITLE_SMALL_WORDS
        for w in title_words
    )


def _stands_alone(tokens: list[Token], qi: int) -> bool:
    """The quotation is the whole sentence (a floating quote), not a phrase inside one;
    a leading conjunction may stand before it ("But “…”")."""
    return all(
        is_punct(t) or k < qi and t.lower in ("but", "and", "still", "yet")
        for k, t in enumerate(tokens)
        if k != qi
    )


def _is_fragment(body: str, quote: Quotation) -> bool:
    words = body[quote.content_start : quote.content_end].split()
    return len(words) < 4


# --------------------------------------------------------------------------- records


def _trim_end(body: str, start: int, end: int) -> int:
    """Drop the comma a quotation ends with before its attribution ("“We will win,” she said")."""
    while end > start and body[end - 1] in ", ":
        end -= 1
    return end


def _pronoun_position(body: str, registry: Registry, draft: Draft) -> int | None:
    """Where a pronoun after its quotation looks back from. A quotation that continues the
    sentence's own words ("Choosing between Clinton and Sanders is a “false choice,” she
    said") makes those words the speaker's too, so their names are no antecedents; after a
    colon or a comma ("McCaskill scolded him: “…,” she said") the lead-in names the speaker."""
    mention = draft.attribution.mention
    first = draft.parts[0][0]
    if mention is None or draft.kind != "direct" or mention.start < first:
        return None
    before = body[registry.sentence_start(first) : first].rstrip(" \t\n“‘\"'«")
    if not before or not before[-1].isalnum():
        return None
    return registry.sentence_start(first)


def _records(article: Article, drafts: list[Draft], registry: Registry) -> list[Quote]:
    body = article.body
    resolved: list[tuple[Draft, Resolved]] = []
    roles: dict[str, str] = {}
    descriptions: dict[str, str] = {}
    # names and nominals first: the speakers they give are what pronouns resolve to
    by_mention: dict[int, Resolved] = {}
    for draft in drafts:
        mention = draft.attribution.mention
        if mention is not None and mention.kind != "pronoun":
            res = registry.resolve(mention)
            by_mention[id(draft)] = res
            if res.entity is not None:
                registry.note_speaker(mention.start, res.entity)
    last_group: tuple[int, Resolved] | None = None
    for draft in drafts:
        mention = draft.attribution.mention
        res = by_mention.get(id(draft)) or (
            registry.resolve(mention, _pronoun_position(body, registry, draft))
            if mention is not None
            else Resolved(None, None)
        )
        if (
            mention is not None
            and mention.kind == "pronoun"
            and res.name is None
            and (
                mention.text.lower() == "they"
                and last_group is not None
                and mention.start - last_group[0] < 600
            )
        ):
            res = last_group[1]  # "union members say …; they say …"
        if (
            mention is not None
            and mention.kind == "pronoun"
            and mention.text == "I"
            and res.name is None
            and article.author
        ):
            # "“…,” I said." in the narration of a first-person piece: its author speaks
            res = Resolved(article.author, "person")
        if mention is not None and mention.kind == "pronoun" and res.entity is not None:
            # "She says …. [a sentence] She tweeted: …": a resolved pronoun speaks too, and
            # the next pronoun follows the same speaker
            registry.note_speaker(mention.start, res.entity)
        if res.name and res.kind in ("group", "organisation") and mention is not None:
            last_group = (mention.start, res)
        if res.name and mention is not None and mention.role and res.name not in roles:
            roles[res.name] = mention.role
            if mention.description:
                descriptions[res.name] = mention.description
        resolved.append((draft, res))
    _between_same_speaker(body, resolved)
    for entity in registry.entities:
        if entity.role and entity.name not in roles:
            roles[entity.name] = entity.role

    seen: dict[tuple[str, str | None], Quote] = {}
    out: list[Quote] = []
    paras = list(paragraphs(body))
    for draft, res in resolved:
        spans = [(s, e) for s, e in draft.parts if e > s]
        if spans:
            spans[-1] = (spans[-1][0], _trim_end(body, *spans[-1]))
        if not spans:
            continue
        text = join_parts(body, spans)
        if not WORD_CHAR.search(text):
            continue  # empty or punctuation-only quotation marks (“,” said X)
        if draft.attribution.how == "none" and _is_fragment_text(text):
            continue  # scare quotes and titles: no speaker, not a statement
        start, end = spans[0][0], spans[-1][1]
        key = (" ".join(text.lower().split()), res.name)
        if key in seen:
            seen[key].occurrences += 1
            continue
        mention = draft.attribution.mention
        att = draft.attribution
        para = next((p for p in paras if p.start <= start < p.end + 1), None)
        no_cue = att.how in ("none", "floating", "subject", "colon-name")
        date_phrase = "" if no_cue else body[att.start : att.end]
        quote = Quote(
            id=quote_id(article.id, start, end, text),
            text=text,
            kind=draft.kind,  # type: ignore[arg-type]
            article=article.id,
            speaker=res.name,
            speaker_as_written=_as_written(res.written, mention),
            speaker_kind=res.kind if res.name or mention else None,
            role=_unquoted_role(
                roles.get(res.name) if res.name else (mention.role if mention else None)
            ),
            description=descriptions.get(res.name) if res.name else None,
            cue=att.cue,
            title=article.title,
            source=article.source,
            author=article.author,
            url=article.url,
            published=article.date,
            date=statement_date(date_phrase, article.date),
            context=body[para.start : para.end] if para else None,
            start=start,
            end=end,
            parts=[[s, e] for s, e in spans],
            confidence=_confidence(draft, res),
        )
        seen[key] = quote
        out.append(quote)
    return out


def _between_same_speaker(body: str, resolved: list[tuple[Draft, Resolved]]) -> None:
    """A quotation nobody is named for, between two quotations of one speaker in the
    paragraphs around it (“A,” Warren said. / “B” workers. / “C,” Warren said.), is theirs."""
    for k in range(1, len(resolved) - 1):
        draft, res = resolved[k]
        if draft.attribution.how != "none" or draft.kind != "direct" or res.name:
            continue
        if _is_fragment_text(" ".join(body[a:b] for a, b in draft.parts)):
            continue  # a scare quote or a title stays nobody's
        (before, was), (after, then) = resolved[k - 1], resolved[k + 1]
        if (
            was.name
            and was.entity is not None
            and was.entity is then.entity
            and before.kind == after.kind == "direct"
            and draft.paragraph - before.paragraph <= 1
            and after.paragraph - draft.paragraph <= 1
        ):
            att = before.attribution
            draft.attribution = Attribution(att.mention, att.cue, att.start, att.end, "floating")
            resolved[k] = (draft, was)


def _names_another(draft: Draft, att: Attribution | None) -> bool:
    """``att`` names someone other than the speaker ``draft`` was given (both by name)."""
    if att is None or att.mention is None or draft.attribution.mention is None:
        return False
    new, old = att.mention, draft.attribution.mention
    if new.kind != "name" or old.kind != "name":
        return False
    a, b = new.text.lower().split(), old.text.lower().split()
    short, long_ = (a, b) if len(a) <= len(b) else (b, a)
    return long_[-len(short) :] != short  # "Clyburn" is "Jim Clyburn"


def _unquoted_role(role: str | None) -> str | None:
    """A role never holds a quotation: one that ends the role's text is cut off ("''He deserved
    it,'' the assailant, John McGraw, told" gives "the assailant"), one inside it leaves no role."""
    if not role or MASK not in role:
        return role
    role = role.strip(MASK + " ,")
    return role if role and MASK not in role else None


def _as_written(resolved: str | None, mention: Mention | None) -> str | None:
    """How the article names the speaker: the resolved form, else the mention's. Never a form
    that takes in a quotation (a title: "''The Trumps,'' by Gwenda Blair" is written "Gwenda
    Blair"), whose masked characters would otherwise reach the record."""
    if mention is None:
        return None
    forms = (resolved, mention.written, mention.text)
    return next((f for f in forms if f and MASK not in f), None)


def _is_fragment_text(text: str) -> bool:
    return len(text.split()) < 4


def _confidence(draft: Draft, res: Resolved) -> float:
    """How likely the record is right (text and speaker), by the rule that made it.

    The values are measured on the PolNeAR dev and train splits (see docs/attribution.md):
    a record below 0.5 is wrong more often than right there, a record without any
    attribution ("none") about four times in five.
    """
    how = draft.attribution.how
    base = _BASE_CONFIDENCE[how]
    mention = draft.attribution.mention
    if mention is not None and res.name is None:
        base = min(base, 0.45)  # a speaker phrase that names nobody ("a source", "he" alone)
    elif mention is not None and mention.kind == "pronoun" and how != "subject":
        # ("subject": "She plans to vote. “…”" is right as often with a pronoun as a name)
        base -= 0.12
    if draft.broken:
        base -= 0.1
    if draft.single:
        base -= 0.2
    return round(max(0.05, min(1.0, base)), 2)


_BASE_CONFIDENCE = {
    "after": 0.92,
    "inverted": 0.92,
    "before": 0.88,
    "dash": 0.8,
    "colon": 0.8,
    "trailing": 0.75,
    "middle": 0.75,
    "leading": 0.72,
    "floating": 0.7,
    "partial": 0.6,
    "subject": 0.5,
    "colon-name": 0.7,
    "headline": 0.6,
    "none": 0.3,
}
