"""Statements: who said what, to whom, where and when (direct, indirect and mixed quotes).

A CRF (``models/quotes.crfsuite``, trained on PolNeAR by ``train_quotes``) tags each
paragraph's Source, Cue and Content tokens; ``quotes_assemble`` turns the tags into
attributions, taking content boundaries from the parse and the quote marks. On top:
a title-case headline ("X Warns Y ...") is read as an attribution, and a quote that
follows an attributed quote with no cue of its own (the next sentence, or the next
paragraph opening with a quote mark) continues it. Speakers and addressees resolve
through ``ctx.entity_for`` (the actors component), dates through ``extract.time``.
"""

from __future__ import annotations

import functools
from bisect import bisect_left
from importlib import resources

import pycrfsuite

from dossier.extract.base import Context, register
from dossier.extract.quotes_assemble import (
    ContentChooser,
    Draft,
    addressee_tokens,
    anchor_of,
    in_quote,
    pick_source,
    runs,
    token_groups,
    trim,
)
from dossier.extract.quotes_features import (
    SUBJECT_DEPS,
    cue_lemmas,
    paragraph_tokens,
    quote_flags,
    sentence_end,
    sentence_start,
    sequence_features,
    text_of,
)
from dossier.extract.quotes_lexicon import word_set
from dossier.extract.quotes_marks import find_quotes, quote_token_ranges
from dossier.records import DateValue, Entity, Record, Statement

MODEL_FILE = "quotes.crfsuite"
#: Prepositions that introduce a venue ("in an interview", "on a podcast").
VENUE_PREPS = {"in", "on", "during", "at", "via", "through"}
#: Verbs of an opening participle that carries the venue ("Speaking on a podcast, he said").
VENUE_VERBS = {"speak", "write", "appear", "talk", "testify", "post"}


@functools.lru_cache(maxsize=1)
def tagger() -> pycrfsuite.Tagger:
    tagger = pycrfsuite.Tagger()
    path = resources.files("dossier.extract").joinpath("models", MODEL_FILE)
    with resources.as_file(path) as model:
        tagger.open(str(model))
    return tagger


@register("statements", version="1")
def statements(doc, ctx: Context) -> list[Record]:
    quotes = quote_token_ranges(doc, find_quotes(text_of(doc)))
    drafts = find_attributions(doc, quotes, ctx.title)
    return [to_statement(doc, ctx, draft, quotes) for draft in drafts]


# --------------------------------------------------------------------------- finding


def find_attributions(doc, quote_ranges: list[tuple[int, int]], title: str | None = None) -> list[Draft]:
    """Every attribution in ``doc``, in text order (``quote_ranges``: its quotes' tokens)."""
    flags = quote_flags(doc, quote_ranges)
    paragraphs = paragraph_tokens(doc)
    drafts: list[Draft] = []
    for number, tokens in enumerate(paragraphs):
        inside = [q for q in quote_ranges if tokens[0].i <= q[0] <= tokens[-1].i]
        found = tag_paragraph(doc, tokens, flags, inside, number)
        if number + 1 < len(paragraphs):
            found += colon_lead_in(doc, paragraphs[number : number + 2], found, quote_ranges, number)
        drafts += found
    drafts += inner_attributions(doc, quote_ranges, drafts, paragraphs)
    if title:
        drafts = headline(doc, title, paragraphs[0], drafts) if paragraphs else drafts
    add_continuations(doc, drafts, paragraphs, quote_ranges)
    return sorted(drafts, key=lambda d: d.cue[0])


