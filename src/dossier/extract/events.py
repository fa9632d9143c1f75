"""The ``events`` component: PLOVER events (who did what to whom, when, where) per sentence.

For each sentence: find triggers (``events_triggers``), arrange them by the parse
into frames, and for each frame read the type and mode (a threat's mode and a
request's mode come from its content), the roles (``events_roles``), the
factuality (``events_modality``), who asserts it (the article, or the speaker of
the statement it sits in), its date, place, contexts, intensity and CAMEO code.

PLOVER's single-category rules are applied after factuality: a future meeting
or aid is AGREE, an announced retreat is CONCEDE, and a material-conflict act the
acting side makes conditional or announces is THREATEN with the act as its mode.
"""

from __future__ import annotations

import datetime as dt
import importlib
import re
from collections import Counter
from dataclasses import dataclass, field, replace

from spacy.tokens import Span, Token

from dossier.extract import events_roles as roles
from dossier.extract.base import Context, register
from dossier.extract.events_lexicon import Lexicon, lexicon
from dossier.extract.events_modality import Modality, modality, predicate
from dossier.extract.events_triggers import (
    Trigger,
    arrange,
    find_triggers,
    in_class,
    is_purpose,
    support_verb,
)
from dossier.kb import places
from dossier.ontology import Ontology, ontology
from dossier.records import Attribution, DateValue, Entity, Event, Location, Record, Statement

VERBAL_TYPES = {"AGREE", "SUPPORT", "REQUEST", "ACCUSE", "REJECT", "THREATEN", "CONCEDE"}
NOT_ASSERTED = {"future", "hypothetical", "conditional"}
#: types whose text may set a deadline ("must withdraw within a week")
DEADLINE_TYPES = {"THREATEN", "REQUEST"}
PLACE_KINDS = {"region", "place", "location", "city"}
#: "protesters in X", "police throughout X": where a generic agent is, not where it is from
LOCATED_PREPS = {"in", "throughout", "across"}
#: how a visit's destination names its host: the country itself or its capital
HOST_MATCHES = {"name", "alias", "capital"}
#: spans that are no agent, whatever role the parse gives them ("this past weekend in X")
NO_AGENT_LABELS = {"DATE", "TIME", "MONEY", "PERCENT", "QUANTITY", "CARDINAL", "ORDINAL"}


@dataclass
class Reading:
    """One frame's event type and modes, before roles are resolved."""

    type: str
    modes: list[str] = field(default_factory=list)
    origin: str | None = None
    content: list[Trigger] = field(default_factory=list)
    opened: bool = False  # content of a negated "rule out": left open, so hypothetical

    @property
    def mode(self) -> str | None:
        return self.modes[0] if self.modes else None


@register("events", version="5")
def events(doc, ctx: Context) -> list[Record]:
    lex, onto = lexicon(), ontology()
    coder = Coder(doc, ctx, lex, onto)
    out: list[Record] = []
    for sent in doc.sents:
        out += coder.sentence(sent)
    return out


def _time_helper(name: str):
    """``dossier.extract.time.<name>`` when the time component provides it."""
    try:
        module = importlib.import_module("dossier.extract.time")
    except ImportError:
        return None
    return getattr(module, name, None)


