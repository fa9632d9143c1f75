"""Token features for the quote tagger (a linear-chain CRF over Source/Cue/Content BIO).

One sequence is one paragraph (quotes and their "he said" straddle sentences).
Features come from the spaCy-sm parse and the quote marks: word, lemma, shape, POS,
dependency and head, entity type, whether the token is quoted, whether it is or hangs
off a cue word (``quotes_cues.txt``), its signed distance to the nearest cue word, and a
window of neighbours. Training and tagging share this code, so they cannot drift.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

from dossier.extract.quotes_lexicon import load_words
from dossier.extract.quotes_marks import Quote, quote_token_ranges

#: Dependencies that carry a cue's message, and those that name its speaker.
COMPLEMENT_DEPS = {"ccomp", "xcomp", "parataxis"}
SUBJECT_DEPS = {"nsubj", "nsubjpass", "agent"}


@functools.lru_cache(maxsize=1)
def cue_lemmas() -> frozenset[str]:
    return frozenset(load_words("quotes_cues.txt"))


@dataclass
class Sentences:
    """Each token's sentence as token offsets ``[start, end)``, and the doc's text.

    spaCy rebuilds both on every access (``Token.sent`` rescans the doc, ``Doc.text``
    joins every token), so they are computed once per doc.
    """

    start: list[int]
    end: list[int]
    text: str


_LAST: list = [None, None]


def sentences_of(doc) -> Sentences:
    """The sentence bounds of ``doc`` (remembered for the last doc asked about)."""
    if _LAST[0] is not doc:
        starts, ends = [0] * len(doc), [0] * len(doc)
        for sent in doc.sents:
            for i in range(sent.start, sent.end):
                starts[i], ends[i] = sent.start, sent.end
        _LAST[:] = [doc, Sentences(starts, ends, doc.text)]
    return _LAST[1]


def text_of(doc) -> str:
    return sentences_of(doc).text


def sentence_start(token) -> int:
    return sentences_of(token.doc).start[token.i]


def sentence_end(token) -> int:
    return sentences_of(token.doc).end[token.i]


@dataclass
class Sequence:
    """The tokens of one paragraph (whitespace tokens left out) and their features."""

    tokens: list
    features: list[list[str]]


def paragraph_tokens(doc) -> list[list]:
    """Token lists split at paragraph breaks; pure-whitespace tokens dropped."""
    groups: list[list] = [[]]
    for token in doc:
        if token.is_space:
            if "\n" in token.text and groups[-1]:
                groups.append([])
            continue
        groups[-1].append(token)
        if "\n" in token.whitespace_ and groups[-1]:
            groups.append([])
    return [g for g in groups if g]


def quote_flags(doc, quote_ranges: list[tuple[int, int]]) -> list[str]:
    """Per token: ``q`` inside a quote, ``m`` a quote mark itself, ``o`` outside."""
    flags = ["o"] * len(doc)
    for start, end in quote_ranges:
        for i in range(start, end):
            flags[i] = "q"
        flags[start] = flags[end - 1] = "m"
    return flags


def _cue_marks(tokens: list, cues: frozenset[str]) -> dict[int, str]:
    """Tokens in a cue word's complement (``comp``) or subject (``subj``) subtree."""
    marks: dict[int, str] = {}
    for token in tokens:
        if token.lemma_.lower() not in cues:
            continue
        for child in token.children:
            role = "comp" if child.dep_ in COMPLEMENT_DEPS else "subj" if child.dep_ in SUBJECT_DEPS else None
            if role:
                for t in child.subtree:
                    marks.setdefault(t.i, role)
        if token.dep_ in COMPLEMENT_DEPS and token.head.i != token.i:
            marks.setdefault(token.head.i, "head")
    return marks


def _distance_bucket(d: int) -> str:
    sign = "-" if d < 0 else "+"
    d = abs(d)
    return f"{sign}{d}" if d <= 3 else f"{sign}near" if d <= 8 else f"{sign}far"


def _cue_distances(tokens: list, is_cue: list[bool]) -> list[str]:
    """Signed, bucketed distance (in tokens) to the nearest cue word in the paragraph."""
    positions = [i for i, flag in enumerate(is_cue) if flag]
    if not positions:
        return ["none"] * len(tokens)
    out = []
    for i in range(len(tokens)):
        nearest = min(positions, key=lambda p: abs(p - i))
        out.append(_distance_bucket(i - nearest))
    return out


def _shape(text: str) -> str:
    if text.isupper() and len(text) > 1:
        return "UP"
    if text[:1].isupper():
        return "Tt"
    if text.isalpha():
        return "lo"
    if text.isdigit():
        return "dd"
    return "p" if not text.isalnum() else "mx"


def base_features(token, quote_flag: str, cue_mark: str, cues: frozenset[str]) -> list[str]:
    lemma = token.lemma_.lower()
    head = token.head
    return [
        f"w={token.lower_}",
        f"l={lemma}",
        f"s={_shape(token.text)}",
        f"p={token.tag_}",
        f"d={token.dep_}",
        f"hl={head.lemma_.lower()}",
        f"hp={head.pos_}",
        f"dh={token.dep_}|{head.pos_}",
        f"e={token.ent_type_ or '-'}",
        f"q={quote_flag}",
        f"c={'y' if lemma in cues else 'n'}",
        f"hc={'y' if head.lemma_.lower() in cues else 'n'}",
        f"m={cue_mark}",
        f"x={token.suffix_.lower()}",
        f"ld={lemma}|{token.dep_}",
        *{f"k={child.dep_}" for child in token.children},
    ]


#: Of each neighbour, the features copied under a position prefix.
WINDOW_KEYS = ("w=", "p=", "d=", "q=", "c=", "m=")


def sequence_features(tokens: list, flags: list[str]) -> list[list[str]]:
    """Features for one paragraph's tokens, neighbours within two tokens included."""
    cues = cue_lemmas()
    marks = _cue_marks(tokens, cues)
    base = [base_features(t, flags[t.i], marks.get(t.i, "-"), cues) for t in tokens]
    lemmas = [feats[1][2:] for feats in base]
    is_cue = [lemma in cues for lemma in lemmas]
    distances = _cue_distances(tokens, is_cue)
    starts = sentences_of(tokens[0].doc).start
    cue_sentences = {starts[t.i] for t, flag in zip(tokens, is_cue, strict=True) if flag}
    window = [[f for f in feats if f[:2] in WINDOW_KEYS] for feats in base]
    shifted = {o: [[f"{o}{f}" for f in feats] for feats in window] for o in (-2, -1, 1, 2)}
    n = len(tokens)
    out = []
    for i, token in enumerate(tokens):
        row = base[i] + [
            f"dist={distances[i]}",
            f"sent0={'y' if token.is_sent_start else 'n'}",
            f"sc={'y' if starts[token.i] in cue_sentences else 'n'}",
            f"-1l={lemmas[i - 1] if i else '^'}",
            f"1l={lemmas[i + 1] if i + 1 < n else '$'}",
        ]
        for offset in (-2, -1, 1, 2):
            j = i + offset
            if 0 <= j < n:
                row += shifted[offset][j]
            else:
                row.append(f"{offset}BOUND")
        out.append(row)
    return out


def sequences(doc, quotes: list[Quote]) -> list[Sequence]:
    flags = quote_flags(doc, quote_token_ranges(doc, quotes))
    return [Sequence(tokens, sequence_features(tokens, flags)) for tokens in paragraph_tokens(doc)]
