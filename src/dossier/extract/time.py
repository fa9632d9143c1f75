"""Temporal tagger: finds time expressions and normalises them to TimeML TIMEX3.

The grammar is data (``data/time_lexicon.json``, ``data/time_patterns.json``):
each token gets one word class (a month name, a unit, a number...), encoded as
one character, and the patterns are regular expressions over that string of
classes. The longest match wins; a named normaliser (``RULES``) turns the
matched words into a TIMEX3 ``type``/``value``/``mod``, anchored to the
article's publication date and, for bare weekdays and months, to the tense of
the verb the expression hangs on ("said on Wednesday" looks back, "will meet on
Friday" looks ahead). Narrative expressions ("the next day", "two days later")
anchor on the last day the text itself gave, "that year" on the last year it
named; in earnings reports, "a year ago" and "the quarter" refer to the quarter
reported on.

``date_for`` and ``deadline_for`` let other extractors date a predicate from the
timexes attached to it in the parse.
"""

from __future__ import annotations

import bisect
import calendar
import datetime as dt
import json
import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from importlib import resources

from spacy.attrs import LOWER

from dossier.extract.base import Context, register
from dossier.records import DateValue, Timex

_DATA = resources.files("dossier.extract") / "data"
LEXICON: dict = json.loads((_DATA / "time_lexicon.json").read_text())
GRAMMAR: dict = json.loads((_DATA / "time_patterns.json").read_text())

#: Classes read from a token's shape rather than looked up.
SHAPE_CLASSES = ("YEAR", "EDGE_YEAR", "DAYNUM", "NUM", "ORD", "DECADE", "EDGE_DECADE", "CLOCK", "ISO", "FRACTION")
LOOKUP_CLASSES = tuple(k for k, v in LEXICON.items() if isinstance(v, dict) and k.isupper())
#: Classes of multi-word entries ("half an": HALF_OF), some of them given by phrases only.
PHRASE_CLASSES = tuple(LEXICON["phrases"])
CONTINUATION = "~"
OTHER = "."


def _code_char(i: int) -> str:
    """The one-character code of the ``i``-th class: A-Z, a-z, then Latin letters from À
    (never OTHER, CONTINUATION or a regex metacharacter)."""
    return chr(ord("A") + i) if i < 26 else chr(ord("a") + i - 26) if i < 52 else chr(0xC0 + i - 52)


_CODE = {name: _code_char(i) for i, name in enumerate(sorted(set(LOOKUP_CLASSES + SHAPE_CLASSES + PHRASE_CLASSES)))}

GUARDED = set(LEXICON["guarded"]["words"])
GUARD_CONTEXT = set(LEXICON["guarded"]["after"])
CAPITALISED = set(LEXICON["capitalised"])
RECURRING = set(LEXICON["recurring"]["words"])
RANGE_PREPOSITIONS: dict[str, str] = LEXICON["range_prepositions"]
DEADLINE_PREPOSITIONS: dict[str, str] = LEXICON["deadline_prepositions"]
PHRASES = {
    tuple(phrase.split()): (cls, value)
    for cls, entries in LEXICON["phrases"].items()
    for phrase, value in entries.items()
}
MAX_PHRASE = max(len(p) for p in PHRASES)
PHRASE_STARTS = {p[0] for p in PHRASES}

ISO_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$|^(\d{1,2})/(\d{1,2})/(\d{4}|\d{2})$")
CLOCK_SHAPE = re.compile(r"^(\d{1,2})(?::(\d{2}))?(a\.?m\.?|p\.?m\.?)?$", re.I)
ORDINAL_SHAPE = re.compile(r"^(\d{1,2})(st|nd|rd|th)$", re.I)
DECADE_SHAPE = re.compile(r"^(?:['’]?(\d{2})|(\d{4}))'?s$")
NUMBER_SHAPE = re.compile(r"^\d+(?:\.\d+)?$")
YEAR_PREFIXES: dict[str, str] = {k: v for k, v in LEXICON["year_prefixes"].items() if k != "_doc"}
EDGE_YEAR_SHAPE = re.compile(rf"^({'|'.join(YEAR_PREFIXES)})-(\d{{4}})('?s)?$", re.I)
FRACTION_SHAPE = re.compile(r"^([13])/([24])$")  # "2 1/2 years"

DURATION_UNITS = {
    "S": ("T", 1, "S"), "MIN": ("T", 1, "M"), "H": ("T", 1, "H"), "D": ("", 1, "D"),
    "NIGHT": ("", 1, "D"), "W": ("", 1, "W"), "FORTNIGHT": ("", 2, "W"), "WE": ("", 1, "WE"), "M": ("", 1, "M"),
    "Q": ("", 1, "Q"), "Y": ("", 1, "Y"), "DE": ("", 10, "Y"), "CE": ("", 100, "Y"),
    "ML": ("", 1000, "Y"),
}


@dataclass(frozen=True)
class Word:
    """One token's grammar class and the value the lexicon gives it."""

    cls: str
    value: object = None


@dataclass
class Reading:
    """A normalised TIMEX3: what a rule makes of a match."""

    type: str
    value: str
    mod: str | None = None


@dataclass
class Match:
    """A pattern match over tokens ``start:end`` of a doc, with the words' classes."""

    doc: object
    start: int
    end: int
    words: list[Word]
    anchor: dt.date | None
    ref: dt.date | None = None  # the last day the text gave
    local_ref: dt.date | None = None  # the same, within this sentence
    local_value: str | None = None  # the last DATE value of this sentence
    period: str | None = None  # the last quarter or half the text named: the period reported on
    period_age: int = 0  # how many sentences back it was named
    mention: str | None = None  # the last calendar DATE value the text gave ("June 1998")
    context: list[Word] | None = None  # the words of the whole pattern match, context included

    def first(self, *classes: str) -> Word | None:
        return next((w for w in self.words if w.cls in classes), None)

    def value(self, cls: str, default=None):
        word = self.first(cls)
        return word.value if word else default

    def has(self, cls: str) -> bool:
        return any(w.cls == cls for w in self.words)

    @property
    def tokens(self):
        return self.doc[self.start : self.end]


def _token_of(m: Match, cls: str):
    """The token of a match's first word of class ``cls``."""
    return m.tokens[next(i for i, w in enumerate(m.words) if w.cls == cls)]


# --- token classes ---------------------------------------------------------------


def _flat_lexicon() -> dict[str, Word]:
    """Every lexicon word with its class; a word in two classes keeps the first."""
    words: dict[str, Word] = {}
    for cls in LOOKUP_CLASSES:
        for key, value in LEXICON[cls].items():
            words.setdefault(key, Word(cls, value))
    return words


WORDS = _flat_lexicon()
#: Words whose class needs no look at the token itself ("and", "week", "ago"): no case,
#: guard or part-of-speech test applies to them.
PLAIN_WORDS = {
    key: word for key, word in WORDS.items()
    if word.cls not in CAPITALISED and word.cls not in ("AMPM", "LAST") and key not in GUARDED
}


def _shape_word(text: str, prev: str, following) -> Word | None:
    """Numbers, years, ordinals, decades, clock times and ISO dates, by their shape."""
    if ISO_DATE.match(text):
        return Word("ISO", text)
    if m := EDGE_YEAR_SHAPE.match(text):  # "mid-1998", "mid-1990s", "post-1959"
        cls = "EDGE_DECADE" if m.group(3) else "EDGE_YEAR"
        return Word(cls, (YEAR_PREFIXES[m.group(1).lower()], int(m.group(2))))
    if m := DECADE_SHAPE.match(text):
        if m.group(2) or text[0] in "'’" or prev in ("'", "’"):
            return Word("DECADE", int(m.group(2)) if m.group(2) else 1900 + int(m.group(1)))
        return None  # "in her 30s" is an age
    if m := ORDINAL_SHAPE.match(text):
        return Word("ORD", int(m.group(1)))
    if (m := FRACTION_SHAPE.match(text)) and m.group(1) < m.group(2):
        return Word("FRACTION", int(m.group(1)) / int(m.group(2)))
    if ":" in text or text[-1:].lower() == "m":
        if (m := CLOCK_SHAPE.match(text)) and (m.group(2) or m.group(3)):
            return Word("CLOCK", text)
        return None
    if not NUMBER_SHAPE.match(text.replace(",", "")):
        return None
    number = float(text.replace(",", ""))
    if prev in ("$", "€", "£", "#", "no.") or following is not None and following.lower_ in ("%", "percent"):
        return Word("NUM", number)
    if len(text) == 4 and 1000 <= number <= 2199 and _year_context(number, prev, following):
        return Word("YEAR", int(number))
    if number.is_integer() and 1 <= number <= 31 and "," not in text:
        return Word("DAYNUM", int(number))
    return Word("NUM", number)


#: Words before which a modern four-digit number is a year even before a plural ("the 1992 protests").
YEAR_DETERMINERS = {"the", "'s", "its", "their", "his", "her", "fiscal", "calendar"}


def _year_context(number: float, prev: str, following) -> bool:
    """A four-digit number is a year unless it counts something ("1500 troops")."""
    if following is None or prev in YEAR_DETERMINERS and 1900 <= number <= 2099:
        return True
    return following.tag_ != "NNS" or following.lower_ in LEXICON["UNIT"]


def _guard_ok(token, prev_lower: str) -> bool:
    """An ambiguous word ("May", "march", "fall") is a time only in a temporal context,
    and not before a name ("Jan Kavan")."""
    nxt = token.nbor(1) if token.i + 1 < len(token.doc) else None
    if nxt is not None and nxt.pos_ == "PROPN" and nxt.text[:1].isupper():
        return False
    if prev_lower in GUARD_CONTEXT or prev_lower[:1].isdigit():
        return True
    return nxt is not None and (nxt.like_num or ORDINAL_SHAPE.match(nxt.text) is not None)


def _guarded_time(token, word: Word, prev_lower: str) -> bool:
    if token.pos_ in ("VERB", "AUX"):
        return False
    if not token.text[0].isupper() and word.cls != "SEASON":
        return False
    return _guard_ok(token, prev_lower)


