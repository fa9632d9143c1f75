"""Finding event triggers in a parsed sentence and arranging them into frames.

A trigger is a verb, phrasal verb, adjective or noun of the lexicon (a noun only
when an actor is named for it or it sits under another trigger), or a "must" in a
reported clause ("X said Y must ..." is X's demand). Triggers are arranged by the
dependency tree: a trigger in the content of another ("threatened to impose
sanctions") or in its purpose clause ("met to discuss") is that trigger's content,
not an event of its own; a trigger of the same type below another ("shelled the
city, killing 20") is merged into it; a trigger inside an if-clause is a
condition, and one in a clause describing a participant ("equipment seized last
year") is background: neither is an event. The remaining triggers head frames.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Span, Token

from dossier.extract.events_lexicon import Lexicon

PERSON_LABELS = {"PERSON", "ORG", "GPE", "NORP"}
#: words inside a name ("Meet the Press", "Amnesty International") trigger nothing
NAME_LABELS = PERSON_LABELS | {"LOC", "FAC", "EVENT", "WORK_OF_ART", "LAW", "PRODUCT"}
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
    anchor: Token | None = None  # the support verb or noun of a noun trigger
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


def _heads_of_phrase(tok: Token) -> list[Token]:
    """A noun and what names its kind: compounds and modifiers (aid deliveries, martial
    law), "of" objects (part of a program), and what an amount is "in" ($500 million in
    military aid)."""
    preps = ("of", "in") if tok.pos_ == "NUM" else ("of",)
    out = [tok, *(c for c in tok.children if c.dep_ in ("compound", "nmod", "amod"))]
    out += [g for c in tok.children if c.dep_ == "prep" and c.lower_ in preps for g in c.children if g.dep_ == "pobj"]
    return out


def in_class(lex: Lexicon, tok: Token | None, name: str) -> bool:
    if tok is None:
        return False
    if name == "any":
        return True
    if name == "person":  # "defend itself" is no act on another
        return is_person_like(tok) and tok.lower_ not in lex.roles["reflexives"]
    # the form too: a participle used as a noun ("the wounded") keeps its verb lemma
    return any(lex.in_class(t.lemma_.lower(), name) or lex.in_class(t.lower_, name) for t in _heads_of_phrase(tok))


def _phrasal(tok: Token, lex: Lexicon) -> tuple[dict, list[Token]] | None:
    lemma = lex.lemma(tok)
    for child in tok.children:
        # the parser takes some particles for adverbs ("stepped down"); a verb's adjective
        # complement makes a phrase too ("found X guilty")
        adjective = child.pos_ == "ADJ" and child.dep_ in ("ccomp", "oprd", "acomp", "xcomp")
        if (child.dep_ in ("prt", "prep", "dobj", "advmod") or adjective) and not _of_time(child):
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


def _of_time(prep: Token) -> bool:
    """A preposition of time ("fired his adviser on Friday"): no part of a phrasal verb."""
    return prep.dep_ == "prep" and any(g.dep_ == "pobj" and g.ent_type_ in ("DATE", "TIME") for g in prep.children)


def _has_partner(tok: Token) -> bool:
    """Someone to meet or talk with: an object, a with/to phrase, or plural subjects."""
    for c in tok.children:
        if c.dep_ in ("dobj", "nsubjpass") or (c.dep_ == "prep" and c.lower_ in ("with", "to", "between")):
            return True
        if c.dep_ == "nsubj" and (c.tag_ in ("NNS", "NNPS") or any(g.dep_ == "conj" for g in c.children)
                                  or c.lower_ in ("we", "they")):
            return True
    return False


def _as_list(value) -> list:
    return value if isinstance(value, list) else [value]


def _satisfied(tok: Token, spec: dict, lex: Lexicon) -> bool:
    children = {c.dep_ for c in tok.children}
    needs = spec.get("needs_object")
    if needs and not any(in_class(lex, obj_of(tok), name) for name in _as_list(needs)):
        return False
    if spec.get("needs_content") and not (children & {"xcomp", "ccomp"} or any(
            c.dep_ == "prep" and c.lower_ in ("for", "on", "to") for c in tok.children)):
        return False
    if spec.get("needs_partner") and not _has_partner(tok):
        return False
    if children & set(spec.get("not_with", ())):
        return False
    if spec.get("not_object") and in_class(lex, obj_of(tok), spec["not_object"]):
        return False
    if any(c.lemma_.lower() in spec.get("not_modified_by", ()) for c in tok.children if c.dep_ in ("compound", "amod")):
        return False
    needs = spec.get("needs_modifier")
    return not needs or any(c.lemma_.lower() in needs for c in tok.children)


def _override(trigger: Trigger, override: dict) -> Trigger:
    trigger.type = override["type"]
    trigger.mode = override.get("mode")
    return trigger


def _with_objects(trigger: Trigger, lex: Lexicon) -> Trigger:
    """Object-conditioned senses: withdraw troops (RETREAT) / an envoy (SANCTION)."""
    obj = obj_of(trigger.token)
    for name, override in trigger.spec.get("objects", {}).items():
        if in_class(lex, obj, name):
            return _override(trigger, override)
    return trigger


def _as_speech(tok: Token) -> bool:
    """A verb used to report what was said: "..., a rights group protested", "protested to the UN"."""
    return tok.dep_ == "parataxis" or any(
        c.dep_ == "ccomp" or (c.dep_ == "prep" and c.lower_ in ("to", "with")) for c in tok.children)


def _with_modifiers(trigger: Trigger) -> Trigger:
    """Modifier-conditioned senses: a hunger strike (PROTEST), joint exercises (COOPERATE)."""
    mods = trigger.spec.get("modifiers", {})
    for child in trigger.token.children:
        override = mods.get(child.lemma_.lower()) if child.dep_ in ("amod", "compound", "nmod") else None
        if override:
            return _override(trigger, override)
    return trigger


def _in_name(tok: Token) -> bool:
    """Part of a name ("the Strike Force", "Operation Protective Edge"), unless the name is
    the tagger's misreading of a headline's capitals ("Vance Warns Russia of Possible
    Sanctions")."""
    return tok.ent_type_ in NAME_LABELS and not _title_cased(tok.sent)


def _title_cased(sent: Span) -> bool:
    words = [t for t in sent if t.is_alpha and len(t) > 3]
    return len(words) >= 3 and sum(t.text[0].isupper() for t in words) >= 0.75 * len(words)


def match_verb(tok: Token, lex: Lexicon) -> Trigger | None:
    if tok.pos_ != "VERB" or tok.dep_ == "amod" or _in_name(tok):
        return None
    found = _phrasal(tok, lex)
    spec, extra = found if found else (lex.verbs.get(lex.lemma(tok)), [])
    if not spec or not _satisfied(tok, spec, lex) or _natural_force(tok, lex):
        return None
    trigger = _with_objects(Trigger(tok, spec["type"], spec.get("mode"), spec, "verb", extra), lex)
    if spec.get("joint") and trigger.type == spec["type"] and _joint_subject(tok):  # not once an object chose
        return _override(trigger, spec["joint"])
    return _override(trigger, spec["speech"]) if spec.get("speech") and _as_speech(tok) else trigger


def _joint_subject(verb: Token) -> bool:
    """Several parties doing it together ("Trump and Putin ended their summit")."""
    return any(c.dep_ == "nsubj" and any(g.dep_ == "conj" for g in c.children) for c in verb.children)


def _natural_force(verb: Token, lex: Lexicon) -> bool:
    """A storm or earthquake that "struck" or "hit" is nobody's act."""
    return any(c.dep_ == "nsubj" and lex.in_class(c.lemma_.lower(), "disasters") for c in verb.children)


def match_adjective(tok: Token, lex: Lexicon) -> Trigger | None:
    spec = lex.adjectives.get(tok.lower_)
    if tok.pos_ != "ADJ" or not spec or not _satisfied(tok, spec, lex):
        return None
    return Trigger(tok, spec["type"], spec.get("mode"), spec, "adj")


def noun_anchor(tok: Token, lex: Lexicon) -> Token | None:
    """The token that names a noun trigger's actor: itself (possessive, "by" phrase,
    nationality), its support verb (hold talks) or support noun (announcement of)."""
    spec = lex.nouns.get(tok.lemma_.lower(), {})
    preps = lex.noun_actor_preps(spec.get("type", ""))
    for child in tok.children:
        if child.dep_ == "poss" or (child.dep_ == "prep" and child.lower_ in preps):
            return tok
        if child.dep_ in ("amod", "compound") and child.ent_type_ in lex.roles["noun_actor_amod_labels"]:
            return tok
    head = tok.head
    if tok.dep_ == "compound" and head.pos_ == "NOUN":
        return noun_anchor(head, lex)
    while tok.dep_ == "conj" and head.pos_ == "NOUN" and head.i < tok.i:  # "launched artillery and rocket fire"
        tok, head = head, head.head
    if tok.dep_ in ("dobj", "attr", "nsubjpass") and lex.lemma(head) in lex.support_verbs:
        return head
    if tok.dep_ == "pobj" and lex.lemma(head.head) in lex.support_verbs and head.head.pos_ == "VERB" \
            and head.lower_ not in lex.roles["circumstance_preps"]:
        return head.head  # "remained on alert", "engaged in cleansing"; not "offered ... after the war"
    if tok.dep_ == "pobj" and head.lower_ in lex.roles["support_noun_preps"]:
        noun = head.head
        if noun.lemma_.lower() in lex.support_nouns:
            return noun
    return None


def match_noun(tok: Token, lex: Lexicon, governed: set[int]) -> Trigger | None:
    if tok.pos_ not in ("NOUN", "PROPN") or _in_name(tok):
        return None
    if tok.dep_ == "compound" and not lex.in_class(tok.head.lemma_.lower(), "efforts"):
        return None  # "border patrol agents": a modifier, not an event
    spec = lex.nouns.get(tok.lemma_.lower())
    if not spec or not _satisfied(tok, spec, lex):
        return None
    anchor = noun_anchor(tok, lex)
    if anchor is None and (spec.get("needs_anchor") or not governed & {a.i for a in _ancestors(tok, 4)}):
        return None
    trigger = _with_modifiers(Trigger(tok, spec["type"], spec.get("mode"), spec, "noun", anchor=anchor))
    support = spec.get("support", {}).get(lex.lemma(anchor)) if anchor is not None else None
    return _override(trigger, support) if support else trigger


def infinitive(tok: Token) -> bool:
    return any(c.dep_ == "aux" and c.lower_ == "to" for c in tok.children)


def match_obligation(tok: Token, lex: Lexicon) -> Trigger | None:
    """"X said Libya must hand over the suspects": X demands it (a REQUEST on the verb of saying)."""
    if tok.dep_ == "aux" and tok.lower_ in lex.factuality["obligation_aux"]:
        clause = tok.head
    elif tok.lemma_ == "have" and any(c.dep_ == "xcomp" and infinitive(c) for c in tok.children):
        clause = tok  # "would have to give up"
    else:
        return None
    if clause.dep_ not in ("ccomp", "acl") or clause.head.pos_ not in ("VERB", "NOUN"):
        return None
    subjects = [c for c in clause.children if c.dep_ in ("nsubj", "nsubjpass")]
    if not subjects or (subjects[0].pos_ == "PRON" and subjects[0].lower_ in lex.roles["first_person"]) \
            or (subjects[0].lower_ == "it" and (clause.head.pos_ == "VERB" or _pleonastic(clause))):
        # "there must be peace", "we have to grow up", "Iran said it must act": no one else is
        # asked; but "a reminder to Iraq that it must comply" asks Iraq
        return None
    spec = {"type": "REQUEST", "content": True}
    head = clause.head
    if head.pos_ == "NOUN":  # "a reminder to Iraq that it must cooperate"
        return Trigger(head, "REQUEST", None, spec, "noun", anchor=noun_anchor(head, lex))
    return Trigger(head, "REQUEST", None, spec, "verb")


def _pleonastic(clause: Token) -> bool:
    """Whether "it" is empty in its clause ("it must be clear that ..."), not a state or body."""
    return clause.lemma_ == "be" or any(c.dep_ in ("auxpass", "ccomp", "xcomp") for c in clause.children)


def _ancestors(tok: Token, depth: int):
    while depth and tok.head is not tok:
        tok = tok.head
        depth -= 1
        yield tok


def find_triggers(sent: Span, lex: Lexicon) -> list[Trigger]:
    """Verb and adjective triggers first; then nouns that have an actor or sit under one.

    Only tokens whose lemma or form the lexicon knows are looked at closely."""
    known = lex.trigger_words
    candidates = [tok for tok in sent if lex.lemma(tok) in known or tok.lower_ in known]
    if not candidates:
        return []
    triggers = [t for tok in candidates if (t := match_verb(tok, lex) or match_adjective(tok, lex))]
    governed = {t.token.i for t in triggers}
    obligations = {t.token.i: t for tok in candidates if (t := match_obligation(tok, lex))}
    triggers += [t for i, t in obligations.items() if i not in governed]
    governed = {t.token.i for t in triggers}
    nouns = [t for tok in candidates if (t := match_noun(tok, lex, governed))]
    # a noun event's verb governs too: "continued their strike in protest of ..."
    verbs = (support_verb(t, lex) for t in nouns)
    governed |= {t.token.i for t in nouns} | {v.i for v in verbs if v is not None}
    found = {t.token.i for t in nouns}
    nouns += [t for tok in candidates if tok.i not in found and (t := match_noun(tok, lex, governed))]
    return sorted(triggers + nouns, key=lambda t: t.token.i)


def _has_mark(tok: Token, marks) -> bool:
    return any(c.dep_ == "mark" and c.lower_ in marks for c in tok.children)


def set_off_participle(tok: Token) -> bool:
    """A participle clause after a comma: ", while urging W to ...", ", saying ..."."""
    left = tok.left_edge.i
    return tok.dep_ == "advcl" and tok.tag_ == "VBG" and left > 0 and tok.doc[left - 1].text == ","


def set_off_from_condition(tok: Token, lex: Lexicon) -> bool:
    """A set-off participle that the parser hangs on an if-clause: "X could hit Y if Z does
    not agree, while urging W to ..." is said of X's clause, not Z's."""
    return set_off_participle(tok) and tok.head.dep_ == "advcl" \
        and _has_mark(tok.head, lex.factuality["condition_marks"])


def is_purpose(tok: Token) -> bool:
    """An infinitive of purpose: "staged a strike to demand ...", "met to discuss ..."."""
    return tok.dep_ == "advcl" and any(c.dep_ == "aux" and c.lower_ == "to" for c in tok.children)


def _is_background(tok: Token, lex: Lexicon) -> bool:
    """A clause describing a participant ("equipment seized last year", "the town where 20
    were killed"), not the reported act; who-clauses about a person's acts and purposes
    ("a rally to protest ...") are kept."""
    if tok.dep_ == "acl" and tok.tag_ == "VBN":
        return not main_verb_misparsed(tok)
    if tok.dep_ == "relcl" and infinitive(tok) and tok.head.lemma_.lower() in lex.nouns:
        return False  # "a rally to protest ...": the rally's purpose
    return tok.dep_ == "relcl" and not any(c.lower_ in ("who", "whose") for c in tok.children)


def main_verb_misparsed(tok: Token) -> bool:
    """A past tense the parser took for a participle, leaving the sentence no verb: "The
    party called on X to resign." parsed as "the party (that was) called", or "Militiamen
    armed with machetes killed 40 people" with "killed" on the machetes. The participle
    hangs on the subject, or takes an object of its own after it."""
    root = tok.sent.root
    if tok.dep_ != "acl" or root.pos_ not in ("NOUN", "PROPN") or root.i > tok.i \
            or any(c.dep_ == "agent" for c in tok.children):
        return False
    return tok.head == root or (tok.tag_ == "VBN" and any(c.dep_ == "dobj" for c in tok.children))


def _governor(trigger: Trigger, index: dict[int, Trigger], lex: Lexicon) -> tuple[Trigger | None, str]:
    """The trigger above ``trigger`` and how it is reached: content, purpose, merge (same
    type only), condition (no event), background (no event) or none (an event of its own)."""
    tok = trigger.token
    via = "content"
    while tok.head is not tok:
        dep = tok.dep_
        if dep == "advcl" and _has_mark(tok, lex.factuality["condition_marks"]):
            return None, "condition"
        if _is_background(tok, lex):
            return None, "background"
        if dep == "conj" and tok.pos_ in ("VERB", "AUX"):
            return None, "none"
        if is_purpose(tok):
            via = "purpose"
        elif dep in MERGE_DEPS or (dep == "pobj" and tok.head.lower_ in lex.roles["circumstance_preps"]):
            via = "merge"  # "offered talks following the invasion": the invasion is no content
        elif dep not in CONTENT_DEPS and dep != "conj":
            return None, "none"
        tok = tok.head
        governor = index.get(tok.i)
        if governor is not None and governor is not trigger and dep != "conj":
            return governor, via
    return None, "none"


def support_verb(trigger: Trigger, lex: Lexicon) -> Token | None:
    """The verb a noun event hangs on: "began a strike", "reiterated its demand"."""
    if trigger.anchor is not None and trigger.anchor.pos_ == "VERB":
        return trigger.anchor
    head = trigger.token.head
    if trigger.kind == "noun" and trigger.token.dep_ in ("dobj", "attr") and lex.lemma(head) in lex.support_verbs:
        return head
    return None


def arrange(triggers: list[Trigger], lex: Lexicon, absorbs: dict[str, list[str]]) -> list[Trigger]:
    """Attach content and same-type triggers to their governors; return frame heads.

    A noun event's support verb stands for it ("began a hunger strike to demand ..."),
    and ``absorbs`` lists types whose triggers below a type are its topic (a protest's
    demands are not coded separately)."""
    index = {t.token.i: t for t in triggers}
    for t in triggers:
        verb = support_verb(t, lex)
        if verb is not None:
            index.setdefault(verb.i, t)
    heads = []
    for trigger in triggers:
        governor, via = _governor(trigger, index, lex)
        if via in ("condition", "background"):
            continue
        if governor is not None and (via in ("content", "purpose") or trigger.type in absorbs.get(governor.type, ())):
            governor.content.append(trigger)
        elif governor is not None and governor.type == trigger.type:
            governor.merged.append(trigger)
            governor.mode = governor.mode or trigger.mode
        else:
            heads.append(trigger)
    return heads