def tag_paragraph(doc, tokens: list, flags: list[str], quotes: list[tuple[int, int]], number: int) -> list[Draft]:
    crf = tagger()
    crf.set(sequence_features(tokens, flags))
    labels = crf.tag()
    cues = runs(labels, "CUE") + untagged_speech_cues(tokens, labels, flags)
    if not cues:
        return []
    prob = [crf.marginal("B-CON", i) + crf.marginal("I-CON", i) for i in range(len(tokens))]
    chooser = ContentChooser(doc, tokens, prob, quotes)
    sources = [[tokens[i] for i in run] for run in runs(labels, "SRC")]
    cue_positions = {i for cue in cues for i in cue}
    all_cue_ids = {tokens[i].i for i in cue_positions}
    content_runs = [piece for run in runs(labels, "CON") for piece in _split(run, cue_positions)]
    drafts = []
    for cue in cues:
        cue_tokens = [tokens[i] for i in cue]
        source = pick_source(cue_tokens, sources, all_cue_ids)
        spoken_to = addressee_tokens(cue_tokens)
        exclude = {t.i for t in cue_tokens} | {t.i for t in source} | set(spoken_to)
        own = [{tokens[i].i for i in run} for run in content_runs if _nearest(run, cues) is cue]
        others = [[tokens[i] for i in other] for other in cues if other is not cue]
        content = chooser.choose(cue_tokens, exclude, own, others)
        if content:
            drafts.append(Draft([t.i for t in cue_tokens], [t.i for t in source], content, number, spoken_to))
    return drafts


def colon_lead_in(doc, pair: list[list], found: list[Draft], quotes: list, number: int) -> list[Draft]:
    """A paragraph ending "X said:" introduces the next paragraph as its content."""
    tokens, following = pair
    if tokens[-1].text != ":":
        return []
    content = trim(doc, {t.i for t in following}, quotes)
    for draft in found:
        if draft.cue[-1] >= tokens[-1].i - 1:
            draft.content = content
            return []
    verb = tokens[-2] if len(tokens) > 1 else None
    if verb is None or verb.lemma_.lower() not in cue_lemmas() or not content:
        return []
    subject = [c for c in verb.children if c.dep_ in SUBJECT_DEPS]
    source = [t.i for t in subject[0].subtree] if subject else []
    return [Draft([verb.i, tokens[-1].i], source, content, number)]


def inner_attributions(doc, quotes: list, drafts: list[Draft], paragraphs: list[list]) -> list[Draft]:
    """An attribution closing a quote from inside it: "“A, he added,” X said" -> he added A."""
    cued = {i for d in drafts for i in d.cue}
    speech = word_set("speech_verbs.txt")
    starts = [tokens[0].i for tokens in paragraphs]
    found = []
    for start, end in quotes:
        verb = doc[end - 3] if end - start > 4 else None
        if verb is None or verb.i in cued or verb.lemma_.lower() not in speech or not doc[end - 2].is_punct:
            continue
        subject = doc[verb.i - 1]
        if subject.pos_ not in ("PRON", "PROPN") or subject.i <= start + 1:
            continue
        content = trim(doc, set(range(start + 1, subject.i)), [])
        if content:
            number = sum(s <= verb.i for s in starts) - 1
            found.append(Draft([verb.i], [subject.i], content, number))
    return found


def untagged_speech_cues(tokens: list, labels: list[str], flags: list[str]) -> list[list[int]]:
    """Speech verbs the tagger left out that govern a clause ("warned ... that ...") or,
    even inside another attribution's content, a quote ("warned against “...”")."""
    speech = word_set("speech_verbs.txt")
    found = []
    for n, token in enumerate(tokens):
        if "CUE" in labels[n] or "SRC" in labels[n] or token.pos_ != "VERB" or token.lemma_.lower() not in speech:
            continue
        clause = any(child.dep_ in ("ccomp", "xcomp") for child in token.children)
        quoting = any(flags[t.i] != "o" for child in token.children if child.dep_ not in SUBJECT_DEPS for t in child.subtree)
        if (clause and labels[n] == "O") or (quoting and flags[token.i] == "o"):
            found.append([n])
    return found


def _split(run: list[int], cut: set[int]) -> list[list[int]]:
    """A run of positions broken at (and without) the ``cut`` positions."""
    pieces: list[list[int]] = [[]]
    for i in run:
        if i in cut:
            pieces.append([])
        else:
            pieces[-1].append(i)
    return [piece for piece in pieces if piece]