class Coder:
    """Codes the sentences of one doc, with the article's context (mentions, statements)."""

    def __init__(self, doc, ctx: Context, lex: Lexicon, onto: Ontology):
        self.doc, self.ctx, self.lex, self.onto = doc, ctx, lex, onto
        self.sent_text, self.sent_start = "", 0
        self.statements = ctx.statements
        self.date_for = _time_helper("date_for")
        self.deadline_for = _time_helper("deadline_for")
        self.state_sectors = frozenset(lex.roles["state_sectors"])
        self.located_kinds = frozenset(lex.roles["located_kinds"])
        self.pronouns = frozenset(lex.roles["first_person"] + lex.roles["third_person"] + lex.roles["reflexives"]
                                  + ["it", "its", "you"])
        self.stateless = frozenset(lex.roles["stateless_codes"])
        self.sentence_state: str | None = None
        self.article_states = _states_by_count(ctx.mentions)
        self.near: list[str] = self.article_states

    # --- frames -> readings -------------------------------------------------

    def sentence(self, sent: Span) -> list[Event]:
        triggers = find_triggers(sent, self.lex)
        if not triggers:
            return []
        self.sent_text, self.sent_start = sent.text, sent.start_char
        in_sentence = [m for m in self.ctx.mentions if sent.start_char <= m.start < sent.end_char]
        self.near = _unique(_states_by_count(in_sentence) + self.article_states)
        named = set(_states_by_count(in_sentence)) - self.stateless
        self.sentence_state = named.pop() if len(named) == 1 else None
        tokens = {t.token.i for t in triggers}
        events = []
        for head in arrange(triggers, self.lex, self.onto.absorbs):
            found = [self.event(sent, t, reading, tokens) for reading, t in self.readings(head)]
            events += _merge_modes([e for e in found if e is not None])
        return events

    def readings(self, trigger: Trigger) -> list[tuple[Reading, Trigger]]:
        """What a frame's trigger means: a negated "rule out" opens its content instead."""
        if trigger.spec.get("type") == "REJECT" and trigger.content and trigger.extra \
                and modality(trigger, self.lex).factuality == "negated":
            opened = [(r, t) for c in trigger.content for r, t in self.readings(c)]
            for reading, _ in opened:
                reading.opened = True
            return opened
        return [(r, trigger) for r in self.read(trigger)]

    def content_pairs(self, trigger: Trigger) -> list[tuple[str, str | None]]:
        pairs = []
        for c in trigger.content:
            pairs += [(r.type, r.mode) for r in self.read(c)]
        return pairs

    def read(self, trigger: Trigger) -> list[Reading]:
        """The readings of one trigger; speech acts take their mode from their content."""
        if trigger.spec.get("instrument") and trigger.content:
            pairs = _unique(self.content_pairs(trigger))  # hit X with sanctions: SANCTION
            return [Reading(t, [m] if m else [], content=trigger.content) for t, m in pairs]
        if trigger.type == "THREATEN":
            return self.read_threat(trigger)
        if trigger.type == "AGREE":
            threats = [tm for t, m in self.content_pairs(trigger) if (tm := self.onto.threat_mode(t, m))]
            if threats:  # a commitment to a conflict act ("ready to impose martial law") is a threat
                return [Reading("THREATEN", _unique(threats), origin="THREATEN", content=trigger.content)]
        if trigger.type in ("REQUEST", "REJECT") and not trigger.mode:
            return [self.read_request(trigger)]
        # the weapon or form named ("fired tear gas", "a hunger strike") beats the verb's
        # default, but not a mode the verb names itself: gunmen who kidnap abduct
        word_modes = self.lex.word_modes.get(trigger.type, frozenset())
        own = trigger.mode if trigger.mode and trigger.mode not in word_modes else None
        mode = own or self.word_mode(trigger.type, _phrase_tokens(trigger)) or trigger.mode
        if trigger.type == "CONSULT" and not mode and self.travelled(trigger):
            mode = "visit"  # "arrived in Canberra for talks with X"
        return [Reading(trigger.type, [mode] if mode else [], content=trigger.content)]

    def travelled(self, trigger: Trigger) -> bool:
        """Talks a party travelled somewhere for: PLOVER's visit, the traveller visiting."""
        anchor = trigger.anchor
        if anchor is None or anchor.pos_ != "VERB":
            return False
        return self.lex.lemma(anchor) in self.lex.roles["travel_verbs"] and bool(roles.pobjs(anchor, ("to", "in")))

    def read_threat(self, trigger: Trigger) -> list[Reading]:
        """A warning is a threat only when something is threatened (its content has a mode)."""
        modes = [trigger.mode] if trigger.mode else self.threat_modes(trigger)
        if trigger.spec.get("needs_mode") and not (modes and _threatens(trigger, self.lex)):
            return []
        if trigger.spec.get("needs_mode") and any(c.dep_ == "prep" and c.lower_ == "against"
                                                   for c in trigger.token.children):
            return []  # "warned world leaders against trusting X" cautions them; it threatens no one
        return [Reading("THREATEN", modes, content=trigger.content)]

    def read_request(self, trigger: Trigger) -> Reading:
        """What is asked for or refused: assistance, change, yielding, a meeting."""
        pairs = self.content_pairs(trigger)
        mode = next((rm for t, m in pairs if (rm := self.onto.request_mode(t, m))), None)
        mode = mode or self.word_mode(trigger.type, _content_tokens(trigger))
        return Reading(trigger.type, [mode] if mode else [], content=trigger.content)

    def threat_modes(self, trigger: Trigger) -> list[str]:
        modes = [tm for t, m in self.content_pairs(trigger) if (tm := self.onto.threat_mode(t, m))]
        word = None if modes else self.word_mode("THREATEN", _content_tokens(trigger))
        return _unique(modes + ([word] if word else []))

    def word_mode(self, kind: str, tokens) -> str | None:
        words = self.lex.mode_words.get(kind)
        if not words:
            return None
        return next((words[t.lemma_.lower()] for t in tokens if t.lemma_.lower() in words), None)

    # --- reading -> event ---------------------------------------------------

    def event(self, sent: Span, trigger: Trigger, reading: Reading, tokens: set[int]) -> Event | None:
        mod = Modality("hypothetical") if reading.opened else modality(trigger, self.lex, reading.content)
        if mod.factuality == "negated" and trigger.type == "REJECT" and trigger.extra:
            return None  # "did not rule out" was read as its content, left open
        statement, claimant = self.claim(trigger)
        refusal = self.onto.refusal_type(reading.type) if mod.factuality == "negated" else None
        actor, recipient, targets = self.participants(trigger, reading, mod, claimant, refusal, tokens)
        reading = self.rioting(self.left_body(reading, recipient), actor)
        date = self.date(trigger)
        reading, factuality = self.settle(reading, mod, actor, refusal, date)
        heads = [trigger.token, *(c for c in trigger.token.children if c.dep_ == "dobj")]
        aimed = any(roles.pobjs(h, self.lex.roles["aim_preps"]) for h in heads)  # "troops against X"
        reading = self.reduce(reading, factuality, actor, claimant, aimed)
        if reading is None:
            return None
        if claimant is not None and reading.origin == "THREATEN" and _speaks_for(claimant, actor):
            actor = _speaker_first(claimant, actor)
        location = self.location(trigger, {(e.start, e.end) for e in actor + recipient}, targets)
        if location is not None and location.country:
            actor, recipient = self.located(trigger, reading.type, actor, recipient, location.country)
        if not actor and not recipient:
            return None  # PLOVER codes no event without a named participant
        if not recipient and location is not None and location.country:
            recipient = self.population(trigger, reading.type, location)
        recipient = self.repressed(reading.type, actor, recipient)
        actor = self.at_home(reading.type, actor, recipient)
        actor, recipient = self.in_context(actor), self.in_context(recipient)
        contexts = self.contexts(sent, reading)
        start, end = trigger.span
        with_deadline = factuality == "conditional" or reading.type in DEADLINE_TYPES
        return Event(
            self.ctx.article_id, sent.text, sent.start_char, sent.end_char,
            actor=actor, recipient=recipient, type=reading.type, mode=reading.mode, modes=list(reading.modes),
            contexts=contexts,
            cameo=self.onto.cameo(reading.type, reading.mode, contexts, _origin(reading)),
            intensity=self.onto.intensity(reading.type, reading.mode),
            factuality=factuality, condition=mod.condition_text(),
            deadline=self.deadline(trigger, mod) if with_deadline else None,
            attribution=self.attribution(statement, claimant, actor, factuality, reading),
            date=date, location=location,
            trigger=self.chars(start, end), trigger_span=[start, end],
        )

    def left_body(self, reading: Reading, recipient: list[Entity]) -> Reading:
        """Leaving an organisation is PLOVER's SANCTION withdraw, not a military retreat."""
        if reading.type == "RETREAT" and reading.mode == "withdraw" and recipient \
                and all(e.kind == "igo" for e in recipient):
            return replace(reading, type="SANCTION")
        return reading

    def rioting(self, reading: Reading, actor: list[Entity]) -> Reading:
        """Violence by protesters is PLOVER's PROTEST riot ("protesters stormed parliament")."""
        crowds = self.lex.roles["crowd_nouns"]
        roots = [self._root(e) for e in actor]
        if reading.type == "ASSAULT" and roots and all(r is not None and r.lemma_.lower() in crowds for r in roots):
            return Reading("PROTEST", ["riot"], origin=reading.origin, content=reading.content)
        return reading

    def participants(self, trigger: Trigger, reading: Reading, mod: Modality, claimant: Entity | None,
                     refusal: str | None, tokens: set[int]) -> tuple[list[Entity], list[Entity], list[Token]]:
        """Actor and recipient entities, by PLOVER's conventions: all parties of a meeting
        without host/visitor are actors; the visitor acts and the host receives. Places the
        act falls on ("an attack on Kyiv", "withdrew from the town of X") are no recipients:
        their tokens come third, for the event's location."""
        actor_tokens = roles.actors(trigger, self.lex, tokens)
        recipient_tokens = self.recipient_tokens(trigger, refusal or reading.type, tokens)
        if not actor_tokens and reading.type in self.lex.roles["deployed_types"]:
            # "riot police were deployed across X": who is sent stands for who sends them
            actor_tokens = roles.deployed(trigger, self.lex)
            recipient_tokens = [t for t in recipient_tokens if t not in actor_tokens]
        if not recipient_tokens and reading.type == "THREATEN":  # who must comply
            recipient_tokens = roles.condition_subject(mod.condition)
        if reading.type == "CONSULT" and reading.mode not in ("visit", "third-party") and not trigger.spec.get("swap"):
            actor_tokens, recipient_tokens = actor_tokens + recipient_tokens, []
        if reading.type == "CONSULT" and reading.mode == "visit":  # talks with the host: the host receives
            hosts = roles.partners(trigger)
            actor_tokens = [t for t in actor_tokens if t not in hosts]
            recipient_tokens = recipient_tokens + hosts
        if trigger.spec.get("swap"):
            actor_tokens, recipient_tokens = recipient_tokens, actor_tokens
        actor = self.entities(actor_tokens, claimant)
        protest = reading.type in self.lex.roles["home_types"]
        states = [a for a in actor if not (protest and self._people(a))]
        recipient, targets = self.parties(recipient_tokens, None)
        recipient = [e for e in recipient if not _same_party(e, states, self.state_sectors)]
        if not recipient and reading.type == "CONSULT" and reading.mode == "visit" and not trigger.spec.get("swap"):
            recipient = [e for e in self.host(trigger) if not _same_party(e, actor, self.state_sectors)]
        # where what is hit or given to stands: "fired at targets in Jericho"
        targets += [p for t in recipient_tokens for q in roles.locative_pobjs(t, self.lex)
                    for p in roles.places_in(q, self.lex, 1)]
        return actor, recipient, targets

    def host(self, trigger: Trigger) -> list[Entity]:
        """Who hosts a visit to a country or its capital ("arrived in Amman on a visit"): that
        state's government, by PLOVER's visit rule. Any other town stays the visit's place."""
        for tok in roles.location_tokens(trigger, self.lex):
            span = next((e for e in self.doc.ents if e.start <= tok.i < e.end), None)
            span = span if span is not None else self.doc[tok.i : tok.i + 1]
            state = next((c for c in self.ctx.kb.lookup(span.text, self.ctx.published)
                          if c.kind == "state" and c.match in HOST_MATCHES), None)
            if state is not None:
                return [Entity(text=span.text, name=state.name, actor_id=state.actor_id, country=state.country,
                               sector="GOV", kind="state", start=span.start_char, end=span.end_char)]
        return []

    def settle(self, reading: Reading, mod: Modality, actor: list[Entity], refusal: str | None,
               date: DateValue | None) -> tuple[Reading, str]:
        """A negated commitment is a refusal; an asserted event dated long ago is historical."""
        factuality = mod.factuality
        if refusal and actor:
            mode = self.onto.request_mode(reading.type, reading.mode)
            reading = Reading(refusal, [mode] if mode else [], origin=reading.type, content=reading.content)
            factuality = "conditional" if mod.condition is not None else "asserted"
        if factuality == "asserted" and _historical(date, self.ctx.published, self.lex.factuality["historical_years"]):
            factuality = "historical"
        return reading, factuality

    def recipient_tokens(self, trigger: Trigger, kind: str, tokens: set[int]) -> list[Token]:
        """The trigger's own recipients; else who is asked to act or accused (the subject or
        actor of a request's or complaint's content); else the recipients or partners of what is threatened,
        promised or refused."""
        found = roles.recipients(trigger, self.lex, tokens)
        if not found and kind in self.lex.roles["content_subject_types"] and not trigger.spec.get("claim"):
            # who is asked, refused, allowed, accused
            found = roles.content_subject(trigger, self.lex, support_verb(trigger, self.lex))
        if not found and kind == "REQUEST":
            found = [t for c in trigger.content for t in roles.actors(c, self.lex, tokens)]
        pending = [*trigger.merged, *trigger.content]
        while pending and not found:
            c = pending.pop(0)
            found = roles.recipients(c, self.lex, tokens) + roles.partners(c)
            pending += c.content
        if not found and kind in self.lex.roles["purpose_types"]:  # "a strike to demand X's resignation"
            found = roles.purpose_entities(trigger, self.lex, tokens)
        if not found and kind in self.lex.roles["pressure_types"]:  # "sanctions to pressure the Kremlin"
            found = roles.purpose_entities(trigger, self.lex, tokens, self.lex.roles["pressure_verbs"])
        if not found and trigger.spec.get("content"):
            found = roles.content_entities(trigger, self.lex)
        return found

    def reduce(self, reading: Reading, factuality: str, actor: list[Entity], claimant: Entity | None,
               aimed: bool) -> Reading | None:
        """PLOVER's single categories for future cooperation and threatened conflict. A
        deployment announced against no one ("will send troops to Latvia") is a planned
        mobilization, not a threat."""
        kind, mode = reading.type, reading.mode
        if factuality in ("future", "conditional") and self.onto.future_type(kind) != kind:
            return Reading(self.onto.future_type(kind), [], origin=kind)
        threat = self.onto.threat_mode(kind, mode)
        if kind in self.lex.roles["aimed_threat_types"] and not aimed and factuality == "future":
            threat = None
        own_voice = claimant is None or _same_side(claimant, actor)
        announced = (factuality == "future" and own_voice) or (
            factuality == "hypothetical" and claimant is not None and _same_side(claimant, actor))
        if threat and (factuality == "conditional" or reading.opened or announced):
            return Reading("THREATEN", _unique([threat]), origin="THREATEN")
        return reading

    # --- attribution --------------------------------------------------------

    def claim(self, trigger: Trigger) -> tuple[Statement | None, Entity | None]:
        """The statement whose content holds the trigger, else a "X said" clause above it."""
        start = trigger.token.idx
        for statement in self.statements:
            if any(s <= start < e for s, e in statement.content_span):
                return statement, statement.speaker
        for head in trigger.token.ancestors:
            if self.lex.lemma(head) in self.lex.factuality["reporting_verbs"]:
                subjects = [c for c in head.children if c.dep_ == "nsubj"]
                if subjects:
                    return None, self.entity(subjects[0], None)
        return None, None

    def attribution(self, statement: Statement | None, claimant: Entity | None, actor: list[Entity],
                    factuality: str, reading: Reading) -> Attribution:
        """An actor's claim, unless the speaker acts by speaking (a threat, a promise)."""
        if claimant is None:
            return Attribution()
        speaking = reading.type in VERBAL_TYPES and (factuality in NOT_ASSERTED or reading.origin)
        if speaking and _same_any(claimant, actor):
            return Attribution()
        return Attribution("actor", claimant, statement.id if statement else None)

    # --- entities, time, place, contexts ------------------------------------

    def chars(self, start: int, end: int) -> str:
        """Text of the current sentence by document offsets (Doc.text is rebuilt per access)."""
        return self.sent_text[start - self.sent_start : end - self.sent_start]

    def entities(self, tokens: list[Token], claimant: Entity | None) -> list[Entity]:
        return self.parties(tokens, claimant)[0]

    def parties(self, tokens: list[Token], claimant: Entity | None) -> tuple[list[Entity], list[Token]]:
        """The entities ``tokens`` name, and apart the tokens that name places, which take
        no role ("an attack on Kharkiv") but may say where the act happens."""
        out: list[Entity] = []
        places: list[Token] = []
        for tok in tokens:
            if tok.lower_ in self.lex.roles["reflexives"] or (
                    tok.lemma_.lower() in self.lex.roles["non_party_nouns"] and tok.pos_ != "PROPN"):
                continue  # "killed 23 people as well as themselves", "restrictions on the Russian language"; not the Ivory Coast
            group = self.group_of(tok)
            if group:  # "Trump and Putin spoke. They agreed ...": both
                out += [e for e in group if not _same_any(e, out)]
                continue
            entity = self.entity(tok, claimant)
            if entity is not None and self.is_place(entity, tok):
                places.append(tok)
            elif entity is not None:
                out += [e for e in self.each_home(tok, entity) if not _same_any(e, out)]
        return out, places

    def each_home(self, tok: Token, entity: Entity) -> list[Entity]:
        """A party from several states is one party per state: "delegations from Russia
        and Ukraine" are Russia's and Ukraine's."""
        homes = [h for p in roles.pobjs(tok, ("from", "of")) if any(c.dep_ == "conj" for c in p.children)
                 for h in roles.expand(p)]
        found = [self.ctx.entity_for(h.idx, h.idx + len(h)) for h in homes]
        countries = _unique([f.country for f in found if f is not None and f.country and f.kind == "state"])
        if len(countries) < 2 or entity.country not in countries:
            return [entity]
        return [replace(entity, country=c) for c in countries]

    def group_of(self, tok: Token) -> list[Entity]:
        """The actors a plural pronoun refers to when its antecedent opens a coordination
        ("Trump and Putin ... They"); empty otherwise."""
        if tok.pos_ == "NOUN":
            return self.the_two(tok)
        if tok.lower_ not in self.lex.roles["plural_pronouns"]:
            return []
        pair = _comitative_pair(tok)
        if pair:
            found = [self.ctx.entity_for(t.idx, t.idx + len(t)) for t in pair]
            return [e for e in found if e is not None]
        mention = next((m for m in self.ctx.mentions if m.start == tok.idx and m.antecedent is not None), None)
        span = self.doc.char_span(mention.antecedent, mention.antecedent + 1, alignment_mode="expand") \
            if mention is not None else None
        if span is None:
            return []
        conjuncts = roles.expand(span.root)
        if len(conjuncts) < 2:
            return []
        found = [self.ctx.entity_for(t.idx, t.idx + len(t)) for t in conjuncts]
        return [e for e in found if e is not None]

    def the_two(self, noun: Token) -> list[Entity]:
        """"The two presidents" (leaders, foreign ministers): the last two people named
        before it who hold such an office."""
        if not any(c.dep_ in ("nummod", "det", "predet") and c.lower_ in ("two", "both") for c in noun.children):
            return []
        title = " ".join([*(c.lower_ for c in noun.children if c.dep_ in ("compound", "amod")), noun.lemma_.lower()])
        pairs = self.lex.roles["pair_titles"]
        offices = pairs.get(title) or pairs.get(noun.lemma_.lower())
        if not offices:
            return []
        found: dict[str, Entity] = {}
        for mention in sorted(self.ctx.mentions, key=lambda m: -m.start):
            entity = mention.entity
            if mention.start < noun.idx and entity is not None and entity.actor_id and entity.role in offices:
                found.setdefault(entity.actor_id, entity)
                if len(found) == 2:
                    return list(found.values())
        return []

    def entity(self, tok: Token, claimant: Entity | None) -> Entity | None:
        first_person = tok.lower_ in self.lex.roles["first_person"]
        if tok.pos_ == "PRON":
            found = self.ctx.entity_for(tok.idx, tok.idx + len(tok))
            if found is not None and (found.actor_id or found.country):
                return found
            if claimant is not None and (first_person or tok.lower_ in self.lex.roles["third_person"]):
                return claimant
            return Entity(text=tok.text, start=tok.idx, end=tok.idx + len(tok)) if not first_person else None
        found = self.ctx.entity_for(tok.idx, tok.idx + len(tok))
        located = self._located_in(tok) if tok.ent_type_ not in NO_AGENT_LABELS else None  # "police in Lyon"
        if found is not None and found.country:
            if found.country == located and self._generic(replace(found, country=None)):
                return replace(found, country_basis="location")
            return found
        if found is not None and not found.country and (owner := self._pronoun_owner(tok)) is not None:
            return replace(found, country=owner.country)  # "his government"
        home, basis = self._of_entity(tok)  # "rebels in Chad", "a missionary from Calgary"
        if home is None and located:
            home, basis = Entity(text="", country=located, kind="place"), "location"
        if found is not None:
            return replace(found, country=home.country, country_basis=basis) if home is not None else found
        left = tok.left_edge if tok.left_edge.i <= tok.i else tok
        start, end = left.idx, tok.idx + len(tok)
        text = self.chars(start, end)
        owned = self._relational(tok) and any(c.dep_ == "poss" and c.pos_ != "PRON" for c in tok.children)  # "Israel's ally"
        modifier = None if owned else self.ctx.entity_for(start, end)
        if modifier is None or not modifier.country:
            modifier = home or modifier
        if modifier is not None and modifier.kind == "state" and modifier.actor_id \
                and (in_class(self.lex, tok, "goods") or tok.lemma_.lower() in self.lex.roles["state_nouns"]):
            return replace(modifier, text=text, start=start, end=end)  # "Indian goods": India
        if modifier is not None:
            kind = modifier.kind if modifier.kind not in PLACE_KINDS else "unknown"
            return Entity(text=text, country=modifier.country, sector=modifier.sector, kind=kind,
                          start=start, end=end, country_basis=basis if modifier is home else None)
        return Entity(text=text, start=start, end=end)

    def _pronoun_owner(self, tok: Token) -> Entity | None:
        """Whose a body is when a possessive pronoun says so ("Fico said his government")."""
        for child in tok.children:
            if child.dep_ == "poss" and child.pos_ == "PRON":
                owner = self.ctx.entity_for(child.idx, child.idx + len(child))
                if owner is not None and owner.country:
                    return owner
        return None

    def _located_in(self, tok: Token) -> str | None:
        """The state of the place a locative modifier of ``tok`` names ("police in Lyon",
        "rebels throughout the province of X"), unless the name is an actor of the KB."""
        for pobj in roles.pobjs(tok, LOCATED_PREPS):
            for place in roles.places_in(pobj, self.lex, 1) or [pobj]:
                known = self.ctx.entity_for(place.idx, place.idx + len(place))
                if known is not None and known.actor_id and not known.actor_id.startswith("article:") \
                        and known.kind not in PLACE_KINDS:
                    continue
                span = next((e for e in self.doc.ents if e.start <= place.i < e.end), None)
                found = places.resolve(span.text if span is not None else place.text, self.near)
                if found is not None and found.country:
                    return found.country
        return None

    def is_place(self, entity: Entity, tok: Token) -> bool:
        """A region or city named in a locative phrase ("troops in the West Bank") is where,
        not who, and so is a place of no known state ("a trip to North Africa"); a region
        acting or addressed ("urging Europe") is an actor."""
        locative = tok.dep_ == "pobj" and tok.head.lower_ in self.lex.roles["location_preps"] \
            and not roles.refuge_state(tok, self.lex)
        if (entity.kind in PLACE_KINDS or tok.ent_type_ in ("LOC", "FAC")) and locative:
            return True
        if entity.kind == "place" and not entity.country:
            return True
        if tok.pos_ == "NOUN" and tok.lemma_.lower() in self.lex.roles["place_nouns"] and not entity.actor_id:
            return True  # "the Lebanese town of Khiam", not "a Palestinian state"
        unnamed = tok.ent_type_ == "GPE" or (tok.pos_ == "PROPN" and not tok.ent_type_)  # "struck Kharkiv"
        if unnamed and not entity.country and not entity.actor_id:
            return not places.is_country(entity.text) and places.resolve(entity.text) is not None
        return False

    def _of_entity(self, tok: Token) -> tuple[Entity | None, str | None]:
        """"Opposition groups in Zimbabwe", "doctors from American aid groups", "a group based
        in X", "refugees fleeing the war in Liberia": their country."""
        based = [c for c in tok.children if c.dep_ == "acl" and c.lemma_ in self.lex.roles["based_verbs"]]
        fled = [c for c in tok.children if c.dep_ == "acl" and c.lemma_ in self.lex.roles["flight_verbs"]]
        pobjs = roles.pobjs(tok, ("of", "in", "from", "throughout", "across"))
        fled_from = [c for f in fled for c in f.children if c.dep_ == "dobj"]  # Syria; the war (in X)
        pobjs += fled_from + [p for t in fled + fled_from for p in roles.pobjs(t, ("from", "in"))]
        for pobj in pobjs + [p for b in based for p in roles.pobjs(b, ("in", "at"))]:
            if self._relational(pobj):
                continue  # "the chief of Israel's militia ally" is not Israel's
            found = self.ctx.entity_for(pobj.left_edge.idx, pobj.idx + len(pobj))
            if found is not None and found.country:
                # an agent in a place is of its state (the CAMEO/PLOVER convention)
                located = pobj.head.lower_ in LOCATED_PREPS and pobj.head.head.i == tok.i \
                    and places.resolve(self.chars(pobj.left_edge.idx, pobj.idx + len(pobj))) is not None
                return found, "location" if located else None
        return None, None

    def date(self, trigger: Trigger) -> DateValue | None:
        """The date the text gives the predicate; else the one it gives a verb of the same
        tense the predicate is coordinated with ("he had held a call on Wednesday and
        they had agreed to ...") or travels for ("will fly to X on Monday to meet Y");
        else the publication day."""
        if self.date_for is not None:
            pred = predicate(trigger)
            found = self.date_for(self.doc, self.ctx, pred)
            shares = (pred.dep_ == "conj" and pred.tag_ == pred.head.tag_) or is_purpose(pred)
            if found is not None and found.basis == "publication" and shares:
                found = self.date_for(self.doc, self.ctx, pred.head)
            if found is not None:
                return found
        if self.ctx.published is None:
            return None
        return DateValue(self.ctx.published.isoformat(), "day", basis="publication")

    def deadline(self, trigger: Trigger, mod: Modality) -> DateValue | None:
        if self.deadline_for is None:
            return None
        clauses = [c for c in trigger.token.children if c.dep_ in ("ccomp", "xcomp", "acl")]
        for tok in (trigger.token, *clauses, *(c.token for c in trigger.content), mod.condition):
            if tok is not None and (found := self.deadline_for(self.doc, self.ctx, tok)) is not None:
                return found
        return None

    def location(self, trigger: Trigger, parties: set[tuple] = frozenset(),
                 targets: list[Token] = ()) -> Location | None:
        """Where the trigger's act happens, else the place it falls on (``targets``); else
        where what it threatens, promises or asks for would ("threatened to impose a curfew
        in X"). A party ("fired at Kenya") is no place."""
        named = [p for t in targets for p in roles.places_in(t, self.lex, 2) or [t]]
        for tok in [*roles.location_tokens(trigger, self.lex), *named]:
            if any(s is not None and s <= tok.idx < e for s, e in parties):
                continue
            span = next((e for e in self.doc.ents if e.start <= tok.i < e.end), None)
            name = span.text if span is not None else tok.text
            known = self.ctx.entity_for(tok.idx, tok.idx + len(tok))
            if known is not None and known.actor_id and not known.actor_id.startswith("article:") \
                    and known.kind not in PLACE_KINDS:
                if known.kind == "state" and known.country:  # "at the White House": that state's seat
                    return Location(name, known.country)
                continue  # a body's name is no place, whatever the gazetteer's translations say
            found = places.resolve(name, self.near)
            if found is not None:
                return found
        stated = next((found for t in targets if (found := self._stated_place(t)) is not None), None)
        if stated is not None or trigger.type in self.lex.roles["topic_types"]:
            return stated  # what was condemned or discussed happened elsewhere
        return next((found for c in trigger.content if (found := self.location(c, parties)) is not None), None)

    def _stated_place(self, target: Token) -> Location | None:
        """A place the gazetteer does not know, in the state its phrase names: "the
        Lebanese town of Khiam"."""
        entity = self.entity(target, None)
        if entity is None or not entity.country:
            return None
        named = roles.places_in(target, self.lex, 2)
        return Location(named[0].text if named else entity.text, entity.country)

    def located(self, trigger: Trigger, kind: str, actor: list[Entity], recipient: list[Entity],
                country: str) -> tuple[list[Entity], list[Entity]]:
        """The CAMEO/PLOVER convention for generic agents: demonstrators, police, gunmen,
        officials or a bombing whose own phrase names no state are of the state where the
        event happens. Places stay the location; named actors keep their own country; and
        leaders or officials at talks abroad ("the two leaders may meet in Istanbul") are
        no guide to whose they are."""
        if not actor and recipient and (agent := roles.bare_agent(trigger, self.lex)) is not None:
            start, end = agent.left_edge.idx, agent.idx + len(agent)
            actor = [Entity(text=self.chars(start, end), start=start, end=end)]
        travelling = frozenset(self.lex.roles["travelling_nouns"]) if kind in self.lex.roles["abroad_types"] else frozenset()
        return self._located(actor, country, travelling), self._located(recipient, country, travelling)

    def population(self, trigger: Trigger, kind: str, location: Location) -> list[Entity]:
        """Who a curfew, state of emergency or blockade is laid on, lifted from or threatened
        against, or aid is given to or withheld from, when no one is named: the people of the
        place ("imposed a curfew in Cizre", "suspended aid deliveries in Baghdad"; PLOVER's
        AID requires a recipient). The place stays the location; the recipient is its
        population, an entity of kind ``population`` spanning the place's name."""
        heads = [trigger.token, *(c.token for c in trigger.content)]
        measures = heads + [c for h in heads for c in h.children if c.dep_ in ("dobj", "nsubjpass")]
        measures += [p for m in measures for p in roles.pobjs(m, ("of",))]  # "a state of emergency"
        measures += [c for m in measures for c in m.children if c.dep_ == "compound"]  # "aid deliveries"
        lemmas = {t.lemma_.lower() for t in measures}
        grammar = self.lex.roles
        laid = any(self.lex.in_class(w, "coercions") for w in lemmas)
        given = kind in grammar["population_aid_types"] and (
            kind == "AID" or any(self.lex.in_class(w, "aid") for w in lemmas))
        if not (laid or given):
            return []
        places_named = [t for c in (trigger, *trigger.content) for t in roles.location_tokens(c, self.lex)]
        for tok in places_named:
            span = next((e for e in self.doc.ents if e.start <= tok.i < e.end), self.doc[tok.i : tok.i + 1])
            if places.resolve(span.text, self.near) == location or span.text == location.name:
                return [Entity(text=span.text, name=f"population of {location.name}", country=location.country,
                               kind="population", start=span.start_char, end=span.end_char, country_basis="location")]
        return []

    def repressed(self, kind: str, actor: list[Entity], recipient: list[Entity]) -> list[Entity]:
        """People a state's police, government or courts coerce or strike ("police dispersed
        demonstrators") are, unless named otherwise, of that state: PLOVER's repression
        context is a state controlling its own population."""
        grammar = self.lex.roles
        states = {a.country for a in actor if a.country and a.sector in grammar["domestic_sectors"]}
        if kind not in grammar["repression_types"] or len(states) != 1 or len(states) != len({a.country for a in actor}):
            return recipient
        return self._generic_of(recipient, states.pop(), "actor")

    def at_home(self, kind: str, actor: list[Entity], recipient: list[Entity]) -> list[Entity]:
        """Protesters of no stated country protest at home: against their own state ("Islamic
        fundamentalists held a hunger strike to demand the Algerian president's resignation"),
        when every recipient is of that one state."""
        states = {e.country for e in recipient}
        if kind not in self.lex.roles["home_types"] or len(states) != 1 or None in states:
            return actor
        return self._generic_of(actor, states.pop(), "recipient")

    def in_context(self, side: list[Entity]) -> list[Entity]:
        """Offices and institutions still of no state are, where the sentence names one
        state only, of that state: the manual resolves an entity "using the context of
        the article", and a judge, a party or a president the KB does not know in a report
        about one country is of it ("Judge X opened investigations against 28 Chilean
        officials"). Not people or fighters, nor a body whose phrase reaches beyond a state
        ("the Third World Water Forum")."""
        state = self.sentence_state
        if state is None:
            return side
        return [replace(e, country=state, country_basis="context") if self._generic(e) and self._office(e) else e
                for e in side]

    def _office(self, e: Entity) -> bool:
        """An office or institution ("Judge X", "the Umma party") of no reach beyond a state."""
        grammar = self.lex.roles
        span = self.doc.char_span(e.start, e.end, alignment_mode="expand") if e.start is not None else None
        if span is None or not any(t.lemma_.lower() in grammar["context_nouns"] for t in span):
            return False
        of = [self.chars(p.left_edge.idx, p.right_edge.idx + len(p.right_edge)) for p in roles.pobjs(span.root, ("of",))]
        words = {w.lower() for w in re.findall(r"[A-Za-z]+", " ".join([e.text, *of]))}
        return not words & set(grammar["transnational_words"])

    def _people(self, e: Entity) -> bool:
        """A nationality's people ("young Algerians"), not its state: the government they
        protest against is another party."""
        root = self._root(e)
        return root is not None and root.ent_type_ == "NORP" and root.tag_ in ("NNS", "NNPS")

    def _relational(self, tok: Token) -> bool:
        """A noun that relates its party to another ("Israel's ally", "the chief of Israel's
        militia ally"): the other's state is not its own."""
        return tok.lemma_.lower() in self.lex.roles["relational_nouns"]

    def _generic_of(self, side: list[Entity], country: str, basis: str) -> list[Entity]:
        """``side`` with its generic parties given ``country`` on ``basis``."""
        return [replace(e, country=country, country_basis=basis) if self._generic(e) else e for e in side]

    def _located(self, side: list[Entity], country: str, travelling: frozenset[str]) -> list[Entity]:
        """A generic party conjoined with one that names its state ("Israeli jets and tanks")
        is of that state, not of the place; nor is one named by a ``travelling`` noun."""
        known = [self._root(e) for e in side if e.country and e.text.lower() not in self.pronouns]
        known_i = {t.i for t in known if t is not None}
        def conjoined(e: Entity) -> bool:
            root = self._root(e)
            return root is not None and any(
                (root.dep_ == "conj" and root.head.i in known_i) or (k.dep_ == "conj" and k.head.i == root.i)
                for k in known if k is not None)
        return [replace(e, country=country, country_basis="location")
                if self._generic(e) and not conjoined(e) and not self._named_by(e, travelling) else e
                for e in side]

    def _named_by(self, e: Entity, nouns: frozenset[str]) -> bool:
        root = self._root(e)
        return root is not None and root.lemma_.lower() in nouns

    def _root(self, e: Entity) -> Token | None:
        if e.start is None or e.end is None:
            return None
        span = self.doc.char_span(e.start, e.end, alignment_mode="expand")
        return span.root if span is not None else None

    def _generic(self, e: Entity) -> bool:
        """No state of its own: no country, no actor of the KB, no pronoun, no date."""
        if e.country is not None or e.kind not in self.located_kinds or e.text.lower() in self.pronouns:
            return False
        root = self._root(e)
        if root is not None and root.ent_type_ in NO_AGENT_LABELS and not roles.counted_people(root, self.lex):
            return False
        return e.actor_id is None or e.actor_id.startswith("article:")

    def contexts(self, sent: Span, reading: Reading) -> list[str]:
        words = self.lex.context_words
        found = {words[t.lemma_.lower()] for t in sent if t.lemma_.lower() in words}
        found.update(self.onto.mode_contexts(reading.type, reading.mode))
        return [c for c in self.lex.context_order if c in found]


