"""Who did it to whom: actor and recipient tokens of a trigger, from the dependency parse.

Subjects act (the "by" agent in the passive; an attack or weapon in subject position
for its owner), objects and the objects of type-specific prepositions receive;
conjunctions expand lists; control verbs, relative clauses and issued statements lend
their subject. Prepositions may hang on the trigger or on what it acts on, moves or is
for ("suspended a programme for X", "mobilized for a war against X", "in defiance of
X"); a thing acted on gives its owner ("rejected X's offer"). Places in locative use
("in Munich", "in Lebanon") never take a role; a state a conflict act is aimed "at" does.
All prepositions and word classes are data (``events_grammar.yaml``).
"""

from __future__ import annotations

from spacy.tokens import Token

from dossier.extract.events_lexicon import Lexicon
from dossier.extract.events_triggers import (
    PERSON_LABELS,
    Trigger,
    in_class,
    infinitive,
    main_verb_misparsed,
    noun_anchor,
    set_off_from_condition,
)
from dossier.kb import places

RELATIVE_PRONOUNS = {"who", "which", "that", "whom"}
#: how a verb without a subject borrows one: "was due to meet", "before meeting", "agreed and signed"
BORROW_DEPS = {"xcomp", "acomp", "conj", "advcl", "pcomp", "prep", "relcl", "ccomp", "acl"}


def expand(tok: Token) -> list[Token]:
    """A role token and its conjuncts; "U.S. and Russian officials" gives U.S. and Russian."""
    for child in tok.children:
        if child.ent_type_ in PERSON_LABELS and child.dep_ in ("compound", "amod", "nmod") \
                and any(g.dep_ == "conj" for g in child.children):
            return [child, *(g for g in child.children if g.dep_ == "conj")]
    if tok.pos_ == "NOUN" and not tok.ent_type_:
        named = [g for c in tok.children if c.dep_ == "prep" and c.lower_ == "of"
                 for g in c.children if g.dep_ == "pobj" and g.ent_type_ in PERSON_LABELS]
        if named and any(c.dep_ == "conj" for c in named[0].children):
            return expand(named[0])  # "the leaders of Chile and Peru"
    out = [tok]
    for child in tok.children:
        if child.dep_ == "conj" and child.pos_ in ("PROPN", "NOUN", "PRON"):
            out += expand(child)
    return out


def pobjs(tok: Token, preps) -> list[Token]:
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
        stative = lex.lemma(tok) in lex.roles["stative_passives"]
        if not stative and _passive(tok):
            return [p for a in tok.children if a.dep_ == "agent" for g in a.children if g.dep_ == "pobj" for p in expand(g)]
        for child in tok.children:
            if child.dep_ in lex.roles["actor_deps"] or (stative and child.dep_ == "nsubjpass"):
                if child.lower_ in RELATIVE_PRONOUNS and tok.dep_ == "relcl":
                    return expand(tok.head)
                return expand(child)
            if child.dep_ in lex.roles["agent_deps"]:
                return [p for g in child.children if g.dep_ == "pobj" for p in expand(g)]
        if tok.dep_ == "relcl" and infinitive(tok) and tok.head.lemma_.lower() in lex.nouns:
            # "gathered for a rally to protest": who gathered
            tok = _clause_of(tok.head)
            continue
        if tok.dep_ == "acl" and lex.in_class(tok.head.lemma_.lower(), "documents"):
            return _authors(tok.head, lex)  # "issued a statement demanding ...": its issuer
        if main_verb_misparsed(tok):
            return expand(tok.sent.root)
        if tok.dep_ == "relcl" or (tok.dep_ == "acl" and tok.tag_ == "VBG" and tok.head.pos_ in ("NOUN", "PROPN")):
            return expand(tok.head)  # "who protested", "demonstrators protesting the result"
        if tok.dep_ not in BORROW_DEPS or tok.head is tok:
            return []
        if set_off_from_condition(tok, lex):
            tok = tok.head.head
            continue
        controller = _object_controller(tok, lex)
        if tok.dep_ == "conj":
            if tok.tag_ == "VBN" and _passive(tok.head):  # "were killed or wounded": by the same agent
                return [p for a in tok.head.children if a.dep_ == "agent" for g in a.children if g.dep_ == "pobj" for p in expand(g)]
            # "was indicted ... and will resign": the shared passive subject
            controller = [c for c in tok.head.children if c.dep_ == "nsubjpass"]
        if controller:
            return expand(controller[0])
        tok = tok.head
    return []


