"""Turns the tagger's Source/Cue/Content labels into attributions, with the parse.

The CRF finds cues and sources well, but token tagging gets content boundaries
wrong (PolNeAR's contents are clauses and quotes). So each cue's content is chosen
among *structural* candidates — the subtrees of the cue's complements, the clause the
cue is embedded in (less the cue's own subtree), the quotes near it — and the CRF's
own content runs, by how well each agrees with the CRF's content marginals
(sum of ``p - 0.5`` over its tokens, structural candidates get a bonus). The winner
is then snapped to quote marks and trimmed of outer punctuation (unquoted content
leaves out the final period; quoted content keeps its marks and what is inside).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from dossier.extract.quotes_features import SUBJECT_DEPS

#: Children of a cue word that never carry its content.
NON_CONTENT_DEPS = SUBJECT_DEPS | {
    "aux", "auxpass", "neg", "punct", "cc", "advmod", "npadvmod", "prt", "expl", "dative",
    "mark", "csubj", "det", "poss", "amod", "compound", "case",
}
#: Dependencies by which a cue hangs off the clause it reports ("A, X said").
EMBEDDED_DEPS = {"ccomp", "parataxis", "advcl", "conj", "prep", "xcomp"}
#: Bonus (in summed ``p - 0.5``) a parse- or quote-shaped candidate gets over a raw CRF run.
STRUCTURE_BONUS = 1.0


@dataclass
class Draft:
    """An attribution in doc token indices; ``content`` may be discontinuous."""

    cue: list[int]
    source: list[int] = field(default_factory=list)
    content: set[int] = field(default_factory=set)
    paragraph: int = 0


def runs(labels: list[str], tag: str) -> list[list[int]]:
    """Positions of each BIO run of ``tag`` (an I without a B starts a run too)."""
    found: list[list[int]] = []
    for i, label in enumerate(labels):
        if label == f"B-{tag}" or (label == f"I-{tag}" and (i == 0 or labels[i - 1][2:] != tag)):
            found.append([i])
        elif label == f"I-{tag}":
            found[-1].append(i)
    return found


def anchor_of(cue_tokens: list) -> object:
    """The word a cue is built on: its last verb, else its last noun, else its last word."""
    for pos in ("VERB", "NOUN", "PROPN", "AUX"):
        picked = [t for t in cue_tokens if t.pos_ == pos]
        if picked:
            return picked[-1]
    return cue_tokens[-1]


def pick_source(cue_tokens: list, sources: list[list], used_cue: set[int]) -> list:
    """The tagged source linked to the cue: its subject/agent/"according to" object, else nearest."""
    cue_ids = {t.i for t in cue_tokens}
    sentence = cue_tokens[0].sent
    linked, same_sentence = [], []
    for span in sources:
        if any(t.i in used_cue for t in span):
            continue
        if any(_governed_by(t, cue_ids) for t in span):
            linked.append(span)
        elif span[0].sent == sentence:
            same_sentence.append(span)
    pool = linked or same_sentence
    if not pool:
        return []
    return min(pool, key=lambda span: _gap(span, cue_tokens))


def _governed_by(token, cue_ids: set[int]) -> bool:
    """Whether ``token`` is (in) a subject, agent or object of a cue word, two steps at most."""
    node = token
    for _ in range(4):
        if node.head.i in cue_ids and node.i not in cue_ids:
            return node.dep_ in SUBJECT_DEPS or node.dep_ in ("pobj", "appos", "nsubj", "poss")
        if node.head.i == node.i:
            return False
        node = node.head
    return False


def _gap(a: list, b: list) -> int:
    return max(a[0].i - b[-1].i, b[0].i - a[-1].i, 0)


def structural_candidates(cue_tokens: list, exclude: set[int], quotes: list[tuple[int, int]]) -> list[set[int]]:
    """Token sets the cue's content may be: complements, embedding clause, nearby quotes."""
    cue_ids = {t.i for t in cue_tokens}
    found: list[set[int]] = []
    for token in cue_tokens:
        for child in token.children:
            if child.i in cue_ids or child.dep_ in NON_CONTENT_DEPS:
                continue
            found.append({t.i for t in child.subtree} - exclude)
    anchor = anchor_of(cue_tokens)
    node = anchor
    while node.dep_ in EMBEDDED_DEPS and node.head.i != node.i and node.head.i not in cue_ids:
        head = node.head
        found.append({t.i for t in head.subtree} - {t.i for t in node.subtree} - exclude)
        node = head
        if head.pos_ in ("VERB", "AUX"):
            break
    sentence = anchor.sent
    for start, end in quotes:
        if start <= sentence.end + 1 and end >= sentence.start - 1:
            found.append(set(range(start, end)) - exclude)
    return [c for c in found if c]


class ContentChooser:
    """Picks each cue's content in one paragraph from the CRF marginals and the parse."""

    def __init__(self, doc, positions: list[int], content_prob: list[float], quotes: list[tuple[int, int]]):
        self.doc = doc
        self.prob = dict(zip(positions, content_prob, strict=True))
        self.quotes = quotes  # doc token ranges [start, end) of quotes in this paragraph

    def score(self, tokens: set[int]) -> float:
        return sum(self.prob.get(i, 0.0) - 0.5 for i in tokens if not self.doc[i].is_punct)

    def choose(self, cue_tokens: list, exclude: set[int], crf_runs: list[set[int]]) -> set[int]:
        scored = [(self.score(c) + STRUCTURE_BONUS, c) for c in structural_candidates(cue_tokens, exclude, self.quotes)]
        scored += [(self.score(c), c) for c in crf_runs]
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
    """Drop unquoted punctuation and space at either end of a token set."""
    ordered = sorted(tokens)
    while ordered and _loose(doc[ordered[0]], quotes):
        ordered.pop(0)
    while ordered and _loose(doc[ordered[-1]], quotes):
        ordered.pop()
    return set(ordered)


def _loose(token, quotes: list[tuple[int, int]]) -> bool:
    return token.is_space or (token.is_punct and not in_quote(token.i, quotes) and token.text not in ")]")


def token_groups(doc, tokens: set[int]) -> list[tuple[int, int]]:
    """Char spans of runs of consecutive tokens (space tokens bridge a run)."""
    spans: list[list[int]] = []
    last = None
    for i in sorted(tokens):
        token = doc[i]
        bridged = last is not None and all(doc[j].is_space for j in range(last + 1, i))
        if spans and bridged:
            spans[-1][1] = token.idx + len(token.text)
        else:
            spans.append([token.idx, token.idx + len(token.text)])
        last = i
    return [(s, e) for s, e in spans]
