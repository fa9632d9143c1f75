"""Turns the tagger's Source/Cue/Content labels into attributions, with the parse.

The CRF finds cues and sources well, but token tagging gets content boundaries
wrong (PolNeAR's contents are clauses and quotes). So each cue's content is chosen
among *structural* candidates — the subtrees of the cue's complements, the clause the
cue is embedded in (less the cue's own subtree), the quotes near it — and the CRF's
own content runs, by how well each agrees with the CRF's content marginals (see
``BONUS``). The winner is then snapped to quote marks and trimmed of outer
punctuation (unquoted content leaves out the final period; quoted content keeps its
marks and what is inside). An addressee ("told reporters") goes in neither part.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field

from dossier.extract.quotes_features import SUBJECT_DEPS, sentence_start, sentences_of
from dossier.extract.quotes_lexicon import load_words

#: Children of a cue word that never carry its content.
NON_CONTENT_DEPS = SUBJECT_DEPS | {
    "aux", "auxpass", "neg", "punct", "cc", "advmod", "npadvmod", "prt", "expl", "dative",
    "mark", "csubj", "det", "poss", "amod", "compound", "case",
}
#: Dependencies by which a cue hangs off the clause it reports ("A, X said").
EMBEDDED_DEPS = {"ccomp", "parataxis", "advcl", "conj", "prep", "xcomp"}
#: A candidate scores the sum over its words of ``p - THRESHOLD`` (``p``: the CRF's content
#: marginal), plus a bonus by its shape over a raw CRF run (tuned on a slice of PolNeAR
#: train): a clausal complement ("said [that ...]") is what unquoted content usually
#: is, "according to X" always reports the clause it hangs off, and a clause that is
#: itself another cue's ("Speaking on TV, she said ...") rarely is this cue's content.
THRESHOLD = 0.5
BONUS = {
    "clause": 3.0,
    "child": 0.0,
    "embedding": 0.0,
    "quote": 0.0,
    "according": 10.0,
    "through_cue": -2.0,
}


@dataclass
class Draft:
    """An attribution in doc token indices; ``content`` may be discontinuous."""

    cue: list[int]
    source: list[int] = field(default_factory=list)
    content: set[int] = field(default_factory=set)
    paragraph: int = 0
    addressee: list[int] = field(default_factory=list)


def runs(labels: list[str], tag: str) -> list[list[int]]:
    """Positions of each BIO run of ``tag`` (an I without a B starts a run too)."""
    begin, inside = f"B-{tag}", f"I-{tag}"
    found: list[list[int]] = []
    for i, label in enumerate(labels):
        if label == begin or (label == inside and (i == 0 or labels[i - 1][2:] != tag)):
            found.append([i])
        elif label == inside:
            found[-1].append(i)
    return found


def anchor_of(cue_tokens: list) -> object:
    """The word a cue is built on: its last verb, else its last noun, else its last word."""
    for token in cue_tokens:
        if token.lower_ == "according":
            return token
    for pos in ("VERB", "NOUN", "PROPN", "AUX"):
        picked = [t for t in cue_tokens if t.pos_ == pos]
        if picked:
            return picked[-1]
    return cue_tokens[-1]


def subject_of(cue_tokens: list) -> object | None:
    """The word that syntactically says it: the cue's subject or agent, the object of
    "according to", or for a participle ("..., saying") the subject of the clause it modifies."""
    anchor = anchor_of(cue_tokens)
    for token in (anchor, *cue_tokens):
        for child in token.children:
            if child.dep_ in ("nsubj", "nsubjpass") and not (token is anchor and child.dep_ == "nsubjpass"):
                return child
            if child.dep_ in ("agent", "prep") and child.lower_ in ("by", "to"):
                obj = next((c for c in child.children if c.dep_ == "pobj"), None)
                if obj is not None and (child.lower_ == "by" or token.lower_ == "according"):
                    return obj
    if anchor.dep_ in ("advcl", "conj", "xcomp") and anchor.tag_ in ("VBG", "VBD", "VB"):
        return next((c for c in anchor.head.children if c.dep_ == "nsubj"), None)
    return None


def pick_source(cue_tokens: list, sources: list[list], used_cue: set[int]) -> list:
    """The tagged source holding the cue's subject, else the subject, else the nearest in its sentence."""
    subject = subject_of(cue_tokens)
    core = _core(subject) if subject is not None else set()
    sentence = sentence_start(cue_tokens[0])
    pool = [span for span in sources if not any(t.i in used_cue for t in span)]
    if subject is not None:
        for span in pool:
            if any(t.i == subject.i for t in span):
                return span
        inside = [span for span in pool if all(t.i in core for t in span)]
        if inside:
            return max(inside, key=len)
    same_sentence = [span for span in pool if sentence_start(span[0]) == sentence]
    if same_sentence:
        return min(same_sentence, key=lambda span: _gap(span, cue_tokens))
    return subject_span(subject, used_cue)