def _clause_of(noun: Token) -> Token:
    """The verb a noun belongs to: its head, or the head of its preposition."""
    return noun.head.head if noun.dep_ == "pobj" else noun.head


def _authors(document: Token, lex: Lexicon) -> list[Token]:
    """Who wrote or issued a statement, letter or resolution: its owner, else the subject
    of the verb it is the object of ("X issued a declaration")."""
    owner = [c for c in document.children if c.dep_ in lex.roles["noun_actor_deps"]]
    owner += pobjs(document, lex.roles["noun_actor_preps"])
    if owner:
        return expand(owner[0])
    return subject_of(document.head, lex) if document.dep_ == "dobj" else []


def _passive(verb: Token) -> bool:
    return any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.children)


def _object_controller(tok: Token, lex: Lexicon) -> list[Token]:
    """Who acts in an infinitive below a verb's object: "urged Chad to release" (Chad), but
    not when the object is a tool ("used tear gas to disperse": the user acts)."""
    if tok.dep_ != "xcomp" or lex.lemma(tok.head) in lex.roles["instrument_verbs"]:
        return []
    return [c for c in tok.head.children if c.dep_ == "dobj"]


def _noun_actors(trigger: Trigger, lex: Lexicon) -> list[Token]:
    tok = trigger.token
    for child in tok.children:
        if child.dep_ in lex.roles["noun_actor_deps"] and child.ent_type_ not in lex.roles["non_actor_labels"]:
            anchor = noun_anchor(tok, lex) if child.pos_ == "PRON" else None
            verb_subject = subject_of(tok.head, lex) if anchor is tok and tok.dep_ == "dobj" else []
            return verb_subject or expand(child)  # "fundamentalists continued their strike"
    by = pobjs(tok, lex.noun_actor_preps(trigger.type)) + _participle_agents(tok)
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
    return subject_of(tok.head, lex) if tok.dep_ == "dobj" else []


def actors(trigger: Trigger, lex: Lexicon, trigger_tokens: set[int]) -> list[Token]:
    """Who acts; events and weapons in subject position ("a bombing killed") are no actors."""
    found = subject_of(trigger.token, lex) if trigger.kind != "noun" else _noun_actors(trigger, lex)
    found = [a for t in found for a in _wielders(_head_noun(t, lex), lex)]  # "thousands of students": students
    found = [t for t in found if t.i not in trigger_tokens and t.lower_ not in lex.roles["non_actors"]]
    return found + partners(trigger)


def _wielders(tok: Token, lex: Lexicon) -> list[Token]:
    """An event or weapon in subject position ("a bombing killed") acts for whoever owns it:
    "U.S. drone strikes killed ..." is the United States acting; a bare bombing, no one
    (the coder may still give it the state where it happens: ``bare_agent``)."""
    if not lex.in_class(tok.lemma_.lower(), "instruments"):
        return [tok]
    named = [t for t in tok.subtree if t.i < tok.i and (t.ent_type_ in PERSON_LABELS or t.pos_ == "PROPN")
             and t.dep_ in ("poss", "compound", "amod", "nmod")]
    by = pobjs(tok, ("by",)) + _participle_agents(tok)  # "a bomb planted by militants"
    return [t for n in named[:1] for t in expand(n)] + [p for b in by for p in expand(b)]


def _object_is_role(tok: Token, lex: Lexicon, trigger_tokens: set[int]) -> bool:
    """Names, pronouns and groups of people take roles; things (aid, an agreement, the
    border) and events do not."""
    if tok.i in trigger_tokens or tok.ent_type_ in ("DATE", "TIME", "MONEY", "PERCENT", "CARDINAL"):
        return False
    if lex.in_class(tok.lemma_.lower(), "instruments"):
        return False
    if tok.lower_ in lex.roles["reflexives"]:  # "blew themselves up"
        return False
    if tok.pos_ in ("PROPN", "PRON") or any(t.ent_type_ in PERSON_LABELS for t in tok.lefts):
        return True
    return lex.in_class(tok.lemma_.lower(), "groups")