def _comitative_pair(pronoun: Token) -> list[Token]:
    """Who "they" are right after one party acted with another: "he held a call with
    Putin and they agreed" (he and Putin)."""
    verb = pronoun.head
    if pronoun.dep_ != "nsubj" or verb.dep_ != "conj":
        return []
    first = verb.head
    subject = [c for c in first.children if c.dep_ == "nsubj"]
    partners = roles.pobjs(first, ("with",)) + [
        p for o in first.children if o.dep_ == "dobj" for p in roles.pobjs(o, ("with",))]
    return [subject[0], *partners] if subject and partners else []


def _states_by_count(mentions) -> list[str]:
    """The states the mentions name, most named first: what a place name is likely near."""
    counts = Counter(m.entity.country for m in mentions if m.entity is not None and m.entity.country)
    return [country for country, _ in counts.most_common()]


def _merge_modes(events: list[Event]) -> list[Event]:
    """One event per type and trigger: a threat of sanctions and of force has two modes."""
    merged: dict[tuple, Event] = {}
    for event in events:
        key = (event.type, tuple(event.trigger_span))
        if key in merged:
            first = merged[key]
            first.modes = _unique(first.modes + event.modes)
        else:
            merged[key] = event
    return list(merged.values())


def _speaker_first(claimant: Entity, actor: list[Entity]) -> list[Entity]:
    """The speaker threatens on behalf of the side named ("We will hit them", X said)."""
    return [claimant, *(a for a in actor if not _same_any(a, [claimant]) and a.kind == "person")]


