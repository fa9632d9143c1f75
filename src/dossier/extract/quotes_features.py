"""Token features for the quote tagger (a linear-chain CRF over Source/Cue/Content BIO).

One sequence is one paragraph (quotes and their "he said" straddle sentences).
Features come from the spaCy-sm parse and the quote marks: word, lemma, shape, POS,
dependency and head, entity type, whether the token is quoted, whether it is or hangs
off a cue word (``quotes_cues.txt``), its signed distance to the nearest cue word, and a
window of neighbours. Training and tagging share this code, so they cannot drift.

Features are UTF-8 ``bytes`` ("w=said"): python-crfsuite takes them as they are, where
it would encode every ``str`` afresh on each call, and they name the same attributes.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

from spacy.attrs import IS_SPACE

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
            start, end = sent.start, sent.end
            starts[start:end] = [start] * (end - start)
            ends[start:end] = [end] * (end - start)
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
    features: list[list[bytes]]


def paragraph_tokens(doc) -> list[list]:
    """Token lists split at paragraph breaks; pure-whitespace tokens dropped.

    A break is a whitespace token holding a newline: spaCy's trailing whitespace
    (``whitespace_``) is one space at most, so newlines live only in such tokens.
    Only they are looked at, as attribute reads on every token cost more than the rest.
    """
    tokens = list(doc)
    groups: list[list] = [[]]
    start = 0
    for i in _space_positions(doc):
        groups[-1] += tokens[start:i]
        if "\n" in tokens[i].text and groups[-1]:
            groups.append([])
        start = i + 1
    groups[-1] += tokens[start:]
    return [g for g in groups if g]


def _space_positions(doc) -> list[int]:
    return doc.to_array(IS_SPACE).nonzero()[0].tolist() if len(doc) else []


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


def _distance_bucket(d: int) -> bytes:
    sign = "-" if d < 0 else "+"
    d = abs(d)
    return (f"dist={sign}{d}" if d <= 3 else f"dist={sign}near" if d <= 8 else f"dist={sign}far").encode()


#: ``dist=`` features by signed distance, for the distances that have their own bucket.
_DISTANCES = {d: _distance_bucket(d) for d in range(-9, 10)}


def _cue_distances(is_cue: list[bool]) -> list[bytes]:
    """``dist=``: signed, bucketed distance (in tokens) to the nearest cue word in the paragraph."""
    n = len(is_cue)
    if not any(is_cue):
        return [b"dist=none"] * n
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
#: Windows are keyed by six features, so there are many more of them (and each holds
#: five tuples): their cache stops sooner, at about 60 MB.
WINDOW_CACHE_LIMIT = 100_000
_WORDS: dict[int, tuple[bytes, bytes, bytes]] = {}
_LEMMAS: dict[int, tuple] = {}
_WINDOWS: dict[tuple[bytes, ...], tuple[tuple[bytes, ...], ...]] = {}
_SHIFTED: dict[bytes, tuple[bytes, bytes, bytes, bytes]] = {}
_SYNTAX: dict[tuple[int, int, int, int], tuple[bytes, bytes, bytes, bytes, bytes]] = {}
_LEMMA_DEP: dict[tuple[int, int], bytes] = {}
_CHILD: dict[int, bytes] = {}
OFFSETS = (-2, -1, 1, 2)


def _word(token) -> tuple[bytes, bytes, bytes]:
    """``w=``, ``s=``, ``x=`` of a word form."""
    found = _WORDS.get(token.orth)
    if found is None:
        found = _encoded(f"w={token.lower_}", f"s={_shape(token.text)}", f"x={token.suffix_.lower()}")
        if len(_WORDS) < CACHE_LIMIT:
            _WORDS[token.orth] = found
    return found


def _lemma(token, cues: frozenset[str]) -> tuple:
    """The lemma (``str``), and its ``l=``, ``hl=``, ``c=``, ``hc=``, ``-1l=``, ``1l=`` features."""
    found = _LEMMAS.get(token.lemma)
    if found is None:
        lemma = token.lemma_.lower()
        flag = "y" if lemma in cues else "n"
        found = (lemma, *_encoded(f"l={lemma}", f"hl={lemma}", f"c={flag}", f"hc={flag}", f"-1l={lemma}", f"1l={lemma}"))
        if len(_LEMMAS) < CACHE_LIMIT:
            _LEMMAS[token.lemma] = found
    return found


def _syntax(token, head) -> tuple[bytes, bytes, bytes, bytes, bytes]:
    """``p=``, ``d=``, ``hp=``, ``dh=``, ``e=`` of a token (``head``: its head)."""
    key = (token.tag, token.dep, head.pos, token.ent_type)
    found = _SYNTAX.get(key)
    if found is None:
        dep, head_pos = token.dep_, head.pos_
        found = _encoded(f"p={token.tag_}", f"d={dep}", f"hp={head_pos}", f"dh={dep}|{head_pos}", f"e={token.ent_type_ or '-'}")
        _SYNTAX[key] = found
    return found


def _lemma_dep(token, lemma: str) -> bytes:
    key = (token.lemma, token.dep)
    found = _LEMMA_DEP.get(key)
    if found is None:
        found = f"ld={lemma}|{token.dep_}".encode()
        if len(_LEMMA_DEP) < CACHE_LIMIT:
            _LEMMA_DEP[key] = found
    return found


def _child_deps(token) -> set[bytes]:
    """``k=`` features: the dependency labels of a token's children."""
    out = set()
    for child in token.children:
        found = _CHILD.get(child.dep)
        if found is None:
            found = _CHILD[child.dep] = f"k={child.dep_}".encode()
        out.add(found)
    return out


