"""Who did it to whom: actor and recipient tokens of a trigger, from the dependency parse.

Subjects act (the "by" agent in the passive), objects and the objects of
type-specific prepositions receive; conjunctions expand lists; control verbs and
relative clauses lend their subject; places ("in Munich") never take a role.
"""

from __future__ import annotations

from spacy.tokens import Token

from dossier.extract.events_lexicon import Lexicon
from dossier.extract.events_triggers import Trigger, noun_anchor

RELATIVE_PRONOUNS = {"who", "which", "that", "whom"}
#: how a verb without a subject borrows one: "was due to meet", "before meeting", "agreed and signed"
BORROW_DEPS = {"xcomp", "acomp", "conj", "advcl", "pcomp", "prep", "relcl", "ccomp", "acl"}


def expand(tok: Token) -> list[Token]:
    """A role token and its conjuncts (and appositions)."""
    out = [tok]
    for child in tok.children:
        if child.dep_ == "conj" and child.pos_ in ("PROPN", "NOUN", "PRON"):
            out += expand(child)
    return out


def _pobjs(tok: Token, preps) -> list[Token]:
    return [g for c in tok.children if c.dep_ == "prep" and c.lower_ in preps
            for g in c.children if g.dep_ == "pobj"]


def is_location(tok: Token, lex: Lexicon) -> bool:
    """A pobj of in/at/near naming a place."""
    return (tok.dep_ == "pobj" and tok.head.lower_ in lex.roles["location_preps"]
            and tok.ent_type_ in lex.roles["location_labels"])


def subject_of(verb: Token, lex: Lexicon, depth: int = 4) -> list[Token]:
    """The subject of ``verb``, borrowed through control, coordination and relative clauses."""
    tok = verb
    for _ in range(depth):
        for child in tok.children:
            if child.dep_ in lex.roles["actor_deps"]:
                if child.lower_ in RELATIVE_PRONOUNS and tok.dep_ == "relcl":
                    return expand(tok.head)
                return expand(child)
            if child.dep_ in lex.roles["agent_deps"]:
                return [p for g in child.children if g.dep_ == "pobj" for p in expand(g)]
        if tok.dep_ == "relcl":
            return expand(tok.head)
        if tok.dep_ not in BORROW_DEPS or tok.head is tok:
            return []
        tok = tok.head
    return []


def _noun_actors(trigger: Trigger, lex: Lexicon) -> list[Token]:
    tok = trigger.token
    for child in tok.children:
        if child.dep_ in lex.roles["noun_actor_deps"]:
            return expand(child)
    by = _pobjs(tok, lex.roles["noun_actor_preps"])
    if by:
        return [t for p in by for t in expand(p)]
    for child in tok.children:
        if child.dep_ in ("amod", "compound") and child.ent_type_ in lex.roles["noun_actor_amod_labels"]:
            return [child]
    anchor = noun_anchor(tok, lex)
    if anchor is not None and anchor is not tok:
        if anchor.pos_ in ("NOUN", "PROPN"):
            owners = [c for c in anchor.children if c.dep_ in lex.roles["noun_actor_deps"]]
            return [t for o in owners for t in expand(o)] or subject_of(anchor.head, lex)
        return subject_of(anchor, lex)
    return subject_of(tok.head, lex) if tok.dep_ in ("dobj", "pobj") else []


def actors(trigger: Trigger, lex: Lexicon) -> list[Token]:
    found = subject_of(trigger.token, lex) if trigger.kind != "noun" else _noun_actors(trigger, lex)
    if trigger.spec.get("with") == "actor":
        found += [t for p in _pobjs(trigger.token, ("with",)) for t in expand(p)]
    return found


def _object_is_role(tok: Token, lex: Lexicon, trigger_tokens: set[int]) -> bool:
    """Objects that are things (aid, troops, an agreement) or events are no recipients."""
    if tok.i in trigger_tokens or tok.ent_type_ in ("DATE", "TIME", "MONEY", "PERCENT", "CARDINAL"):
        return False
    return tok.pos_ in ("PROPN", "PRON") or not lex.classes_of(tok.lemma_.lower())


def recipients(trigger: Trigger, lex: Lexicon, trigger_tokens: set[int]) -> list[Token]:
    tok = trigger.token
    found: list[Token] = []
    if trigger.kind == "verb":
        for child in tok.children:
            if child.dep_ in lex.roles["object_deps"] + lex.roles["passive_subject_deps"]:
                if _object_is_role(child, lex, trigger_tokens):
                    found += expand(child)
    preps = lex.recipient_preps(trigger.type)
    for pobj in _pobjs(tok, preps):
        if not is_location(pobj, lex) and _object_is_role(pobj, lex, trigger_tokens):
            found += expand(pobj)
    return found


def content_subject(trigger: Trigger) -> list[Token]:
    """The subject of a content clause: who is asked to act in "demanded that Kyiv yield"."""
    for child in trigger.token.children:
        if child.dep_ == "ccomp":
            for grand in child.children:
                if grand.dep_ in ("nsubj", "nsubjpass"):
                    return expand(grand)
    return []


def location_tokens(trigger: Trigger, lex: Lexicon) -> list[Token]:
    """Place names in a locative phrase of the trigger (or of the verb a noun trigger hangs on)."""
    heads = [trigger.token]
    if trigger.kind == "noun":
        heads.append(trigger.token.head)
    return [p for h in heads for p in _pobjs(h, lex.roles["location_preps"])
            if p.ent_type_ in lex.roles["location_labels"]]