def _nearest(run: list[int], cues: list[list[int]]) -> list[int]:
    return min(cues, key=lambda cue: max(run[0] - cue[-1], cue[0] - run[-1], 0))


def headline(doc, title: str, first_line: list, drafts: list[Draft]) -> list[Draft]:
    """A title-case headline read as "Speaker Verbs the rest" ("X Warns Y of Z").

    The tagger, trained on sentence case, splits such lines badly, so this reading
    replaces what it found in the title line.
    """
    if not text_of(doc).lstrip().startswith(title.strip()):
        return drafts
    cues = word_set("quotes_headline_cues.txt")
    for n, token in enumerate(first_line[1:-1], start=1):
        if token.lower_ in cues and all(t.text[:1].isupper() for t in first_line[:n] if t.is_alpha):
            content = trim(doc, {t.i for t in first_line[n + 1 :]}, [])
            source = [t.i for t in first_line[:n]]
            if content:
                rest = [d for d in drafts if d.cue[0] > first_line[-1].i]
                return [Draft([token.i], source, content, 0), *rest]
    return drafts


def add_continuations(doc, drafts: list[Draft], paragraphs: list[list], quotes: list[tuple[int, int]]) -> None:
    """Append to a quoting attribution the quotes that follow it without a cue of their own.

    Within its paragraph, a later quote continues it when no cue lies in that quote's
    sentence; the next paragraph continues it when it opens with a quote mark and no
    attribution was found in it (and so on, paragraph after paragraph).
    """
    claimed = {i for d in drafts for i in d.content}
    cue_sentences = {sentence_start(doc[d.cue[0]]) for d in drafts}
    by_paragraph: dict[int, list[Draft]] = {}
    for d in drafts:
        by_paragraph.setdefault(d.paragraph, []).append(d)
    last: Draft | None = None
    for number, tokens in enumerate(paragraphs):
        own = by_paragraph.get(number, [])
        inside = [q for q in quotes if tokens[0].i <= q[0] <= tokens[-1].i]
        if own:
            last = max(own, key=lambda d: max(d.content))
            if not _quoting(last, quotes):
                last = None
        elif last is not None and inside and inside[0][0] == tokens[0].i:
            last.content |= {i for q in inside for i in range(*q)}
            continue
        else:
            last = None
        if last is not None:
            for start, end in inside:
                later = start > max(last.content)
                if later and start not in claimed and sentence_start(doc[start]) not in cue_sentences:
                    last.content |= set(range(start, end))


def _quoting(draft: Draft, quotes: list[tuple[int, int]]) -> bool:
    return any(in_quote(i, quotes) for i in draft.content)


# --------------------------------------------------------------------------- records


def to_statement(doc, ctx: Context, draft: Draft, quotes: list[tuple[int, int]]) -> Statement:
    text = text_of(doc)
    cue_tokens = [doc[i] for i in draft.cue]
    anchor = anchor_of(cue_tokens)
    speaker_span = token_groups(doc, set(draft.source))
    cue_span = token_groups(doc, set(draft.cue))
    content_span = token_groups(doc, draft.content)
    spans = speaker_span + cue_span + content_span
    first, last = doc[sentence_start(cue_tokens[0])], doc[sentence_end(cue_tokens[-1]) - 1]
    return Statement(
        article_id=ctx.article_id,
        sentence=text[first.idx : last.idx + len(last.text)],
        start=min(s for s, _ in spans),
        end=max(e for _, e in spans),
        speaker=_entity(ctx, doc, draft.source),
        cue=" ".join(text[s:e] for s, e in cue_span),
        cue_lemma=cue_lemma(cue_tokens, anchor),
        content=" … ".join(text[s:e] for s, e in content_span),
        kind=kind_of(doc, draft.content, quotes),
        addressee=_entity(ctx, doc, draft.addressee),
        venue=venue(anchor, set(draft.source) | draft.content),
        date=statement_date(doc, ctx, anchor),
        speaker_span=[list(s) for s in speaker_span],
        cue_span=[list(s) for s in cue_span],
        content_span=[list(s) for s in content_span],
    )