def _struck_target(tok: Token, trigger: Trigger, lex: Lexicon) -> bool:
    """A building, camp or convoy an attack hits stands for whoever is there ("fired at
    targets in Jericho", "a camp for refugees was attacked"): its state is the place's."""
    return trigger.type in lex.roles["victim_types"] and tok.pos_ == "NOUN" and lex.in_class(tok.lemma_.lower(), "targets")


def counted_people(tok: Token, lex: Lexicon) -> bool:
    """A bare number a verb of harm or custody takes as object counts people ("arresting 12")."""
    return tok.ent_type_ == "CARDINAL" and tok.dep_ == "dobj" and tok.head.lemma_.lower() in lex.roles["counted_people_verbs"]


def _head_noun(tok: Token, lex: Lexicon) -> Token:
    """The noun a role phrase is about: "to" of a dative, "activists" in "dozens of activists"."""
    if tok.pos_ == "ADP":
        found = [c for c in tok.children if c.dep_ == "pobj"]
        return found[0] if found else tok
    if tok.ent_type_ == "CARDINAL" or lex.in_class(tok.lemma_.lower(), "quantities"):
        found = pobjs(tok, ("of",))
        return _head_noun(found[0], lex) if found else tok
    return tok


def _phrase_heads(trigger: Trigger, lex: Lexicon, trigger_tokens: set[int]) -> list[Token]:
    """Where a recipient's preposition may hang: the trigger, the noun a compound trigger
    modifies (a mediation mission between ...), its support verb, a thing it acts on (aid
    for Romania), a stance it is taken in (in defiance of ...), and what it is for."""
    tok = trigger.token
    heads = [tok]
    if trigger.kind == "noun" and tok.dep_ == "compound":
        heads.append(tok.head)
    if trigger.anchor is not None and trigger.anchor.pos_ == "VERB":
        heads.append(trigger.anchor)
    heads += _thing_heads(trigger, lex, trigger_tokens)
    # what it, or what it moves, is for: "mobilized reservists for a war against Iraq"
    heads += [p for h in list(heads) for p in pobjs(h, lex.roles["purpose_preps"])
              if not _object_is_role(p, lex, trigger_tokens)]
    # whom it (or the verb it hangs on) defies or answers: "in defiance of the authorities",
    # "announced export controls in retaliation for X's raid"
    stance_heads = [tok] + ([trigger.anchor] if trigger.anchor is not None and trigger.anchor.pos_ == "VERB" else [])
    return heads + [p for h in stance_heads for p in pobjs(h, ("in",)) if p.lemma_.lower() in lex.roles["stance_nouns"]]


def _thing_heads(trigger: Trigger, lex: Lexicon, trigger_tokens: set[int]) -> list[Token]:
    """Things the trigger acts on or moves: its object ("suspended a programme for X"), the
    object's "of" phrase, a thing its preposition names ("reneged on its pledge to X"), and
    a noun trigger's "of" phrase ("a suspension of air links with X", "a withdrawal of troops
    from X")."""
    tok, themes = trigger.token, theme_classes(trigger, lex)

    def thing(t: Token) -> bool:
        return not _object_is_role(t, lex, trigger_tokens) or _is_theme(t, themes, lex)

    heads = [p for p in pobjs(tok, lex.recipient_preps(trigger.type)) if thing(p) and p.i not in trigger_tokens]
    if trigger.kind == "noun":
        heads += [p for p in pobjs(tok, ("of",)) if thing(p)]
    for obj in (c for c in tok.children if c.dep_ in ("dobj", "nsubjpass") and thing(c)):  # also "a treaty with X was ratified"
        heads += [obj, *pobjs(obj, ("of",))]
    return heads


def _is_theme(tok: Token, themes: set[str], lex: Lexicon) -> bool:
    return any(in_class(lex, tok, name) for name in themes)


def theme_classes(trigger: Trigger, lex: Lexicon) -> set[str]:
    """Noun classes of what is moved or given (troops deployed, aid sent): no recipients."""
    # what an attack hits is its victim's ("hit Hamas positions"), not a theme
    named = [] if trigger.type in lex.roles["victim_types"] else trigger.spec.get("needs_object", [])
    # people and envoys acted on (expelled diplomats, released captives) are recipients
    named = set(named if isinstance(named, list) else [named]) - {"person", "any", "captives", "groups", "resources"}
    if trigger.spec.get("moves_object"):  # "extradited a commander to X": X receives
        named.add("any")
    by_type = lex.roles["theme_classes"]
    return named | set(by_type.get(trigger.type, ())) | set(by_type.get(f"{trigger.type}:{trigger.mode}", ()))


