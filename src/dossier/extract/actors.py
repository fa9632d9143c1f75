"""Actor resolution: who each name, title, metonym, noun phrase and pronoun refers to.

Steps, per article (the doc is already parsed; nothing is added to the shared pipeline):

1. Find *pieces*: KB names (case-sensitive phrase matcher built once per vocab and KB),
   office titles (case-insensitive), actor nouns ("forces", "office"), spaCy entities the KB
   does not know, and third-person pronouns.
2. Group pieces into phrases by the dependency parse: each piece climbs compound/amod/poss/
   nmod arcs to the noun it modifies, and pieces that reach the same noun form one phrase
   whose head is the piece holding that noun ("U.S. Vice President JD Vance",
   "Russia's foreign ministry", "a Ukrainian delegation source").
3. Resolve each phrase by its head, as of the article's date: a person (KB, else an article
   actor), a title (the office holder of the modifying state or body, or of the one its "of"
   phrase names: "the president of Armenia"), an actor noun (the state/body in that sector,
   or an article actor), a state, body or region (capitals and seats as the government;
   locative uses as places). A people counts for where it lives: an ethnic group for the
   state its phrase names ("ethnic Albanians in Macedonia", else none), a people of one
   state (``data/actors_peoples.yaml``: "Yoruba leaders") for that state.
4. Chain surname- and title-only mentions to the full mention, and resolve pronouns to the
   nearest compatible actor, preferring earlier subjects (centering) and never the speaker of
   the quote a pronoun sits in.

Mention labels: PERSON (a name), TITLE (a title naming its holder), GPE / LOC / ORG (a state,
region or body named; spaCy's ORG/NORP label where the KB does not know the name), GROUP (an
actor noun phrase: "Russian forces", "sources"), PRON, and PLACE: a location, never an actor
(``entity.kind == "place"``, ``actor_id`` None, ``country`` where known).
"""

from __future__ import annotations

import bisect
import dataclasses
import datetime as dt
import functools
import re
from collections import Counter
from dataclasses import dataclass, field, replace
from pathlib import Path

import numpy
import yaml
from spacy import symbols
from spacy.attrs import LEMMA, LOWER, ORTH, POS, SENT_START

from dossier import kb as kb_module
from dossier.extract.base import Context, register
from dossier.kb import places
from dossier.records import Entity, Mention, Record

NOUNS_FILE = Path(__file__).with_name("data") / "actors_nouns.yaml"
PEOPLES_FILE = Path(__file__).with_name("data") / "actors_peoples.yaml"

#: Third-person pronouns: gender (None: any) and number.
PRONOUNS = {
    "he": ("male", "sg"), "him": ("male", "sg"), "his": ("male", "sg"), "himself": ("male", "sg"),
    "she": ("female", "sg"), "her": ("female", "sg"), "hers": ("female", "sg"),
    "herself": ("female", "sg"), "it": ("thing", "sg"), "its": ("thing", "sg"),
    "itself": ("thing", "sg"), "they": (None, "pl"), "them": (None, "pl"),
    "their": (None, "pl"), "theirs": (None, "pl"), "themselves": (None, "pl"),
}
#: Words that, hyphenated before a name, make it the object of a stance.
STANCE_WORDS = {"anti", "pro"}
STANCE_PREFIXES = ("anti-", "pro-")
#: Arcs a modifier climbs to reach the noun it modifies.
CLIMB_DEPS = {"compound", "amod", "poss", "nmod"}
SUBJECT_DEPS = {"nsubj", "nsubjpass", "csubj", "agent"}
#: Prepositions after which a place name is a location, not an actor.
LOCATIVE_PREPS = {"in", "near", "inside", "outside", "across", "throughout", "around", "within"}
SPEECH_VERBS = {
    "say", "tell", "add", "state", "announce", "write", "ask", "reply", "insist", "warn",
    "note", "declare", "explain", "argue", "claim", "stress", "reiterate",
}
#: Parts of speech that may sit between a modifier and the noun it modifies.
PHRASE_POS = {"PROPN", "NOUN", "ADJ", "DET", "PART", "ADP", "PUNCT", "CCONJ", "NUM", "SPACE"}
#: Prepositions that attach a person noun to the body it belongs to.
AFFILIATION_PREPS = {"in", "from", "of", "at", "with", "within", "inside"}
#: Prepositions that attach a title to the state or body whose office it is ("the president
#: of Armenia").
TITLE_PREPS = {"of"}
#: Prepositions that say where an ethnic group lives ("ethnic Albanians in Macedonia").
HOME_PREPS = {"in", "of", "from"}
#: How a nationality word names a people, not a state's officials or forces.
PEOPLE_MATCHES = {"adjective", "demonym"}
#: Parts of speech a one-word name never has ("He" of He Lifeng is the pronoun here).
FUNCTION_POS = {"PRON", "DET", "ADP", "CCONJ", "SCONJ", "AUX", "PART"}
NON_ACTOR_ENTS = {"DATE", "TIME", "CARDINAL", "ORDINAL", "MONEY", "PERCENT", "QUANTITY"}
PLACE_LABELS = {"GPE", "LOC", "FAC"}
NER_LABELS = {"PERSON", "ORG", "GPE", "NORP", "LOC", "FAC"}
#: How many sentences back a pronoun looks for its antecedent ("it" is often pleonastic,
#: so it only looks one sentence back).
PRONOUN_WINDOW = 3
IT_WINDOW = 1
KIND_LABELS = {
    "person": "PERSON", "state": "GPE", "region": "LOC", "igo": "ORG", "ngo": "ORG",
    "media": "ORG", "armed_group": "ORG",
}


