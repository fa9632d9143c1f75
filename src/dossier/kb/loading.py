"""Reads the shipped KB files and users' own, merges them, and builds a ``KnowledgeBase``.

Files are YAML mappings with any of the sections ``states``, ``orgs``, ``people`` (lists of
entries with an ``id``), ``offices`` and ``overrides`` (see ``data/offices.yaml``); a file's
``meta`` gives the ``source``/``as_of`` of entries that lack their own. A people file may also
be a bare list of people. Later files win: an entry with a known id updates that entry's
fields (its ``aliases`` are added to), so a user file can correct a role or add a nickname.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import yaml

from dossier.cache import cached
from dossier.kb.knowledge import KbActor, KnowledgeBase, Role, parse_date

DATA_DIR = Path(__file__).with_name("data")
SHIPPED = ("countries.yaml", "orgs.yaml", "offices.yaml")
SECTIONS = {"states": "state", "orgs": None, "people": "person"}

_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def default_files() -> list[Path]:
    """The shipped files, then the people files the data helpers write."""
    return [DATA_DIR / name for name in SHIPPED] + sorted(DATA_DIR.glob("people_*.yaml"))


def load(user_files: Iterable[str | Path] = ()) -> KnowledgeBase:
    """The KB built from the shipped data with ``user_files`` merged over it (in order)."""
    return _load_cached(tuple(str(Path(f)) for f in user_files))


@functools.lru_cache(maxsize=8)
def _load_cached(user_files: tuple[str, ...]) -> KnowledgeBase:
    files = default_files() + [Path(f) for f in user_files]
    return cached("kb", files, lambda: build(files))


def build(files: Iterable[Path]) -> KnowledgeBase:
    """Parse and merge ``files`` (no caching)."""
    entries: dict[str, dict[str, Any]] = {}
    offices: dict[str, dict] = {}
    overrides: dict[str, dict] = {}
    for path in files:
        with open(path, encoding="utf-8") as fh:
            data = yaml.load(fh, Loader=_Loader) or {}
        if isinstance(data, list):
            data = {"people": data}
        meta = data.get("meta") or {}
        for section, kind in SECTIONS.items():
            for entry in data.get(section) or ():
                _merge(entries, entry, kind, meta)
        offices.update(data.get("offices") or {})
        for title, scopes in (data.get("overrides") or {}).items():
            overrides.setdefault(title, {}).update(scopes or {})
    kb = KnowledgeBase(offices, overrides)
    for entry in entries.values():
        _add_entry(kb, entry)
    return kb


def _merge(entries: dict[str, dict], entry: dict, kind: str | None, meta: dict) -> None:
    entry = dict(entry)
    if kind:
        entry.setdefault("kind", kind)
    for key in ("source", "as_of"):
        if meta.get(key) is not None:
            entry.setdefault(key, meta[key])
    old = entries.get(entry["id"])
    if old is None:
        entries[entry["id"]] = entry
        return
    aliases = list(dict.fromkeys([*old.get("aliases", []), *entry.get("aliases", [])]))
    old.update(entry)
    old["aliases"] = aliases


def _add_entry(kb: KnowledgeBase, entry: dict) -> None:
    if not entry.get("name"):
        raise ValueError(f"KB entry {entry['id']!r} has no name (a new entry needs one)")
    kind = entry.get("kind", "unknown")
    actor = KbActor(
        id=str(entry["id"]),
        name=entry["name"],
        kind=kind,
        country=entry.get("country") or (entry["id"] if kind == "state" else None),
        sector=entry.get("sector"),
        aliases=list(entry.get("aliases") or ()),
        roles=[_role(r) for r in entry.get("roles") or ()],
        gender=entry.get("gender"),
        parent=entry.get("parent"),
        data=entry,
    )
    names = {
        "name": [actor.name],
        "alias": actor.aliases,
        "adjective": entry.get("adjectives") or [],
        "demonym": entry.get("demonyms") or [],
        "capital": entry.get("capitals") or [],
        "seat": entry.get("seats") or [],
        "surname": ([entry["surname"]] if entry.get("surname") else []) + list(entry.get("surname_variants") or ()),
    }
    kb.add(actor, names)
    if kind == "state":
        for key in ("id", "iso2", "iso3", "cameo"):
            if entry.get(key):
                kb.add_code(str(entry[key]), actor.id)


def _role(data: dict) -> Role:
    return Role(
        office=data["office"],
        country=data.get("country"),
        title=data.get("title"),
        org=data.get("org"),
        sector=data.get("sector"),
        start=parse_date(data.get("start")),
        end=parse_date(data.get("end")),
        date_precision=data.get("date_precision"),
    )
