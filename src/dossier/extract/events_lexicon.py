"""The event coder's data: trigger lexicons and dependency grammar, loaded once.

``data/events_lexicon.yaml`` holds the triggers per PLOVER type (verbs, phrasal
verbs, adjectives, nouns, support verbs, noun classes); ``data/events_grammar.yaml``
the dependency labels and words for roles, factuality, modes and contexts.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from importlib import resources
from typing import Any

import yaml


def _load(name: str) -> dict[str, Any]:
    path = resources.files("dossier.extract").joinpath("data", name)
    return yaml.safe_load(path.read_text(encoding="utf-8"))


@functools.lru_cache(maxsize=4096)
def _repair(form: str, lemma: str, known: frozenset[str]) -> str:
    """A known verb the inflected ``form`` may come from, when the lemmatizer missed it
    ("staged" -> "stag" is repaired to "stage")."""
    stems = (form, form[:-1], form[:-2], form[:-3], form[:-3] + "e", form[:-3] + "y")
    return next((s for s in stems if s in known), lemma)


def _invert(groups: dict[str, list[str]]) -> dict[str, str]:
    """{label: [word, ...]} -> {word: label}, first label wins."""
    index: dict[str, str] = {}
    for label, words in groups.items():
        for word in words:
            index.setdefault(word, label)
    return index


@dataclass(frozen=True)
class Lexicon:
    verbs: dict[str, dict]
    phrasal: dict[str, dict]
    adjectives: dict[str, dict]
    nouns: dict[str, dict]
    support_verbs: frozenset[str]
    support_nouns: frozenset[str]
    noun_classes: dict[str, frozenset[str]]
    roles: dict[str, Any]
    factuality: dict[str, Any]
    mode_words: dict[str, dict[str, str]]  # type -> {word: mode}
    context_words: dict[str, str]  # word -> context
    context_order: tuple[str, ...]

    @functools.cached_property
    def verb_words(self) -> frozenset[str]:
        """Every verb the rules name: triggers, support, reporting and governing verbs."""
        fact = self.factuality
        heads = {key.split()[0] for key in self.phrasal}
        return frozenset(heads | set(self.verbs) | self.support_verbs | set(fact["reporting_verbs"])
                         | set(fact["future_governors"]) | set(fact["hypothetical_governors"])
                         | set(fact["negating_governors"]) | set(self.roles["stative_passives"]))

    def lemma(self, tok) -> str:
        """The token's lemma, with verb lemmas the lemmatizer got wrong repaired."""
        lemma = tok.lemma_.lower()
        if tok.pos_ != "VERB" or lemma in self.verb_words:
            return lemma
        return _repair(tok.lower_, lemma, self.verb_words)

    @functools.cached_property
    def trigger_words(self) -> frozenset[str]:
        """Every word that can start a trigger: lemmas, phrasal heads, obligation words."""
        heads = {key.split()[0] for key in self.phrasal}
        return frozenset(heads | set(self.verbs) | set(self.nouns) | set(self.adjectives)
                         | set(self.factuality["obligation_aux"]) | {"have"})

    @functools.cached_property
    def word_modes(self) -> dict[str, frozenset[str]]:
        """Per type, the modes a word in the trigger's phrase can give (weapons, forms)."""
        return {kind: frozenset(words.values()) for kind, words in self.mode_words.items()}

    def in_class(self, lemma: str, name: str) -> bool:
        return lemma in self.noun_classes.get(name, ())

    def noun_actor_preps(self, event_type: str) -> frozenset[str]:
        """Prepositions naming a noun event's actor; a movement's "from" is its path, and
        two-sided violence names all its sides with "between" (all are actors in PLOVER)."""
        preps = frozenset(self.roles["noun_actor_preps"]) | frozenset(self.roles["noun_party_preps"].get(event_type, ()))
        return preps - {"from"} if event_type in self.roles["path_types"] else preps

    def recipient_preps(self, event_type: str) -> frozenset[str]:
        preps = self.roles["recipient_preps"]
        return frozenset(preps.get(event_type, preps["*"]))


@functools.cache
def lexicon() -> Lexicon:
    triggers = _load("events_lexicon.yaml")
    grammar = _load("events_grammar.yaml")
    return Lexicon(
        verbs=triggers["verbs"],
        phrasal=triggers["phrasal"],
        adjectives=triggers["adjectives"],
        nouns=triggers["nouns"],
        support_verbs=frozenset(triggers["support_verbs"]),
        support_nouns=frozenset(triggers["support_nouns"]),
        noun_classes={k: frozenset(v) for k, v in triggers["noun_classes"].items()},
        roles=grammar["roles"],
        factuality=grammar["factuality"],
        mode_words={t: _invert(groups) for t, groups in grammar["mode_words"].items()},
        context_words=_invert(grammar["context_words"]),
        context_order=tuple(grammar["context_words"]),
    )