@functools.cache
def _table() -> dict:
    with NOUNS_FILE.open(encoding="utf-8") as fh:
        return yaml.load(fh, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))


def nouns() -> dict[str, dict]:
    """Actor nouns by lemma (see ``data/actors_nouns.yaml``)."""
    return _table()["nouns"]


def not_actors() -> frozenset[str]:
    """Entity texts spaCy mislabels as actors (time zones, units)."""
    return frozenset(_table()["not_actors"])


@functools.cache
def peoples() -> dict[str, str]:
    """The state each people named in ``data/actors_peoples.yaml`` mostly lives in, by word."""
    with PEOPLES_FILE.open(encoding="utf-8") as fh:
        table = yaml.safe_load(fh)["peoples"]
    return {word: code for code, words in table.items() for word in words}


def ethnic_markers() -> frozenset[str]:
    """Words that make a nationality word name an ethnic group ("ethnic Albanians")."""
    return frozenset(_table()["ethnic_markers"])


@dataclass
class Piece:
    """A token span that names (part of) an actor; ``kind`` says what found it."""

    start: int
    end: int
    kind: str  # kb, title, noun, ner
    label: str = ""
    candidates: list = field(default_factory=list)

    def covers(self, i: int) -> bool:
        return self.start <= i < self.end


@dataclass
class Found:
    """A resolved mention before it becomes a record, with what pronoun resolution needs."""

    start: int  # token offsets
    end: int
    label: str
    entity: Entity
    subject: bool = False
    in_quote: int | None = None
    plural: bool = False
    gender: str | None = None
    antecedent: int | None = None  # token offset of the antecedent mention


# --- finding pieces ---------------------------------------------------------------------


class Finder:
    """Phrase matchers for one vocab and KB (building them is the expensive part)."""

    def __init__(self, vocab, kb):
        import spacy
        from spacy.matcher import PhraseMatcher

        tokenizer = spacy.blank("en", vocab=vocab).tokenizer
        self.vocab, self.kb = vocab, kb
        lemmas = [form for lemma in nouns() for form in (lemma, lemma.capitalize())]
        self.noun_lemmas = _hashes(vocab, lemmas)
        self.noun_pos = numpy.array([symbols.NOUN, symbols.PROPN], dtype="uint64")
        self.names = PhraseMatcher(vocab, attr="ORTH")
        self.names.add("KB", list(tokenizer.pipe(sorted(kb.surfaces))))
        self.titles = PhraseMatcher(vocab, attr="LOWER")
        self.titles.add("TITLE", list(tokenizer.pipe(sorted(t.lower() for t in kb.title_surfaces))))

    def pieces(self, doc, date: dt.date) -> list[Piece]:
        found = []
        for _, s, e in self.names(doc):
            if _stance_prefixed(doc, s):
                continue
            candidates = self.kb.lookup(doc[s:e].text, date)
            if candidates and _plausible(doc[s:e], candidates):
                found.append(Piece(s, e, "kb", candidates=candidates))
        found += [Piece(s, e, "title", label=doc[s:e].text) for _, s, e in self.titles(doc)]
        found += [Piece(i, i + 1, "noun", label=doc[i].lemma_.lower()) for i in self._noun_indices(doc)]
        chosen = _non_overlapping(found, len(doc))
        return self._add_entities(doc, chosen)

    def _noun_indices(self, doc) -> list[int]:
        """Tokens whose lemma is an actor noun (array look-ups: a Python loop over every
        token would cost more than the rest of the component)."""
        arr = doc.to_array([POS, LEMMA])
        hits = numpy.isin(arr[:, 1], self.noun_lemmas) & numpy.isin(arr[:, 0], self.noun_pos)
        return numpy.flatnonzero(hits).tolist()

    def _add_entities(self, doc, pieces: list[Piece]) -> list[Piece]:
        """spaCy entities where the KB found nothing. A PERSON entity around a KB surname
        widens it to the full name when the given names agree ("Volodymyr Zelenskiy"), and
        is someone else when they do not ("Kevin Sullivan" is not Jake Sullivan, nor is
        "Omar Haddad" Fernando Haddad, though "Omar" alone names Mullah Omar)."""
        starts = [p.start for p in pieces]
        result = list(pieces)
        skip = not_actors()
        for ent in doc.ents:
            if ent.label_ not in NER_LABELS or "\n" in ent.text or ent.text in skip or _stance_prefixed(doc, ent.start):
                continue
            end = ent.end - 1 if ent[-1].tag_ == "POS" and len(ent) > 1 else ent.end  # "Hussein's"
            lo = bisect.bisect_left(starts, ent.start) - 1
            inside = [p for p in pieces[max(lo, 0):] if p.start < end and p.end > ent.start]
            if not inside:
                result.append(Piece(ent.start, end, "ner", label=ent.label_))
            elif ent.label_ == "PERSON" and all(_is_person_piece(p) for p in inside):
                # one name, even where its given name is someone's surname ("Omar Haddad")
                head = inside[-1]
                result = [p for p in result if p not in inside[:-1]]
                self._widen(head, doc[min(ent.start, inside[0].start):max(end, head.end)])
        return sorted(result, key=lambda p: p.start)

    def _widen(self, piece: Piece, span) -> None:
        piece.start, piece.end = span.start, span.end
        if len(span) == 1 or all(c.match != "surname" for c in piece.candidates):
            return
        given = span[0].text.casefold().rstrip(".")
        agree = [c for c in piece.candidates if given in self._given_names(c.actor_id)]
        if agree:
            piece.candidates = agree
        else:
            piece.kind, piece.label, piece.candidates = "ner", "PERSON", []

    def _given_names(self, actor_id: str) -> set[str]:
        actor = self.kb.actor(actor_id)
        names = [actor.name, *actor.aliases] if actor else []
        return {n.split()[0].casefold().rstrip(".") for n in names if n.strip()}