def owners(thing: Token, lex: Lexicon) -> list[Token]:
    """Whose a thing is: "a U.S. request", "North Korea's demand", "calls by Kofi Annan"."""
    found = [c for c in thing.children if (c.dep_ == "poss" and c.ent_type_ not in lex.roles["non_actor_labels"])
             or (c.dep_ in ("amod", "compound", "nmod") and c.ent_type_ in PERSON_LABELS)
             or (c.dep_ == "compound" and lex.in_class(c.lemma_.lower(), "groups"))]  # rebel positions
    kind = lex.nouns.get(thing.lemma_.lower(), {}).get("type")
    found += pobjs(thing, lex.noun_actor_preps(kind or ""))
    found += _participle_agents(thing)
    found += [p for p in pobjs(thing, _owner_preps(kind, lex)) if _object_is_role(p, lex, set())]
    return [t for f in found for t in expand(f)]


def _participle_agents(noun: Token) -> list[Token]:
    """The agent of a participle that qualifies a noun: "the rally staged by students",
    "a march called by the opposition leader"."""
    return [g for acl in noun.children if acl.dep_ == "acl"
            for a in acl.children if a.dep_ == "agent" for g in a.children if g.dep_ == "pobj"]


def _owner_preps(kind: str | None, lex: Lexicon) -> tuple[str, ...]:
    """Prepositions naming whose a thing is: the positions of X, a fund for X; an event's
    "for" is what it is for (a call for talks) and a force's "of" its victim (the invasion of X)."""
    if kind is None:
        return ("of", "for")
    return () if kind in lex.roles["objective_of_types"] else ("of",)


def recipients(trigger: Trigger, lex: Lexicon, trigger_tokens: set[int]) -> list[Token]:
    """Objects and prepositional objects that are actors; for things acted on (a request
    rejected, a statement welcomed), the thing's owner."""
    tok = trigger.token
    candidates: list[Token] = []
    if trigger.kind == "verb":
        themes = theme_classes(trigger, lex)
        candidates += [c for c in _objects(tok, lex)
                       if not _is_theme(c, themes, lex) or in_class(lex, c, "gatherings")]
    for head in _phrase_heads(trigger, lex, trigger_tokens):
        candidates += [p for p in pobjs(head, _head_preps(head, trigger, lex))
                       if not is_location(p, lex) or _aimed_at_state(p, trigger, lex)]
    # what a participle aims the measure at: "sanctions targeting Russia's shadow fleet"
    candidates += [o for c in tok.children if c.dep_ == "acl" and lex.lemma(c) in lex.roles["aim_participles"]
                   for o in c.children if o.dep_ == "dobj"]
    # the object of a phrasal verb's own preposition ("called on Beijing to ..."), and whom
    # its adjective is said of ("found the opposition leader guilty")
    candidates += [g for p in trigger.extra if p.dep_ == "prep" for g in p.children if g.dep_ == "pobj"]
    candidates += [g for p in trigger.extra if p.pos_ == "ADJ" for g in p.children if g.dep_ == "nsubj"]
    candidates += _asylum_states(trigger, lex)
    own = {m.token.i for m in restated(trigger, lex)}  # "insisted on its demands": its own, no one else's
    found: list[Token] = []
    for cand in (_head_noun(c, lex) for c in candidates):
        if _object_is_role(cand, lex, trigger_tokens) or counted_people(cand, lex) or _struck_target(cand, trigger, lex):
            found += expand(cand)
        elif cand.i not in own:
            found += owners(cand, lex)
    return found


def _objects(verb: Token, lex: Lexicon) -> list[Token]:
    """A verb's objects (or passive subject); a verb with none shares those of the verb
    coordinated with it that has no subject of its own ("condemned and rejected the plan")."""
    deps = lex.roles["object_deps"] + lex.roles["passive_subject_deps"]
    found = [c for c in verb.children if c.dep_ in deps] + _counted_objects(verb)
    if found or any(c.dep_ == "prep" for c in verb.children):
        return found
    shared = [c for c in verb.children if c.dep_ == "conj" and c.pos_ == "VERB"
              and not any(g.dep_ in ("nsubj", "nsubjpass") for g in c.children)]
    return [g for c in shared[:1] for g in c.children if g.dep_ in lex.roles["object_deps"]]