def _unique(items: list) -> list:
    return list(dict.fromkeys(items))


def _origin(reading: Reading) -> str | None:
    return reading.origin if reading.origin != reading.type else None


def _threatens(trigger: Trigger, lex: Lexicon) -> bool:
    """A warning threatens when its content is a future or possible act ("would respond")."""
    modal = set(lex.factuality["future_aux"]) | set(lex.factuality["hypothetical_aux"])
    return bool(trigger.content) or any(
        g.dep_ == "aux" and g.lower_ in modal
        for c in trigger.token.children if c.dep_ in ("ccomp", "xcomp") for g in c.children)


def _phrase_tokens(trigger: Trigger) -> list[Token]:
    """The trigger, its modifiers and instruments, and merged triggers: where mode words sit."""
    toks = [trigger.token, *trigger.token.children]
    for merged in trigger.merged:
        toks += [merged.token, *merged.token.children]
    toks += [g for c in trigger.token.children if c.dep_ in ("prep", "dobj", "nsubj", "agent") for g in c.children]
    return toks


def _content_tokens(trigger: Trigger) -> list[Token]:
    toks: list[Token] = []
    for child in trigger.token.children:
        if child.dep_ in ("xcomp", "ccomp", "acl", "prep", "dobj", "advcl"):
            toks += list(child.subtree)
    return toks


