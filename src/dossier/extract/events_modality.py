"""Factuality of an event: asserted, negated, hypothetical, conditional, future, historical.

Read from the parse around the trigger's predicate: negators, modal and future
auxiliaries, governing verbs (plan to, refuse to, consider), if-clauses (whose
text is the event's ``condition``), and "would" under a past reporting verb
(future in the past). ``historical`` comes from the event's resolved date.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Token

from dossier.extract.events_lexicon import Lexicon
from dossier.extract.events_triggers import Trigger, is_purpose, set_off_participle

CLIMB_DEPS = {"xcomp", "ccomp", "acomp", "conj", "pcomp", "prep", "acl"}
#: roles of a noun a clause qualifies through which its verb governs the clause
QUALIFIED_DEPS = {"dobj", "nsubjpass"}


@dataclass
class Modality:
    factuality: str = "asserted"
    condition: Token | None = None  # head of the if-clause

    def condition_text(self) -> str | None:
        if self.condition is None:
            return None
        cond = self.condition
        set_off = [c.left_edge.i - 1 for c in cond.children if set_off_participle(c)]
        start, end = cond.left_edge.i, min(set_off, default=cond.right_edge.i + 1)
        return cond.doc[start:end].text.strip()  # the condition alone, not a participle the parser hung on it


def predicate(trigger: Trigger) -> Token:
    """The verb that carries tense and modality: the trigger, or the verb a noun hangs on."""
    tok = trigger.token
    if trigger.kind == "noun" and tok.dep_ in ("dobj", "nsubj", "nsubjpass", "attr"):
        return tok.head
    if trigger.kind == "noun" and tok.dep_ == "pobj" and trigger.anchor == tok.head.head \
            and trigger.anchor.pos_ == "VERB":
        return trigger.anchor  # "will travel to X for talks": the talks are as future as the trip
    return tok


def _governors(tok: Token, depth: int = 3):
    """``tok`` and the verbs above it through complement links and infinitives of purpose
    ("will travel to Washington to meet X": the meeting is as future as the trip), and from
    a clause that qualifies a noun to the verb acting on that noun ("failed to pass a
    resolution calling for X": the call is no more made than the resolution is passed)."""
    yield tok
    qualifying = False
    for _ in range(depth):
        acted_on = qualifying and tok.dep_ in QUALIFIED_DEPS
        if (tok.dep_ not in CLIMB_DEPS and not acted_on and not is_purpose(tok)) or tok.head is tok:
            return
        qualifying = tok.dep_ in ("acl", "relcl")
        tok = tok.head
        yield tok


def _negated(tok: Token, lex: Lexicon) -> bool:
    negators = lex.factuality["negators"]
    if any(c.dep_ == "neg" or (c.dep_ == "det" and c.lower_ in negators) for c in tok.children):
        return True
    subjects = [c for c in tok.children if c.dep_ in ("nsubj", "nsubjpass")]
    return any(d.dep_ == "det" and d.lower_ == "no" for s in subjects for d in s.children)


def _described(trigger: Trigger, head: Token) -> bool:
    """Whether ``head`` is a copula saying what a noun event is like: "our support is not
    abstract" denies the description, not the support."""
    return trigger.kind == "noun" and trigger.token.head is head and trigger.token.dep_ == "nsubj" \
        and head.lemma_ == "be"


def _condition(tok: Token, lex: Lexicon) -> Token | None:
    marks = lex.factuality["condition_marks"]
    for child in tok.children:
        if child.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in marks for m in child.children):
            return child
    return None


def _aux(tok: Token) -> set[str]:
    return {c.lower_ for c in tok.children if c.dep_ in ("aux", "auxpass")}


def _reported_in_past(tok: Token, lex: Lexicon) -> bool:
    for head in tok.ancestors:
        if lex.lemma(head) in lex.factuality["reporting_verbs"]:
            return head.tag_ == "VBD"
    return False


def _future_noun(trigger: Trigger, lex: Lexicon) -> bool:
    mods = lex.factuality["future_modifiers"]
    return trigger.kind == "noun" and any(
        c.dep_ in ("amod", "acl") and c.lower_ in mods for c in trigger.token.children)


def modality(trigger: Trigger, lex: Lexicon, content: list[Trigger] = ()) -> Modality:
    """The factuality of ``trigger``'s event (its content's if-clauses make it conditional)."""
    fact = lex.factuality
    pred = predicate(trigger)
    heads = list(_governors(pred))
    clauses = [c for c in pred.children if c.dep_ in ("ccomp", "xcomp")]
    places = [*heads, *(predicate(t) for t in content), *clauses]
    condition = next((c for h in places if (c := _condition(h, lex))), None)
    if any(_negated(h, lex) for h in heads[:2] if not _described(trigger, h)):
        return Modality("negated", condition)
    if any(lex.lemma(h) in fact["negating_governors"] for h in heads[1:]):
        return Modality("negated", condition)
    if condition is not None:
        return Modality("conditional", condition)
    aux = set().union(*(_aux(h) for h in heads[:2]))
    governors = {lex.lemma(h) for h in heads[1:]}
    if aux & set(fact["future_aux"]) or governors & set(fact["future_governors"]) or _future_noun(trigger, lex):
        return Modality("future")
    if "would" in aux and _reported_in_past(pred, lex):
        return Modality("future")
    if aux & set(fact["hypothetical_aux"]) or governors & set(fact["hypothetical_governors"]):
        return Modality("hypothetical")
    return Modality()