def classify(doc) -> list[Word | None]:
    """Each token's grammar class (``None`` for tokens outside the grammar)."""
    words: list[Word | None] = [None] * len(doc)
    strings = doc.vocab.strings
    lowers = [strings[key] for key in doc.to_array(LOWER).tolist()]  # faster than token.lower_
    i = 0
    while i < len(lowers):
        lower = lowers[i]
        spelled = _spelled_year_at(lowers, i) if lower in SPELLED_YEAR_STARTS else None
        if spelled and _year_context(spelled[1], lowers[i - 1] if i else "", _after(doc, i + spelled[0] - 1)):
            length, year = spelled
            words[i : i + length] = [Word("YEAR", year)] + [Word(CONTINUATION)] * (length - 1)
            i += length
            continue
        phrase = _phrase_at(lowers, i) if lower in PHRASE_STARTS else None
        if phrase:
            length, cls, value = phrase
            words[i] = Word(cls, value)
            for j in range(i + 1, i + length):
                words[j] = Word(CONTINUATION)
            i += length
            continue
        if lower in PLAIN_WORDS:
            words[i] = PLAIN_WORDS[lower]
        elif lower.rstrip(".") in WORDS or lower[:1].isdigit() or lower[:1] == "'" or "-" in lower:
            words[i] = _classify_token(doc[i], lowers[i - 1] if i else "")
        i += 1
    return words


NUMBER_WORDS: dict[str, int] = {**LEXICON["NUM"], "one": 1}
TEENS = {w: v for w, v in NUMBER_WORDS.items() if 11 <= v <= 19}
TENS = {w: v for w, v in NUMBER_WORDS.items() if v in range(20, 100, 10)}
DIGIT_WORDS = {w: v for w, v in NUMBER_WORDS.items() if 1 <= v <= 9}
SPELLED_YEAR_STARTS = set(TEENS) | {"two"}


def _spelled_year_at(lowers: list[str], i: int) -> tuple[int, int] | None:
    """A year in words at token ``i``, as ``(tokens, year)``: "nineteen ninety-six",
    "nineteen ninety", or "two thousand" after "year"."""
    if lowers[i] in TEENS and i + 1 < len(lowers) and lowers[i + 1] in TENS:
        year = TEENS[lowers[i]] * 100 + TENS[lowers[i + 1]]
        if lowers[i + 2 : i + 3] == ["-"] and i + 3 < len(lowers) and lowers[i + 3] in DIGIT_WORDS:
            return 4, year + DIGIT_WORDS[lowers[i + 3]]
        return 2, year
    if lowers[i : i + 2] == ["two", "thousand"] and i and lowers[i - 1] == "year":
        return 2, 2000
    return None


def _phrase_at(lowers: list[str], i: int) -> tuple[int, str, str] | None:
    for length in range(min(MAX_PHRASE, len(lowers) - i), 1, -1):
        hit = PHRASES.get(tuple(lowers[i : i + length]))
        if hit:
            return length, hit[0], hit[1]
    return None


def _after(doc, i: int):
    """The token after token ``i``, if any."""
    return doc[i + 1] if i + 1 < len(doc) else None


def _classify_token(token, prev_lower: str) -> Word | None:
    text = token.text
    key = token.lower_.rstrip(".") if len(token.text) > 1 else token.lower_
    word = WORDS.get(key)
    if word is None:
        if text[0].isdigit() or "'" in text or "-" in text:
            return _shape_word(text, prev_lower, _after(token.doc, token.i))
        return None
    if word.cls in CAPITALISED and not text[0].isupper():
        return None
    if key in GUARDED and not _guarded_time(token, word, prev_lower):
        return None
    if word.cls == "AMPM" and key == "am" and not (prev_lower[:1].isdigit()):
        return None
    if word.cls == "LAST" and token.pos_ == "VERB":
        return None  # "the strike will last a week"
    return word


def encode(words: list[Word | None]) -> str:
    return "".join(
        OTHER if w is None else CONTINUATION if w.cls == CONTINUATION else _CODE[w.cls] for w in words
    )


# --- grammar ----------------------------------------------------------------------


def _compile(pattern: str, macros: dict[str, str]) -> re.Pattern:
    """A pattern as a regex over class codes; ``<...>`` marks the timex inside words that
    only give it context ("April 24 and <25>")."""

    def expand(text: str) -> str:
        return re.sub(r"[A-Z_]+", lambda m: expand(macros[m[0]]) if m[0] in macros else m[0], text)

    def to_regex(m: re.Match) -> str:
        return f"(?:{re.escape(_CODE[m[0]])}{CONTINUATION}*)"

    regex = re.sub(r"[A-Z_]+", to_regex, expand(pattern)).replace(" ", "")
    return re.compile(regex.replace(">", ")").replace("<", "(?P<timex>"))


PATTERNS = [
    (_compile(p["pattern"], GRAMMAR["macros"]), p["rule"]) for p in GRAMMAR["patterns"]
]


#: Classes no pattern is made of alone ("the", "of", numbers...): runs of them are skipped.
FILLER_CODES = frozenset(_CODE[name] for name in GRAMMAR["fillers"]) | {CONTINUATION}
RUN = re.compile(f"[^{re.escape(OTHER)}]+")


def _drop_fillers(run: re.Match) -> str:
    text = run[0]
    return text if not FILLER_CODES.issuperset(text) else OTHER * len(text)


@dataclass(frozen=True)
class Candidate:
    """A pattern match: the timex's tokens ``start:end`` within the tokens ``context``."""

    start: int
    end: int
    index: int
    context: tuple[int, int]


def candidates(codes: str) -> list[Candidate]:
    """All pattern matches, as token ranges with the pattern's index.

    Patterns never match OTHER tokens, so runs of them are squeezed to one
    before matching (most of a text is outside the grammar), and nor do they
    match runs of filler words alone. A match opening
    with "the" is also offered without it, for rules that refuse the article.
    """
    codes = RUN.sub(_drop_fillers, codes)
    kept = [i for i, c in enumerate(codes) if c != OTHER or i == 0 or codes[i - 1] != OTHER]
    squeezed = "".join(codes[i] for i in kept)
    found = []
    for index, (regex, _) in enumerate(PATTERNS):
        marked = "timex" in regex.groupindex
        for m in regex.finditer(squeezed):
            context = kept[m.start()], kept[m.end() - 1] + 1
            start, end = (kept[m.start("timex")], kept[m.end("timex") - 1] + 1) if marked else context
            if end > start:
                found.append(Candidate(start, end, index, context))
            if codes[start] == _CODE["THE"] and end > start + 1:
                found.append(Candidate(start + 1, end, index, context))  # in case the rule wants no article
    return found


# --- calendar arithmetic ----------------------------------------------------------


def add_months(day: dt.date, months: int) -> dt.date:
    y, m = divmod(day.year * 12 + day.month - 1 + months, 12)
    return dt.date(y, m + 1, min(day.day, calendar.monthrange(y, m + 1)[1]))


def shift(day: dt.date, unit: str, n: int) -> dt.date:
    """``day`` moved by ``n`` calendar units."""
    if unit in ("D", "NIGHT"):
        return day + dt.timedelta(days=n)
    if unit in ("W", "WE"):
        return day + dt.timedelta(weeks=n)
    if unit == "FORTNIGHT":
        return day + dt.timedelta(weeks=2 * n)
    months = {"M": 1, "Q": 3, "HALF": 6, "Y": 12, "DE": 120, "CE": 1200, "ML": 12000}.get(unit)
    if months is None:
        return day
    try:
        return add_months(day, months * n)
    except (ValueError, OverflowError):
        return day