def subject_span(subject, used_cue: set[int]) -> list:
    """The untagged subject as a source: its subtree when short, else its noun chunk."""
    if subject is None or subject.pos_ not in ("PROPN", "NOUN", "PRON") or subject.i in used_cue:
        return []
    words = list(subject.subtree)
    if len(words) > 6:
        words = [t for t in words if t.i <= subject.i and t.head.i == subject.i or t.i == subject.i]
    return [t for t in words if not t.is_punct]


def _core(subject) -> set[int]:
    """The subject's subtree less its clauses ("Vance, who met Zelenskiy, said")."""
    clauses = {t.i for child in subject.children if child.dep_ in ("relcl", "acl", "appos") for t in child.subtree}
    return {t.i for t in subject.subtree} - clauses


def _gap(a: list, b: list) -> int:
    return max(a[0].i - b[-1].i, b[0].i - a[-1].i, 0)


def structural_candidates(cue_tokens: list, exclude: set[int], quotes: list[tuple[int, int]], others: list[list]) -> list[tuple[str, set[int]]]:
    """Token sets the cue's content may be: complements, embedding clause, nearby quotes.

    ``others`` are the paragraph's other cues: a trailing participle cue ("..., acknowledging
    that ...") is cut out of a complement, and a quote is not the cue's when another cue
    sits between them or, outside the cue's sentence, in the quote's own sentence.
    """
    cue_ids = {t.i for t in cue_tokens}
    exclude = exclude | _participle_cues(others, cue_ids)
    addressing = anchor_of(cue_tokens).lemma_.lower() in addressee_verbs()
    found: list[tuple[str, set[int]]] = []
    for token in cue_tokens:
        for child in _content_children(token, addressing):
            if child.i in cue_ids or child.dep_ in NON_CONTENT_DEPS:
                continue
            kind = "clause" if child.dep_ in ("ccomp", "xcomp") else "child"
            found.append((kind, {t.i for t in child.subtree} - exclude))
    anchor = anchor_of(cue_tokens)
    node = anchor
    kind = "according" if anchor.lower_ == "according" else "embedding"
    other_ids = {t.i for cue in others for t in cue}
    while node.dep_ in EMBEDDED_DEPS and node.head.i != node.i and node.head.i not in cue_ids:
        head = node.head
        through = "through_cue" if head.i in other_ids else kind
        found.append((through, {t.i for t in head.subtree} - {t.i for t in node.subtree} - exclude))
        node = head
        if head.pos_ in ("VERB", "AUX"):
            break
    own = own_quotes(cue_tokens, quotes, others)
    found += [("quote", set(range(*q)) - exclude) for q in own]
    if len(own) > 1:
        found.append(("quote", {i for q in own for i in range(*q)} - exclude))
    return [(kind, c) for kind, c in found if c]


def _content_children(token, addressing: bool) -> list:
    """A cue word's children, where the person addressed gives way to what they were
    told of ("warned Russia [of sanctions]", "warned leaders [against trusting ...]")."""
    children = []
    for child in token.children:
        if addressing and child.dep_ == "dobj":
            children += [c for c in child.children if c.dep_ == "prep" and c.i > child.i]
        else:
            children.append(child)
    return children


def _participle_cues(others: list[list], cue_ids: set[int]) -> set[int]:
    """Tokens of other cues that trail as participles (", saying ..."), with their comma."""
    cut: set[int] = set()
    for cue in others:
        anchor = anchor_of(cue)
        if anchor.i in cue_ids or anchor.tag_ != "VBG" or anchor.dep_ not in ("advcl", "conj", "xcomp"):
            continue
        subtree = {t.i for t in anchor.subtree}
        before = anchor.doc[anchor.left_edge.i - 1] if anchor.left_edge.i else None
        if before is not None and before.text == ",":
            cut |= subtree | {before.i}
    return cut


def own_quotes(cue_tokens: list, quotes: list[tuple[int, int]], others: list[list]) -> list[tuple[int, int]]:
    """Quotes that can be this cue's: near it, with no other cue in the way."""
    doc = cue_tokens[0].doc
    bounds = sentences_of(doc)
    sent_start, sent_end = bounds.start[cue_tokens[0].i], bounds.end[cue_tokens[0].i]
    other_ids = [t.i for cue in others for t in cue if t.i not in {c.i for c in cue_tokens}]
    first, last = cue_tokens[0].i, cue_tokens[-1].i
    mine = []
    for start, end in quotes:
        lo, hi = (end, first) if end <= first else (last + 1, start)
        if any(lo <= i < hi for i in other_ids):
            continue
        in_sentence = start < sent_end and end > sent_start
        if not in_sentence:
            quote_sentences = {bounds.start[start], bounds.start[end - 1]}
            if any(bounds.start[i] in quote_sentences for i in other_ids):
                continue
            if abs(bounds.start[start] - sent_end) > 1 and abs(sent_start - bounds.end[end - 1]) > 1:
                continue
        mine.append((start, end))
    return mine