def _hashes(vocab, strings) -> numpy.ndarray:
    """The vocab's hashes of ``strings``, to compare with ``doc.to_array`` columns."""
    return numpy.array([vocab.strings.add(s) for s in strings], dtype="uint64")


def _sentence_starts(doc) -> list[int]:
    return numpy.flatnonzero(doc.to_array(SENT_START) == 1).tolist() or [0]


def _stance_prefixed(doc, start: int) -> bool:
    """A name after "anti-" or "pro-" says whom one is for or against, not whose one is
    ("an anti-Syria journalist", "pro-Russian separatists")."""
    if start >= 1 and doc[start].lower_.startswith(STANCE_PREFIXES):
        return True  # one token: "pro-Russian"
    return start >= 2 and doc[start - 1].text == "-" and doc[start - 2].lower_ in STANCE_WORDS


def _plausible(span, candidates) -> bool:
    """A bare surname opening a sentence must look like a name to spaCy ("Rice said", not
    "Rice prices rose"); elsewhere its capital letter is enough (the matcher is case-sensitive)."""
    token = span[0]
    if len(span) == 1 and (token.pos_ in FUNCTION_POS or token.ent_type_ in NON_ACTOR_ENTS):
        return False  # the surname "He" is the pronoun here; "May" is the month
    if any(c.match != "surname" for c in candidates):
        return True
    return not token.is_sent_start or token.pos_ == "PROPN" or bool(token.ent_type_)


@functools.lru_cache(maxsize=8)
def _finder_for(vocab, kb) -> Finder:
    return Finder(vocab, kb)


def _non_overlapping(pieces: list[Piece], n_tokens: int) -> list[Piece]:
    """Longest first; KB names before titles before nouns on ties."""
    order = {"kb": 0, "title": 1, "noun": 2}
    taken = bytearray(n_tokens)
    chosen = []
    for p in sorted(pieces, key=lambda p: (p.start - p.end, order[p.kind], p.start)):
        if any(taken[p.start:p.end]):
            continue
        taken[p.start:p.end] = b"\x01" * (p.end - p.start)
        chosen.append(p)
    return sorted(chosen, key=lambda p: p.start)


def _is_person_piece(piece: Piece) -> bool:
    return piece.kind == "kb" and bool(piece.candidates) and piece.candidates[0].kind == "person"


# --- grouping ---------------------------------------------------------------------------


def _anchor(token, covered):
    """The farthest piece token a modifier reaches by climbing to the nouns it modifies:
    rightwards, within the line, across modifier words ("Russia's foreign ministry",
    but "Kyiv" in "Kyiv's independence")."""
    doc = token.doc
    anchor = token
    for _ in range(4):
        head = token.head
        if token.dep_ not in CLIMB_DEPS or head.i <= token.i or head.pos_ not in ("NOUN", "PROPN"):
            break
        if any(t.pos_ not in PHRASE_POS or "\n" in t.text for t in doc[token.i + 1:head.i]):
            break
        token = head
        if token.i in covered:
            anchor = token
    return anchor


def anchors(doc, pieces: list[Piece]) -> dict[int, list[Piece]]:
    """Pieces by the token of the noun they modify. A conjunct modifies what the first
    conjunct does ("U.S. and Russian officials"); a name the parser left unattached modifies
    the title or name right after it (headlines parse badly)."""
    roots = [doc[p.start:p.end].root for p in pieces]
    piece_at = {i: p for p in pieces for i in range(p.start, p.end)}
    found = {p.start: _anchor(root, piece_at.keys()) for p, root in zip(pieces, roots, strict=True)}
    for k, (p, root) in enumerate(zip(pieces, roots, strict=True)):
        first = piece_at.get(root.head.i) if root.dep_ == "conj" and _is_scope_piece(p) else None
        if first is not None and first is not p and not first.covers(found[first.start].i):
            found[p.start] = found[first.start]
        elif found[p.start] is root and k + 1 < len(pieces) and _attaches(doc, p, pieces[k + 1]):
            found[p.start] = found[pieces[k + 1].start]
    by_anchor: dict[int, list[Piece]] = {}
    for p in pieces:
        by_anchor.setdefault(found[p.start].i, []).append(p)
    return by_anchor