def _counted_objects(verb: Token) -> list[Token]:
    """An object counted with "up to" that the parse reads as a particle and its
    preposition ("kidnapped up to 16 advisers": up/prt, to/prep, advisers/pobj)."""
    ups = [c for c in verb.children if c.dep_ in ("prt", "advmod") and c.lower_ == "up"]
    tos = [c for u in ups for c in u.children if c.dep_ == "prep" and c.lower_ == "to"]
    tos += [c for c in verb.children if c.dep_ == "prep" and c.lower_ == "to" and any(u.i == c.i - 1 for u in ups)]
    return [p for c in tos for p in c.children if p.dep_ == "pobj" and any(g.dep_ == "nummod" for g in p.children)]


def _asylum_states(trigger: Trigger, lex: Lexicon) -> list[Token]:
    """The state asked when refuge is sought in it ("sought asylum in Germany")."""
    if trigger.type != "REQUEST":
        return []
    heads = [trigger.token, *(c for c in trigger.token.children if c.dep_ == "dobj")]
    return [p for h in heads for p in pobjs(h, ("in",)) if refuge_state(p, lex)]


def refuge_state(tok: Token, lex: Lexicon) -> bool:
    """Whether ``tok`` is a state refuge is sought or found in: a party, not a place."""
    if tok.dep_ != "pobj" or tok.head.lower_ != "in" or tok.ent_type_ != "GPE":
        return False
    verb = tok.head.head if tok.head.head.pos_ == "VERB" else tok.head.head.head
    sought = any(c.dep_ == "dobj" and c.lemma_.lower() in lex.roles["asylum_nouns"] for c in verb.children)
    return sought and places.is_country(_name(tok))


def _name(tok: Token) -> str:
    return next((e.text for e in tok.sent.ents if e.start <= tok.i < e.end), tok.text)


def _aimed_at_state(pobj: Token, trigger: Trigger, lex: Lexicon) -> bool:
    """A state after a preposition its type aims with ("fired rockets at Israel", "protested
    at Britain") is the recipient; "at" or "near" a town stays a place."""
    aims = lex.roles["recipient_preps"].get(trigger.type, ())
    if pobj.ent_type_ != "GPE" or pobj.head.lower_ not in aims:
        return False
    return places.is_country(_name(pobj))


def _head_preps(head: Token, trigger: Trigger, lex: Lexicon) -> frozenset[str]:
    """Prepositions naming a recipient on ``head``: the type's own; on a thing acted on
    also "with" and "for" (ties with Qatar, a programme for Bosnia); on a noun of force or
    restriction also "of" (the invasion of Kuwait; tightened a blockade of Serbia, but
    "condemned the invasion of Kuwait" accuses the invader), and on a noun of stance ("in
    defiance of the authorities")."""
    preps = lex.recipient_preps(trigger.type)
    if head is trigger.token:
        objective = trigger.type in lex.roles["objective_of_types"]
    else:  # "of" on a thing names whose it is (owners), its victim, or whom it defies
        stance = head.lemma_.lower() in lex.roles["stance_nouns"]
        kind = lex.nouns.get(head.lemma_.lower(), {}).get("type")
        material = trigger.type in lex.roles["material_types"]
        objective = stance or (kind in lex.roles["objective_of_types"] and material)
        # a movement asked for or condemned keeps its path ("demanded the withdrawal of X
        # from Y" asks X); one carried out shares it ("sped up the withdrawal from Y")
        path = set() if material or kind not in lex.roles["path_types"] else {"from"}
        preps = (preps - {"of"} - path) | frozenset(lex.roles["thing_preps"])
    return preps | {"of"} if objective and head.pos_ == "NOUN" else preps


def restated(trigger: Trigger, lex: Lexicon) -> list[Trigger]:
    """Triggers below ``trigger`` that name the same act ("insisted on its demands"), not
    the act it answers ("tariffs in retaliation for X's tariffs")."""
    return [t for t in (*trigger.merged, *trigger.content) if t.type == trigger.type
            and not any(a.lemma_.lower() in lex.roles["stance_nouns"] for a in t.token.ancestors)]