@functools.lru_cache(maxsize=1)
def addressee_verbs() -> frozenset[str]:
    return frozenset(load_words("quotes_addressee_verbs.txt"))


def addressee_tokens(cue_tokens: list) -> list[int]:
    """Who was spoken to: the object of "told"/"warned", or "said to X" (in neither the
    source nor the content), as its noun phrase less trailing phrases and clauses."""
    anchor = anchor_of(cue_tokens)
    lemma = anchor.lemma_.lower()
    cue_ids = {t.i for t in cue_tokens}
    for child in anchor.children:
        target = None
        if child.dep_ in ("dobj", "dative") and lemma in addressee_verbs():
            target = child
        elif child.dep_ == "prep" and child.lower_ == "to" and lemma in load_words("quotes_addressee_to.txt"):
            target = next((c for c in child.children if c.dep_ == "pobj"), None)
        if target is None or target.pos_ not in ("PROPN", "NOUN", "PRON") or target.i in cue_ids:
            continue
        return [t.i for t in target.subtree if t.i <= target.i or (t.head == target and t.dep_ not in ("prep", "relcl", "acl"))]
    return []


class ContentChooser:
    """Picks each cue's content in one paragraph from the CRF marginals and the parse."""

    def __init__(self, doc, tokens: list, content_prob: list[float], quotes: list[tuple[int, int]]):
        self.doc = doc
        #: ``p - THRESHOLD`` of each word that is not punctuation, by doc index.
        self.weight = {t.i: p - THRESHOLD for t, p in zip(tokens, content_prob, strict=True) if not t.is_punct}
        self.paragraph = {t.i for t in tokens}
        self.quotes = quotes  # doc token ranges [start, end) of quotes in this paragraph

    def score(self, tokens: set[int]) -> float:
        """The sum of ``weight`` over ``tokens`` (a subset of the paragraph)."""
        weight = self.weight
        return sum(weight[i] for i in tokens if i in weight)

    def choose(self, cue_tokens: list, exclude: set[int], crf_runs: list[set[int]], others: list[list]) -> set[int]:
        structural = structural_candidates(cue_tokens, exclude, self.quotes, others)
        scored = [(self.score(c & self.paragraph) + BONUS[kind], c & self.paragraph) for kind, c in structural]
        scored += [(self.score(c - exclude), c - exclude) for c in crf_runs]
        if not scored:
            return set()
        best_score, best = max(scored, key=lambda pair: pair[0])
        if best_score <= 0:
            return set()
        return self.tidy(best, exclude)

    def tidy(self, tokens: set[int], exclude: set[int]) -> set[int]:
        """Snap to quotes (a mostly covered quote is taken whole), then trim outer punctuation."""
        tokens = set(tokens)
        for start, end in self.quotes:
            inside = tokens & set(range(start, end))
            if inside and 2 * len(inside) >= end - start:
                tokens |= set(range(start, end)) - exclude
        return trim(self.doc, tokens, self.quotes)


def in_quote(i: int, quotes: list[tuple[int, int]]) -> bool:
    return any(start <= i < end for start, end in quotes)


def trim(doc, tokens: set[int], quotes: list[tuple[int, int]]) -> set[int]:
    """Drop unquoted punctuation and space at either end of a token set.

    Single marks that pair up inside the set (headlines quote with them: X: ‘We Will
    Win.’) count as quote marks there.
    """
    ordered = sorted(tokens)
    opening = next((i for i in ordered if doc[i].text == "‘"), None)
    closing = next((i for i in reversed(ordered) if doc[i].text == "’"), None)
    if opening is not None and closing is not None and opening < closing:
        quotes = [*quotes, (opening, closing + 1)]
    while ordered and _loose(doc[ordered[0]], quotes):
        ordered.pop(0)
    while ordered and _loose(doc[ordered[-1]], quotes):
        ordered.pop()
    return set(ordered)


def _loose(token, quotes: list[tuple[int, int]]) -> bool:
    return token.is_space or (token.is_punct and not in_quote(token.i, quotes) and token.text not in ")]")


def token_groups(doc, tokens: set[int]) -> list[tuple[int, int]]:
    """Char spans of runs of consecutive tokens (space tokens bridge a run)."""
    runs: list[list[int]] = []  # [first, last] token of each run
    last = -1
    for i in sorted(tokens):
        if runs and (i == last + 1 or all(doc[j].is_space for j in range(last + 1, i))):
            runs[-1][1] = i
        else:
            runs.append([i, i])
        last = i
    return [(doc[first].idx, doc[end].idx + len(doc[end].text)) for first, end in runs]