def _encoded(*features: str) -> tuple[bytes, ...]:
    return tuple(f.encode() for f in features)


def _window(features: tuple[bytes, ...]) -> tuple[tuple[bytes, ...], ...]:
    """A token's first ``WINDOW`` features as its neighbours see them: one tuple per
    offset in ``OFFSETS`` (``(-2w=..., -2p=..., ...)``, ``(-1w=..., ...)``, ...)."""
    found = _WINDOWS.get(features)
    if found is None:
        found = tuple(zip(*map(_shifted, features), strict=True))
        if len(_WINDOWS) < WINDOW_CACHE_LIMIT:
            _WINDOWS[features] = found
    return found


def _shifted(feature: bytes) -> tuple[bytes, bytes, bytes, bytes]:
    """A feature under each neighbour prefix (``-2w=...``, ``-1w=...``, ...)."""
    found = _SHIFTED.get(feature)
    if found is None:
        found = tuple(b"%d%s" % (offset, feature) for offset in OFFSETS)
        if len(_SHIFTED) < CACHE_LIMIT:
            _SHIFTED[feature] = found
    return found


#: How many leading features of ``base_features`` neighbours see (word, tag, dep, quote, cue, mark).
WINDOW = 6
#: The window of a position past the paragraph's edge: ``-2BOUND`` for the offset -2, ...
_BOUND_WINDOW = tuple((f"{offset}BOUND".encode(),) for offset in OFFSETS)


_QUOTE_FLAGS = {flag: f"q={flag}".encode() for flag in "oqm"}
_CUE_MARKS = {mark: f"m={mark}".encode() for mark in ("-", "comp", "subj", "head")}
_CUE_WORD = b"c=y"
_SENTENCE_START = {True: b"sent0=y", False: b"sent0=n"}
_CUE_SENTENCE = {True: b"sc=y", False: b"sc=n"}
#: The lemma entry of a position past the paragraph's edge (``-1l=^`` before, ``1l=$`` after).
_EDGE_LEMMA = (None, None, None, None, None, b"-1l=^", b"1l=$")


def base_features(token, quote_flag: str, cue_mark: str, cues: frozenset[str]) -> list[bytes]:
    word, shape, suffix = _word(token)
    head = token.head
    lemma, lemma_f, _, cue_f, *_ = _lemma(token, cues)
    _, _, head_f, _, head_cue_f, *_ = _lemma(head, cues)
    tag_f, dep_f, head_pos_f, dep_head_f, ent_f = _syntax(token, head)
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


def sequence_features(tokens: list, flags: list[str]) -> list[list[bytes]]:
    """Features for one paragraph's tokens, neighbours within two tokens included.

    Lemmas and windows are padded with edge entries, so that each row is built in
    one go (allocations, and with them garbage collections, add up).
    """
    cues = cue_lemmas()
    marks = _cue_marks(tokens, cues)
    base = [base_features(t, flags[t.i], marks.get(t.i, "-"), cues) for t in tokens]
    is_cue = [feats[4] == _CUE_WORD for feats in base]
    distances = _cue_distances(is_cue)
    starts = sentences_of(tokens[0].doc).start
    cue_sentences = {starts[t.i] for t, flag in zip(tokens, is_cue, strict=True) if flag}
    lemmas = [_EDGE_LEMMA, *(_lemma(t, cues) for t in tokens), _EDGE_LEMMA]
    windows = [_BOUND_WINDOW, _BOUND_WINDOW, *(_window(tuple(feats[:WINDOW])) for feats in base), _BOUND_WINDOW, _BOUND_WINDOW]
    return [
        [
            *base[k],
            distances[k],
            _SENTENCE_START[bool(token.is_sent_start)],
            _CUE_SENTENCE[starts[token.i] in cue_sentences],
            lemmas[k][5],
            lemmas[k + 2][6],
            *windows[k][0],
            *windows[k + 1][1],
            *windows[k + 3][2],
            *windows[k + 4][3],
        ]
        for k, token in enumerate(tokens)
    ]


def sequences(doc, quotes: list[Quote]) -> list[Sequence]:
    flags = quote_flags(doc, quote_token_ranges(doc, quotes))
    return [Sequence(tokens, sequence_features(tokens, flags)) for tokens in paragraph_tokens(doc)]