def content_entities(trigger: Trigger, lex: Lexicon) -> list[Token]:
    """Actors named in a threat's or promise's content: "to break relations with Russia"."""
    preps = lex.recipient_preps(trigger.type) | {"with"}
    found = []
    for child in trigger.token.children:
        if child.dep_ in ("xcomp", "ccomp", "acl"):
            found += [t for tok in _content_tokens(child, lex) if tok.dep_ == "prep" and tok.lower_ in preps
                      for t in pobjs(tok.head, (tok.lower_,)) if _object_is_role(t, lex, set())]
    return [t for f in _unique_tokens(found) for t in expand(f)]


def purpose_entities(trigger: Trigger, lex: Lexicon, trigger_tokens: set[int],
                     verbs: list[str] | None = None) -> list[Token]:
    """Whom a protest is aimed at, read from what it is for: "blocked a road to show their
    disapproval of the United States' policies", "began a hunger strike to demand the
    resignation of the president". The first party named, nearest the clause's head;
    ``verbs``, if given, are the only purposes read ("sanctions to pressure X")."""
    heads = [trigger.token] + ([trigger.anchor] if trigger.anchor is not None else [])
    level = [c for h in heads for c in h.children if c.dep_ in lex.roles["purpose_deps"]
             and (verbs is None or lex.lemma(c) in verbs)]
    skip = lex.roles["circumstance_preps"]
    while level:
        for tok in level:
            if tok.dep_ in lex.roles["purpose_role_deps"] and tok.pos_ != "PRON" \
                    and _object_is_role(tok, lex, trigger_tokens):
                return expand(tok)
        level = [c for tok in level for c in tok.children if not (c.dep_ == "prep" and c.lower_ in skip)]
    return []


def _content_tokens(clause: Token, lex: Lexicon) -> list[Token]:
    """A content clause without its circumstances ("to resign without returning to X")."""
    skip = lex.roles["circumstance_preps"]
    found, pending = [], [clause]
    while pending:
        tok = pending.pop()
        found.append(tok)
        pending += [c for c in tok.children if not (c.dep_ == "prep" and c.lower_ in skip)]
    return found


def _unique_tokens(tokens: list[Token]) -> list[Token]:
    return list({t.i: t for t in tokens}.values())


def partners(trigger: Trigger) -> list[Token]:
    """Those met or negotiated with: "offered to negotiate with the president"."""
    if trigger.spec.get("with") != "actor":
        return []
    return [t for p in pobjs(trigger.token, ("with",)) for t in expand(p)]


def condition_subject(condition: Token | None) -> list[Token]:
    """Who must comply with a conditional threat: "... unless Israel rescinded the law"."""
    if condition is None:
        return []
    return [t for c in condition.children if c.dep_ in ("nsubj", "nsubjpass") and c.ent_type_ in PERSON_LABELS
            for t in expand(c)]


def content_subject(trigger: Trigger, lex: Lexicon, support: Token | None = None) -> list[Token]:
    """The subject of a content clause: who is asked to act in "demanded that Kyiv yield"
    (the clause may hang on the support verb: "reiterated its demand that Israel ease", on
    a same-type noun below it: "insisted on its demands that the government grant", or on
    a verb of permission: "refused to allow U.N. planes to land")."""
    heads = [trigger.token, *(m.token for m in restated(trigger, lex))] + ([support] if support is not None else [])
    heads += [c for h in heads for c in h.children if c.dep_ == "xcomp" and c.lemma_.lower() in lex.roles["permission_verbs"]]
    for child in (c for h in heads for c in h.children):
        if child.dep_ in ("ccomp", "acl"):
            for grand in child.children:
                if grand.dep_ in ("nsubj", "nsubjpass"):
                    return expand(grand)
    return []


