"""Who a record is by and about, and how a user's actor query matches entities.

Analysis works on record dicts alone (no store, no knowledge base), so everything
here reads the entities the records carry: ``actor_id``, ``country``, ``kind``,
``name`` and the text that named them.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from dossier.analyze.lexicon import load

#: Entity kinds that stand for their country as an issue ("Putin" is an issue of Russia).
FOLDS_TO_COUNTRY = ("state", "person", "place", "population")
#: Country codes that are no country (the schema's IGO / NGO / IMG).
NON_STATE_CODES = ("IGO", "NGO", "IMG")
#: Words that resolve to an actor in context but name nobody in free text
#: ("us" is left out: capitalised, it is the United States).
PRONOUNS = frozenset(
    ["i", "we", "you", "he", "she", "it", "they", "me", "him", "her", "them", "his", "its", "their"]
)


def holders(record: dict) -> list[dict]:
    """The entities whose act or words a record is: a statement's speaker, an event's actors."""
    if record.get("record_type") == "statement":
        return [record["speaker"]] if record.get("speaker") else []
    return list(record.get("actor") or [])


def recipients(record: dict) -> list[dict]:
    """The entities a record is directed at: an event's recipients, a statement's addressee."""
    if record.get("record_type") == "statement":
        return [record["addressee"]] if record.get("addressee") else []
    return list(record.get("recipient") or [])


def directed_pairs(record: dict) -> list[tuple[dict, dict]]:
    """(actor, recipient) pairs of an event or story event; a mutual act with several
    actors and no recipient ("Trump and Putin spoke") points each actor at the others."""
    actors, targets = holders(record), recipients(record)
    if targets:
        return [(a, t) for a in actors for t in targets]
    if record.get("type") in load("relations")["mutual"]:
        return [(a, b) for a in actors for b in actors if entity_key(a) != entity_key(b)]
    return []


def is_actor(entity: dict | None) -> bool:
    """Whether an entity is someone: resolved, or of a known kind ("the talks" is not)."""
    return bool(entity) and (bool(entity.get("actor_id")) or entity.get("kind") != "unknown")


def participants(record: dict) -> list[dict]:
    """Everyone a record involves: its holders, recipients, and whoever claimed it."""
    claimant = (record.get("attribution") or {}).get("claimant")
    return [*holders(record), *recipients(record), *([claimant] if claimant else [])]


def display_name(entity: dict | None) -> str:
    if not entity:
        return "someone"
    return entity.get("name") or entity.get("text") or entity.get("actor_id") or "someone"


def entity_key(entity: dict) -> str:
    """One actor's identity: its KB id, else its name as written."""
    if entity.get("actor_id"):
        return entity["actor_id"]
    return "name:" + display_name(entity).lower()


def issue_key(entity: dict) -> str:
    """The actor an issue is about: people and places of a country fold into the country."""
    country = entity.get("country")
    if country and country not in NON_STATE_CODES and entity.get("kind") in FOLDS_TO_COUNTRY:
        return country
    return entity_key(entity)


def same_actor(a: dict, b: dict) -> bool:
    """Whether two entities can be one actor: same id; or the same country, unless both
    are different known people (Vance is not Trump, but Washington is either)."""
    if a.get("actor_id") and a.get("actor_id") == b.get("actor_id"):
        return True
    if a.get("actor_id") and b.get("actor_id") and a.get("kind") == b.get("kind") == "person":
        return False
    country = a.get("country")
    return bool(country) and country not in NON_STATE_CODES and country == b.get("country")


def overlap(group_a: Iterable[dict], group_b: Iterable[dict]) -> bool:
    group_b = list(group_b)
    return any(same_actor(a, b) for a in group_a for b in group_b)


def compatible_groups(group_a: list[dict], group_b: list[dict]) -> bool:
    """Actor lists that can name the same participants (an empty list says nothing)."""
    return not group_a or not group_b or overlap(group_a, group_b)


def covers(group_a: list[dict], group_b: list[dict]) -> bool:
    """Whether every entity of ``group_b`` can be one of ``group_a``."""
    return all(any(same_actor(a, b) for a in group_a) for b in group_b)


def compatible_parties(a: dict, b: dict) -> bool:
    """Whether two records can have the same participants.

    Directed acts need overlapping actors and recipients. A meeting of several parties
    listed together (PLOVER's actor list with no recipient) is the same meeting only when
    one report's parties cover the other's: "Zelensky met Vance and Rubio" and "U.S. and
    Russian officials met" share the United States but are two meetings.
    """
    actors_a, actors_b = holders(a), holders(b)
    if recipients(a) or recipients(b) or len(actors_a) < 2 or len(actors_b) < 2:
        return compatible_groups(actors_a, actors_b) and compatible_groups(
            recipients(a), recipients(b)
        )
    return covers(actors_a, actors_b) or covers(actors_b, actors_a)