def _attaches(doc, left: Piece, right: Piece) -> bool:
    """Whether a name modifies the title or name that follows it with only same-line spaces
    between ("U.S. Vice President" where the parser attached "U.S." elsewhere)."""
    if right.kind not in ("title", "kb"):
        return False
    return all(t.is_space and "\n" not in t.text for t in doc[left.end:right.start])


def group(by_anchor: dict[int, list[Piece]]) -> list[tuple[Piece, list[Piece]]]:
    """(head piece, all pieces of its phrase) for each phrase, in text order."""
    groups = []
    for anchor, members in by_anchor.items():
        head = next((p for p in members if p.covers(anchor)), None)
        if head is None:
            groups.extend((p, [p]) for p in members)
        else:
            groups.append((head, members))
    return sorted(groups, key=lambda g: min(p.start for p in g[1]))


# --- resolving phrases --------------------------------------------------------------------


@dataclass
class Resolver:
    """Resolves the phrases of one article against the KB as of its date."""

    doc: object
    kb: object
    date: dt.date
    by_anchor: dict[int, list[Piece]] = field(default_factory=dict)
    found: list[Found] = field(default_factory=list)

    def phrases(self, head: Piece, members: list[Piece]) -> list[Found]:
        """One mention per phrase, or one per state when states are coordinated ("U.S. and
        Russian officials": the U.S. ones and the Russian ones)."""
        scopes = [p for p in members if p is not head and _is_scope_piece(p)]
        if head.kind not in ("noun", "title") or len(scopes) < 2:
            found = self.phrase(head, members)
            return [found] if found else []
        others = [p for p in members if p not in scopes]
        result = [self.phrase(head, [p, head], span=self.doc[p.start:p.end]) for p in scopes[:-1]]
        result.append(self.phrase(head, [scopes[-1], *others]))
        return [f for f in result if f]

    def phrase(self, head: Piece, members: list[Piece], span=None) -> Found | None:
        start, end = min(p.start for p in members), max(p.end for p in members)
        span = span if span is not None else self.doc[start:end]
        mods = [p for p in members if p is not head]
        if head.kind == "kb" and head.candidates:
            return self._kb_head(head, mods, span)
        if head.kind == "title":
            return self._title_head(head, mods, span)
        if head.kind == "noun":
            return self._noun_head(head, mods, span)
        if head.kind == "ner":
            return self._ner_head(head, mods, span)
        return None

    # heads

    def _kb_head(self, head: Piece, mods: list[Piece], span) -> Found | None:
        cand = self._choose(head.candidates, mods)
        if cand.kind == "person":
            if cand.match == "surname":
                chained = self._chain_surname(self.doc[head.start:head.end].text)
                if chained is not None:
                    return self._copy(chained, span, "PERSON")
            return self._found(span, "PERSON", self._person_entity(cand, span), gender=self._gender(cand))
        root = self.doc[head.start:head.end].root
        if cand.match in PEOPLE_MATCHES and self._ethnic(root, [head]):
            return self._ethnic_group(root, span, None, plural=True)
        home = self._scope(mods)
        if cand.match == "demonym" and home is not None and home.kind == "state" and home.country != cand.country:
            # "Bosnian Serbs", "Kosovo Albanians": a people living in the state named first
            entity = _entity(span, span.text, _article_id(span.text), home.country, None, "unknown")
            return self._found(span, "GROUP", entity, plural=True)
        country = cand.country
        if cand.kind == "region" and country is None:  # "Iraqi Kurds"
            country = getattr(self._scope(mods), "country", None)
        entity = _entity(span, cand.name, cand.actor_id, country, cand.sector, cand.kind)
        if _locative(self.doc[head.start:head.end].root) or _is_place_noun(mods):
            return self._found(span, "PLACE", replace(entity, kind="place", actor_id=None, sector=None))
        plural = cand.match == "demonym"
        return self._found(span, KIND_LABELS.get(cand.kind, "ORG"), entity, plural=plural)

    def _title_head(self, head: Piece, mods: list[Piece], span) -> Found | None:
        scope = self._affiliation(mods)  # also "Trump's defence secretary"
        if scope is None:  # "the president of Armenia": Armenia's office, not the last president named
            scope = self._scope(self._prepositional(self.doc[head.end - 1], TITLE_PREPS))
        office = self.kb.office_for(head.label, scope.actor_id if scope else None)
        if office is None:
            return None
        if scope is None:
            return self._chain_office(office, span)
        holder = self.kb.office_holder(office, scope.actor_id, self.date)
        if holder is not None:
            cand = self.kb.lookup(holder.name, self.date)
            person = next((c for c in cand if c.actor_id == holder.id), None)
            if person is not None:
                return self._found(span, "TITLE", self._person_entity(person, span), gender=holder.gender)
        sector = self.kb.offices.get(office, {}).get("sector")
        entity = _entity(span, span.text, _article_id(span.text), scope.country, sector, "person")
        entity.role = office
        return self._found(span, "TITLE", entity)

    def _noun_head(self, head: Piece, mods: list[Piece], span) -> Found | None:
        spec = nouns()[head.label]
        plural = self.doc[head.start].tag_ in ("NNS", "NNPS")
        span = _with_modifiers(span, self.doc[head.start])
        # a split-off conjunct ("U.S." of "U.S. and Russian officials") is named with the noun
        name = span.text if span.end >= head.end else f"{span.text} {self.doc[head.start:head.end].text}"
        if spec.get("place"):
            scope = self._scope(mods)
            return self._found(span, "PLACE", _entity(span, span.text, None, scope.country if scope else None, None, "place"))
        if self._ethnic(self.doc[head.start], mods):  # "ethnic Albanian guerrillas": where they live
            return self._ethnic_group(self.doc[head.start], span, spec.get("sector"), plural)
        affiliation = self._affiliation(mods)
        if affiliation is None and spec.get("person"):
            mods = mods + self._prepositional(self.doc[head.start])
            affiliation = self._affiliation(mods)
        if affiliation is None and (people := self._people(self.doc[head.start])) is not None:
            entity = _entity(span, name, _article_id(name), people, spec.get("sector"), "unknown")
            return self._found(span, "GROUP", entity, plural=plural)  # "Yoruba leaders"
        if affiliation is None:
            if not spec.get("alone"):
                return None
            kind = "person" if spec.get("person") else "unknown"
            entity = _entity(span, name, _article_id(name), None, spec.get("sector"), kind)
            return self._found(span, "GROUP", entity, plural=plural)
        sector = spec.get("sector") or self._modifier_sector(mods) or affiliation.sector
        if spec.get("person") and not plural:  # one unnamed official: an actor of this article
            entity = _entity(span, name, _article_id(name), affiliation.country, sector, "person")
            return self._found(span, "GROUP", entity, plural=plural)
        entity = _entity(span, affiliation.name, affiliation.actor_id, affiliation.country, sector, affiliation.kind)
        return self._found(span, "GROUP", entity, plural=plural)

    def _ner_head(self, head: Piece, mods: list[Piece], span) -> Found | None:
        text = self.doc[head.start:head.end].text
        chained = self._chain_surname(text) or self._chain_name(text)
        if chained is not None:  # whatever spaCy thought it was, it is that person again
            return self._copy(chained, span, "PERSON")
        appositive = self._appositive(self.doc[head.start:head.end].root)
        if head.label == "PERSON" or any(p.kind == "title" for p in appositive):
            mods = mods + appositive  # a title in apposition makes even an "ORG" a person
            scope = self._scope(mods)
            title = next((p for p in mods if p.kind == "title"), None)
            office = self.kb.office_for(title.label, scope.actor_id if scope else None) if title else None
            sector = self.kb.offices.get(office, {}).get("sector") if office else None
            entity = _entity(span, text, _article_id(text), scope.country if scope else None, sector, "person")
            entity.role = office
            return self._found(span, "PERSON", entity)
        if head.label in PLACE_LABELS:
            scope = self._scope(mods)
            country = scope.country if scope else self.kb.place_country(text)
            return self._found(span, "PLACE", _entity(span, text, None, country, None, "place"))
        scope = self._scope(mods)
        entity = _entity(span, text, _article_id(text), scope.country if scope else None, None, "unknown")
        return self._found(span, head.label, entity)

    # helpers

    def _ethnic(self, token, mods: list[Piece]) -> bool:
        """Whether a nationality word in the phrase names a people ("ethnic Albanians",
        "the Albanians of southern Serbia"), not the state's officials or forces."""
        people = [p for p in mods if p.kind == "kb" and p.candidates and p.candidates[0].match in PEOPLE_MATCHES]
        if not people:
            return False
        marked = any(t.lower_ in ethnic_markers() for t in token.lefts)
        marked = marked or any(t.lower_ in ethnic_markers() for p in people for t in self.doc[p.start:p.end].root.lefts)
        return marked or (token.tag_ == "NNPS" and self._scope(self._prepositional(token, {"of"})) is not None)

    def _people(self, token) -> str | None:
        """The state of a people named among a noun's modifiers ("Yoruba leaders")."""
        table = peoples()
        return next((table[t.lower_] for t in token.lefts if t.lower_ in table), None)

    def _ethnic_group(self, token, span, sector, plural: bool) -> Found:
        """An ethnic group counts for the country it is said to live in, when the phrase
        says so ("in Macedonia", "of southern Serbia"), else for no country."""
        based = [c for c in token.children if c.dep_ == "acl"]  # "guerrillas operating in Macedonia"
        home = next((h for t in [token, *based] if (h := self._scope(self._prepositional(t, HOME_PREPS)))), None)
        span = _with_modifiers(span, token)
        entity = _entity(span, span.text, _article_id(span.text), home.country if home else None, sector, "unknown")
        return self._found(span, "GROUP", entity, plural=plural)

    def _choose(self, candidates: list, mods: list[Piece]):
        """The candidate the phrase's title or state agrees with, else the best."""
        scope = self._scope(mods)
        titles = [p for p in mods if p.kind == "title"]
        for cand in candidates:
            if cand.kind != "person":
                continue
            if titles and cand.role == self.kb.office_for(titles[0].label, scope.actor_id if scope else None):
                return cand
            if scope and cand.country == scope.country:
                return cand
        return candidates[0]

    def _scope(self, mods: list[Piece]):
        """The state or body a phrase's modifiers name (its first non-person KB candidate)."""
        for p in mods:
            if p.kind == "kb":
                for cand in p.candidates:
                    if cand.kind != "person":
                        return cand
        return None

    def _affiliation(self, mods: list[Piece]):
        """Whom an actor noun belongs to: a modifying state/body, or a person's institution."""
        scope = self._scope(mods)
        if scope is not None:
            return scope
        for p in mods:
            if p.kind == "kb" and p.candidates and p.candidates[0].kind == "person":
                return self._institution(p.candidates[0])
        return None

    def _institution(self, person):
        """The state or body a person acts for on the article's date."""
        role = self.kb.role_at(person.actor_id, self.date)
        scope_id = (role.org or role.country) if role else person.country
        actor = self.kb.actor(scope_id or "") or self.kb.state(scope_id or "")
        if actor is None:
            return None
        return kb_module.Candidate(actor.id, actor.name, actor.kind, actor.country, "GOV", None, "name", 0)

    def _appositive(self, token) -> list[Piece]:
        """The pieces of a phrase in apposition to a name ("Kofi Annan, UN secretary-general"),
        or the modifiers of a common noun there ("Ana Ruiz, a Chilean lawyer", "X, Algeria's
        leading activist")."""
        for child in token.children:
            if child.dep_ != "appos":
                continue
            if child.i in self.by_anchor:
                return self.by_anchor[child.i]
            return [p for c in child.children if c.dep_ in CLIMB_DEPS and c.i in self.by_anchor
                    for p in self.by_anchor[c.i]]
        return []

    def _prepositional(self, token, preps=AFFILIATION_PREPS) -> list[Piece]:
        """The pieces of a phrase that affiliates a person noun ("a source in the Ukrainian
        delegation", "officials from Moscow")."""
        for prep in token.children:
            if prep.dep_ == "prep" and prep.lower_ in preps:
                for obj in prep.children:
                    if obj.dep_ == "pobj" and obj.i in self.by_anchor:
                        return self.by_anchor[obj.i]
        return []

    def _modifier_sector(self, mods: list[Piece]) -> str | None:
        for p in reversed(mods):
            if p.kind == "noun":
                return nouns()[p.label].get("sector")
        return None

    def _person_entity(self, cand, span) -> Entity:
        entity = _entity(span, cand.name, cand.actor_id, cand.country, cand.sector, "person")
        entity.role = cand.role
        return entity

    def _gender(self, cand) -> str | None:
        actor = self.kb.actor(cand.actor_id)
        return actor.gender if actor else None

    def _chain_surname(self, text: str) -> Found | None:
        """The latest earlier person whose name, as the KB or the text spells it, ends with
        ``text`` (a surname-only mention)."""
        if " " in text.strip():
            return None
        for f in reversed(self.found):
            if f.entity.kind != "person" or f.end - f.start < 2:
                continue
            if text in ((f.entity.name or "").split()[-1:] + [self.doc[f.end - 1].text]):
                return f
        return None

    def _chain_name(self, text: str) -> Found | None:
        for f in reversed(self.found):
            if f.entity.kind == "person" and f.entity.name == text:
                return f
        return None

    def _chain_office(self, office: str, span) -> Found | None:
        """A bare title ("the president") names the latest holder of that office mentioned."""
        for f in reversed(self.found):
            if f.entity.role == office and f.entity.kind == "person":
                return self._copy(f, span, "TITLE")
        return None

    def _copy(self, source: Found, span, label: str) -> Found:
        entity = replace(source.entity, text=span.text, start=span.start_char, end=span.end_char)
        found = self._found(span, label, entity, gender=source.gender, plural=source.plural)
        found.antecedent = source.start if source.antecedent is None else source.antecedent
        return found

    def _found(self, span, label: str, entity: Entity, gender=None, plural=False) -> Found:
        root = span.root
        return Found(
            span.start, span.end, label, entity, subject=root.dep_ in SUBJECT_DEPS,
            plural=plural, gender=gender,
        )


