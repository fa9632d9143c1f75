"""The PLOVER event ontology: types, modes, contexts, intensity, and our CAMEO choice table.

Everything is data (``data/plover.yaml``, ``data/cameo.yaml``); this module only
loads and answers questions about it. ``ontology()`` is loaded once per process.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from importlib import resources
from typing import Any

import yaml

QUADS = {1: "verbal_cooperation", 2: "material_cooperation", 3: "verbal_conflict", 4: "material_conflict"}


def _load(name: str) -> dict[str, Any]:
    text = resources.files("dossier.ontology").joinpath("data", name).read_text(encoding="utf-8")
    return yaml.safe_load(text)


def _by_type_and_mode(table: dict[str, str], event_type: str, mode: str | None) -> str | None:
    """Look ``TYPE:mode`` up first, then ``TYPE`` (tables keyed like ``threat_modes``)."""
    if mode and f"{event_type}:{mode}" in table:
        return table[f"{event_type}:{mode}"]
    return table.get(event_type)


@dataclass(frozen=True)
class Ontology:
    types: dict[str, dict[str, Any]]
    contexts: tuple[str, ...]
    factuality: tuple[str, ...]
    future_types: dict[str, str]
    threat_modes: dict[str, str]
    request_modes: dict[str, str]
    refusal_types: dict[str, str]
    absorbs: dict[str, list[str]]
    legacy_types: dict[str, str]
    cameo_table: dict[str, dict[str, Any]]

    def modes(self, event_type: str) -> tuple[str, ...]:
        return tuple(self.types[event_type]["modes"])

    def is_mode(self, event_type: str, mode: str | None) -> bool:
        return mode is None or mode in self.types.get(event_type, {}).get("modes", {})

    def quad(self, event_type: str) -> int:
        return self.types[event_type]["quad"]

    def is_conflict(self, event_type: str) -> bool:
        return self.quad(event_type) >= 3

    def intensity(self, event_type: str, mode: str | None = None) -> float | None:
        """PLOVER's conflict/cooperation score for ``type:mode``, else the type's score."""
        spec = self.types.get(event_type)
        if spec is None:
            return None
        mode_spec = spec["modes"].get(mode) if mode else None
        if mode_spec and mode_spec.get("intensity") is not None:
            return float(mode_spec["intensity"])
        return float(spec["intensity"])

    def mode_contexts(self, event_type: str, mode: str | None) -> list[str]:
        """Contexts a mode implies (COERCE cyber adds the cyber context, ...)."""
        mode_spec = self.types.get(event_type, {}).get("modes", {}).get(mode or "", {})
        return [mode_spec["context"]] if mode_spec.get("context") else []

    def future_type(self, event_type: str) -> str:
        """The single category for a future act (a future meeting is AGREE)."""
        return self.future_types.get(event_type, event_type)

    def threat_mode(self, event_type: str, mode: str | None) -> str | None:
        """THREATEN's mode for a threatened act of ``type:mode``; None when it is no threat."""
        return _by_type_and_mode(self.threat_modes, event_type, mode)

    def request_mode(self, event_type: str, mode: str | None) -> str | None:
        """REQUEST/REJECT mode for what is asked for or refused."""
        return _by_type_and_mode(self.request_modes, event_type, mode)

    def refusal_type(self, event_type: str) -> str | None:
        """REJECT for a negated commitment ("will not accept"); None otherwise."""
        return self.refusal_types.get(event_type)

    def canonical_type(self, name: str) -> str | None:
        """A current PLOVER type for ``name`` (0.5b1 names mapped); None if unknown."""
        name = self.legacy_types.get(name.upper(), name.upper())
        return name if name in self.types else None

    def cameo(self, event_type: str, mode: str | None = None, contexts=(), origin: str | None = None) -> str | None:
        """The CAMEO code our table chooses (see data/cameo.yaml for the lookup order)."""
        row = self.cameo_table.get(event_type)
        if row is None:
            return None
        if mode:
            for context in contexts:
                code = row.get("mode_context", {}).get(f"{mode}/{context}")
                if code:
                    return code
            if mode in row.get("modes", {}):
                return row["modes"][mode]
        if origin and origin in row.get("origin", {}):
            return row["origin"][origin]
        for context in contexts:
            if context in row.get("contexts", {}):
                return row["contexts"][context]
        return row["code"]


@functools.cache
def ontology() -> Ontology:
    data = _load("plover.yaml")
    return Ontology(
        types=data["types"],
        contexts=tuple(data["contexts"]),
        factuality=tuple(data["factuality"]),
        future_types=data["future_types"],
        threat_modes=data["threat_modes"],
        request_modes=data["request_modes"],
        refusal_types=data["refusal_types"],
        absorbs=data["absorbs"],
        legacy_types=data["legacy_types"],
        cameo_table=_load("cameo.yaml"),
    )
