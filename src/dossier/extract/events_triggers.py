"""Finding event triggers in a parsed sentence and arranging them into frames.

A trigger is a verb, phrasal verb, adjective or noun of the lexicon. Triggers
are arranged by the dependency tree: a trigger in the content of another
("threatened to impose sanctions") is that trigger's content, not an event of its
own; a trigger of the same type below another ("shelled the city, killing 20")
is merged into it; a trigger inside an if-clause is a condition, not an event.
The remaining triggers head frames, one event each.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Span, Token

from dossier.extract.events_lexicon import Lexicon

PERSON_LABELS = {"PERSON", "ORG", "GPE", "NORP"}
#: dependencies climbed from a trigger to the trigger that governs it
CONTENT_DEPS = {"xcomp", "ccomp", "acl", "pcomp", "pobj", "prep", "dobj", "dative", "attr",
                "oprd", "acomp", "compound", "amod", "nmod", "appos", "nsubjpass", "aux"}
MERGE_DEPS = {"advcl", "nsubj", "npadvmod"}


@dataclass
class Trigger:
    token: Token
    type: str
    mode: str | None
    spec: dict
    kind: str  # verb, noun, adj
    extra: list[Token] = field(default_factory=list)  # particles of a phrasal verb
    content: list[Trigger] = field(default_factory=list)  # absorbed triggers
    merged: list[Trigger] = field(default_factory=list)  # same-type triggers below it

    @property
    def span(self) -> tuple[int, int]:
        tokens = [self.token, *self.extra]
        start = min(t.idx for t in tokens)
        end = max(t.idx + len(t) for t in tokens)
        return start, end


def obj_of(tok: Token) -> Token | None:
    """The theme of a verb: its direct object, or its subject in the passive."""
    for child in tok.children:
        if child.dep_ in ("dobj", "nsubjpass"):
            return child
    return None


def is_person_like(tok: Token) -> bool:
    if tok.pos_ in ("PROPN", "PRON") or tok.ent_type_ in PERSON_LABELS:
        return True
    return any(t.ent_type_ in PERSON_LABELS for t in tok.lefts)


def in_class(lex: Lexicon, tok: Token | None, name: str) -> bool:
    if tok is None:
        return False
    if name == "any":
        return True
    if name == "person":
        return is_person_like(tok)
    return lex.in_class(tok.lemma_.lower(), name)


def _phrasal(tok: Token, lex: Lexicon) -> tuple[dict, list[Token]] | None:
    lemma = tok.lemma_.lower()
    for child in tok.children:
        if child.dep_ in ("prt", "prep", "dobj"):
            word = child.lower_ if child.dep_ != "dobj" else child.lemma_.lower()
            spec = lex.phrasal.get(f"{lemma} {word}")
            if spec:
                return spec, [child]
            if child.dep_ == "prep":
                for grand in child.children:
                    spec = lex.phrasal.get(f"{lemma} {word} {grand.lemma_.lower()}")
                    if grand.dep_ == "pobj" and spec:
                        return spec, [child, grand]
    return None


def _satisfied(tok: Token, spec: dict, lex: Lexicon) -> bool:
    children = {c.dep_ for c in tok.children}
    if spec.get("needs_object") and not in_class(lex, obj_of(tok), spec["needs_object"]):
        return False
    if spec.get("needs_content") and not children & {"xcomp", "ccomp", "prep"}:
        return False
    if spec.get("needs_partner") and not any(
        c.dep_ == "prep" and c.lower_ in ("with", "to") for c in tok.children
    ):
        return False
    needs = spec.get("needs_modifier")
    return not needs or any(c.lemma_.lower() in needs for c in tok.children)


def _with_objects(trigger: Trigger, lex: Lexicon) -> Trigger:
    """Object-conditioned senses: withdraw troops (RETREAT) / an envoy (SANCTION)."""
    obj = obj_of(trigger.token)
    for name, override in trigger.spec.get("objects", {}).items():
        if in_class(lex, obj, name):
            trigger.type = override["type"]
            trigger.mode = override.get("mode")
            break
    return trigger


def match_verb(tok: Token, lex: Lexicon) -> Trigger | None:
    if tok.pos_ != "VERB" or tok.dep_ == "amod":
        return None
    found = _phrasal(tok, lex)
    spec, extra = found if found else (lex.verbs.get(tok.lemma_.lower()), [])
    if not spec or not _satisfied(tok, spec, lex):
        return None
    return _with_objects(Trigger(tok, spec["type"], spec.get("mode"), spec, "verb", extra), lex)


def match_adjective(tok: Token, lex: Lexicon) -> Trigger | None:
    spec = lex.adjectives.get(tok.lower_)
    if tok.pos_ != "ADJ" or not spec or not _satisfied(tok, spec, lex):
        return None
    return Trigger(tok, spec["type"], spec.get("mode"), spec, "adj")


def noun_anchor(tok: Token, lex: Lexicon) -> Token | None:
    """The token that names a noun trigger's actor: itself (possessive, "by" phrase,
    nationality), its support verb (hold talks) or support noun (announcement of)."""
    for child in tok.children:
        if child.dep_ == "poss" or (child.dep_ == "prep" and child.lower_ in lex.roles["noun_actor_preps"]):
            return tok
        if child.dep_ in ("amod", "compound") and child.ent_type_ in lex.roles["noun_actor_amod_labels"]:
            return tok
    head = tok.head
    if tok.dep_ in ("dobj", "attr", "nsubjpass") and head.lemma_.lower() in lex.support_verbs:
        return head
    if tok.dep_ == "pobj" and head.lower_ in lex.roles["support_noun_preps"]:
        noun = head.head
        if noun.lemma_.lower() in lex.support_nouns:
            return noun
    return None


def match_noun(tok: Token, lex: Lexicon, governed: set[int]) -> Trigger | None:
    if tok.pos_ not in ("NOUN", "PROPN"):
        return None
    spec = lex.nouns.get(tok.lemma_.lower())
    if not spec or not _satisfied(tok, spec, lex):
        return None
    if noun_anchor(tok, lex) is None and not governed & {a.i for a in _ancestors(tok, 3)}:
        return None
    return Trigger(tok, spec["type"], spec.get("mode"), spec, "noun")


def _ancestors(tok: Token, depth: int):
    while depth and tok.head is not tok:
        tok = tok.head
        depth -= 1
        yield tok


def find_triggers(sent: Span, lex: Lexicon) -> list[Trigger]:
    """Verb and adjective triggers first; then nouns that have an actor or sit under one."""
    triggers = [t for tok in sent if (t := match_verb(tok, lex) or match_adjective(tok, lex))]
    governed = {t.token.i for t in triggers}
    triggers += [t for tok in sent if (t := match_noun(tok, lex, governed))]
    return sorted(triggers, key=lambda t: t.token.i)


def _governor(trigger: Trigger, index: dict[int, Trigger], lex: Lexicon) -> tuple[Trigger | None, str]:
    """The trigger above ``trigger`` and how it is reached: content, merge, condition or none."""
    tok = trigger.token
    via = "content"
    while tok.head is not tok:
        dep = tok.dep_
        if dep == "advcl" and any(c.dep_ == "mark" and c.lower_ in lex.factuality["condition_marks"] for c in tok.children):
            return None, "condition"
        if dep == "conj" and tok.pos_ in ("VERB", "AUX"):
            return None, "none"
        if dep in MERGE_DEPS:
            via = "merge"
        elif dep not in CONTENT_DEPS and dep != "conj":
            return None, "none"
        tok = tok.head
        if tok.i in index and dep != "conj":
            return index[tok.i], via
    return None, "none"


def arrange(triggers: list[Trigger], lex: Lexicon) -> list[Trigger]:
    """Attach content and same-type triggers to their governors; return frame heads."""
    index = {t.token.i: t for t in triggers}
    heads = []
    for trigger in triggers:
        governor, via = _governor(trigger, index, lex)
        if via == "condition":
            continue
        if governor is not None and via == "content":
            governor.content.append(trigger)
        elif governor is not None and governor.type == trigger.type:
            governor.merged.append(trigger)
            governor.mode = governor.mode or trigger.mode
        else:
            heads.append(trigger)
    return heads