def cue_lemma(cue_tokens: list, anchor) -> str:
    words = [t.lower_ for t in cue_tokens]
    if "according" in words:
        return "according to"
    if anchor.pos_ == "PROPN" and anchor.lower_.endswith("s"):  # a title-case headline verb
        word = anchor.lower_
        return word[:-3] + "y" if word.endswith("ies") else word[:-1]
    return anchor.lemma_.lower()


def kind_of(doc, content: set[int], quotes: list[tuple[int, int]]) -> str:
    """``direct`` for whole quoted utterances, ``mixed`` for quotes woven into reported
    words or partial quotes ("warned against “trusting ...”"), else ``indirect``."""
    words = [i for i in sorted(content) if not doc[i].is_punct]
    quoted = _count_quoted(words, quotes)
    if not quoted:
        return "indirect"
    if quoted < len(words):
        return "mixed"
    first = doc[words[0]]
    before = doc[min(content) - 1] if min(content) else None
    opens_utterance = first.is_title or first.is_upper or before is None or before.text == ":"
    return "direct" if opens_utterance else "mixed"


def _count_quoted(words: list[int], quotes: list[tuple[int, int]]) -> int:
    """How many of the sorted ``words`` lie in a quote (a bisection per quote, not a scan
    of the quotes per word)."""
    inside: set[int] = set()
    for start, end in quotes:
        inside.update(words[bisect_left(words, start) : bisect_left(words, end)])
    return len(inside)


def _entity(ctx: Context, doc, tokens: list[int]) -> Entity | None:
    """The actor of a span: the mention at its head word ("Vance, who met X, said" is
    Vance; "Starmer's office" is not Starmer), else the span as an unresolved entity."""
    if not tokens:
        return None
    inside = set(tokens)
    head = next((doc[i] for i in sorted(tokens) if doc[i].head.i not in inside or doc[i].head.i == i), doc[tokens[0]])
    start, end = doc[min(tokens)].idx, doc[max(tokens)].idx + len(doc[max(tokens)].text)
    return ctx.entity_for(head.idx, head.idx + len(head.text)) or Entity(
        text=text_of(doc)[start:end], start=start, end=end
    )


def venue(anchor, excluded: set[int]) -> str | None:
    """Where it was said: a prepositional phrase of the cue on an interview, podcast, show...

    The phrase stops where the statement's own parts begin ("in a phone call that ...").
    """
    venues = word_set("quotes_venues.txt")
    holders = [anchor] + [c for c in anchor.children if c.dep_ == "advcl" and c.lemma_ in VENUE_VERBS]
    for holder in holders:
        for prep in holder.children:
            if prep.dep_ != "prep" or prep.lower_ not in VENUE_PREPS:
                continue
            obj = next((c for c in prep.children if c.dep_ == "pobj"), None)
            if obj is None:
                continue
            named = obj.lemma_.lower() in venues or (prep.lower_ == "on" and obj.pos_ == "PROPN")
            if named:
                words = []
                for token in prep.subtree:
                    if token.i in excluded or token.lower_ == "that" and token.dep_ == "mark":
                        break
                    words.append(token)
                while words and words[-1].is_punct:
                    words.pop()
                if len(words) < 2:
                    continue
                return text_of(prep.doc)[words[0].idx : words[-1].idx + len(words[-1].text)]
    return None


@functools.lru_cache(maxsize=1)
def _date_for():
    """``extract.time.date_for`` when that component is installed, else None."""
    try:
        from dossier.extract.time import date_for
    except ImportError:
        return None
    return date_for


def statement_date(doc, ctx: Context, anchor) -> DateValue | None:
    date_for = _date_for()
    return date_for(doc, ctx, anchor) if date_for else None
