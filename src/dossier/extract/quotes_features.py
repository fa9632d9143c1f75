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
    return f"dist={sign}{d}" if d <= 3 else f"dist={sign}near" if d <= 8 else f"dist={sign}far"


#: ``dist=`` features by signed distance, for the distances that have their own bucket.
_DISTANCES = {d: _distance_bucket(d) for d in range(-9, 10)}


def _cue_distances(is_cue: list[bool]) -> list[str]:
    """``dist=``: signed, bucketed distance (in tokens) to the nearest cue word in the paragraph."""
    n = len(is_cue)
    if not any(is_cue):
        return ["dist=none"] * n
    before, after = [0] * n, [0] * n
    last = -(10**6)
    for i in range(n):
        if is_cue[i]:
            last = i
        before[i] = i - last
    last = 10**6
    for i in range(n - 1, -1, -1):
        if is_cue[i]:
            last = i
        after[i] = i - last
    out = []
    for b, a in zip(before, after, strict=True):
        d = b if b <= -a else a
        out.append(_DISTANCES.get(d) or _distance_bucket(d))
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


#: Feature strings are memoised by spaCy's hash of a word or lemma: building them
#: is most of this component's cost. The caches stop growing at ``CACHE_LIMIT``.
CACHE_LIMIT = 500_000
_WORDS: dict[int, tuple[str, str, str]] = {}
_LEMMAS: dict[int, tuple[str, ...]] = {}
_SHIFTED: dict[str, tuple[str, str, str, str]] = {}
_SYNTAX: dict[tuple[int, int, int, int], tuple[str, str, str, str, str]] = {}
_LEMMA_DEP: dict[tuple[int, int], str] = {}
_CHILD: dict[int, str] = {}
OFFSETS = (-2, -1, 1, 2)


def _word(token) -> tuple[str, str, str]:
    """``w=``, ``s=``, ``x=`` of a word form."""
    found = _WORDS.get(token.orth)
    if found is None:
        found = (f"w={token.lower_}", f"s={_shape(token.text)}", f"x={token.suffix_.lower()}")
        if len(_WORDS) < CACHE_LIMIT:
            _WORDS[token.orth] = found
    return found


def _lemma(token, cues: frozenset[str]) -> tuple[str, ...]:
    """The lemma, and its ``l=``, ``hl=``, ``c=``, ``hc=``, ``-1l=``, ``1l=`` features."""
    found = _LEMMAS.get(token.lemma)
    if found is None:
        lemma = token.lemma_.lower()
        flag = "y" if lemma in cues else "n"
        found = (lemma, f"l={lemma}", f"hl={lemma}", f"c={flag}", f"hc={flag}", f"-1l={lemma}", f"1l={lemma}")
        if len(_LEMMAS) < CACHE_LIMIT:
            _LEMMAS[token.lemma] = found
    return found


def _syntax(token) -> tuple[str, str, str, str, str]:
    """``p=``, ``d=``, ``hp=``, ``dh=``, ``e=`` of a token."""
    head = token.head
    key = (token.tag, token.dep, head.pos, token.ent_type)
    found = _SYNTAX.get(key)
    if found is None:
        dep, head_pos = token.dep_, head.pos_
        found = (f"p={token.tag_}", f"d={dep}", f"hp={head_pos}", f"dh={dep}|{head_pos}", f"e={token.ent_type_ or '-'}")
        _SYNTAX[key] = found
    return found


def _lemma_dep(token, lemma: str) -> str:
    key = (token.lemma, token.dep)
    found = _LEMMA_DEP.get(key)
    if found is None:
        found = f"ld={lemma}|{token.dep_}"
        if len(_LEMMA_DEP) < CACHE_LIMIT:
            _LEMMA_DEP[key] = found
    return found


def _child_deps(token) -> set[str]:
    """``k=`` features: the dependency labels of a token's children."""
    out = set()
    for child in token.children:
        found = _CHILD.get(child.dep)
        if found is None:
            found = _CHILD[child.dep] = f"k={child.dep_}"
        out.add(found)
    return out


def _shifted(feature: str) -> tuple[str, str, str, str]:
    """A feature under each neighbour prefix (``-2w=...``, ``-1w=...``, ...)."""
    found = _SHIFTED.get(feature)
    if found is None:
        found = tuple(f"{o}{feature}" for o in OFFSETS)
        if len(_SHIFTED) < CACHE_LIMIT:
            _SHIFTED[feature] = found
    return found


#: How many leading features of ``base_features`` neighbours see (word, tag, dep, quote, cue, mark).
WINDOW = 6


_QUOTE_FLAGS = {flag: f"q={flag}" for flag in "oqm"}
_CUE_MARKS = {mark: f"m={mark}" for mark in ("-", "comp", "subj", "head")}


def base_features(token, quote_flag: str, cue_mark: str, cues: frozenset[str]) -> list[str]:
    word, shape, suffix = _word(token)
    lemma, lemma_f, _, cue_f, *_ = _lemma(token, cues)
    _, _, head_f, _, head_cue_f, *_ = _lemma(token.head, cues)
    tag_f, dep_f, head_pos_f, dep_head_f, ent_f = _syntax(token)
    return [
        word,
        tag_f,
        dep_f,
        _QUOTE_FLAGS[quote_flag],
        cue_f,
        _CUE_MARKS[cue_mark],
        lemma_f,
        shape,
        head_f,
        head_pos_f,
        dep_head_f,
        ent_f,
        head_cue_f,
        suffix,
        _lemma_dep(token, lemma),
        *_child_deps(token),
    ]


def sequence_features(tokens: list, flags: list[str]) -> list[list[str]]:
    """Features for one paragraph's tokens, neighbours within two tokens included."""
    cues = cue_lemmas()
    marks = _cue_marks(tokens, cues)
    base = [base_features(t, flags[t.i], marks.get(t.i, "-"), cues) for t in tokens]
    lemmas = [_lemma(t, cues) for t in tokens]
    is_cue = [feats[4] == "c=y" for feats in base]
    distances = _cue_distances(is_cue)
    starts = sentences_of(tokens[0].doc).start
    cue_sentences = {starts[t.i] for t, flag in zip(tokens, is_cue, strict=True) if flag}
    shifted = [[_shifted(f) for f in feats[:WINDOW]] for feats in base]
    n = len(tokens)
    out = []
    for i, token in enumerate(tokens):
        row = base[i] + [
            distances[i],
            f"sent0={'y' if token.is_sent_start else 'n'}",
            f"sc={'y' if starts[token.i] in cue_sentences else 'n'}",
            lemmas[i - 1][5] if i else "-1l=^",
            lemmas[i + 1][6] if i + 1 < n else "1l=$",
        ]
        for k, offset in enumerate(OFFSETS):
            j = i + offset
            if 0 <= j < n:
                row += [variants[k] for variants in shifted[j]]
            else:
                row.append(f"{offset}BOUND")
        out.append(row)
    return out


def sequences(doc, quotes: list[Quote]) -> list[Sequence]:
    flags = quote_flags(doc, quote_token_ranges(doc, quotes))
    return [Sequence(tokens, sequence_features(tokens, flags)) for tokens in paragraph_tokens(doc)]