def location_tokens(trigger: Trigger, lex: Lexicon) -> list[Token]:
    """Place names in a locative phrase of the trigger (or of the verb a noun trigger hangs
    on, or of an attack noun acting for it: "a bombing near X killed"), in order. A place
    noun gives the name it introduces ("near the town of X", "outside of the city of X"),
    and a locative thing gives the place it is in ("at a jail in X"). Talk about another
    event happens where it is said, not there ("discussed the war in Sudan")."""
    topical = trigger.type in lex.roles["topic_types"]
    heads = [trigger.token]
    if trigger.kind == "noun":
        heads.append(trigger.token.head)
        if trigger.anchor is not None and trigger.anchor.pos_ == "VERB":  # "arrived in X on a visit"
            heads.append(trigger.anchor)
    heads += [m.token for m in trigger.merged]
    heads += [c for h in list(heads) for c in h.children
              if c.dep_ in ("nsubj", "nsubjpass") and lex.in_class(c.lemma_.lower(), "instruments")]
    if (agent := bare_agent(trigger, lex)) is not None:  # "killed by a bomb outside X"
        heads.append(agent)
    heads += [p for h in list(heads) for p in pobjs(h, ("with",))]
    objects = [c for c in trigger.token.children if c.dep_ == "dobj"  # "blocked streets in X"
               and not (topical and (c.lemma_.lower() in lex.nouns or lex.in_class(c.lemma_.lower(), "topics")))]
    heads += objects + [c for o in objects for c in o.children if c.dep_ in ("conj", "acl")]  # "the curfew imposed in X"
    heads += [p for p in pobjs(trigger.token, ("from", "into", "onto")) if p.pos_ == "NOUN"]  # "from a bus in X"
    return [p for h in heads for q in locative_pobjs(h, lex) for p in places_in(q, lex, 2)]


def locative_pobjs(tok: Token, lex: Lexicon) -> list[Token]:
    found = []
    for prep in tok.children:
        if prep.dep_ == "prep" and prep.lower_ in lex.roles["location_preps"]:
            found += [g for g in prep.children if g.dep_ == "pobj"]
            found += pobjs(prep, ("of",))  # "outside of X"
    return found


def places_in(tok: Token, lex: Lexicon, depth: int) -> list[Token]:
    if tok.ent_type_ in lex.roles["location_labels"] or _untagged_town(tok):
        return [tok]
    found = []
    if tok.lemma_.lower() in lex.roles["place_nouns"]:
        found += [g for g in pobjs(tok, ("of",)) if g.pos_ == "PROPN"]
        found += [g for g in tok.children if g.dep_ == "appos" and g.pos_ == "PROPN"]
        # "in Nigeria's Benue state": a division the gazetteer may not know, of a state it does
        found += [g for g in tok.children if g.dep_ == "poss" and g.ent_type_ == "GPE"]
    if depth:
        found += [p for q in locative_pobjs(tok, lex) for p in places_in(q, lex, depth - 1)]
    return found


def _untagged_town(tok: Token) -> bool:
    """A one-word name after a locative preposition that the tagger missed or took for an
    organisation, but the gazetteer knows ("deployed across Maputo")."""
    return tok.pos_ == "PROPN" and tok.ent_type_ in ("", "ORG") and tok.dep_ == "pobj" \
        and not any(c.dep_ == "compound" for c in tok.children) and places.resolve(tok.text) is not None


def bare_agent(trigger: Trigger, lex: Lexicon) -> Token | None:
    """An attack noun acting with no one named behind it ("a roadside bombing killed",
    "killed by a bomb"): the agent whose side only the place can tell."""
    for child in trigger.token.children:
        if child.dep_ == "nsubj" and lex.in_class(child.lemma_.lower(), "instruments"):
            return child
        if child.dep_ == "agent":  # "killed by a bomb"; "killed in a blast" is circumstance
            found = [g for g in child.children if g.dep_ == "pobj" and lex.in_class(g.lemma_.lower(), "instruments")]
            if found:
                return found[0]
    return None


def deployed(trigger: Trigger, lex: Lexicon) -> list[Token]:
    """Forces a passive with no agent moves ("troops were deployed to X")."""
    tok = trigger.token
    if trigger.kind != "verb" or any(c.dep_ == "agent" for c in tok.children):
        return []
    forces = lex.mode_words.get(trigger.type, {})  # police, warships, militia ...
    return [t for c in tok.children if c.dep_ == "nsubjpass"
            and (lex.in_class(c.lemma_.lower(), "troops") or c.lemma_.lower() in forces) for t in expand(c)]