def all_entities(records: Iterable[dict]) -> list[dict]:
    """Every entity the records name; ``mention`` records add how else text named them."""
    found = []
    for record in records:
        if record.get("record_type") == "mention":
            found += [record["entity"]] if record.get("entity") else []
        else:
            found += [*holders(record), *recipients(record)]
    return found


@dataclass
class Names:
    """Display names for actor and issue keys, read from the entities of a record set."""

    by_key: dict[str, str] = field(default_factory=dict)

    @classmethod
    def of(cls, records: Iterable[dict]) -> Names:
        names = cls()
        entities = all_entities(records)
        # states first, so that "RUS" reads "Russia" rather than "Putin"
        for entity in sorted(entities, key=lambda e: e.get("kind") != "state"):
            names.by_key.setdefault(entity_key(entity), display_name(entity))
            names.by_key.setdefault(issue_key(entity), display_name(entity))
        return names

    def __call__(self, key: str | None) -> str:
        if key is None:
            return "anything"
        return self.by_key.get(key, key.removeprefix("name:"))


@dataclass
class ActorQuery:
    """A user's actor query ("Vance", "RUS", "Russia") resolved against a record set.

    It matches entities by id, name or text; a query naming a state also matches the
    people and places of that state (asking about Russia finds Putin and Moscow).
    ``mentioned_in`` finds the actor in free text by the surface forms records used.
    """

    query: str
    ids: set[str] = field(default_factory=set)
    countries: set[str] = field(default_factory=set)
    pattern: re.Pattern | None = None

    @classmethod
    def resolve(cls, query: str, records: Iterable[dict]) -> ActorQuery:
        entities = all_entities(records)
        found = cls(query)
        for entity in entities:
            if found._names(entity):
                found.ids.add(entity_key(entity))
                if entity.get("kind") == "state" and entity.get("country"):
                    found.countries.add(entity["country"])
        forms = {query[:1].upper() + query[1:]} | {
            form for e in entities if found.matches(e) for form in (e.get("text"), e.get("name"))
        }
        found.pattern = _forms_pattern(f for f in forms if f)
        return found

    def _names(self, entity: dict) -> bool:
        query = self.query.lower()
        if (entity.get("actor_id") or "").lower() == query:
            return True
        if entity.get("kind") == "state" and (entity.get("country") or "").lower() == query:
            return True
        word = re.compile(r"\b" + re.escape(self.query), re.IGNORECASE)
        return bool(word.search(display_name(entity)) or word.search(entity.get("text") or ""))

    def matches(self, entity: dict | None) -> bool:
        if not entity:
            return False
        return (
            entity_key(entity) in self.ids
            or self._names(entity)
            or (entity.get("country") in self.countries and entity.get("kind") in FOLDS_TO_COUNTRY)
        )

    def any(self, entities: Iterable[dict]) -> bool:
        return any(self.matches(e) for e in entities)

    def mentioned_in(self, text: str | None) -> bool:
        return bool(text and self.pattern and self.pattern.search(text))


def _forms_pattern(forms: Iterable[str]) -> re.Pattern | None:
    """Word-bounded names (group 1), allowing a short lowercase ending (Russia → Russians).

    Only capitalised forms count: pronouns and titles ("he", "the minister") that
    resolved to an actor would otherwise match everywhere.
    """
    names = {f for f in forms if f[:1].isupper() and f.lower() not in PRONOUNS}
    alternatives = sorted({re.escape(f) for f in names}, key=len, reverse=True)
    if not alternatives:
        return None
    return re.compile(r"\b(" + "|".join(alternatives) + r")(?:[a-z]{0,3}|['’]s)?\b")


@dataclass
class Gazetteer:
    """Finds, in free text, the issue actors a record set names (what statements are about)."""

    key_by_form: dict[str, str]
    pattern: re.Pattern | None

    @classmethod
    def of(cls, records: Iterable[dict]) -> Gazetteer:
        key_by_form: dict[str, str] = {}
        for entity in filter(is_actor, all_entities(records)):
            for form in (entity.get("text"), entity.get("name")):
                if form:
                    key_by_form.setdefault(form, issue_key(entity))
        return cls(key_by_form, _forms_pattern(key_by_form))

    def nearest(self, text: str | None, at: int, exclude: str | None = None) -> str | None:
        """The actor named closest to character ``at`` of ``text`` (``exclude`` aside)."""
        if not (self.pattern and text):
            return None
        found = [(abs(m.start() - at), self.key_by_form[m[1]]) for m in self.pattern.finditer(text)]
        return min((f for f in found if f[1] != exclude), default=(0, None))[1]