def _entity(span, name, actor_id, country, sector, kind) -> Entity:
    return Entity(
        text=span.text, name=name, actor_id=actor_id, country=country, sector=sector,
        kind=kind, start=span.start_char, end=span.end_char,
    )


def _with_modifiers(span, head):
    """``span`` widened left over the head noun's adjacent modifiers ("transport ministry",
    "senior officials")."""
    start = span.start
    for token in reversed(list(head.lefts)):
        if token.i >= start:
            continue
        if token.i != start - 1 or token.dep_ not in ("compound", "amod", "nmod"):
            break
        start = token.i
    return span.doc[start:span.end]


def _article_id(text: str) -> str:
    slug = re.sub(r"[^a-z0-9]+", "-", text.casefold().replace("'s", "s").replace("\u2019s", "s"))
    return "article:" + slug.strip("-")


def _locative(token) -> bool:
    """Whether a place name is the object of a locative preposition ("in Munich")."""
    while token.dep_ in ("compound", "appos") and token.head is not token:
        token = token.head
    return token.dep_ == "pobj" and token.head.lower_ in LOCATIVE_PREPS


def _is_scope_piece(piece: Piece) -> bool:
    return piece.kind == "kb" and any(c.kind != "person" for c in piece.candidates)


def _is_place_noun(mods: list[Piece]) -> bool:
    return any(p.kind == "noun" and nouns()[p.label].get("place") for p in mods)


