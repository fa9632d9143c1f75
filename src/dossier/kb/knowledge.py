"""The knowledge base: states, international bodies, regions, media and people, with dated roles.

Everything is indexed once at load time so that the questions the actor resolver asks per
mention are dictionary look-ups: who is called this, what does this title mean in this
country, who held this office on this day.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Any

from dossier.kb import places

#: The kinds of actor the KB holds (``Entity.kind``).
KINDS = ("person", "state", "igo", "ngo", "media", "armed_group", "region")

#: How a text names an actor, best first (used to rank look-up candidates).
MATCH_RANK = {
    "name": 0, "alias": 1, "capital": 2, "seat": 2, "adjective": 3, "demonym": 3, "surname": 4,
}
#: Codes that are country-type codes (``Entity.country``), never sectors.
NOT_SECTORS = {"IGO", "NGO", "IMG"}
#: Matches that name a state's government rather than the state itself.
GOVERNMENT_MATCHES = {"capital", "seat"}


@dataclass
class Role:
    """An office held between two dates (``end`` None: still held)."""

    office: str
    country: str | None = None
    title: str | None = None
    org: str | None = None
    sector: str | None = None
    start: dt.date | None = None
    end: dt.date | None = None
    date_precision: str | None = None

    def valid_at(self, date: dt.date) -> bool:
        return (self.start is None or self.start <= date) and (self.end is None or date <= self.end)

    def to_json(self) -> dict[str, Any]:
        data = {k: v for k, v in vars(self).items() if v is not None}
        for key in ("start", "end"):
            if key in data:
                data[key] = data[key].isoformat()
        return data


@dataclass
class KbActor:
    """One KB entry. ``data`` keeps the entry as written, for ``explain``."""

    id: str
    name: str
    kind: str
    country: str | None = None
    sector: str | None = None
    aliases: list[str] = field(default_factory=list)
    roles: list[Role] = field(default_factory=list)
    gender: str | None = None
    parent: str | None = None
    data: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Candidate:
    """One reading of a text: an actor, as of a date, and how the text named it."""

    actor_id: str
    name: str
    kind: str
    country: str | None
    sector: str | None
    role: str | None
    match: str
    score: float


def normalise(text: str) -> str:
    """The look-up key of a name: case-folded, curly quotes and dots dropped, no leading "the"."""
    text = text.replace("\u2019", "'").replace(".", "").casefold().strip()
    text = re.sub(r"\s+", " ", text)
    return text[4:] if text.startswith("the ") else text


def _iso(value: Any) -> str | None:
    """A YAML date (or string) as an ISO string, for JSON output."""
    return value.isoformat() if isinstance(value, dt.date) else value


def parse_date(value: Any) -> dt.date | None:
    """A YAML date (already a ``date``) or an ISO prefix string (``2025``, ``2025-01``)."""
    if value is None or isinstance(value, dt.date):
        return value
    parts = [int(p) for p in str(value)[:10].split("-")]
    return dt.date(parts[0], *(parts[1:] + [1, 1])[:2])


class KnowledgeBase:
    """Actors by id, by name, and by office; see ``dossier.kb.load``."""

    def __init__(self, offices: dict[str, dict], overrides: dict[str, dict]):
        self.actors: dict[str, KbActor] = {}
        self.offices = offices
        self._office_rank = {office: i for i, office in enumerate(offices)}
        self.titles: dict[str, str | None] = {}
        #: Title phrases as written, for matchers (``titles`` keys are normalised).
        self.title_surfaces: set[str] = set()
        for office, spec in offices.items():
            for title in spec.get("titles", ()):
                self.titles.setdefault(normalise(title), office)
                self.title_surfaces.add(title)
        self.overrides = {normalise(t): scopes for t, scopes in overrides.items()}
        for title in overrides:
            self.titles.setdefault(normalise(title), None)
            self.title_surfaces.add(title)
        self.names: dict[str, list[tuple[str, str]]] = {}
        #: Names as written (without a leading "the"), for case-sensitive matchers.
        self.surfaces: set[str] = set()
        self.codes: dict[str, str] = {}
        self._holders: dict[tuple[str, str], list[tuple[str, Role]]] = {}

    # --- building ---------------------------------------------------------------------

    def add(self, actor: KbActor, names: dict[str, list[str]]) -> None:
        """Index ``actor`` under each of its names; ``names`` maps match kind -> texts."""
        self.actors[actor.id] = actor
        for match, texts in names.items():
            for text in texts:
                self.surfaces.add(text[4:] if text.startswith("the ") else text)
                key = normalise(text)
                entries = self.names.setdefault(key, [])
                if (actor.id, match) not in entries:
                    entries.append((actor.id, match))
        for role in actor.roles:
            for scope in {role.country, role.org} - {None}:
                self._holders.setdefault((role.office, scope), []).append((actor.id, role))

    def add_code(self, code: str, actor_id: str) -> None:
        self.codes[code.upper()] = actor_id

    # --- questions --------------------------------------------------------------------

    def actor(self, actor_id: str) -> KbActor | None:
        return self.actors.get(actor_id)

    def state(self, code: str) -> KbActor | None:
        """The state with this ISO3, ISO2 or CAMEO code."""
        return self.actors.get(self.codes.get(code.upper(), ""))

    def place_country(self, name: str) -> str | None:
        """The state a place (a city of 15,000+ people, a U.S. state, a territory) lies in."""
        location = places.resolve(name)
        return location.country if location else None

    def role_at(self, actor_id: str, date: dt.date | None = None) -> Role | None:
        """The most senior role ``actor_id`` held on ``date`` (today when None)."""
        actor = self.actors.get(actor_id)
        if actor is None:
            return None
        date = date or dt.date.today()
        valid = [r for r in actor.roles if r.valid_at(date)]
        return min(valid, key=lambda r: self._office_rank.get(r.office, 99), default=None)

    def office_holder(
        self, office: str, country_or_org: str, date: dt.date | None = None
    ) -> KbActor | None:
        """Who held ``office`` for a state (ISO3) or body (org id) on ``date``."""
        date = date or dt.date.today()
        scope = country_or_org if country_or_org in self.actors else country_or_org.upper()
        state = self.state(scope)
        if state is not None:
            scope = state.id
        for actor_id, role in self._holders.get((office, scope), ()):
            if role.valid_at(date):
                return self.actors[actor_id]
        return None

    def office_for(self, title: str, scope: str | None = None) -> str | None:
        """The office a title phrase names, in a state or body when ``scope`` is given."""
        key = normalise(title)
        scopes = self.overrides.get(key, {})
        if scope is not None and scope in scopes:
            return scopes[scope]
        return self.titles.get(key)

    def country_of(self, actor: KbActor, date: dt.date | None = None) -> str | None:
        """The code an actor counts for on ``date``: its office's, else its own, else its latest."""
        role = self.role_at(actor.id, date) if actor.kind == "person" else None
        if role is not None:
            return self._role_country(role)
        if actor.country or not actor.roles:
            return actor.country
        past = [r for r in actor.roles if date is None or r.start is None or r.start <= date]
        latest = max(past or actor.roles, key=lambda r: r.start or dt.date.min)
        return self._role_country(latest)

    def _role_country(self, role: Role) -> str | None:
        org = self.actors.get(role.org or "")
        if org is not None and org.country:
            return org.country
        return role.country

    def sector_of(self, actor: KbActor, role: Role | None) -> str | None:
        """The sector an actor acts in: its office's for people (a role's own sector unless
        it is a country-type code such as IGO), else its own."""
        if role is None:
            return actor.sector if actor.kind != "person" else None
        if role.sector and role.sector not in NOT_SECTORS:
            return role.sector
        return self.offices.get(role.office, {}).get("sector")

    def lookup(self, text: str, date: dt.date | None = None) -> list[Candidate]:
        """Every actor ``text`` can name, best first: exact names before surnames, office
        holders (on ``date``) before people out of office."""
        date = date or dt.date.today()
        found = []
        for actor_id, match in self.names.get(normalise(text), ()):
            actor = self.actors[actor_id]
            role = self.role_at(actor_id, date) if actor.kind == "person" else None
            score = 10.0 - MATCH_RANK.get(match, 5) + (2.0 if role else 0.0)
            sector = "GOV" if match in GOVERNMENT_MATCHES else self.sector_of(actor, role)
            found.append(
                Candidate(
                    actor_id, actor.name, actor.kind, self.country_of(actor, date), sector,
                    role.office if role else None, match, score,
                )
            )
        best: dict[str, Candidate] = {}
        for candidate in sorted(found, key=lambda c: -c.score):
            best.setdefault(candidate.actor_id, candidate)
        return list(best.values())

    def explain(self, name: str) -> dict[str, Any]:
        """What the KB knows about a name: matching entries, their aliases, dated roles,
        sources; and the office a title names."""
        entries = []
        matches = list(self.names.get(normalise(name), ()))
        if name in self.actors:
            matches.insert(0, (name, "id"))
        for actor_id, match in matches:
            actor = self.actors[actor_id]
            entries.append({
                "id": actor.id, "name": actor.name, "kind": actor.kind, "match": match,
                "country": actor.country, "sector": actor.sector, "aliases": actor.aliases,
                "roles": [r.to_json() for r in actor.roles],
                "wikidata": actor.data.get("wikidata"), "source": actor.data.get("source"),
                "as_of": _iso(actor.data.get("as_of")),
            })
        result: dict[str, Any] = {"query": name, "entries": entries}
        key = normalise(name)
        if key in self.titles:
            result["office"] = {"default": self.titles[key], "overrides": self.overrides.get(key, {})}
        return result