def _key(entity: Entity) -> tuple:
    return (entity.actor_id,) if entity.actor_id else (entity.text.lower(),)


def _same_any(entity: Entity, others: list[Entity]) -> bool:
    return any(_key(entity) == _key(o) or (entity.start is not None and entity.start == o.start) for o in others)


def _same_party(entity: Entity, actor: list[Entity], state_sectors: frozenset[str]) -> bool:
    """Whether a recipient is one of the actors. A state's organs (its government, forces,
    courts) are the state; its refugees, rebels or opposition are another party ("Turkey
    will allow Turkish refugees to return")."""
    def side(e: Entity) -> tuple:
        return (*_key(e), e.sector if e.sector and e.sector not in state_sectors else None)
    return any(side(entity) == side(a) or entity.start == a.start for a in actor)


def _speaks_for(claimant: Entity, actor: list[Entity]) -> bool:
    """A speaker threatens for the side named, unless that side is a known state or body
    and the speaker's own is unknown (a name the parser split)."""
    unknown = not claimant.country and any(a.country for a in actor)
    return _same_side(claimant, actor) and not unknown


def _same_side(claimant: Entity, actor: list[Entity]) -> bool:
    """Unless known otherwise, a speaker announcing a side's act speaks for that side."""
    if not actor or _same_any(claimant, actor):
        return True
    return not claimant.country or any(not a.country or a.country == claimant.country for a in actor)


def _historical(date: DateValue | None, published: dt.date | None, years: int) -> bool:
    """Dated by the text more than ``years`` before publication (PLOVER's auxiliary mode)."""
    if date is None or date.basis != "text" or not date.value or published is None:
        return False
    parts = date.value.split("-")
    try:
        day = dt.date(int(parts[0]), int(parts[1]) if len(parts) > 1 and parts[1].isdigit() else 12, 1)
    except ValueError:
        return False
    return (published - day).days > 365 * years