# --- quotes and pronouns ---------------------------------------------------------------------

QUOTE_RE = re.compile(r"\u201c[^\u201d]*\u201d?|\"[^\"\n]*\"?")


def quote_spans(text: str) -> list[tuple[int, int]]:
    """Character spans of quotations (curly or straight quotes; an unclosed straight quote
    ends at the paragraph)."""
    return [m.span() for m in QUOTE_RE.finditer(text)]


def _quote_index(spans: list[tuple[int, int]], starts: list[int], offset: int) -> int | None:
    i = bisect.bisect_right(starts, offset) - 1
    return i if i >= 0 and spans[i][0] <= offset < spans[i][1] else None


class Pronouns:
    """Resolves third-person pronouns to earlier mentions (see the module docstring)."""

    def __init__(self, doc, found: list[Found], text: str):
        self.doc = doc
        self.found = found
        self.sent_starts = _sentence_starts(doc)
        self.quotes = quote_spans(text)
        self.quote_starts = [s for s, _ in self.quotes]
        for f in found:
            f.in_quote = self.quote_of(f.start)

    def sent_of(self, i: int) -> int:
        return bisect.bisect_right(self.sent_starts, i) - 1

    def quote_of(self, i: int) -> int | None:
        return _quote_index(self.quotes, self.quote_starts, self.doc[i].idx)

    def resolve(self, token) -> Found | None:
        gender, number = PRONOUNS[token.lower_]
        sent = self.sent_of(token.i)
        quote = self.quote_of(token.i)
        speakers = self._speakers(sent, self.quotes[quote][1]) if quote is not None else set()
        window = IT_WINDOW if gender == "thing" else PRONOUN_WINDOW
        best, best_key = None, None
        for f in reversed(self.found):
            if f.start >= token.i:
                continue
            distance = sent - self.sent_of(f.start)
            if distance > window:
                break
            if f.in_quote is not None and f.in_quote != quote:
                continue
            if f.entity.actor_id in speakers:
                continue
            if not (_compatible(f, gender, number) or (number == "pl" and self._coordinated(f))):
                continue
            # subjects first (centering), but "it" in its own sentence takes the nearest
            # ("Washington could hit Moscow ... if it does not agree")
            key = (distance, 0 if f.subject or (gender == "thing" and distance == 0) else 1)
            if best_key is None or key < best_key:
                best, best_key = f, key
        return best

    def _coordinated(self, f: Found) -> bool:
        """Whether ``f`` opens a coordination of actors ("Trump and Putin"): together
        they are a "they"."""
        root = self.doc[f.start:f.end].root
        starts = self.found_roots
        return any(c.dep_ == "conj" and c.i in starts for c in root.children)

    @functools.cached_property
    def found_roots(self) -> set[int]:
        return {self.doc[f.start:f.end].root.i for f in self.found}

    def _speakers(self, sent: int, quote_end: int) -> set[str]:
        """Actors a trailing attribution (`"...," Vance said`) names as the quote's speaker:
        a third-person pronoun inside the quote is someone else."""
        hi = self.sent_starts[sent + 1] if sent + 1 < len(self.sent_starts) else len(self.doc)
        return {
            f.entity.actor_id
            for f in self.found
            if f.start < hi and f.entity.start >= quote_end and f.subject
            and self.doc[f.start:f.end].root.head.lemma_ in SPEECH_VERBS
        }