def in_unit(day: dt.date, unit: str) -> str | None:
    """The ISO value of the calendar unit containing ``day`` (its week, month, year...)."""
    if unit in ("D", "NIGHT", "H", "MIN", "S"):
        return day.isoformat()
    if unit in ("W", "FORTNIGHT"):
        year, week, _ = day.isocalendar()
        return f"{year}-W{week:02d}"
    if unit == "WE":
        year, week, _ = day.isocalendar()
        return f"{year}-W{week:02d}-WE"
    if unit == "M":
        return f"{day.year}-{day.month:02d}"
    if unit == "Q":
        return f"{day.year}-Q{(day.month - 1) // 3 + 1}"
    if unit == "HALF":
        return f"{day.year}-H{(day.month - 1) // 6 + 1}"
    if unit == "Y":
        return str(day.year)
    if unit == "DE":
        return str(day.year // 10)
    if unit == "CE":
        return str(day.year // 100)
    return None


def granularity(value: str) -> str | None:
    """The granularity of an ISO value, or ``None`` when it is not a calendar reading."""
    if not value[:1].isdigit():
        return None
    if "T" in value:
        return "time"
    if "-W" in value:
        return "week"
    if "-Q" in value or "-H" in value or value[5:7] in ("SP", "SU", "FA", "WI"):
        return "quarter"
    return {2: "century", 3: "decade", 4: "year", 7: "month", 10: "day"}.get(len(value))


# --- tense ------------------------------------------------------------------------

FUTURE_AUX = set(LEXICON["tense"]["future_aux"])
FUTURE_WORDS = set(LEXICON["tense"]["future_words"])
FUTURE_CUES = set(LEXICON["tense"]["future_cues"])
REPORTING = set(LEXICON["tense"]["reporting"])
DEFERRAL_VERBS = set(LEXICON["tense"]["deferral_verbs"])
DEFERRAL_PREPOSITIONS = set(LEXICON["tense"]["deferral_prepositions"])
FORWARD_VERBS = set(LEXICON["tense"]["forward_verbs"])


def governing_verb(token):
    """The nearest verb above ``token`` (itself if it is one), or the sentence root."""
    for _ in range(8):
        if token.pos_ in ("VERB", "AUX") or token.head.i == token.i:
            return token
        token = token.head
    return token


def host_verb(token):
    """The verb a time expression starting at ``token`` belongs to.

    Repairs a frequent misparse of "X said on Wednesday he will...", where the
    small model hangs "on Wednesday" on the reported clause: an expression right
    after a verb and before its governing verb's subject belongs to that verb.
    """
    verb = governing_verb(token)
    before = token.i - 1
    if before >= 0 and token.doc[before].dep_ == "prep" and token.doc[before].head.i == verb.i:
        before -= 1
    previous = token.doc[before] if before >= 0 else None
    subjects = [c.i for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
    if previous is not None and previous.pos_ == "VERB" and previous.i != verb.i and subjects and subjects[0] > token.i:
        return previous
    return verb


def tense(token) -> int:
    """-1 when the expression hangs on a past verb, +1 on a future one, 0 unknown.

    An infinitive takes the tense of the verb it depends on ("planned to pay on
    Friday" looks back) unless that verb announces a plan ("due to meet", "is to
    resume"). The simple present looks ahead ("meet Monday") except in reporting
    verbs ("says Monday"); so do "may"/"might" ("might arrive Tuesday", not "may
    have arrived") and "as early as Tuesday". A bare participle looks back ("the
    ruling announced Wednesday"). A possessive ("Wednesday's ruling") names a day
    the verb's tense says nothing of.
    """
    if _after_future_cue(token):
        return 1
    if token.dep_ == "poss":
        return 0
    verb = host_verb(token)
    if _put_off(token, verb) or _in_forward_object(token, verb) or _due_now(token):
        return 1
    for _ in range(4):
        aux = _aux(verb)
        lowers = {c.lower_ for c in aux}
        if lowers & FUTURE_AUX and "have" not in lowers or _plans_ahead(verb, aux):
            return 1
        if verb.tag_ == "VBD" or any(c.tag_ == "VBD" for c in aux) or lowers & {"has", "have"}:
            return -1
        if verb.tag_ == "VBN" and not aux and verb.lower_ != verb.lemma_:  # "the ruling announced Wednesday"
            return -1  # (not "run", "put": those may be base forms)
        if verb.tag_ == "VBG" and aux:
            return 1
        if "to" in lowers:
            if _plans_ahead(verb.head, _aux(verb.head)) or verb.head.lemma_ == "be" and verb.head.tag_ in ("VBZ", "VBP"):
                return 1
        elif verb.tag_ == "VBP" and _singular_subject(verb):
            return -1  # "the slump hurt stocks on Friday": a past form read as a present
        elif verb.tag_ in ("VBZ", "VBP"):
            return 0 if verb.lemma_ in REPORTING or verb.pos_ != "VERB" else 1
        elif verb.tag_ == "MD" or verb.dep_ not in ("xcomp", "acomp", "conj", "advcl"):
            return 0
        if verb.head.i == verb.i:
            return 0
        verb = governing_verb(verb.head)
    return 0


def _singular_subject(verb) -> bool:
    """The verb's subject is a singular noun, which a present tense would agree with in
    "-s": a bare form then is a past like "hurt", "cut", "set"."""
    return any(c.dep_ == "nsubj" and c.tag_ in ("NN", "NNP") for c in verb.children)


MAX_CUE = max(len(cue.split()) for cue in FUTURE_CUES)


def _after_future_cue(token) -> bool:
    """The words right before ``token`` are a cue that looks ahead ("as early as", "starting")."""
    before = [t.lower_ for t in token.doc[max(token.i - MAX_CUE, 0) : token.i]]
    return any(" ".join(before[-n:]) in FUTURE_CUES for n in range(1, len(before) + 1))


#: Dependencies of a verb that heads a clause of its own.
CLAUSE_DEPS = {"ROOT", "conj", "ccomp"}


def _aux(verb) -> list:
    """A verb's auxiliaries; for an adjective ("is due to"), its copula's with the copula."""
    if verb.dep_ == "acomp":
        return [verb.head, *_aux(verb.head)]
    return [c for c in verb.children if c.dep_ in ("aux", "auxpass")]


def _in_forward_object(token, verb) -> bool:
    """Inside the object of a verb of threat or promise: "threatened a strike in early
    September" is a strike to come, whenever the threat was made."""
    if verb.lemma_.lower() not in FORWARD_VERBS:
        return False
    if token.head.dep_ == "prep" and token.head.head.i == verb.i:  # "threatened a strike in May"
        return any(c.dep_ in ("dobj", "xcomp") and c.i < token.i for c in verb.children)
    node = token.head
    for _ in range(4):
        if node.head.i == verb.i:
            return node.dep_ in ("dobj", "xcomp", "ccomp")
        node = node.head
    return False


def _plans_ahead(verb, aux) -> bool:
    """"a vote scheduled for Friday", "is set to meet": a plan word, unless it is the past verb
    of a clause ("the board set Thursday as the deadline"), a past perfect ("had been due to
    expire Friday") or qualifies the subject of a past clause ("a rally planned for Saturday
    was cancelled": the plan was overtaken)."""
    if verb.lower_ not in FUTURE_WORDS:
        return False
    if aux:
        return all(c.lower_ != "had" for c in aux)
    if verb.dep_ == "acl" and _subject_of_a_past_clause(verb.head):
        return False
    return verb.tag_ != "VBD" and (verb.tag_ != "VBN" or verb.dep_ not in CLAUSE_DEPS)


def _subject_of_a_past_clause(noun) -> bool:
    clause = noun.head
    if noun.dep_ not in ("nsubj", "nsubjpass"):
        return False
    return clause.tag_ == "VBD" or any(c.tag_ == "VBD" for c in _aux(clause))


def _due_now(token) -> bool:
    """"results are due on Tuesday": a plan adjective after a copula in the present looks
    ahead (after "was" it looks back, as the copula says)."""
    node = token.head
    for _ in range(3):
        if node.dep_ == "acomp" and node.lower_ in FUTURE_WORDS:
            return node.head.tag_ in ("VBZ", "VBP")
        if node.pos_ in ("VERB", "AUX") or node.head.i == node.i:
            return False
        node = node.head
    return False


def _put_off(token, verb) -> bool:
    """"postponed until Tuesday", "gave them until Friday": what is put off lies ahead."""
    before = token.doc[token.i - 1].lower_ if token.i else ""
    return before in DEFERRAL_PREPOSITIONS and verb.lemma_ in DEFERRAL_VERBS


# --- resolution -------------------------------------------------------------------


def resolve_weekday(anchor: dt.date, weekday: int, direction: int, relative: int | None) -> dt.date:
    """The ``weekday`` (1 = Monday) nearest ``anchor`` on the side ``direction`` points to.

    ``relative`` is -1/+1/0 for "last"/"next"/"this" Friday.
    """
    delta = weekday - anchor.isoweekday()
    if relative == 0:
        return anchor + dt.timedelta(days=delta)
    if relative == -1:
        return anchor + dt.timedelta(days=delta - 7 if delta >= 0 else delta)
    if relative == 1:
        return anchor + dt.timedelta(days=delta + 7 if delta <= 0 else delta)
    if direction > 0:
        return anchor + dt.timedelta(days=delta % 7)
    return anchor - dt.timedelta(days=(-delta) % 7)


def resolve_year(
    anchor: dt.date, month: int, day: int | None, direction: int, weekday: int | None = None, strict: bool = False
) -> int:
    """The year of a month (and day) given without one.

    A weekday named with it ("Saturday, April 25") picks the year it falls in;
    otherwise the nearest such date on the side the tense points to, unless that
    is over half a year away while the same date this year is close. ``strict``
    ("last December") always keeps to that side.
    """
    years = (anchor.year - 1, anchor.year, anchor.year + 1)
    dates = {y: _safe_date(y, month, day or 15) for y in years}
    if weekday and day:
        matching = [y for y in years if dates[y] and dates[y].isoweekday() == weekday]
        if matching:
            return min(matching, key=lambda y: abs(dates[y] - anchor))
    slack = dt.timedelta(days=0 if day else 15)

    def distance(y: int) -> dt.timedelta:
        return abs(dates[y] - anchor) if dates[y] else dt.timedelta.max

    nearest = min(years, key=distance)
    if direction < 0:
        sided = [y for y in years if dates[y] and dates[y] - slack <= anchor]
    elif direction > 0:
        sided = [y for y in years if dates[y] and dates[y] + slack >= anchor]
    else:
        sided = []
    if sided:
        best = min(sided, key=distance)
        if strict or distance(best) <= dt.timedelta(days=183) or distance(nearest) > dt.timedelta(days=60):
            return best
    return nearest


def _safe_date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def number_of(match: Match) -> float | str | None:
    """The count a match gives: digits, number words ("twenty-four"), "a", "a couple", or X for
    "several"."""
    current, seen, last_was_digit = 0.0, False, False
    for token, word in zip(match.tokens, match.words, strict=True):
        if word.cls == "VAGUE":
            return word.value  # "X", or 2 for "a couple of"
        if word.cls in ("FRACTION", "HALF_OF"):  # "2 1/2", "a year and a half", "half an hour"
            current, seen = current + word.value, True
            continue
        if word.cls not in ("A", "NUM", "DAYNUM"):
            continue
        is_digit = token.text[0].isdigit()
        if is_digit and last_was_digit or word.cls == "A" and seen and token.lower_ != "one":
            return None
        value = float(word.value)
        if value in (100, 1000):
            current = (current or 1) * value
        else:
            current += value
        seen, last_was_digit = True, is_digit
    if not seen:
        return None
    return int(current) if current.is_integer() else current


#: The next smaller unit, to write a fraction of a unit: "2 1/2 years" is P2Y6M.
SMALLER_UNITS = {"Y": (12, "{}M"), "W": (7, "{}D"), "D": (24, "T{}H"), "H": (60, "{}M"), "MIN": (60, "{}S")}


def duration_value(n: float | str, unit: str) -> str | None:
    if unit not in DURATION_UNITS:
        return None
    prefix, factor, suffix = DURATION_UNITS[unit]
    if isinstance(n, str) and factor >= 10:
        return f"PX{unit}"
    count = n if isinstance(n, str) else n * factor
    if isinstance(count, float) and count.is_integer():
        count = int(count)
    if isinstance(count, float):
        return _mixed_duration(count, unit) or f"P{prefix}{count}{suffix}"
    return f"P{prefix}{count}{suffix}"


def _mixed_duration(count: float, unit: str) -> str | None:
    """A fractional count as whole units and the next smaller unit ("P1DT12H"), when the
    remainder is a whole number of it."""
    if unit not in SMALLER_UNITS:
        return None
    prefix, _, suffix = DURATION_UNITS[unit]
    per_unit, smaller = SMALLER_UNITS[unit]
    whole, rest = int(count), round((count - int(count)) * per_unit, 6)
    if not rest.is_integer():
        return None
    head = f"P{prefix}{whole}{suffix}" if whole else f"P{prefix}"
    return head + smaller.format(int(rest))


def relative_offset(m: Match) -> int | None:
    """-1, +1 or 0 for "last", "next", "this"/"current"; ``None`` without one."""
    word = m.first("LAST", "NEXT", "THIS", "CURRENT")
    if word is None:
        return None
    return 0 if word.cls == "CURRENT" else word.value


COUNT_CLASSES = ("A", "NUM", "DAYNUM", "VAGUE")


def mod_of(match: Match) -> str | None:
    """START/MID/END for "early"/"mid"/"late"; APPROX, MORE_THAN... for a quantifier before
    the count ("about two years", not "two more years"), APPROX for "a week or so"."""
    edge = match.value("EDGE") or match.value("OR_SO")
    if edge:
        return edge
    for word in match.words:
        if word.cls in COUNT_CLASSES:
            return None
        if word.cls == "APPROX":
            return word.value or None
    return None


# --- rules ------------------------------------------------------------------------


def rule_calendar(m: Match) -> Reading | None:
    """Dates with month/day/year words; missing parts come from the anchor and tense."""
    iso = m.value("ISO")
    if iso:
        return _iso_reading(iso)
    month, year = m.value("MONTH"), m.value("YEAR")
    if m.has("EDGE_YEAR"):
        mod, year = m.value("EDGE_YEAR")
        return Reading("DATE", str(year), mod)
    day = m.value("DAYNUM") or m.value("ORD")
    if day is not None and not (1 <= day <= 31):
        return None
    relative = relative_offset(m)
    if year is None and month:
        if m.anchor is None:
            return Reading("DATE", f"XXXX-{month:02d}" + (f"-{day:02d}" if day else ""), mod_of(m))
        direction = relative if relative is not None else tense(m.doc[m.start])
        year = resolve_year(m.anchor, month, day, direction, m.value("WEEKDAY"), relative is not None)
        if m.has("UNIT"):  # "June last year"
            year = m.anchor.year + (relative or 0)
        elif relative is not None and day is None:  # "last March": before this month
            year = m.anchor.year + relative
            if relative and (month - m.anchor.month) * relative > 0:
                year -= relative
    if month is None:
        return Reading("DATE", str(year), mod_of(m)) if year is not None else None
    value = f"{year}-{month:02d}" + (f"-{day:02d}" if day else "")
    return Reading("DATE", value, mod_of(m))


def rule_coordinated_day(m: Match) -> Reading | None:
    """"April 24 and 25", "3 or 4 March": a day that takes its partner's month and year.
    The days must rise ("May 3 and 4", not "May 30 and 4 officers") and the number must
    not count a noun ("on April 24 and 25 people died")."""
    days = [w.value for w in m.context if w.cls in ("DAYNUM", "ORD")]
    if len(days) != 2 or not days[0] < days[1] <= 31 or _counts_a_noun(m):
        return None
    shared = [w for w in m.context if w.cls in ("MONTH", "YEAR")]
    return rule_calendar(replace(m, words=[*m.words, *shared]))


def rule_coordinated_year(m: Match) -> Reading | None:
    """"the 1998-99 season": the second year of a range, in two digits."""
    first, last = m.context[0].value, int(m.words[0].value)
    year = first // 100 * 100 + last
    if m.doc[m.start].text != f"{last:02d}" or year <= first:  # not "1998-2 people", "2009-05"
        return None
    return Reading("DATE", str(year))


def _counts_a_noun(m: Match) -> bool:
    return m.end < len(m.doc) and m.doc[m.end].pos_ == "NOUN"


def _iso_reading(text: str) -> Reading | None:
    m = ISO_DATE.match(text)
    if m.group(1):
        year, month, day = int(m.group(1)), int(m.group(2)), int(m.group(3))
    else:
        month, day, year = int(m.group(4)), int(m.group(5)), int(m.group(6))
        year += 2000 if year < 50 else 1900 if year < 100 else 0
        if month > 12:  # "15/03/2012" can only be day first
            month, day = day, month
    try:
        return Reading("DATE", dt.date(year, month, day).isoformat())
    except ValueError:
        return None


def rule_split_iso(m: Match) -> Reading | None:
    """"2024-11-05", which the tokenizer cuts in five."""
    text = m.tokens.text
    return _iso_reading(text) if " " not in text and len(text) == 10 else None


def rule_decade(m: Match) -> Reading:
    """"the 1990s", "the mid-1990s", "the '80s", "the early nineties"; "the 1800s" is a century."""
    if m.has("EDGE_DECADE"):
        mod, year = m.value("EDGE_DECADE")
    else:
        mod, year = mod_of(m), m.value("DECADE") or m.value("DECADE_WORD")
    return Reading("DATE", _decade_or_century(year), mod)


def _decade_or_century(year: int) -> str:
    """The value of "the <year>s": a century for "the 1800s", "the 1900s" (not "the 2000s",
    which news uses for its first decade)."""
    if year % 100 == 0 and year < 2000:
        return str(year // 100)
    return str(year // 10)


def rule_ordinal_unit(m: Match) -> Reading | None:
    """"the third quarter", "first-half", "the 20th century", "next year's first quarter"."""
    n, unit = m.value("ORD"), _unit_after_ordinal(m)
    year = m.value("YEAR") or (m.anchor.year if m.anchor else None)
    if unit == "CE":
        return Reading("DATE", f"{n - 1:02d}")
    if unit not in ("Q", "HALF") or n > (4 if unit == "Q" else 2):
        return None
    letter = "Q" if unit == "Q" else "H"
    if year is None:
        return Reading("DATE", f"XXXX-{letter}{n}")
    of_year = _relative_year_of(m)
    if of_year is not None:  # "the second half of next year"
        year = of_year
    elif m.value("YEAR") is None and m.anchor:
        current = (m.anchor.month - 1) // (3 if unit == "Q" else 6) + 1
        direction = relative_offset(m) if m.has("LAST") else tense(m.doc[m.start])
        if n > current and direction <= 0 and not m.has("NEXT"):
            year -= 1
    return Reading("DATE", f"{year}-{letter}{n}")


def _unit_after_ordinal(m: Match) -> str | None:
    """The unit an ordinal counts ("quarter" in "last year's first quarter")."""
    ordinal = next(i for i, w in enumerate(m.words) if w.cls == "ORD")
    return next((w.value for w in m.words[ordinal:] if w.cls == "UNIT"), None)


def rule_coordinated_ordinal(m: Match) -> Reading | None:
    """"the third and fourth quarters", "the 19th and 20th centuries": an ordinal that takes
    the unit (and year) of the one after it."""
    ordinals = [i for i, w in enumerate(m.context) if w.cls == "ORD"]
    if len(ordinals) != 2 or not m.context[ordinals[0]].value < m.context[ordinals[1]].value:
        return None
    return rule_ordinal_unit(replace(m, words=[*m.words, *m.context[ordinals[1] + 1 :]]))


#: How many of each part a year has: "the last quarter of 1989" is its fourth.
PARTS_OF_YEAR = {"Q": 4, "HALF": 2}


def rule_last_part_of(m: Match) -> Reading | None:
    """"the last half of 1989", "the last quarter of next year": the year's final part."""
    unit = m.value("UNIT")
    if unit not in PARTS_OF_YEAR or _token_of(m, "LAST").lower_ != "last":
        return None
    words = [Word("ORD", PARTS_OF_YEAR[unit]) if w.cls == "LAST" else w for w in m.words]
    return rule_ordinal_unit(replace(m, words=words))


def _relative_year_of(m: Match) -> int | None:
    """The year in "... of next year", "last year's ...", counted from the anchor."""
    of = next((i for i, w in enumerate(m.words) if w.cls == "OF"), None)
    poss = next((i for i, w in enumerate(m.words) if w.cls == "POSS"), None)
    if of is None and poss is None or m.anchor is None:
        return None
    year_words = replace(m, words=m.words[of:] if of is not None else m.words[:poss])
    offset = relative_offset(year_words)
    return m.anchor.year + offset if offset is not None and year_words.value("UNIT") == "Y" else None


def rule_weekday(m: Match) -> Reading | None:
    """"Friday", "last Friday", "Friday night"; "Friday nights", "on Sundays" recur (SET)."""
    weekday = m.value("WEEKDAY")
    part = m.value("PART_OF_DAY")
    relative = relative_offset(m)
    if m.has("UNIT"):  # "Friday nights"
        if m.value("UNIT") != "NIGHT":
            return None
        part = "NI"
    if m.tokens[-1].lower_ in RECURRING:
        return Reading("SET", f"XXXX-WXX-{weekday}" + (f"T{part}" if part else ""))
    if m.anchor is None:
        return Reading("DATE", f"XXXX-WXX-{weekday}" + (f"T{part}" if part else ""))
    base = m.ref or m.anchor if _is_anaphoric(m) else m.anchor
    day = resolve_weekday(base, weekday, tense(m.doc[m.start]), relative)
    return _day_reading(day, part, mod_of(m))


def rule_weekday_after(m: Match) -> Reading | None:
    """"from Tuesday to Thursday", "Monday through Friday": the weekday closing a range is the
    first one after the day that opened it, whatever the tense says ("Friday and Thursday"
    need not rise: a pair joined by "and" reads as two weekdays)."""
    reading = rule_weekday(m)
    closes_a_range = any(w.cls == "HYPHEN" or w.cls == "CONJ" and w.value == "range" for w in m.context)
    if m.local_ref is None or reading is None or reading.type != "DATE" or not closes_a_range:
        return reading
    day = m.local_ref + dt.timedelta(days=(m.value("WEEKDAY") - m.local_ref.isoweekday() - 1) % 7 + 1)
    return _day_reading(day, m.value("PART_OF_DAY"))


def _is_anaphoric(m: Match) -> bool:
    """"the previous Friday", "the following Monday" count from the day the text is at;
    "last Friday", "next Monday" from the publication."""
    return any(t.lower_ in ANAPHORIC for t in m.tokens)


def _day_reading(day: dt.date, part: str | None, mod: str | None = None) -> Reading:
    """A day, or a part of it ("Friday night": ``TNI``), typed DATE as the TimeBank and
    AQUAINT annotators mostly do (a clock time, or "this morning", is a TIME)."""
    if part:
        return Reading("DATE", f"{day.isoformat()}T{part}", mod)
    return Reading("DATE", day.isoformat(), mod)


def rule_relative(m: Match) -> Reading | None:
    """"last week", "this month", "late next year", "earlier this year", "the end of the year";
    "coming weeks" is the vague future."""
    unit = m.value("UNIT")
    if unit in ("H", "MIN", "S", "D") or _is_title(m):
        return None
    if m.has("NEXT") and m.tokens[-1].tag_ == "NNS":
        return Reading("DATE", "FUTURE_REF")
    offset = -1 if m.has("PAST") else relative_offset(m) or 0  # "this past week" is last week
    if m.anchor is None:
        return Reading("DATE", "XXXX-XX-XX", mod_of(m))
    value = in_unit(shift(m.anchor, unit, offset), unit)
    return Reading("DATE", value, mod_of(m)) if value else None


def _is_title(m: Match) -> bool:
    """Capitalised words past a sentence's start name something ("This Week" the show)."""
    words = [t for t in m.tokens if t.is_alpha]
    return bool(words) and all(t.text[:1].isupper() for t in words) and not m.tokens[0].is_sent_start


def rule_part_of_day(m: Match) -> Reading | None:
    """"this morning", "last night", "late afternoon", "mid-afternoon yesterday": a part of
    the publication day (or of the day named after it, or the day the sentence is about)."""
    part = m.value("PART_OF_DAY")
    if m.tokens[-1].lower_ in RECURRING or _in_compound(m) or m.has("EDGE") and _modifies_a_noun(m):
        return None  # "late mornings"; "late-night-show hosts"; "late-night comedians"
    if m.anchor is None:
        return Reading("TIME", f"XXXX-XX-XXT{part}", mod_of(m))
    if m.has("EDGE"):
        day = _inner_day(m) or m.local_ref or m.anchor
    else:
        day = m.anchor - dt.timedelta(days=1 if m.has("LAST") else 0)
    return Reading("TIME", f"{day.isoformat()}T{part}", mod_of(m))


def _in_compound(m: Match) -> bool:
    """The match is part of a longer hyphenated word ("late-night-show")."""
    return m.end < len(m.doc) and m.doc[m.end].text == "-"


def _modifies_a_noun(m: Match) -> bool:
    """The match is an adjective before a noun ("late-night comedians")."""
    return m.end < len(m.doc) and m.doc[m.end].pos_ in ("NOUN", "PROPN")


def rule_deictic(m: Match) -> Reading | None:
    spec = m.value("DEICTIC")
    if not spec.startswith(("+", "-")):
        return Reading("DATE", spec)
    offset, _, part = spec.partition(" ")
    part = m.value("PART_OF_DAY") or part or None
    if m.anchor is None:
        return Reading("DATE", "XXXX-XX-XX")
    return _day_reading(m.anchor + dt.timedelta(days=int(offset[:-1])), part, mod_of(m))


def rule_reference(m: Match) -> Reading:
    """"the past", "recent years", "current": the reference the lexicon gives."""
    word = m.first("PAST", "RECENT", "CURRENT")
    if word.cls == "CURRENT" and m.end < len(m.doc) and m.doc[m.end].pos_ in ("NOUN", "PROPN"):
        return None
    return Reading("DATE", word.value)


def rule_narrative(m: Match) -> Reading | None:
    """"the next day", "that same week", "the next morning": from the last day the text gave.
    In "said that this week's talks", "that" is a conjunction."""
    unit, part = m.value("UNIT"), m.value("PART_OF_DAY")
    if m.words[0].cls == "THAT" and m.tokens[1].lower_ == "this":
        return None
    if unit == "Q" and m.has("LAST") and m.anchor:
        return Reading("DATE", in_unit(shift(m.anchor, "Q", -1), "Q"))
    step = 1 if m.has("NEXT") else -1 if m.has("LAST") or m.has("PAST") else 0
    if step and m.tokens[-1].tag_ == "NNS":  # "the coming years", "the past months"
        return Reading("DATE", "FUTURE_REF" if step > 0 else "PAST_REF")
    if unit == "Q" and not step and compared_period(m):  # "that quarter": the one just named
        return Reading("DATE", compared_period(m))
    if m.has("PAST") or unit not in ("D", "W", "M", "Y", "WE", None):
        return Reading("DURATION", duration_value(1, unit)) if unit in DURATION_UNITS else None
    base = m.ref or m.anchor
    if base is None:
        return Reading("DATE", "XXXX-XX-XX")
    mentioned = _mentioned_day(m, unit)
    if mentioned:  # "in June 1998 ... later that year": the year the text was in
        base = mentioned
    if part:
        return _day_reading(base + dt.timedelta(days=step), part)
    return Reading("DATE", in_unit(shift(base, unit, step), unit), mod_of(m))


def _mentioned_day(m: Match, unit: str | None) -> dt.date | None:
    """A day in the last month or year the text named, for "that year", "the following month"
    (not "the last year", "the next year": those count from the publication)."""
    if m.mention is None or unit not in ("M", "Y") or granularity(m.mention) not in MENTION_GRAINS[unit]:
        return None
    if not any(t.lower_ in ANAPHORIC for t in m.tokens):
        return None
    month = int(m.mention[5:7]) if unit == "M" else 1
    return dt.date(int(m.mention[:4]), month, 1)


#: Words by which "that year", "the same month", "the following year" refer to the text.
ANAPHORIC = set(LEXICON["anaphoric"]["words"])
#: The granularities of a mention that "that month", "that year" can refer to.
MENTION_GRAINS = {"M": ("month", "day", "time"), "Y": ("year", "quarter", "month", "day", "time")}


def _is_age(m: Match) -> bool:
    """"a 6-year-old", "52 years old" are ages, not times."""
    after = [t.lower_ for t in m.doc[m.end : m.end + 2]]
    return after[:1] == ["old"] or after == ["-", "old"]


SET_CUES = {"once", "twice", "times", "per"}


def rule_duration(m: Match) -> Reading | None:
    """"three years", "the past two months"; "twice a year" is a SET."""
    n, unit = number_of(m), m.value("UNIT")
    if n is None or unit is None or unit == "Q" and m.has("HYPHEN") or _is_age(m) or _is_title(m):
        return None
    if m.words[0].cls == "THE" and m.has("HYPHEN"):
        return None  # "the 14-day truce": the article belongs to the noun
    if _is_someday(m):
        return Reading("DATE", "FUTURE_REF")
    value = duration_value(n, unit)
    if value is None:
        return None
    if m.words[0].cls == "A" and m.start and m.doc[m.start - 1].lower_ in SET_CUES:
        return Reading("SET", value)
    return Reading("DURATION", value, mod_of(m))


def rule_duration_range(m: Match) -> Reading | None:
    """"two to three weeks", "the next 12 to 18 months", "three or four days": one length
    between two counts, whose count is therefore unknown (X)."""
    if _is_age(m) or _is_title(m):
        return None
    value = duration_value("X", m.value("UNIT"))
    return Reading("DURATION", value, mod_of(m)) if value else None


def rule_long_duration(m: Match) -> Reading | None:
    """"a month-long strike", "a two-day-long visit", "decades-long": the length it names."""
    unit_token = _token_of(m, "UNIT")
    n = number_of(m) or ("X" if unit_token.tag_ == "NNS" or unit_token.lower_.endswith("s") else 1)
    value = duration_value(n, m.value("UNIT"))
    return Reading("DURATION", value) if value else None


def _is_someday(m: Match) -> bool:
    """"could one day replace": "one day" between a modal and its verb is the vague future."""
    if len(m.words) != 2 or not m.start or m.end >= len(m.doc) or m.tokens.text.lower() != "one day":
        return False
    return m.doc[m.start - 1].tag_ == "MD" and m.doc[m.end].pos_ in ("VERB", "AUX")


VAGUE_BEFORE = {"for", "over", "within", "in"}
VAGUE_AFTER = {"after", "before", "later", "earlier"}


def rule_vague_duration(m: Match) -> Reading | None:
    """A bare plural unit ("for years") is a vague duration."""
    token = m.doc[m.start]
    unit = m.value("UNIT")
    before = m.doc[m.start - 1].lower_ if m.start else ""
    after = m.doc[m.end].lower_ if m.end < len(m.doc) else ""
    if not token.lower_.endswith("s") or before not in VAGUE_BEFORE and after not in VAGUE_AFTER:
        return None
    return Reading("DURATION", duration_value("X", unit))


def rule_ago(m: Match) -> Reading | None:
    """"three years ago": the unit of the anchor that many units back; "a year from now"
    that many ahead (not "every day from now on")."""
    if not m.has("FROM"):
        return _offset_reading(m, m.anchor, -1)
    if m.value("DEICTIC") not in ("PRESENT_REF", "+0D") or m.words[0].cls == "UNIT" and m.tokens[0].tag_ != "NNS":
        return None
    return _offset_reading(m, m.anchor, 1)


def rule_shifted(m: Match) -> Reading | None:
    """"a year earlier", "two days later": from the last day the text gave. "An hour later"
    is only its duration (the annotators' reading: the day says nothing of the hour), "a few
    hours earlier" the vague past."""
    if m.value("UNIT") in ("H", "MIN", "S") and number_of(m) not in (None, "X"):
        return None
    return _offset_reading(m, m.ref or m.anchor, m.value("SHIFT"))


#: A month or quarter of a year: "sales in the third quarter rose from a year earlier"
#: compares that quarter with the same quarter a year before (TimeML's reading).
PERIOD_OF_YEAR = re.compile(r"^\d{4}-(Q\d|\d{2})$")
#: A quarter or half: what an earnings report is about, and what "a year ago" compares with
#: even sentences later.
REPORTED_PERIOD = re.compile(r"^\d{4}-[QH]\d$")
#: For how many sentences a quarter stays the period "a year ago" compares with.
PERIOD_REACH = 2


def compared_period(m: Match) -> str | None:
    """The period "a year earlier" compares with: a month or quarter of this sentence,
    or else the quarter the text reports on."""
    if m.local_value and PERIOD_OF_YEAR.match(m.local_value):
        return m.local_value
    return m.period if m.period_age <= PERIOD_REACH else None


def _offset_reading(m: Match, base: dt.date | None, sign: int) -> Reading | None:
    n, unit = number_of(m), m.value("UNIT")
    if unit is None or unit not in DURATION_UNITS:
        return None
    if n is None or n == "X":
        return Reading("DATE", "PAST_REF" if sign < 0 else "FUTURE_REF")
    if base is None:
        return Reading("DATE", "XXXX-XX-XX", mod_of(m))
    if not float(n).is_integer():
        return None
    period = compared_period(m) if unit == "Y" and n == 1 else None
    if period:
        return Reading("DATE", f"{int(period[:4]) + sign}{period[4:]}", mod_of(m))
    value = in_unit(shift(base, unit, sign * int(n)), unit)
    return Reading("DATE", value, mod_of(m)) if value else None


def rule_season(m: Match) -> Reading | None:
    """"last summer", "spring 2024"; not "the fall of Kabul"."""
    season = m.value("SEASON")
    if not m.has("YEAR") and m.end < len(m.doc) and m.doc[m.end].lower_ == "of":
        return None
    year = m.value("YEAR")
    relative = relative_offset(m)
    if year is None:
        if m.anchor is None:
            return Reading("DATE", f"XXXX-{season}")
        year = m.anchor.year + (relative or 0)
    return Reading("DATE", f"{year}-{season}", mod_of(m))


ENDED = {"ended": -1, "ending": 1}


def _ended_on(m: Match) -> dt.date | None:
    """The day in "the quarter ended Sept. 30"."""
    after = m.doc[m.end : m.end + 3]
    if len(after) < 3 or after[0].lower_ not in ENDED or not after[2].text.isdigit():
        return None
    month = LEXICON["MONTH"].get(after[1].lower_.rstrip("."))
    day = int(after[2].text)
    if month is None or not 1 <= day <= 31:
        return None
    year = resolve_year(m.anchor, month, day, ENDED[after[0].lower_])
    return _safe_date(year, month, day)


def _ends_on_a_day(m: Match) -> bool:
    """"... ended Sept. 30", "... ending June 30, 1990"."""
    after = m.doc[m.end : m.end + 2]
    return len(after) == 2 and after[0].lower_ in ENDED and after[1].lower_.rstrip(".") in LEXICON["MONTH"]


def rule_year_ago(m: Match) -> Reading | None:
    """"year-earlier profit", "the year-ago quarter", "the year-earlier third quarter": the
    period compared with, a year back."""
    units = [w.value for w in m.words if w.cls == "UNIT"]
    named = len(units) > 1 or m.has("PERIOD")  # "the year-ago quarter", not "year-ago profit"
    if units[0] != "Y" or m.anchor is None or m.words[0].cls == "THE" and not named:
        return None  # "the year-earlier nine months": the article belongs to the noun
    sign = m.value("SHIFT", -1)
    if m.has("ORD"):
        year = int(m.period[:4]) if m.period else m.anchor.year
        return _part_of_year(year + sign, m.value("ORD"), units[-1])
    period = compared_period(m) or (m.period if named else None)
    if period:
        return Reading("DATE", f"{int(period[:4]) + sign}{period[4:]}")
    return Reading("DATE", str(m.anchor.year + sign))


def rule_unit_end(m: Match) -> Reading | None:
    """"year-end", "by year end", "the year's end", "quarter-end", "last year's end": the end
    of the current (or named) year or quarter (not "a year late")."""
    unit = m.value("UNIT")
    if unit not in ("Y", "Q", "M") or m.tokens[-1].lower_ != "end" or m.anchor is None:
        return None
    return Reading("DATE", in_unit(shift(m.anchor, unit, relative_offset(m) or 0), unit), "END")


#: The periods that "the same quarter a year ago" can name (a quarter, half or month), by
#: the shape of their values.
PERIOD_UNITS = {"Q": re.compile(r"^\d{4}-Q\d$"), "HALF": re.compile(r"^\d{4}-H\d$"), "M": re.compile(r"^\d{4}-\d{2}$")}


def rule_period_a_year_back(m: Match) -> Reading | None:
    """"the quarter a year ago", "the corresponding period last year", "last year's quarter":
    the period the text reports on, a year back; else the current month or quarter, or for
    "period" the last quarter ended (as for "the latest period"), a year back."""
    year_back = [w for w in m.words if w.cls == "UNIT" and w.value == "Y"]
    periods = [w for w in m.words if w.cls == "PERIOD" or w.cls == "UNIT" and w.value != "Y"]
    if len(year_back) != 1 or len(periods) != 1 or m.value("SHIFT", -1) != -1 or m.anchor is None:
        return None
    unit = periods[0].value or None  # PERIOD ("period") has no unit of its own
    if unit is not None and unit not in PERIOD_UNITS:
        return None
    period = compared_period(m)
    if period and (unit is None or PERIOD_UNITS[unit].match(period)):
        return Reading("DATE", f"{int(period[:4]) - 1}{period[4:]}")
    if unit is None:
        return Reading("DATE", in_unit(shift(shift(m.anchor, "Q", -1), "Y", -1), "Q"))
    return Reading("DATE", in_unit(shift(m.anchor, "Y", -1), unit))


def _part_of_year(year: int, n: int, unit: str) -> Reading | None:
    """The ``n``-th quarter or half of a year."""
    if unit not in ("Q", "HALF") or not 1 <= n <= (4 if unit == "Q" else 2):
        return None
    return Reading("DATE", f"{year}-{'Q' if unit == 'Q' else 'H'}{n}")


def rule_year_period(m: Match) -> Reading | None:
    """"the 1988 second quarter"; "the 1988 quarter", "the 1989 period": the part of that
    year the text reports on."""
    year, unit = m.value("YEAR"), m.value("UNIT")
    if m.has("ORD"):
        return _part_of_year(year, m.value("ORD"), unit)
    if unit not in (None, "Q"):
        return None
    if m.period is None or unit == "Q" and "-Q" not in m.period:
        return Reading("DATE", str(year))
    return Reading("DATE", f"{year}{m.period[4:]}")


def rule_the_unit(m: Match) -> Reading | None:
    """"the weekend" (the one the tense points to), "the quarter" (the one the text reports
    on, else the last one ended); "the (fiscal) year ended June 30", a year's length up to
    that day (not a calendar year, so no year can be its value); "the (full) year" is the
    current one ("earlier in the year", "profit for the full year"), but "the year before"
    counts from a year the text gave."""
    unit = m.value("UNIT")
    if unit == "Y" and _ends_on_a_day(m):
        return Reading("DURATION", "P1Y")
    if m.tokens[-1].lower_ == "year" and m.anchor is not None and not _counted_from_an_event(m):
        return Reading("DATE", str(m.anchor.year))
    if unit not in ("WE", "Q") or m.anchor is None:
        return None
    direction = tense(m.doc[m.start])
    ended = _ended_on(m) if unit == "Q" else None
    if ended:
        return Reading("DATE", in_unit(ended, "Q"))
    if unit == "Q" and m.period and "-Q" in m.period:
        return Reading("DATE", m.period)
    if unit == "Q":
        return Reading("DATE", in_unit(shift(m.anchor, "Q", -1 if direction < 0 else 0), "Q"))
    saturday = resolve_weekday(m.anchor, 6, direction, None)
    return Reading("DATE", in_unit(saturday, "WE"))


def _counted_from_an_event(m: Match) -> bool:
    """"the year before", "the day after his arrest": a unit counted from something else."""
    return m.end < len(m.doc) and m.doc[m.end].lower_ in RELATIVE_TO_EVENT


RELATIVE_TO_EVENT = set(LEXICON["RELATION"]) | set(LEXICON["SHIFT"]) | {"since"}


def rule_latest_period(m: Match) -> Reading | None:
    """"the latest period": in an earnings report, the quarter or half reported on (else
    the last quarter ended)."""
    if m.tokens[1].lower_ != "latest" or m.anchor is None:
        return None
    return Reading("DATE", m.period or in_unit(shift(m.anchor, "Q", -1), "Q"))


def rule_clock(m: Match) -> Reading | None:
    hour, minute = _clock_of(m)
    if hour is None:
        return None
    weekday, month = m.value("WEEKDAY"), m.value("MONTH")
    if weekday or month or m.has("DEICTIC"):  # "5 p.m. Friday": from the publication
        day = m.anchor
    else:  # "10 a.m. (0700 GMT) on Friday", or the day the sentence is about
        day = _day_named_after(m) or m.local_ref or m.anchor
    if day and month:  # "5 p.m. EST, Nov. 9"
        date = m.words[-1].value
        day = _safe_date(resolve_year(day, month, date, tense(m.doc[m.start])), month, date)
    elif day and weekday:
        day = resolve_weekday(day, weekday, tense(m.doc[m.start]), None)
    elif day and m.has("DEICTIC"):
        spec = m.value("DEICTIC")
        if not spec.startswith(("+", "-")):
            return None
        day += dt.timedelta(days=int(spec.split()[0][:-1]))
    date_part = day.isoformat() if day else "XXXX-XX-XX"
    return Reading("TIME", f"{date_part}T{hour:02d}:{minute:02d}")


#: How far past a clock time a parenthesis ("(0735 GMT)") may run.
MAX_ASIDE = 8


def _day_named_after(m: Match) -> dt.date | None:
    """The day a weekday or "today" right after a clock time names, past "on" or an aside
    in parentheses: "at 10:35 a.m. (0735 GMT) Friday", "at 9 a.m. on Monday"; a clock time
    inside the parentheses reads past their end."""
    doc, i = m.doc, m.end
    if i < len(doc) and doc[i].text == ")":
        i += 1
    elif i < len(doc) and doc[i].text == "(":
        i = next((j + 1 for j in range(i, min(i + MAX_ASIDE, len(doc))) if doc[j].text == ")"), len(doc))
    if i < len(doc) and doc[i].lower_ == "on":
        i += 1
    if i >= len(doc) or m.anchor is None:
        return None
    word = WORDS.get(doc[i].lower_.rstrip("."))
    if word is None or not doc[i].text[0].isupper() and word.cls == "WEEKDAY":
        return None
    if word.cls == "WEEKDAY":
        return resolve_weekday(m.anchor, word.value, tense(doc[i]), None)
    if word.cls == "DEICTIC" and word.value[:1] in "+-":
        return m.anchor + dt.timedelta(days=int(word.value.split()[0][:-1]))
    return None


def rule_coordinated_clock(m: Match) -> Reading | None:
    """"from 2 to 4 p.m.", "between 9 and 11 a.m. Friday": an earlier hour that takes the
    a.m./p.m. (and day) of the one after it."""
    hours = [int(re.match(r"\d+", str(w.value))[0]) for w in m.context if w.cls in ("CLOCK", "DAYNUM")]
    if not m.tokens[0].text.replace(":", "").isdigit() or len(hours) != 2 or not hours[0] < hours[1] <= 12:
        return None
    rest = m.context[next(i for i, w in enumerate(m.context) if w.cls == "AMPM") :]
    return rule_clock(replace(m, words=[*m.words, *rest]))


def _clock_of(m: Match) -> tuple[int | None, int]:
    word = m.first("CLOCKWORD")
    if word:
        hour, minute = word.value.split(":")
        return int(hour), int(minute)
    skip = 1 if m.words[0].cls == "APPROX" else 0  # "around 7:15 p.m."
    first = m.words[skip]
    text = m.doc[m.start + skip].text
    suffix = (m.value("AMPM") or "").upper()
    if first.cls == "CLOCK":
        cm = CLOCK_SHAPE.match(text)
        hour, minute = int(cm.group(1)), int(cm.group(2) or 0)
        suffix = suffix or ("PM" if cm.group(3) and cm.group(3)[0].lower() == "p" else "AM" if cm.group(3) else "")
    elif len(text) == 4 and text.isdigit():
        hour, minute = int(text[:2]), int(text[2:])
    elif text.isdigit():
        hour, minute = int(text), 0
    else:
        return None, 0
    if suffix and not 1 <= hour <= 12:
        return None, 0
    if suffix == "PM" and hour < 12:
        hour += 12
    elif suffix == "AM" and hour == 12:
        hour = 0
    if hour > 24 or minute > 59:
        return None, 0
    return hour, minute


def rule_set(m: Match) -> Reading | None:
    adverb = m.value("SET_ADVERB")
    if adverb:
        return Reading("SET", adverb)
    weekday, month = m.value("WEEKDAY"), m.value("MONTH")
    if weekday:
        return Reading("SET", f"XXXX-WXX-{weekday}")
    if month:
        return Reading("SET", f"XXXX-{month:02d}")
    part = m.value("PART_OF_DAY")
    if part:
        return Reading("SET", f"XXXX-XX-XXT{part}")
    season = m.value("SEASON")
    if season:
        return Reading("SET", f"XXXX-{season}")
    n = number_of(m) if m.has("NUM") or m.has("DAYNUM") else 1
    value = duration_value(n, m.value("UNIT")) if n else None
    return Reading("SET", value) if value else None


def rule_holiday(m: Match) -> Reading | None:
    spec = m.value("HOLIDAY")
    year = m.value("YEAR")
    if year is None:
        if m.anchor is None:
            return Reading("DATE", "XXXX-XX-XX")
        guess = holiday_date(spec, m.anchor.year)
        year = resolve_year(m.anchor, guess.month, guess.day, tense(m.doc[m.start]))
    return Reading("DATE", holiday_date(spec, year).isoformat())


#: The rule that reads the date inside "the week of March 6", by the class it opens with.
INNER_RULES = {"DEICTIC": "deictic", "WEEKDAY": "weekday", "LAST": "weekday", "NEXT": "weekday",
               "THIS": "weekday", "MONTH": "calendar", "HOLIDAY": "holiday"}


def _inner_day(m: Match) -> dt.date | None:
    """The day named inside a match ("March 6" in "the week of March 6")."""
    k = next((i for i, w in enumerate(m.words) if w.cls in INNER_RULES), None)
    if k is None:
        return None
    inner = replace(m, start=m.start + k, words=m.words[k:])
    reading = RULES[INNER_RULES[m.words[k].cls]](inner)
    if reading is None or granularity(reading.value) not in ("day", "time"):
        return None
    return dt.date.fromisoformat(reading.value[:10])


def rule_unit_containing(m: Match) -> Reading | None:
    """"the week of March 6", "Easter week": the week around a day; "Labor Day weekend":
    the weekend nearest it."""
    unit = m.value("UNIT")
    day = _inner_day(m) if unit in ("W", "WE") else None
    if day is None:
        return None
    return Reading("DATE", in_unit(_nearest_saturday(day) if unit == "WE" else day, unit))


def _nearest_saturday(day: dt.date) -> dt.date:
    """The Saturday within three days of ``day`` (a Monday's is the one before it)."""
    return next(d for k in range(-3, 4) if (d := day + dt.timedelta(days=k)).isoweekday() == 6)


def rule_day_next_to(m: Match) -> Reading | None:
    """"the day before yesterday", "the day after Christmas": one day off a named day."""
    day = _inner_day(m) if _token_of(m, "UNIT").lower_ == "day" else None
    return Reading("DATE", (day + dt.timedelta(days=m.value("RELATION"))).isoformat()) if day else None


def holiday_date(spec: str, year: int) -> dt.date:
    if spec == "EASTER":
        return easter(year)
    if spec == "GOOD_FRIDAY":
        return easter(year) - dt.timedelta(days=2)
    if spec == "THANKSGIVING":
        return _nth_weekday(year, 11, 4, 4)
    if spec == "LABOR_DAY":
        return _nth_weekday(year, 9, 1, 1)
    if spec == "MEMORIAL_DAY":
        return _nth_weekday(year, 5, 1, -1)
    if spec == "ELECTION_DAY":
        return _nth_weekday(year, 11, 1, 1) + dt.timedelta(days=1)
    month, day = spec.split("-")
    return dt.date(year, int(month), int(day))


def _nth_weekday(year: int, month: int, weekday: int, n: int) -> dt.date:
    """The ``n``-th (``-1``: last) ISO ``weekday`` of a month."""
    days = [d for d in range(1, calendar.monthrange(year, month)[1] + 1)
            if dt.date(year, month, d).isoweekday() == weekday]
    return dt.date(year, month, days[n - 1 if n > 0 else n])


def easter(year: int) -> dt.date:
    """Western Easter Sunday (the anonymous Gregorian computus)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = divmod(b, 4)
    g = (8 * b + 13) // 25
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    leap = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * leap) // 451
    month, day = divmod(h + leap - 7 * m + 114, 31)
    return dt.date(year, month, day + 1)


RULES: dict[str, Callable[[Match], Reading | None]] = {
    name.removeprefix("rule_"): fn for name, fn in globals().items() if name.startswith("rule_")
}


# --- tagging ----------------------------------------------------------------------


@dataclass
class TaggedSpan:
    """One timex of a doc: tokens ``start:end`` and its reading."""

    start: int
    end: int
    reading: Reading


#: Rules whose "a year earlier", "the 1988 period" compares with the period named before,
#: which stays the one reported on.
COMPARING_RULES = {"ago", "shifted", "year_ago", "year_period", "period_a_year_back"}
@dataclass
class Narrative:
    """What the text has dated so far, for the expressions that refer back to it."""

    ref: dt.date | None = None
    ref_sentence: int = -1
    value: str | None = None
    value_sentence: int = -1
    period: str | None = None
    period_sentence: int = -1
    mention: str | None = None

    def match(self, doc, found: Candidate, words: list, anchor, sentence: int) -> Match:
        return Match(
            doc, found.start, found.end, words[found.start : found.end], anchor, self.ref,
            self.ref if self.ref_sentence == sentence else None,
            self.value if self.value_sentence == sentence else None,
            self.period,
            sentence - self.period_sentence,
            self.mention,
            words[found.context[0] : found.context[1]],
        )

    def note(self, rule: str, reading: Reading, sentence: int) -> None:
        if reading.type == "DATE" and granularity(reading.value):
            self.mention = reading.value
        if reading.type == "DATE" and rule not in COMPARING_RULES:
            self.value, self.value_sentence = reading.value, sentence
            if REPORTED_PERIOD.match(reading.value):
                self.period, self.period_sentence = reading.value, sentence
        if granularity(reading.value) in ("day", "time") and rule != "clock":
            self.ref, self.ref_sentence = dt.date.fromisoformat(reading.value[:10]), sentence


def tag(doc, anchor: dt.date | None) -> list[TaggedSpan]:
    """Find and normalise the temporal expressions of a parsed doc."""
    words = classify(doc)
    chosen = _select(doc, words, candidates(encode(words)), anchor)
    sentence_starts = [sent.start for sent in doc.sents] if chosen else []
    spans, narrative = [], Narrative()
    for found in chosen:
        rule = PATTERNS[found.index][1]
        sentence = bisect.bisect_right(sentence_starts, found.start)
        reading = RULES[rule](narrative.match(doc, found, words, anchor, sentence))
        if reading is None:
            continue
        spans.append(TaggedSpan(found.start, found.end, reading))
        narrative.note(rule, reading, sentence)
    return spans


def _select(doc, words, found: list[Candidate], anchor) -> list[Candidate]:
    """The longest matches that their rule accepts, without overlaps, in text order."""
    taken = [False] * len(doc)
    chosen = []
    for c in sorted(found, key=lambda c: (c.start - c.end, c.index, c.start)):
        if any(taken[c.start : c.end]):
            continue
        rule = PATTERNS[c.index][1]
        context = words[c.context[0] : c.context[1]]
        if RULES[rule](Match(doc, c.start, c.end, words[c.start : c.end], anchor, context=context)) is None:
            continue
        taken[c.start : c.end] = [True] * (c.end - c.start)
        chosen.append(c)
    return sorted(chosen, key=lambda c: c.start)


def date_value(reading: Reading, text: str, doc, start: int) -> DateValue | None:
    """The calendar reading of a DATE/TIME timex, bounded by "before"/"since" and the like."""
    if reading.type not in ("DATE", "TIME"):
        return None
    grain = granularity(reading.value)
    if grain is None:
        return None
    date = DateValue(reading.value, grain, text, basis="text")
    side = RANGE_PREPOSITIONS.get(doc[start - 1].lower_) if start else None
    if side:
        setattr(date, side, reading.value)
    return date


@register("time", version="4")
def time_component(doc, ctx: Context) -> list[Timex]:
    spans = tag(doc, ctx.published)
    records = []
    for span in spans:
        tokens = doc[span.start : span.end]
        date = date_value(span.reading, tokens.text, doc, span.start)
        if span.reading.type == "DURATION":
            date = relative_to_event(doc, span, spans)
        records.append(
            Timex(
                ctx.article_id,
                tokens.sent.text,
                tokens.start_char,
                tokens.end_char,
                text=tokens.text,
                type=span.reading.type,
                value=span.reading.value,
                mod=span.reading.mod,
                date=date,
            )
        )
    return records


SHIFT_PREPOSITIONS = {"after": 1, "before": -1}


def relative_to_event(doc, span: TaggedSpan, spans: list[TaggedSpan]) -> DateValue | None:
    """The day "a week after his meeting in Alaska" names, when the text dated that meeting.

    The event's date is a day-timex inside the noun phrase ("after the Aug. 15
    summit"), or else the last earlier day-timex hung on a word of the same stem
    ("met ... on Aug. 15" for "meeting").
    """
    sign = SHIFT_PREPOSITIONS.get(doc[span.end].lower_) if span.end < len(doc) else None
    duration = DURATION_VALUE.match(span.reading.value)
    if sign is None or not duration or duration.group(1):
        return None
    event = next((c for c in doc[span.end].children if c.dep_ == "pobj"), None)
    if event is None:
        return None
    base = _event_day(doc, event, [s for s in spans if s.end <= span.start or s.start >= span.end])
    if base is None:
        return None
    day = shift(base, duration.group(3), sign * int(duration.group(2)))
    text = doc[span.start : event.right_edge.i + 1].text
    return DateValue(day.isoformat(), "day", text, basis="text")


def _event_day(doc, event, spans: list[TaggedSpan]) -> dt.date | None:
    days = [s for s in spans if granularity(s.reading.value) == "day"]
    inside = [s for s in days if event.left_edge.i <= s.start and s.end <= event.right_edge.i + 1]
    if inside:
        return dt.date.fromisoformat(inside[0].reading.value)
    stem = event.lemma_.lower()[:4]
    for s in reversed([s for s in days if s.end <= event.i]):
        host = attachment(doc[s.start : s.end])
        if host.lemma_.lower()[:4] == stem:
            return dt.date.fromisoformat(s.reading.value)
    return None


# --- dating predicates ------------------------------------------------------------

#: Dependencies by which a timex modifies the noun above it ("the 2014 annexation").
NOMINAL_DEPS = {"compound", "nummod", "amod", "poss", "nmod", "npadvmod"}


def attachment(span):
    """The predicate a timex span is attached to: the nearest verb above it, or the
    noun it directly modifies ("the 2014 annexation" dates the annexation)."""
    root = span.root
    if root.dep_ in NOMINAL_DEPS and root.head.pos_ in ("NOUN", "PROPN") and root.head.i != root.i:
        return root.head
    token = root.head
    for _ in range(10):
        if token.pos_ in ("VERB", "AUX") or token.head.i == token.i:
            return token
        token = token.head
    return token


def _attached_timexes(doc, ctx: Context, token) -> list[tuple[Timex, object]]:
    """Timexes of ``ctx`` attached to ``token`` or to a participle clause governing it."""
    hosts = {token.i}
    hosts.update(c.i for c in token.children if c.dep_ == "advcl" and c.tag_ in ("VBG", "VBN"))
    if token.dep_ == "pobj" and token.head.lower_ == "of" and token.head.head.pos_ == "NOUN":
        hosts.add(token.head.head.i)  # "the announcement this month of a tariff" dates the tariff
    found = [(timex, span) for timex, span in _timexes_in(doc, ctx, token.sent) if attachment(span).i in hosts]
    found.sort(key=lambda pair: abs(pair[1].root.i - token.i))
    return found


def _timexes_in(doc, ctx: Context, sentence) -> list[tuple[Timex, object]]:
    """The timexes of one sentence with their token spans."""
    found = []
    for timex in ctx.timexes:
        if not sentence.start_char <= timex.start < sentence.end_char:
            continue  # cheap test first: statements and events ask for every predicate
        span = doc.char_span(timex.start, timex.end, alignment_mode="expand")
        if span is not None:
            found.append((timex, span))
    return found


def date_for(doc, ctx: Context, token) -> DateValue | None:
    """The date of the statement or event whose head is ``token``.

    A timex attached to it gives the date (basis ``text``); otherwise the
    publication day (basis ``publication``); ``None`` when the article is undated.
    """
    for timex, _ in _attached_timexes(doc, ctx, token):
        if timex.date is not None:
            return timex.date
    counted = _counted_back(doc, ctx, token)
    if counted is not None:
        return counted
    if ctx.published is None:
        return None
    return DateValue(ctx.published.isoformat(), "day", None, basis="publication")


def _counted_back(doc, ctx: Context, token) -> DateValue | None:
    """An event a span of time before or after a dated one: "(on Friday he renewed a threat,)
    showing frustration a week after his meeting with Putin" dates the meeting a week
    before that Friday; "two days before the vote" likewise forward."""
    prep = token.head
    if token.dep_ != "pobj" or prep.lower_ not in ("after", "before"):
        return None
    span = next((pair for pair in _timexes_in(doc, ctx, token.sent)
                 if pair[0].type == "DURATION" and pair[1].root.dep_ == "npadvmod" and pair[1].root.head == prep), None)
    m = DURATION_VALUE.match(span[0].value) if span is not None else None
    if m is None or m.group(1):
        return None
    frame = _frame_date(doc, ctx, prep.head)
    if frame is None or frame.granularity != "day":
        return None
    sign = -1 if prep.lower_ == "after" else 1
    day = shift(dt.date.fromisoformat(frame.value), m.group(3), sign * int(m.group(2)))
    return DateValue(day.isoformat(), "day", f"{span[0].text} {prep.text}", basis="text")


def _frame_date(doc, ctx: Context, verb) -> DateValue | None:
    """The date the text gives the clause ``verb`` belongs to, climbing from participle,
    complement and coordinated clauses to the verb that carries it."""
    for _ in range(4):
        found = next((t.date for t, _ in _attached_timexes(doc, ctx, verb) if t.date is not None), None)
        if found is not None or verb.dep_ not in ("advcl", "xcomp", "conj") or verb.head == verb:
            return found
        verb = verb.head
    return None


def deadline_for(doc, ctx: Context, token) -> DateValue | None:
    """The deadline of a predicate: "in two weeks", "within 10 days", "by Friday".

    Durations count from the day the sentence's main predicate is dated to ("On
    Friday, he gave them two weeks") or else the publication day; the value is
    the day (week, month, year for coarser units) they end, with ``start`` the
    day counted from and ``end`` the deadline.
    """
    for timex, span in _attached_timexes(doc, ctx, token):
        preposition = doc[span.start - 1].lower_ if span.start else ""
        kind = DEADLINE_PREPOSITIONS.get(preposition)
        if kind == "DATE" and timex.date is not None and kind == timex.type:
            return DateValue(timex.date.value, timex.date.granularity, timex.text, end=timex.date.value)
        if kind == "DURATION" and timex.type == "DURATION":
            start = _counted_from(doc, ctx, token)
            deadline = _after_duration(start, timex.value) if start else None
            if deadline:
                value, grain = deadline
                return DateValue(value, grain, timex.text, start=start.isoformat(), end=value)
    return None


def _counted_from(doc, ctx: Context, token) -> dt.date | None:
    said = date_for(doc, ctx, token.sent.root)
    if said is not None and said.granularity == "day":
        return dt.date.fromisoformat(said.value)
    return ctx.published


DURATION_VALUE = re.compile(r"^P(T?)(\d+)(WE|DE|CE|[YMWDQH])$")


def _after_duration(anchor: dt.date, value: str) -> tuple[str, str] | None:
    m = DURATION_VALUE.match(value)
    if not m or m.group(1):
        return None
    n, unit = int(m.group(2)), m.group(3)
    end = shift(anchor, unit, n)
    grain = {"D": "day", "W": "week", "M": "month", "Q": "quarter", "Y": "year"}.get(unit)
    if grain is None:
        return None
    return in_unit(end, unit), grain