def _compatible(f: Found, gender: str | None, number: str) -> bool:
    """Whether a pronoun of this gender and number can refer to ``f``. States and bodies
    take "it" and "they"; a state named by its people ("the Russians") takes both too."""
    kind = f.entity.kind
    if kind == "place" or f.label == "PLACE":
        return False
    if number == "pl":
        return f.plural or kind not in ("person", "unknown")
    if f.plural and kind != "state":
        return False
    if gender == "thing":
        return kind not in ("person", "unknown")
    return kind == "person" and (f.gender is None or f.gender == gender)


# --- the component ---------------------------------------------------------------------------


def resolve(doc, kb, date: dt.date, text: str | None = None) -> list[Found]:
    """All actor mentions of a parsed doc, resolved as of ``date``, in text order
    (``text`` is ``doc.text``, when the caller has it already)."""
    pieces = _finder_for(doc.vocab, kb).pieces(doc, date)
    resolver = Resolver(doc, kb, date, anchors(doc, pieces))
    for head, members in group(resolver.by_anchor):
        resolver.found.extend(resolver.phrases(head, members))
    _unlabelled_surnames(doc, resolver)
    _places_in_context(resolver.found)
    _chain_repeats(resolver.found)
    return _with_pronouns(doc, resolver.found, doc.text if text is None else text)


def _written_after(timexes) -> dt.date | None:
    """For an undated article: the end of the latest past period its text names ("in
    2019", "on March 3, 2021"), which it was written after; offices are read as of then
    rather than today. None when the text names no calendar date."""
    today = dt.date.today()
    ends = [end for t in timexes if t.type == "DATE" and (end := _period_end(t.value)) is not None]
    past = [end for end in ends if end <= today]
    return max(past) if past else None


def _period_end(value: str) -> dt.date | None:
    """The last day of an ISO date prefix (2021, 2021-03, 2021-03-03); None for others."""
    match = re.fullmatch(r"(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?", value or "")
    if match is None:
        return None
    year, month, day = int(match[1]), match[2], match[3]
    if day:
        return dt.date(year, int(month), int(day))
    if month:
        following = dt.date(year + int(month) // 12, int(month) % 12 + 1, 1)
        return following - dt.timedelta(days=1)
    return dt.date(year, 12, 31)


def _places_in_context(found: list[Found]) -> None:
    """A place name several states share ("Tripoli") is the one in the state the text
    names most that has one; a name only one state has is left as it is."""
    counts = Counter(f.entity.country for f in found if f.entity.country and f.entity.kind != "place")
    near = [country for country, _ in counts.most_common()]
    for f in found:
        if f.entity.kind == "place" and near:
            location = places.resolve(f.entity.text, near)
            if location is not None and location.country != f.entity.country:
                f.entity = replace(f.entity, country=location.country)


def _unlabelled_surnames(doc, resolver: Resolver) -> None:
    """Surname-only mentions that neither the KB nor spaCy found ("Zelenskiy has been ...")
    chain to an earlier full mention that ends with the same spelling."""
    by_surname: dict[str, Found] = {}
    for f in resolver.found:
        if f.entity.kind == "person" and f.end - f.start >= 2:
            by_surname.setdefault(doc[f.end - 1].text, f)
    if not by_surname:
        return
    taken = {i for f in resolver.found for i in range(f.start, f.end)}
    orths = doc.to_array(ORTH)
    for i in numpy.flatnonzero(numpy.isin(orths, _hashes(doc.vocab, list(by_surname)))).tolist():
        token = doc[i]
        full = by_surname[token.text]
        if i not in taken and full.start < i and token.pos_ in ("PROPN", "NOUN"):
            resolver.found.append(resolver._copy(full, doc[i:i + 1], "PERSON"))
    resolver.found.sort(key=lambda f: f.start)


def _chain_repeats(found: list[Found]) -> None:
    """A later surname or title mention of a person points at the fullest name mention so far."""
    named: dict[str, Found] = {}
    for f in found:
        actor_id = f.entity.actor_id
        if f.entity.kind != "person" or actor_id is None:
            continue
        best = named.get(actor_id)
        if best is not None and f.antecedent is None and (f.label != "PERSON" or f.end - f.start < best.end - best.start):
            f.antecedent = best.start
        if f.label == "PERSON" and (best is None or f.end - f.start >= best.end - best.start):
            named[actor_id] = f


def _with_pronouns(doc, found: list[Found], text: str) -> list[Found]:
    """``found`` with a mention for each pronoun that has an antecedent, in text order."""
    taken = {i for f in found for i in range(f.start, f.end)}
    pronouns = Pronouns(doc, found, text)
    lowers = doc.to_array(LOWER)
    for i in numpy.flatnonzero(numpy.isin(lowers, _hashes(doc.vocab, list(PRONOUNS)))).tolist():
        token = doc[i]
        if token.pos_ != "PRON" or i in taken:
            continue
        antecedent = pronouns.resolve(token)
        if antecedent is None:
            continue
        entity = replace(antecedent.entity, text=token.text, start=token.idx, end=token.idx + len(token))
        pron = Found(
            token.i, token.i + 1, "PRON", entity, subject=token.dep_ in SUBJECT_DEPS,
            in_quote=pronouns.quote_of(token.i), plural=antecedent.plural,
            gender=antecedent.gender, antecedent=antecedent.start,
        )
        bisect.insort(found, pron, key=lambda f: f.start)
    return found


@register("actors", version="4")
def actors(doc, ctx: Context) -> list[Record]:
    """Actor mentions resolved against the KB as of the article's date."""
    kb = ctx.kb if ctx.kb is not None else kb_module.load()
    date = ctx.published or _written_after(ctx.timexes) or dt.date.today()
    text = doc.text
    found = resolve(doc, kb, date, text)
    sentence = _SentenceTexts(doc, text)
    records: list[Record] = []
    for f in found:
        span = doc[f.start:f.end]
        antecedent = doc[f.antecedent].idx if f.antecedent is not None else None
        records.append(
            Mention(
                ctx.article_id, sentence(f.start), span.start_char, span.end_char,
                text=span.text, label=f.label, entity=_scoped(f.entity, ctx.article_id),
                antecedent=antecedent,
            )
        )
    return records


def _scoped(entity: Entity | None, article_id: str) -> Entity | None:
    """Article-level actors get the article in their id: "sources" here are not "sources" there."""
    if entity is None or not (entity.actor_id or "").startswith("article:"):
        return entity
    slug = entity.actor_id.removeprefix("article:")
    return dataclasses.replace(entity, actor_id=f"article:{article_id}:{slug}")


class _SentenceTexts:
    """The text of the sentence holding a token, each sentence's made once (slicing the
    doc's text: building span texts token by token costs more than the resolution)."""

    def __init__(self, doc, text: str):
        self.doc, self.text = doc, text
        self.starts = _sentence_starts(doc)
        self.made: dict[int, str] = {}

    def __call__(self, i: int) -> str:
        k = bisect.bisect_right(self.starts, i) - 1
        if k not in self.made:
            end = self.starts[k + 1] if k + 1 < len(self.starts) else len(self.doc)
            first, last = self.doc[self.starts[k]], self.doc[end - 1]
            self.made[k] = self.text[first.idx:last.idx + len(last)]
        return self.made[k]
